from django.urls import path

from ingang.notifications import views

app_name = "notifications"
urlpatterns = [
    path("inkorg/", views.inbox, name="inbox"),
    path("inkorg/last/", views.mark_read, name="mark_read"),
    path("inkorg/installningar/", views.preferences, name="preferences"),
]
