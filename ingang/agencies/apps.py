from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "ingang.agencies"
    label = "agencies"
