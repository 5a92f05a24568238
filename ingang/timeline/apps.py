from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "ingang.timeline"
    label = "timeline"
