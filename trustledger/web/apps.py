from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "trustledger.web"
    verbose_name = "Web pages"

    def ready(self) -> None:
        # Registers the search fold on every new SQLite connection (web/folded.py).
        from trustledger.web import folded  # noqa: F401
