from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ingang.core"
    label = "core"
