from django.apps import AppConfig

# Where the link's token sits in a URL: /shared/t/<token>/ (see urls.py).
TOKEN_PREFIX = "/shared/t/"


class SharingConfig(AppConfig):
    name = "trustledger.sharing"
    verbose_name = "Links for people outside the organization"

    def ready(self) -> None:
        from trustledger.surveys import logs

        # The link in the mail carries the token: keep it out of every log, as survey links.
        logs.protect(TOKEN_PREFIX)
