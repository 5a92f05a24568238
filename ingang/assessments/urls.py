from django.urls import path

from ingang.assessments import views

app_name = "assessments"
urlpatterns = [
    path("personer/<uuid:public_id>/bedomningar/", views.assessment_list, name="list"),
    path("personer/<uuid:public_id>/bedomningar/ny/", views.assessment_new, name="new"),
]
