from django.urls import path

from ingang.consent import views

app_name = "consent"
urlpatterns = [
    path("personer/<uuid:public_id>/samtycken/", views.consent_list, name="list"),
    path("personer/<uuid:public_id>/samtycken/nytt/", views.consent_new, name="new"),
    path(
        "personer/<uuid:public_id>/samtycken/<uuid:consent_id>/aterkalla/",
        views.consent_withdraw_view,
        name="withdraw",
    ),
    path("personer/<uuid:public_id>/sparrar/ny/", views.block_new, name="block_new"),
    path(
        "personer/<uuid:public_id>/sparrar/<uuid:block_id>/hav/",
        views.block_lift_view,
        name="block_lift",
    ),
]
