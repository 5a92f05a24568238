from django.urls import path

from ingang.people import views

app_name = "people"
urlpatterns = [
    path("sok/", views.search, name="search"),
    path("ny/", views.register, name="register"),
    path("<uuid:public_id>/", views.overview, name="overview"),
    path("<uuid:public_id>/team/", views.team, name="team"),
    path("<uuid:public_id>/team/<int:member_id>/ta-bort/", views.team_remove, name="team_remove"),
    path("<uuid:public_id>/uppgifter/ny/", views.entry_add, name="entry_add"),
]
