from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "ingang.feeds"
    label = "feeds"
