from django.urls import path

from ingang.timeline import views

app_name = "timeline"
urlpatterns = [
    path("personer/<uuid:public_id>/tidslinje/", views.person_timeline, name="person"),
]
