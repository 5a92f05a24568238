from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "ingang.meetings"
    label = "meetings"
