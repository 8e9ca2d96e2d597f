from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "trustledger.surveys"
    verbose_name = "Trust surveys"
