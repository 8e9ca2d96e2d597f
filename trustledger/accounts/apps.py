from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trustledger.accounts"
    verbose_name = "Users and roles"

    def ready(self) -> None:
        from trustledger.accounts import signals  # noqa: F401  (connects the receivers)
