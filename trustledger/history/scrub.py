"""Erasure reaches the history: an erased person's old values must not survive in it.

Called by `directory.actions.erase_person` in its transaction, before the person's names
are blanked. In every row that names the person (`mentions`), their names become
"Erased person #<id>"; in the person's own rows every value of a personal field becomes
"[erased]"; the free text erasure blanks on other records (what they said, promised, wrote)
goes from those records' histories too. Scrubbed rows keep who, when and which fields.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.utils import timezone

from trustledger.directory.models import Person
from trustledger.history.models import Change

ERASED = "[erased]"
# Fields of a person that stay in their own history: they name no one.
KEPT_ON_PERSON = frozenset({"organization", "unit", "is_active", "erased_at"})
# The free text erase_person blanks on records the person authored: kind → (author, fields).
AUTHORED = {
    "interaction": ("initiator", ("subject", "notes")),
    "commitment": ("promisor", ("statement", "what")),
    "feedback": ("from_person", ("summary",)),
}


def names_of(person: Person) -> set[str]:
    return {person.display_name, person.given_name, person.family_name}


def scrub_person(person: Person, names: set[str]) -> int:
    """Scrub the history of `person`, whose names were `names` before erasure (and any name
    their own history holds); returns the number of rows rewritten."""
    from trustledger.accounts.access import RECORD_KINDS

    own = Change.objects.filter(kind="person", record_id=person.pk)
    names = set(names)
    for row in own:
        for entry in row.changes:
            if entry.get("field") in {"display_name", "given_name", "family_name"}:
                names |= {entry.get("before"), entry.get("after")}
    pattern = _names_pattern(names)
    replacement = f"Erased person #{person.pk}"
    scrubbed = 0
    mentioning = Change.objects.filter(mentions__contains=f" person:{person.pk} ")
    for row in mentioning.exclude(kind="person", record_id=person.pk):
        scrubbed += _rewrite(row, lambda entry: _replace(entry, pattern, replacement))
    for row in own:
        scrubbed += _rewrite(row, _blank_personal)
    for kind, (author, fields) in AUTHORED.items():
        authored = RECORD_KINDS[kind].objects.filter(**{f"{author}_id": person.pk}).values("pk")
        for row in Change.objects.filter(kind=kind, record_id__in=authored):
            scrubbed += _rewrite(row, lambda entry, f=fields: _blank_fields(entry, f))
    return scrubbed


def _names_pattern(names: set[Any]) -> re.Pattern[str] | None:
    usable = sorted((n for n in names if isinstance(n, str) and n.strip()), key=len, reverse=True)
    if not usable:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n.strip()) for n in usable) + r")\b")


def _replace(
    entry: dict[str, Any], pattern: re.Pattern[str] | None, replacement: str
) -> dict[str, Any]:
    if pattern is None:
        return entry
    out = dict(entry)
    for side in ("before", "after"):
        if isinstance(out.get(side), str):
            out[side] = pattern.sub(replacement, out[side])
    return out


def _blank_personal(entry: dict[str, Any]) -> dict[str, Any]:
    if entry.get("field") in KEPT_ON_PERSON:
        return entry
    return _blank_fields(entry, (entry.get("field"),))


def _blank_fields(entry: dict[str, Any], fields: tuple[Any, ...]) -> dict[str, Any]:
    if entry.get("field") not in fields:
        return entry
    return {
        **entry,
        "before": None if entry.get("before") is None else ERASED,
        "after": None if entry.get("after") is None else ERASED,
    }


def _rewrite(row: Change, mend: Any) -> int:
    changes = [mend(entry) for entry in row.changes]
    if changes == row.changes:
        return 0
    # The one update the append-only trigger lets through: values only, marked scrubbed.
    models.QuerySet(Change).filter(pk=row.pk).update(changes=changes, scrubbed_at=timezone.now())
    return 1
