from __future__ import annotations

from typing import Any

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Lift a login lockout now: of an account (USERNAME), an address (--address) or all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="The account to unlock.")
        parser.add_argument("--address", help="The IP address to unlock.")
        parser.add_argument("--all", action="store_true", help="Lift every lockout.")

    def handle(self, *args: Any, **options: Any) -> None:
        username, address = options["username"], options["address"]
        if options["all"]:
            if username or address:
                raise CommandError("--all takes no username or --address")
            count = reset()
        elif username or address:
            count = 0
            if username:
                count += reset(username=username)
            if address:
                count += reset(ip=address)
        else:
            raise CommandError("name an account, an --address, or --all")
        self.stdout.write(f"lifted {count} failure record(s)")
