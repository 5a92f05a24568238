from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ingang.imports"
    label = "imports"
