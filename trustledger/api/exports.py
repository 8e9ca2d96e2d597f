"""Exports of what one user may see, in the import templates' columns.

The columns are those of `trustledger.importers.csv_files.template(kind)`, so an export
imports cleanly into another ledger. `external_id` is `trustledger:<kind>:<id>`, so importing
the same export twice updates instead of duplicating.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from trustledger.accounts.access import Scope
from trustledger.api import scoping
from trustledger.directory.models import Person, PersonIdentity
from trustledger.importers.csv_cells import guarded
from trustledger.importers.csv_rows import FIELDS, KINDS

Row = dict[str, str]
# The import format's word for our own organization.
IMPORT_KIND = {"ours": "own"}


def columns(kind: str) -> list[str]:
    return list(FIELDS[kind])


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _identities(person_ids: Iterable[int]) -> dict[int, dict[str, list[str]]]:
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    ids = list(set(person_ids))
    for start in range(0, len(ids), 5000):
        for person_id, kind, value in (
            PersonIdentity.objects.filter(person_id__in=ids[start : start + 5000])
            .order_by("id")
            .values_list("person_id", "kind", "value")
        ):
            found[person_id][kind].append(value)
    return found


def _first(identities: dict[int, dict[str, list[str]]], pk: int | None, kind: str) -> str:
    if pk is None:
        return ""
    values = identities.get(pk, {}).get(kind, [])
    return values[0] if values else ""


def people(scope: Scope) -> Iterator[Row]:
    qs = scope.people().select_related("organization", "unit").order_by("pk")
    rows = list(qs)
    ids = _identities(p.pk for p in rows)
    for p in rows:
        yield {
            "external_id": f"trustledger:person:{p.pk}",
            "full_name": p.display_name,
            "given_name": p.given_name,
            "family_name": p.family_name,
            "email": "; ".join(ids.get(p.pk, {}).get("email", [])),
            "phone": _first(ids, p.pk, "phone"),
            "organization": p.organization.name if p.organization else "",
            "unit": p.unit.name if p.unit else "",
            "title": p.title,
            "role": p.role,
            "notes": p.notes,
        }


def organizations(scope: Scope) -> Iterator[Row]:
    for o in scoping.organizations(scope).order_by("pk"):
        yield {
            "external_id": f"trustledger:organization:{o.pk}",
            "name": o.name,
            "kind": IMPORT_KIND.get(o.kind, o.kind),
            "domain": ", ".join(d.strip() for d in o.email_domains.split(",") if d.strip()),
            "notes": o.notes,
        }


def units(scope: Scope) -> Iterator[Row]:
    for u in scope.units().select_related("organization", "parent").order_by("pk"):
        yield {
            "external_id": f"trustledger:unit:{u.pk}",
            "name": u.name,
            "organization": u.organization.name,
            "parent": u.parent.name if u.parent else "",
            "notes": "",
        }


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def interactions(scope: Scope) -> Iterator[Row]:
    qs = scope.interactions().prefetch_related("participants").order_by("occurred_at", "pk")
    rows = list(qs)
    person_ids = {i.initiator_id for i in rows if i.initiator_id}
    person_ids |= {p.person_id for i in rows for p in i.participants.all()}
    ids = _identities(person_ids)
    names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "display_name"))
    for i in rows:
        yield {
            "external_id": f"trustledger:interaction:{i.pk}",
            "occurred_at": _iso(i.occurred_at),
            "channel": i.channel,
            "initiator_email": _first(ids, i.initiator_id, "email"),
            "initiator_name": names.get(i.initiator_id, "") if i.initiator_id else "",
            "participant_emails": "; ".join(
                e for p in i.participants.all() if (e := _first(ids, p.person_id, "email"))
            ),
            "duration_minutes": "" if i.duration_minutes is None else f"{i.duration_minutes:g}",
            "subject": i.subject,
            "answered": _yes_no(i.answered),
            "notes": i.notes,
        }


def commitments(scope: Scope) -> Iterator[Row]:
    rows = list(scope.commitments().order_by("pk"))
    person_ids = {c.promisor_id for c in rows} | {c.promisee_id for c in rows}
    ids = _identities(person_ids)
    names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "display_name"))
    for c in rows:
        yield {
            "external_id": f"trustledger:commitment:{c.pk}",
            "promisor_email": _first(ids, c.promisor_id, "email"),
            "promisor_name": names.get(c.promisor_id, ""),
            "promisee_email": _first(ids, c.promisee_id, "email"),
            "promisee_name": names.get(c.promisee_id, ""),
            "statement": c.statement or c.what,
            "strength": c.strength,
            "made_at": _iso(c.made_at),
            "due_at": _iso(c.due_at),
            "state": c.state,
        }


EXPORTERS = {
    "people": people,
    "organizations": organizations,
    "units": units,
    "interactions": interactions,
    "commitments": commitments,
}
assert set(EXPORTERS) == set(KINDS), "every import kind has an export"


def as_csv(kind: str, scope: Scope) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(kind), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: guarded(v) for k, v in row.items()} for row in EXPORTERS[kind](scope))
    return out.getvalue()


def as_json(kind: str, scope: Scope) -> list[Row]:
    return list(EXPORTERS[kind](scope))
