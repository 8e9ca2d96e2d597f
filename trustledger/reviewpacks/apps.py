from django.apps import AppConfig


class ReviewPacksConfig(AppConfig):
    name = "trustledger.reviewpacks"
    label = "reviewpacks"
    verbose_name = "Review packs and trust reports"
