from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "trustledger.directory"
    verbose_name = "Organizations, units and people"
