from django.urls import path

from ingang.review import views

app_name = "review"
urlpatterns = [
    path("loggkontroll/", views.workspace, name="workspace"),
    path("loggkontroll/kontroll/", views.check, name="check"),
    path("loggkontroll/stickprov/", views.sample, name="sample"),
    path("loggkontroll/granskningar/", views.review_list, name="reviews"),
    path("loggkontroll/granskningar/ny/", views.record, name="record"),
    path("loggkontroll/granskningar/<uuid:review_id>/", views.review_detail, name="review_detail"),
    path("loggkontroll/rapport/", views.report, name="report"),
    path("loggkontroll/incident/", views.breach, name="breach"),
    path("loggkontroll/kanda-personer/", views.well_known, name="well_known"),
    path(
        "loggkontroll/kanda-personer/<int:pk>/ta-bort/",
        views.well_known_remove,
        name="well_known_remove",
    ),
]
