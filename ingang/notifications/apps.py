from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ingang.notifications"
    label = "notifications"
