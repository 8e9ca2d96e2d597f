from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "trustledger.web"
    verbose_name = "Web pages"
