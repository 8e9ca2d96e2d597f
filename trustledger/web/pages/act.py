"""The form that carries out each next action, pre-filled: the web layer's map from an
`ActionKind` to a URL (the domain names the step; only the web knows its forms).

A button is drawn only where the viewer may use the form: someone who may record at all
(`may_enter`) and who may change the relationship (`may_change`, the actions' own rule).
Forms other helpers add (closing a feedback loop, editing a person or a relationship, a
record's page) are linked by their URL names; while a name is unknown the link falls back
to the closest page that exists, so a button never leads to a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from trustledger.accounts.access import Scope
from trustledger.directory.models import Person
from trustledger.domain.actions import ActionKind
from trustledger.engine.reports import engine_settings
from trustledger.ledger import models as m
from trustledger.ledger.actions import may_change
from trustledger.web.entry.common import SIDES, may_enter

Button = dict[str, Any]


def url_or(name: str, args: Iterable[Any], fallback: str) -> str:
    """`reverse(name, args)`, or `fallback` while no such URL exists."""
    return reversed_or_none(name, args) or fallback


def reversed_or_none(name: str, args: Iterable[Any]) -> str | None:
    try:
        return reverse(name, args=list(args))
    except NoReverseMatch:
        return None


def _form_or_page(label: str, form: str | None, page: str) -> Button:
    """A button to `form`, or while that form does not exist, to the page that shows the
    records (no `next`: nothing is saved there)."""
    return {"label": label, "url": form or page, "form": form is not None}


def entry_url(kind: str, **prefill: Any) -> str:
    """A quick-entry form with its fields pre-filled from the query (empty values left out)."""
    query = {k: v for k, v in prefill.items() if v not in (None, "")}
    return f"/entry/{kind}/" + (f"?{urlencode(query)}" if query else "")


def record_url(kind: str, pk: int, rel: m.Relationship) -> str:
    """A record's own page, or the relationship's timeline where it is listed."""
    return url_or("record", [kind, pk], f"/relationships/{rel.pk}/#timeline-title")


def _pks(record_ids: Iterable[str], kind: str) -> list[int]:
    """The primary keys of the `kind:pk` ids, in the order given."""
    found = []
    for rid in record_ids:
        prefix, _, pk = str(rid).partition(":")
        if prefix == kind and pk.isdigit():
            found.append(int(pk))
    return found


def _counterpart(rel: m.Relationship) -> str:
    return rel.counterpart_person.display_name if rel.counterpart_person_id else "them"


def _reach_out(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    return {
        "label": f"Reach out to {_counterpart(rel)}",
        "url": entry_url("interaction", relationship=rel.pk, person=rel.counterpart_person_id),
    }


def _close_loop(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    open_ids = _pks(action["gap"]["record_ids"], "feedback")
    form = reversed_or_none("feedback_close", open_ids[:1]) if open_ids else None
    return _form_or_page("Close this loop", form, f"/relationships/{rel.pk}/#timeline-title")


def _agree_measure(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    goals = _pks(action["gap"]["record_ids"], "goal")
    return {
        "label": "Agree a measure",
        "url": entry_url(
            "measure", relationship=rel.pk, goal=goals[0] if goals else None, owner=me
        ),
    }


def _how_can_i_help(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    """To the ask itself (recorded, and open until they answer with a need)."""
    page = url_or("answers", [rel.pk], f"/relationships/{rel.pk}/")
    return {"label": "Ask “how can I help?”", "url": f"{page}#answers-needs", "form": False}


def _level_gap(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    page = url_or("answers", [rel.pk], f"/relationships/{rel.pk}/")
    return {"label": "See both sides’ levels", "url": f"{page}#answers-levels", "form": False}


def _declare_intent(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    return {
        "label": f"Talk with {_counterpart(rel)}, intent first",
        "url": entry_url(
            "interaction",
            relationship=rel.pk,
            person=rel.counterpart_person_id,
            focus=m.Focus.SHARED,
            request="declared",
            subject="Our intent: ",
        ),
    }


def _schedule_review(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    interval = dt.timedelta(days=engine_settings().health.review_interval_days)
    today = timezone.localdate()
    return {
        "label": "Schedule the review",
        "url": entry_url("review", relationship=rel.pk, next_review_due=today + interval),
    }


def _answer_dispute(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    ids = _pks(action["gap"]["record_ids"], "commitment")
    url = record_url("commitment", ids[0], rel) if ids else f"/relationships/{rel.pk}/"
    return {"label": "Read the dispute", "url": url, "form": False}


def _make_commitment(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    ids = _pks(action["gap"]["record_ids"], "commitment")
    intention = (
        m.Commitment.objects.filter(pk=ids[0], relationship=rel).select_related("promisee").first()
        if ids
        else None
    )
    return {
        "label": "Make it a commitment",
        "url": entry_url(
            "commitment",
            relationship=rel.pk,
            what=intention.what if intention else None,
            promisee=intention.promisee_id if intention else None,
            promisor=intention.promisor_id if intention else None,
            strength=m.Strength.COMMITMENT,
        ),
    }


def _local_context(rel: m.Relationship, action: dict[str, Any], me: int | None) -> Button:
    people = _pks(action["gap"]["record_ids"], "person")
    pk = rel.counterpart_person_id or (people[0] if people else None)
    if pk is None:
        form = reversed_or_none("relationship_edit", [rel.pk])
        return _form_or_page("Fill in their local context", form, f"/relationships/{rel.pk}/")
    person = Person.objects.filter(pk=pk).first()
    label = f"Fill in {person.display_name}’s local context" if person else "Fill in context"
    form = reversed_or_none("person_edit", [pk])
    return {
        **_form_or_page(label, form and f"{form}#context", f"/people/{pk}/#context"),
        "person": pk,
    }


FORMS: dict[str, Callable[[m.Relationship, dict[str, Any], int | None], Button]] = {
    ActionKind.REACH_OUT: _reach_out,
    ActionKind.CLOSE_FEEDBACK_LOOP: _close_loop,
    ActionKind.ANSWER_DISPUTE: _answer_dispute,
    ActionKind.AGREE_MEASURES: _agree_measure,
    ActionKind.ASK_HOW_CAN_I_HELP: _how_can_i_help,
    ActionKind.DECLARE_INTENT: _declare_intent,
    ActionKind.SCHEDULE_REVIEW: _schedule_review,
    ActionKind.CONVERT_GOOD_INTENTION: _make_commitment,
    ActionKind.FILL_LOCAL_CONTEXT: _local_context,
    ActionKind.CLOSE_LEVEL_GAP: _level_gap,
}


def with_next(url: str, back: str) -> str:
    """`url` with `next=back`, kept before any #anchor."""
    base, hash_mark, anchor = url.partition("#")
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}{urlencode({'next': back})}{hash_mark}{anchor}"


