from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ingang.audit"
    label = "audit"
