from django.urls import path

from ingang.referrals import views

app_name = "referrals"
urlpatterns = [
    path("personer/<uuid:public_id>/remisser/", views.referral_list, name="list"),
    path("personer/<uuid:public_id>/remisser/ny/", views.referral_new, name="new"),
    path(
        "personer/<uuid:public_id>/remisser/<uuid:referral_id>/",
        views.referral_detail,
        name="detail",
    ),
    path("remisser/inkommande/", views.inbox, name="inbox"),
    path("remisser/inkommande/<uuid:referral_id>/", views.incoming, name="incoming"),
]
