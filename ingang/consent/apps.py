from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "ingang.consent"
    label = "consent"
