"""`trustledger share-link RELATIONSHIP PERSON`: a fresh link for a person of a relationship's
other side, its URL printed this once (the token is stored only hashed). An earlier link for
the same person stops working."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustledger.directory.models import Person
from trustledger.ledger.models import Relationship
from trustledger.sharing import actions
from trustledger.sharing.mail import link_url
from trustledger.sharing.models import SharedLink


class Command(BaseCommand):
    help = (
        "Make a fresh private link for a person of a relationship's other side and print its "
        "URL once; an earlier link for that person stops working."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("relationship", type=int, help="The relationship's id.")
        parser.add_argument("person", help="The person's id, or their name as written.")
        parser.add_argument(
            "--days", type=int, default=None, help="Days the link works (default 60)."
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Address of the server, e.g. http://127.0.0.1:8000 "
            "(default TRUSTLEDGER_BASE_URL, else the path alone).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rel = Relationship.objects.filter(pk=options["relationship"]).first()
        if rel is None:
            raise CommandError(f"no relationship {options['relationship']}")
        person = _person(rel, options["person"])
        live = SharedLink.objects.filter(relationship=rel, person=person, revoked_at=None).first()
        try:
            if live is None:
                link, token = actions.issue_link(None, rel, person, days=options["days"])
            else:
                link, token = actions.regenerate_link(None, live, days=options["days"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        base = options["base_url"] or settings.TRUSTLEDGER_BASE_URL
        self.stdout.write(f"link for {person} on {rel}, works until {link.expires_at:%Y-%m-%d}:")
        self.stdout.write(link_url(token, base))


def _person(rel: Relationship, given: str) -> Person:
    people = actions.other_side_people(rel)
    found = people.filter(pk=int(given)) if given.isdigit() else people.filter(display_name=given)
    if found.count() != 1:
        names = ", ".join(f"{p.pk} {p}" for p in people[:10]) or "none"
        raise CommandError(
            f"{given!r} is not one person of the other side without a login (they are: {names})"
        )
    return found.get()
