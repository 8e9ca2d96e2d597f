"""`trustledger tokens create|list|revoke`: API tokens on the command line."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustledger.accounts.models import User
from trustledger.api.models import ApiToken, TokenScope
from trustledger.api.tokens import create_token
from trustledger.audit.log import record


class Command(BaseCommand):
    help = (
        "API tokens. 'create --user NAME --name LABEL [--scope read|read_write]' prints a new "
        "token once (only its hash is stored); 'list [--user NAME]'; 'revoke ID'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        create = actions.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--user", required=True, help="The username the token acts as.")
        create.add_argument("--name", required=True, help="A label, e.g. the script using it.")
        create.add_argument(
            "--scope", choices=TokenScope.values, default=TokenScope.READ, help="Default: read."
        )
        listing = actions.add_parser("list", help="List tokens (never the tokens themselves).")
        listing.add_argument("--user", default="", help="Only this user's tokens.")
        revoke = actions.add_parser("revoke", help="Revoke a token by its id.")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, options["action"])(**options)

    def create(self, user: str, name: str, scope: str, **_: Any) -> None:
        owner = User.objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"--user {user}: no such user")
        try:
            token, plain = create_token(owner, name=name, scope=scope)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Token {token.pk} ({token.scope}) for {owner.username}, shown once:")
        self.stdout.write(plain)

    def list(self, user: str, **_: Any) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if user:
            tokens = tokens.filter(user__username=user)
        for t in tokens:
            state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
            self.stdout.write(
                f"{t.pk}\t{t.prefix}…\t{t.user.username}\t{t.scope}\t{t.name}\t"
                f"created {t.created_at:%Y-%m-%d}\tlast used {used}\t{state}"
            )

    def revoke(self, token_id: int, **_: Any) -> None:
        from django.utils import timezone

        updated = ApiToken.objects.filter(pk=token_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not updated and not ApiToken.objects.filter(pk=token_id).exists():
            raise CommandError(f"no token with id {token_id}")
        if updated:
            record(None, "token.revoked", ("apitoken", token_id), via="command line")
        self.stdout.write(f"Token {token_id} revoked.")
