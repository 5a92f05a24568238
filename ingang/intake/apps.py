from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "ingang.intake"
    label = "intake"