def buttons(
    actions: list[dict[str, Any]], rel: m.Relationship, scope: Scope, back: str
) -> list[dict[str, Any]]:
    """Each action (a report dict) with `do`: the label and URL of its form, or None where
    the viewer may not use it. `back` is where the form returns after saving."""
    usable = may_enter(scope) and may_change(scope, rel)
    out = []
    for action in actions:
        make = FORMS.get(action["kind"])
        do = None
        if usable and make is not None:
            do = make(rel, action, scope.person_id)
            person = do.pop("person", None)
            if person is not None and not _may_fill_in(scope, person):
                out.append({**action, "do": None})  # another's context: not this viewer's form
                continue
            if do.pop("form", True):
                do["url"] = with_next(do["url"], back)
        out.append({**action, "do": do})
    return out


def _may_fill_in(scope: Scope, pk: int) -> bool:
    """The viewer may edit this person's local context (`directory.actions.person_rights`)."""
    from trustledger.directory.actions import person_rights

    person = Person.objects.filter(pk=pk).first()
    return person is not None and person_rights(scope, person) is not None


def relationships_by_id(ids: Iterable[int]) -> dict[int, m.Relationship]:
    """The relationships the buttons need (sides selected for `may_change` and names)."""
    wanted = list(ids)
    if not wanted:
        return {}
    return {r.pk: r for r in m.Relationship.objects.filter(pk__in=wanted).select_related(*SIDES)}


def rows_with_buttons(rows: list[dict[str, Any]], scope: Scope, back: str) -> list[dict[str, Any]]:
    """`summaries.relationship_rows` with a button on every next action."""
    rels = relationships_by_id(row["id"] for row in rows if row["actions"])
    return [
        {**row, "actions": buttons(row["actions"], rels[row["id"]], scope, back)}
        if row["id"] in rels
        else row
        for row in rows
    ]


PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def flat_actions(rows: list[dict[str, Any]], limit: int = 20) -> list[dict[str, Any]]:
    """The next actions of relationship rows in one list, each naming its relationship,
    most urgent first."""
    found = [
        {**action, "relationship": f"{row['our_side']} ↔ {row['counterpart']}", "url": row["url"]}
        for row in rows
        for action in row["actions"]
    ]
    found.sort(key=lambda a: PRIORITY_ORDER.get(a["priority"], 3))
    return found[:limit]


def next_actions_of(
    rows: list[dict[str, Any]], scope: Scope, back: str, limit: int = 20
) -> list[dict[str, Any]]:
    """For a unit's or a person's page: their relationships' next actions, with buttons."""
    return flat_actions(rows_with_buttons(rows, scope, back), limit)


def back_to(request: Any, as_of_param: str | None) -> str:
    """This page, as of the same date, for a form's `next` (never its JSON twin)."""
    return request.path + (f"?{urlencode({'as_of': as_of_param})}" if as_of_param else "")


def level_move(
    rel: m.Relationship, report: dict[str, Any], scope: Scope, back: str
) -> Button | None:
    """ "Record a level move" where the indicators suggest another level than the current one
    and the viewer may record it."""
    suggested = m.ServiceLevel[str(report["suggested_level"]["level"]).upper()]
    current = m.ServiceLevel[str(report["level"]).upper()]
    if suggested == current or not (may_enter(scope) and may_change(scope, rel)):
        return None
    url = entry_url("level", relationship=rel.pk, to_level=int(suggested))
    return {"label": f"Record a move to {suggested.label}", "url": with_next(url, back)}
