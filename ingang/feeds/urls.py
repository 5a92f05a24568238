from django.urls import URLPattern, URLResolver, path

from ingang.feeds import views

app_name = "feeds"
urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/feeds/activities/", views.activities_push, name="activities_push"),
]
