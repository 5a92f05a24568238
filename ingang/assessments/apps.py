from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "ingang.assessments"
    label = "assessments"
