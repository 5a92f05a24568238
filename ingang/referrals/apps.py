from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "ingang.referrals"
    label = "referrals"
