from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "ingang.records"
    label = "records"
