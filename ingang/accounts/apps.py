from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ingang.accounts"
    label = "accounts"
