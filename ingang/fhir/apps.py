from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "ingang.fhir"
    label = "fhir"
