from django.urls import path

from ingang.followup import views

app_name = "followup"
urlpatterns = [
    path("uppfoljning/rapporter/", views.reports, name="reports"),
    path(
        "uppfoljning/rapporter/<slug:key>.<str:fmt>",
        views.report_export,
        name="export",
    ),
    path("uppfoljning/leverans.csv", views.delivery, name="delivery"),
    path("uppfoljning/deltagare/", views.find, name="find"),
    path("uppfoljning/deltagare/ny/", views.anonymous_enter, name="anonymous_new"),
    path("uppfoljning/deltagare/<str:reference>/", views.participation, name="participation"),
    path("personer/<uuid:public_id>/insatser/", views.person_participations, name="person"),
    path("personer/<uuid:public_id>/insatser/ny/", views.person_enter, name="person_new"),
]
