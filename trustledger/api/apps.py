from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "trustledger.api"
    label = "api"
    verbose_name = "API, tokens, feeds and erasure audits"
