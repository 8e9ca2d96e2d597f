from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "trustledger.analytics"
    verbose_name = "Whole-organization figures"
