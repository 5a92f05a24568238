from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "ingang.followup"
    label = "followup"
