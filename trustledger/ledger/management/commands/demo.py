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
        hint = _link_hint()
        if hint:
            self.stdout.write(hint)
        logins = ", ".join(username for username, *_ in cast.LOGINS)
        self.stdout.write(
            f"demo logins: {logins} — password {cast.DEMO_PASSWORD!r} (admin sees everything)"
        )


def _link_hint() -> str:
    """Where the external counterpart's page is (the demo keeps no token to print)."""
    from trustledger.demo.links import PERSON
    from trustledger.directory.models import Person
    from trustledger.ledger.models import Relationship

    name = cast.PEOPLE[PERSON][0]
    person = Person.objects.filter(display_name=name).first()
    rel = Relationship.objects.filter(counterpart_organization__name=cast.PEOPLE[PERSON][1])
    if person is None or not rel.exists():
        return ""
    return (
        f"{name} ({cast.PEOPLE[PERSON][1]}, no login) holds a private link to confirm IT's "
        f"promises; print a fresh one: trustledger share-link {rel.first().pk} {person.pk}"
    )
