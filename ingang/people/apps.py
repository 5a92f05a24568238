from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ingang.people"
    label = "people"
