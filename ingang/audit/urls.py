from django.urls import path

from ingang.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.review, name="review"),
    path("personer/<uuid:public_id>/", views.person_log, name="person_log"),
]
