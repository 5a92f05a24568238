from django.urls import path

from ingang.meetings import views

app_name = "meetings"
urlpatterns = [
    path("kalender/", views.calendar, name="calendar"),
    path("personer/<uuid:public_id>/moten/", views.person_meetings, name="person"),
    path("personer/<uuid:public_id>/moten/ny/", views.book, name="book"),
    path("personer/<uuid:public_id>/moten/<uuid:meeting_id>/", views.detail, name="detail"),
    path(
        "personer/<uuid:public_id>/moten/<uuid:meeting_id>/utfall/",
        views.outcome,
        name="outcome",
    ),
    path("personer/<uuid:public_id>/moten/<uuid:meeting_id>/avboka/", views.cancel, name="cancel"),
    path(
        "personer/<uuid:public_id>/moten/<uuid:meeting_id>/flytta/",
        views.reschedule,
        name="reschedule",
    ),
]
