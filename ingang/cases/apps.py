from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ingang.cases"
    label = "cases"
