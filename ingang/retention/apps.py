from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "ingang.retention"
    label = "retention"
