"""/search/?q=: what the user may read, by kind, accent-insensitive ("esterhazy" finds
Esterházy): people, units, organizations, relationships, commitments, feedback and notes
(of interactions, and of the people one reads in full).

Both sides are folded the same way (domain/folding.py, web/folded.py). Each kind shows at
most LIMIT hits and says when there are more; a hit links only to a page the user may open.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.directory.models import Organization, Person, PersonIdentity
from trustledger.domain.folding import SEARCH_SEPARATOR, fold
from trustledger.ledger.models import Relationship
from trustledger.web.folded import Folded
from trustledger.web.pages.common import page
from trustledger.web.pages.summaries import RELATIONSHIP_RELATED

LIMIT = 25
Q_MAX = 100
KINDS = (
    ("people", "People"),
    ("units", "Units"),
    ("organizations", "Organizations"),
    ("relationships", "Relationships"),
    ("commitments", "Commitments"),
    ("feedback", "Feedback"),
    ("notes", "Notes"),
)
EXCERPT = 120


def matching(qs: QuerySet[Any], words: str, *fields: str) -> QuerySet[Any]:
    """Rows where one of `fields`, folded, contains the folded words."""
    names = {f: f"_fold_{i}" for i, f in enumerate(fields)}
    condition = Q()
    for alias in names.values():
        condition |= Q(**{f"{alias}__contains": words})
    return qs.alias(**{alias: Folded(f) for f, alias in names.items()}).filter(condition)


def _hits(qs: QuerySet[Any]) -> tuple[list[Any], bool]:
    rows = list(qs[: LIMIT + 1])
    return rows[:LIMIT], len(rows) > LIMIT


def _excerpt(text: str, words: str) -> str:
    """The part of `text` around the first match (folding keeps the length of most text)."""
    at = fold(text).find(words)
    start = max(0, at - EXCERPT // 3) if at >= 0 else 0
    piece = text[start : start + EXCERPT].strip()
    return ("…" if start else "") + piece + ("…" if start + EXCERPT < len(text) else "")


def _relationship_url(scope: Scope, relationship_id: int | None) -> str | None:
    shown = scope.shown_relationship_id(relationship_id)
    return f"/relationships/{shown}/" if shown else None


@page("web/search.html")
def search_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    q = request.GET.get("q", "").strip()[:Q_MAX]
    words = fold(q)
    result: dict[str, Any] = {"title": "Search", "q": q}
    if not words:
        return {**result, **{kind: [] for kind, _ in KINDS}, "groups": [], "total": 0}
    found: dict[str, tuple[list[dict[str, Any]], bool]] = {
        "people": _people(scope, q, words),
        "units": _units(scope, words),
        "organizations": _organizations(scope, words),
        "relationships": _relationships(scope, words),
        "commitments": _commitments(scope, words),
        "feedback": _feedback(scope, words),
        "notes": _notes(scope, words),
    }
    groups = [
        {"kind": kind, "label": label, "count": len(found[kind][0]), "more": found[kind][1]}
        for kind, label in KINDS
    ]
    return {
        **result,
        **{kind: hits for kind, (hits, _) in found.items()},
        "groups": groups,
        "total": sum(g["count"] for g in groups),
    }


def _people(scope: Scope, q: str, words: str) -> tuple[list[dict[str, Any]], bool]:
    # The name and title are folded once, on save (Person.search_name): no fold per row here.
    # One list of ids from both tests, each reading one table (the name test only its
    # index); the reader's scope is applied once, outside (at 50,000 people, 21 → 15 ms).
    named = Person.objects.filter(search_name__contains=words).order_by().values("pk")
    if SEARCH_SEPARATOR in words:  # the separator between name and title matches neither
        named = named.none()
    by_address = PersonIdentity.objects.filter(value__icontains=q).order_by().values("person_id")
    people = (
        scope.people()
        .filter(pk__in=named.union(by_address))
        .select_related("organization")
        # Hundreds of matches are sorted to show the first: sort only what the list shows.
        .only("id", "display_name", "title", "organization__name")
        .order_by("display_name", "pk")
    )
    rows, more = _hits(people)
    return [
        {
            "id": p.pk,
            "name": p.display_name,
            "detail": ", ".join(
                t for t in (p.title, p.organization.name if p.organization else "") if t
            ),
            "url": f"/people/{p.pk}/",
        }
        for p in rows
    ], more


def _units(scope: Scope, words: str) -> tuple[list[dict[str, Any]], bool]:
    units = matching(scope.units(), words, "name").select_related("organization")
    rows, more = _hits(units.order_by("name", "pk"))
    return [
        {"id": u.pk, "name": u.name, "detail": u.organization.name, "url": f"/units/{u.pk}/"}
        for u in rows
    ], more


def _organizations(scope: Scope, words: str) -> tuple[list[dict[str, Any]], bool]:
    # An organization is visible when one of its people, units or relationships is.
    organizations = matching(Organization.objects.all(), words, "name")
    if not scope.is_admin:
        organizations = organizations.filter(
            Q(pk__in=scope.people().values("organization_id"))
            | Q(pk__in=scope.units().values("organization_id"))
            | Q(pk__in=scope.relationships().values("counterpart_organization_id"))
        )
    rows, more = _hits(organizations.order_by("name", "pk"))
    return [
        {"id": o.pk, "name": o.name, "detail": o.get_kind_display(), "url": None} for o in rows
    ], more


def _relationships(scope: Scope, words: str) -> tuple[list[dict[str, Any]], bool]:
    relationships = matching(
        scope.relationships(),
        words,
        "purpose",
        "our_person__display_name",
        "our_unit__name",
        "counterpart_person__display_name",
        "counterpart_unit__name",
        "counterpart_organization__name",
    ).select_related(*RELATIONSHIP_RELATED)
    rows, more = _hits(relationships.order_by("pk"))
    return [
        {
            "id": r.pk,
            "name": f"{r.our_side} ↔ {r.counterpart}",
            "detail": r.purpose[:EXCERPT],
            "url": f"/relationships/{r.pk}/",
        }
        for r in rows
    ], more


def _commitments(scope: Scope, words: str) -> tuple[list[dict[str, Any]], bool]:
    commitments = matching(scope.commitments(), words, "what", "statement")
    rows, more = _hits(commitments.select_related("promisor", "promisee").order_by("-due_at"))
    return [
        {
            "id": c.pk,
            "name": c.what,
            "detail": f"{c.promisor} to {c.promisee} · due {c.due_at.date().isoformat()} · "
            f"{c.get_state_display().lower()}",
            "url": _relationship_url(scope, c.relationship_id),
        }
        for c in rows
    ], more


def _feedback(scope: Scope, words: str) -> tuple[list[dict[str, Any]], bool]:
    feedback = matching(scope.feedback(), words, "summary", "our_response")
    rows, more = _hits(feedback.order_by("-received_at"))
    return [
        {
            "id": f.pk,
            "name": _excerpt(f.summary, words),
            "detail": f"received {f.received_at.date().isoformat()}"
            + (f" · our response: {_excerpt(f.our_response, words)}" if f.our_response else ""),
            "url": _relationship_url(scope, f.relationship_id),
        }
        for f in rows
    ], more


def _notes(scope: Scope, words: str) -> tuple[list[dict[str, Any]], bool]:
    """Notes of interactions filed under a relationship, then notes kept on people one reads
    in full."""
    # Only interactions filed under a relationship (an index reaches them): folding the text
    # of every unfiled message of a large mail import is a scan of millions of rows.
    # (`IN` the relationships, not `IS NOT NULL`: SQLite then takes the relationship index
    # instead of walking the time index over every row: 17 s → under 0.1 s at 20M.)
    filed = scope.interactions().filter(relationship_id__in=Relationship.objects.values("pk"))
    interactions = matching(filed, words, "subject", "notes")
    rows, more = _hits(interactions.order_by("-occurred_at"))
    hits = [
        {
            "id": f"interaction:{i.pk}",
            "name": i.subject or _excerpt(i.notes, words),
            "detail": f"interaction of {i.occurred_at.date().isoformat()}"
            + (f" · {_excerpt(i.notes, words)}" if i.subject and i.notes else ""),
            "url": _relationship_url(scope, i.relationship_id),
        }
        for i in rows
    ]
    room = LIMIT - len(hits)
    if room:
        # Notes are read with the person in full (an admin reads everyone in full).
        in_full = scope.people() if scope.is_admin else scope.people_read_in_full()
        # Most people have no notes: leave them out before folding (one call a row), through
        # the partial index of those who have some (person_with_notes_idx).
        people = matching(in_full.filter(notes__gt=""), words, "notes").order_by("display_name")
        found = list(people[: room + 1])
        more = len(found) > room
        hits += [
            {
                "id": f"person:{p.pk}",
                "name": _excerpt(p.notes, words),
                "detail": f"note on {p.display_name}",
                "url": f"/people/{p.pk}/",
            }
            for p in found[:room]
        ]
    return hits, more
