from django.urls import URLPattern, URLResolver, path

from ingang.api.api import api
from ingang.api.auth import declare_api_rule

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = declare_api_rule([path("api/v1/", api.urls)])
