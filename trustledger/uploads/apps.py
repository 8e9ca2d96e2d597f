from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "trustledger.uploads"
    verbose_name = "Imports from the web"
