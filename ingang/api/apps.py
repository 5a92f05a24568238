from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ingang.api"
    label = "api"
