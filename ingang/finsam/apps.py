from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "ingang.finsam"
    label = "finsam"
