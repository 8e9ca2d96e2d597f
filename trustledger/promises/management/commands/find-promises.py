"""`trustledger find-promises [--since DATE]`: read the stored mail bodies our side wrote and
propose the promises in them for review. Idempotent: a promise proposed before (confirmed,
dismissed or waiting) is left as it is."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trustledger.promises.actions import find_promises, stored_mail


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Read the stored bodies of the mail our side's people wrote (imported with "
        "--content body) and propose the promises found in them for review. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            metavar="DATE",
            type=_day,
            help="Only messages written on or after this day, YYYY-MM-DD.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        found = find_promises(stored_mail(options["since"]))
        self.stdout.write(found.text())
