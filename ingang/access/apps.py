from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "ingang.access"
    label = "access"
