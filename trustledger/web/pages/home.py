"""/: the signed-in person's day: what is mine to do now, what others owe me, relationships
needing attention and every next action, each with the form that carries it out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.directory.tree import units_below
from trustledger.ledger import models as m
from trustledger.ledger.actions import may_close_commitment
from trustledger.nudges.views import listed as listed_nudges
from trustledger.promises.rows import awaiting as promises_awaiting
from trustledger.web.pages.act import (
    back_to,
    flat_actions,
    record_url,
    rows_with_buttons,
    url_or,
    with_next,
)
from trustledger.web.pages.answers import open_needs
from trustledger.web.pages.both import their_home
from trustledger.web.pages.common import page
from trustledger.web.pages.summaries import commitment_row, relationship_rows

DUE_SOON_DAYS = 14
LISTED = 50
HOME_NUDGES = 5
# The next actions that make up the to-do list, under their heading's key.
TODO_KINDS = {
    "close_feedback_loop": "loops",
    "schedule_review": "reviews",
    "reach_out": "reach_out",
}


def _team_unit_ids(scope: Scope) -> set[int]:
    """The units whose people's promises a manager follows (the managed units and below)."""
    return units_below(scope.managed_unit_ids) if scope.managed_unit_ids else set()


def _my_units(scope: Scope) -> set[int]:
    return units_below(scope.member_unit_ids | scope.managed_unit_ids)


def _commitment_item(
    c: m.Commitment, as_of: dt.datetime, scope: Scope, back: str, mine: bool
) -> dict[str, Any]:
    row = commitment_row(c, as_of, scope)
    row["team"] = not mine
    row["url"] = (
        record_url("commitment", c.pk, c.relationship)
        if row["relationship_id"]
        else url_or("record", ["commitment", c.pk], "/commitments/")
    )
    verbs = (
        (("keep-late", "Kept late"), ("break", "Broken"))
        if row["overdue"]
        else (("keep", "Kept"), ("renegotiate", "New date"))
    )
    row["buttons"] = (
        [
            {"label": label, "url": with_next(f"/commitments/{c.pk}/{verb}/", back)}
            for verb, label in verbs
        ]
        if may_close_commitment(scope, c)
        else []
    )
    return row


def _open_commitments(scope: Scope, as_of: dt.datetime) -> QuerySet[m.Commitment]:
    return (
        scope.commitments()
        .filter(state=m.CommitmentState.OPEN, made_at__lte=as_of)
        .select_related(
            "promisor", "promisee", "relationship__our_person", "relationship__our_unit"
        )
        .order_by("due_at", "pk")
    )


def my_commitments(
    scope: Scope, as_of: dt.datetime, relationships: QuerySet[m.Relationship], back: str
) -> list[dict[str, Any]]:
    """Open promises due within two weeks or overdue: mine, and a manager's team's (marked).
    A promise made by a team member for the unit is the manager's to follow up too: the
    overdue "Move the events microsite…" of an IT developer showed on nobody's home."""
    due = _open_commitments(scope, as_of).filter(
        due_at__lte=as_of + dt.timedelta(days=DUE_SOON_DAYS)
    )
    if scope.person_id is None:
        due = due.filter(relationship__in=relationships)
    else:
        team = _team_unit_ids(scope)
        due = due.filter(Q(promisor_id=scope.person_id) | Q(promisor__unit_id__in=team))
    return [
        _commitment_item(c, as_of, scope, back, scope.person_id in (None, c.promisor_id))
        for c in due[:LISTED]
    ]


def owed_to_me(scope: Scope, as_of: dt.datetime, back: str) -> list[dict[str, Any]]:
    """Open promises made to me, or to a person of my unit by someone outside it."""
    if scope.person_id is None:
        return []
    units = _my_units(scope)
    owed = _open_commitments(scope, as_of).filter(
        Q(promisee_id=scope.person_id)
        | (Q(promisee__unit_id__in=units) & ~Q(promisor__unit_id__in=units))
    )
    owed = owed.exclude(promisor_id=scope.person_id)
    # Promises on relationships one stands on the other side of: "What they owe us" lists them.
    owed = owed.exclude(relationship__in=scope.their_relationships())
    return [
        _commitment_item(c, as_of, scope, back, c.promisee_id == scope.person_id)
        for c in owed[:LISTED]
    ]


def _todo(rows: list[dict[str, Any]], scope: Scope) -> dict[str, list[dict[str, Any]]]:
    """Loops to close, reviews due and people to reach out to: the next actions the user may
    carry out, of their own or their unit's relationships, or (marked) a team member's."""
    todo: dict[str, list[dict[str, Any]]] = {key: [] for key in TODO_KINDS.values()}
    for row in rows:
        for action in row["actions"]:
            key = TODO_KINDS.get(action["kind"])
            if key is None or action.get("do") is None:
                continue
            todo[key].append(
                {
                    "relationship": f"{row['our_side']} ↔ {row['counterpart']}",
                    "url": row["url"],
                    "team": row["our_person_id"] not in (None, scope.person_id),
                    "step": action["step"],
                    "measured": action["gap"]["measured"],
                    "do": action["do"],
                }
            )
    return todo


@page("web/home.html")
def home_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    relationships = scope.relationships().filter(status="active")
    back = back_to(request, as_of_param)
    rows = rows_with_buttons(relationship_rows(relationships, as_of, as_of_param), scope, back)
    ours = dict(relationships.values_list("pk", "our_person_id"))
    for row in rows:
        row["our_person_id"] = ours.get(row["id"])
    commitments = my_commitments(scope, as_of, relationships, back)
    owed = owed_to_me(scope, as_of, back)
    return {
        "title": "Home",
        "relationship_count": len(rows),
        "needing_attention": [r for r in rows if r["needs_attention"]],
        "is_manager": bool(scope.managed_unit_ids),
        "commitments": {
            "overdue": [c for c in commitments if c["overdue"]],
            "due_soon": [c for c in commitments if not c["overdue"]],
            "made_by_me": [c for c in commitments if c["promisor_id"] == scope.person_id],
            "made_to_me": [c for c in owed if c["promisee_id"] == scope.person_id],
        },
        "todo": _todo(rows, scope),
        "owed_to_me": owed,
        "next_actions": flat_actions(rows),
        "open_needs": open_needs(scope),
        "theirs": their_home(scope, as_of),
        # The to-do list from the notification centre's nudges (nudges/_home.html).
        "nudges": listed_nudges(request.user.pk, HOME_NUDGES, read_only=scope.read_only),
        "promises_found": promises_awaiting(scope),  # in our side's mail, awaiting review
    }
