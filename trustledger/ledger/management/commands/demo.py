from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trustledger.demo import cast
from trustledger.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo organization (a year of evidence); running it again changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_demo(seed=options["seed"])
        if summary.created:
            counts = ", ".join(f"{n} {name}" for name, n in summary.counts.items())
            self.stdout.write(f"demo organization {cast.OURS!r} loaded: {counts}")
        else:
            self.stdout.write(f"demo organization {cast.OURS!r} is already loaded; nothing changed")
        logins = ", ".join(username for username, *_ in cast.LOGINS)
        self.stdout.write(
            f"demo logins: {logins} — password {cast.DEMO_PASSWORD!r} (admin sees everything)"
        )
