from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trustledger.accounts"
    verbose_name = "Users and roles"
