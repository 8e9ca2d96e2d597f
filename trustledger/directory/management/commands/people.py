"""`trustledger people merge KEEP_ID OTHER_ID [--yes]` and `trustledger people duplicates`."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from trustledger.directory.actions import MergeRefused, merge_people
from trustledger.directory.models import Person, PersonIdentity


def _describe(person: Person) -> str:
    emails = ", ".join(
        person.identities.filter(kind="email").values_list("normalized", flat=True)[:5]
    )
    org = f", {person.organization}" if person.organization_id else ""
    return f"{person.pk} {person.display_name}{org}" + (f" <{emails}>" if emails else "")


class Command(BaseCommand):
    help = (
        "People in the directory. 'merge KEEP_ID OTHER_ID' moves everything of OTHER "
        "(identities, interactions, commitments, relationships, feedback, login…) to KEEP "
        "and deletes OTHER; 'duplicates' lists people who share a name."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        merge = actions.add_parser("merge", help="Merge OTHER_ID into KEEP_ID.")
        merge.add_argument("keep_id", type=int, help="The person to keep.")
        merge.add_argument("other_id", type=int, help="The person merged into it and deleted.")
        merge.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        actions.add_parser(
            "duplicates", help="People sharing a normalised name (candidates for a merge)."
        )
        erase = actions.add_parser(
            "erase", help="Erase a person's personal data, keeping the evidence's shape."
        )
        erase.add_argument("person_id", type=int, help="The person to erase.")
        erase.add_argument("--by", default="", help="Admin username recorded in the audit.")
        erase.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "duplicates":
            self.duplicates()
        elif options["action"] == "erase":
            from trustledger.api.erase_command import erase

            erase(self, options["person_id"], by=options["by"], yes=options["yes"])
        else:
            self.merge(options["keep_id"], options["other_id"], yes=options["yes"])

    def merge(self, keep_id: int, other_id: int, *, yes: bool) -> None:
        if keep_id == other_id:
            raise CommandError("KEEP_ID and OTHER_ID are the same person: nothing to merge")
        found = Person.objects.in_bulk([keep_id, other_id])
        for label, pk in (("KEEP_ID", keep_id), ("OTHER_ID", other_id)):
            if pk not in found:
                raise CommandError(f"{label}: no person with id {pk}")
        keep, other = found[keep_id], found[other_id]
        self.stdout.write(f"keep:  {_describe(keep)}\nmerge: {_describe(other)} (deleted after)")
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("--yes is needed to merge without a terminal to confirm on")
            if input("Merge? [y/N] ").strip().lower() not in {"y", "yes"}:
                self.stdout.write("Nothing changed.")
                return
        try:
            report = merge_people(keep, other)
        except MergeRefused as error:
            raise CommandError(f"not merged: {error}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Merged person {other_id} into {keep_id}.")

    def duplicates(self) -> None:
        shared = (
            PersonIdentity.objects.filter(kind="name")
            .values("normalized")
            .annotate(people=Count("person", distinct=True))
            .filter(people__gt=1)
            .order_by("normalized")
        )
        count = 0
        for row in shared:
            count += 1
            people = Person.objects.filter(
                identities__kind="name", identities__normalized=row["normalized"]
            ).distinct()
            self.stdout.write(f"{row['normalized']}:")
            for person in people.order_by("pk"):
                self.stdout.write(f"  {_describe(person)}")
        self.stdout.write(f"{count} names shared by more than one person.")
