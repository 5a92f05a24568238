from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "ingang.plans"
    label = "plans"
