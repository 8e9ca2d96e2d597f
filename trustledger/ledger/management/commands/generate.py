from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustledger.generate.load import GenerateRefused, default_name, generate_organization
from trustledger.generate.model import Shape


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--until {value!r} is not a date (use YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Write a large generated organization (units, people with email identities, "
        "interactions and participants) straight into the database through its bulk path. "
        "Running it again with the same --organization writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=1000, help="People (default 1000).")
        parser.add_argument(
            "--units", type=int, default=50, help="Units: departments and teams (default 50)."
        )
        parser.add_argument(
            "--events", type=int, default=100_000, help="Interactions (default 100000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--organization",
            default=None,
            help="Organization name (default 'Generated organization SEED').",
        )
        parser.add_argument("--days", type=int, default=365, help="Days of history (default 365).")
        parser.add_argument(
            "--until",
            default=None,
            help="Last day of the history, YYYY-MM-DD (default today, UTC).",
        )
        parser.add_argument(
            "--rebuild-indexes",
            choices=["auto", "yes", "no"],
            default="auto",
            help="Drop the plain indexes of the interaction tables during the load and rebuild "
            "them after (auto: when the load is at least 200,000 events and at least as large "
            "as the table already is).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        for option in ("people", "units", "events", "days"):
            if options[option] is None or options[option] < 1:
                raise CommandError(f"--{option} must be a positive number, not {options[option]}")
        if options["people"] < 2:
            raise CommandError("--people must be at least 2 (interactions need two people)")
        if options["units"] > options["people"]:
            raise CommandError(
                f"--units ({options['units']}) cannot exceed --people ({options['people']}): "
                "every unit gets at least one person"
            )
        if options["seed"] < 0:
            raise CommandError(f"--seed must be zero or positive, not {options['seed']}")
        name = (options["organization"] or default_name(options["seed"])).strip()
        if not name or len(name) > 200:
            raise CommandError("--organization must be 1 to 200 characters")
        until = _date(options["until"]) if options["until"] else dt.datetime.now(dt.UTC).date()
        shape = Shape(
            people=options["people"],
            units=options["units"],
            events=options["events"],
            seed=options["seed"],
            until=until,
            days=options["days"],
        )
        rebuild = {"auto": None, "yes": True, "no": False}[options["rebuild_indexes"]]
        try:
            summary = generate_organization(
                shape, name, progress=not options["no_progress"], rebuild_indexes=rebuild
            )
        except GenerateRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(summary.line() if summary.created else summary.message)
