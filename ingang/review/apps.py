from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "ingang.review"
    label = "review"
