from django.urls import URLPattern, URLResolver, path

from ingang.api.auth import declare_api_rule
from ingang.fhir.api import fhir

app_name = "fhir"
urlpatterns: list[URLPattern | URLResolver] = declare_api_rule([path("fhir/R4/", fhir.urls)])
