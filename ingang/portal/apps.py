from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ingang.portal"
    label = "portal"
