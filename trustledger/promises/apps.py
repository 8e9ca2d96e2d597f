from django.apps import AppConfig


class PromisesConfig(AppConfig):
    name = "trustledger.promises"
    verbose_name = "Promises found in mail"
