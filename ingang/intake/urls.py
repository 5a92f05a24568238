from django.urls import path

from ingang.intake import views

app_name = "intake"
urlpatterns = [
    path("mottagning/", views.reception, name="reception"),
    path("mottagning/ny-kontakt/", views.contact_start, name="start"),
    path("personer/<uuid:public_id>/kontakter/ny/", views.contact_new, name="contact_new"),
    path(
        "personer/<uuid:public_id>/kontakter/<uuid:contact_id>/",
        views.contact,
        name="contact",
    ),
    path(
        "personer/<uuid:public_id>/kontakter/<uuid:contact_id>/avsluta/",
        views.contact_close,
        name="close",
    ),
    path(
        "personer/<uuid:public_id>/kontakter/<uuid:contact_id>/sammanfattning/",
        views.summary,
        name="summary",
    ),
]
