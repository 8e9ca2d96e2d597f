from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustledger.accounts.actions import create_user
from trustledger.accounts.models import Role


class Command(BaseCommand):
    help = "Create a user: an admin (--admin), or a manager, member or viewer of a unit (--unit, --role)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="The password (prefer --password-stdin).")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )
        parser.add_argument(
            "--admin", action="store_true", help="Make the user an admin (sees everything)."
        )
        parser.add_argument("--unit", help="Name of the unit the user belongs to.")
        parser.add_argument(
            "--role", choices=Role.values, default=Role.MEMBER, help="Role in --unit."
        )
        parser.add_argument(
            "--person", type=int, help="Id of the person this user is in the ledger."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"]
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise CommandError("a password is needed: --password or --password-stdin")
        try:
            user = create_user(
                username=options["username"],
                password=password,
                email=options["email"],
                admin=options["admin"],
                unit_name=options["unit"],
                role=options["role"],
                person_id=options["person"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        kind = (
            "admin"
            if user.is_superuser
            else (f"{options['role']} of {options['unit']}" if options["unit"] else "user")
        )
        self.stdout.write(f"created {kind} {user.username!r}")
