from django.apps import AppConfig


class NudgesConfig(AppConfig):
    name = "trustledger.nudges"
    verbose_name = "Nudges: the gaps that reach out"
