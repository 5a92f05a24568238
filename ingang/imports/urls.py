from django.urls import URLPattern, URLResolver, path

from ingang.imports import views

app_name = "imports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("uppfoljning/import/", views.upload, name="upload"),
    path("uppfoljning/import/bekrafta/", views.confirm, name="confirm"),
]
