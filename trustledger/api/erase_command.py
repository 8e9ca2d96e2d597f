"""`trustledger people erase ID [--by USERNAME] [--yes]`, called from the people command."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from trustledger.accounts.models import User
from trustledger.directory.actions import erase_person
from trustledger.directory.models import Person


def _admin(username: str) -> User:
    admins = User.objects.filter(is_superuser=True, is_active=True)
    if username:
        found = admins.filter(username=username).first()
        if found is None:
            raise CommandError(f"--by {username}: no active admin of that name")
        return found
    found = admins.order_by("pk").first()
    if found is None:
        raise CommandError("no active admin to record as the one who erased; create one first")
    return found


def erase(command: BaseCommand, person_id: int, *, by: str, yes: bool) -> None:
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise CommandError(f"no person with id {person_id}")
    if person.erased_at is not None:
        command.stdout.write(
            f"Person {person_id} was already erased on {person.erased_at:%Y-%m-%d}."
        )
    actor = _admin(by)
    command.stdout.write(
        f"erase: {person.pk} {person.display_name} (names, addresses, notes and free text; "
        f"ids and counts stay) — recorded as done by {actor.get_username()}"
    )
    if not yes:
        if not sys.stdin.isatty():
            raise CommandError("--yes is needed to erase without a terminal to confirm on")
        if input("Erase? [y/N] ").strip().lower() not in {"y", "yes"}:
            command.stdout.write("Nothing changed.")
            return
    removed = erase_person(actor, person)
    for field, count in removed.items():
        command.stdout.write(f"  {field}: {count}")
    command.stdout.write(f"Erased person {person_id}.")
