"""/explain/<kind>/<id>/<path>/: the explanation behind one number of a page.

The page's own dict is rebuilt (with the same scope checks) and `path` walks it to the
result whose explanation is shown, so a number and its explanation can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.http import HttpRequest

from trustledger.accounts.access import RECORD_KINDS, Scope
from trustledger.ledger.actions import EDITABLE_KINDS
from trustledger.tuning.words import settings_in_force
from trustledger.web import params
from trustledger.web.pages.common import BadQuery, page, refuse
from trustledger.web.pages.wording import KIND_WORDS, input_rows

# Kinds with a record page (/records/<kind>/<pk>/): the rows of these link to it. Only records
# the reader may open are listed, so every link leads to a page they may read.
RECORD_PAGES = frozenset(EDITABLE_KINDS)


def _builders() -> dict[str, Any]:
    from trustledger.web.pages.person import person_page
    from trustledger.web.pages.relationship import relationship_page
    from trustledger.web.pages.trustmap_view import trust_map_page
    from trustledger.web.pages.unit import unit_page

    return {
        "relationship": relationship_page,
        "unit": unit_page,
        "person": person_page,
        "map": trust_map_page,
    }


def walk(node: Any, path: str) -> Any:
    for part in path.strip("/").split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise refuse()
    if not isinstance(node, dict) or not isinstance(node.get("explanation"), dict):
        raise refuse()
    return node


PER_PAGE = 40  # records per page of an explanation
KIND_ORDER = ("commitment", "interaction", "feedback", "decision", "review", "goal", "incident")


def _catalogue() -> dict[str, tuple[Any, str, Any]]:
    """Per record kind: its model, the field that dates it, and how it is named."""
    from trustledger.ledger import models as m
    from trustledger.web.entry.confirm import confirmation_words

    return {
        "interaction": (
            m.Interaction,
            "occurred_at",
            lambda o: (
                o.get_channel_display()
                + (f" from {o.initiator}" if o.initiator_id else "")
                + (f": {o.subject}" if o.subject else "")
            ),
        ),
        "commitment": (
            m.Commitment,
            "made_at",
            lambda o: (
                f"{o.what} (due {o.due_at:%Y-%m-%d}, {o.get_state_display().lower()}"
                + (f" — {said})" if (said := confirmation_words(o)) else ")")
            ),
        ),
        "feedback": (m.FeedbackItem, "received_at", lambda o: o.summary[:120]),
        "goal": (m.Goal, None, lambda o: o.title),
        "decision": (m.Decision, "decided_at", lambda o: o.title),
        "review": (m.QualityReview, "held_on", lambda o: "Quality review"),
        "incident": (m.Incident, "arose_at", lambda o: o.title),
        "reserve": (
            m.ReserveEntry,
            "occurred_at",
            lambda o: o.note[:120] or o.get_kind_display(),
        ),
    }


def _day(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value or "")


def sort_records(record_ids: list[str], scope: Scope) -> tuple[list[dict[str, Any]], int, set[int]]:
    """The records behind a number the user may open, as {kind, id, pk, at}, grouped by kind
    (KIND_ORDER) and newest first within a kind; how many they may not open; and the survey
    campaigns the number rests on. One query per kind, dates only (names come per page)."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    campaigns: set[int] = set()
    hidden = 0
    openable = scope.visible_record_ids(record_ids)
    for rid in record_ids:
        kind, _, rest = str(rid).partition(":")
        if kind == "survey":
            campaign, _, _component = rest.partition(":")
            if campaign.isdigit():
                campaigns.add(int(campaign))
        elif (kind in RECORD_KINDS or kind == "person") and str(rid) not in openable:
            hidden += 1
        elif rest.isdigit():
            by_kind[kind].append(int(rest))
    catalogue = _catalogue()
    rows: list[dict[str, Any]] = []
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    for kind in sorted(by_kind, key=lambda k: (order.get(k, len(order)), k)):
        pks = sorted(set(by_kind[kind]))
        dates: dict[int, Any] = {}
        if kind in catalogue and catalogue[kind][1]:
            model, field, _ = catalogue[kind]
            dates = dict(model.objects.filter(pk__in=pks).values_list("pk", field))
        found = sorted(pks, key=lambda pk: (_day(dates.get(pk)), pk), reverse=True)
        rows += [
            {"kind": kind, "id": f"{kind}:{pk}", "pk": pk, "at": _day(dates.get(pk))}
            for pk in found
        ]
    return rows, hidden, campaigns


def name_records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row with its name (`text`): one query per kind for just these rows."""
    catalogue = _catalogue()
    by_kind: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row["pk"])
    names: dict[str, str] = {}
    for kind, pks in by_kind.items():
        if kind in catalogue:
            model, _, text = catalogue[kind]
            found = model.objects.filter(pk__in=pks)
            if kind == "interaction":
                found = found.select_related("initiator")
            if kind == "commitment":
                found = found.select_related("promisee", "confirmation_by")
            names |= {f"{kind}:{o.pk}": text(o) for o in found}
    return [
        {
            "id": r["id"],
            "kind": r["kind"],
            "at": r["at"],
            "text": names.get(r["id"], ""),
            "url": f"/records/{r['kind']}/{r['pk']}/" if r["kind"] in RECORD_PAGES else None,
        }
        for r in rows
    ]


def _summaries(campaigns: set[int], hidden: int) -> list[dict[str, Any]]:
    """Lines that count rather than list: the surveys a number rests on, records not yours."""
    described: list[dict[str, Any]] = []
    if campaigns:
        from trustledger.surveys.models import Campaign

        for title in Campaign.objects.filter(pk__in=campaigns).order_by("closed_at", "pk"):
            described.append(
                {
                    "id": None,
                    "kind": "survey",
                    "at": "",
                    "text": f"Anonymous answers to “{title}”, shown only as aggregates",
                }
            )
    if hidden:
        described.append(
            {
                "id": None,
                "kind": "not yours",
                "at": "",
                "text": f"{hidden} record{'s' if hidden != 1 else ''} you cannot open",
            }
        )
    return described


def paged_records(record_ids: list[str], scope: Scope, number: int) -> dict[str, Any]:
    """One page of the records behind a number, grouped by kind, with the counts per kind."""
    rows, hidden, campaigns = sort_records(record_ids, scope)
    pages = max(1, -(-len(rows) // PER_PAGE))
    if number > pages:
        raise BadQuery(
            "page",
            f"there {'is' if pages == 1 else 'are'} only {pages} page"
            f"{'s' if pages != 1 else ''} of records",
        )
    shown = name_records(rows[(number - 1) * PER_PAGE : number * PER_PAGE])
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["kind"]] += 1
    groups = []
    for row in shown:
        if not groups or groups[-1]["kind"] != row["kind"]:
            groups.append(
                {
                    "kind": row["kind"],
                    "label": KIND_WORDS.get(row["kind"], row["kind"]),
                    "count": counts[row["kind"]],
                    "records": [],
                }
            )
        groups[-1]["records"].append(row)
    return {
        "groups": groups,
        "counts": [
            {"kind": kind, "label": KIND_WORDS.get(kind, kind), "count": count}
            for kind, count in counts.items()
        ],
        "summaries": _summaries(campaigns, hidden),
        "page": number,
        "pages": pages,
        "per_page": PER_PAGE,
        "openable": len(rows),
        "hidden": hidden,
    }


@page("web/explain.html")
def explain_page(
    request: HttpRequest,
    scope: Scope,
    as_of: dt.datetime,
    as_of_param: str | None,
    kind: str,
    pk: int,
    measure: str,
) -> dict[str, Any]:
    builders = _builders()
    if kind not in builders:
        raise refuse()
    kwargs = {} if kind == "map" else {"pk": pk}
    source = builders[kind].build(request, scope, as_of, as_of_param, **kwargs)
    node = walk(source if kind == "map" else source["report"], measure)
    explanation = node["explanation"]
    number = params.page_number(request.GET)
    records = paged_records(explanation.get("record_ids", []), scope, number)
    value = next(
        (node[k] for k in ("value", "score", "mean", "balance", "gap", "share") if k in node), None
    )
    return {
        "title": f"How {measure.replace('.', ' › ').replace('_', ' ')} is computed",
        "kind": kind,
        "object_id": pk,
        "measure": measure,
        "page_title": source.get("title", ""),
        "page_url": request.path.split("/explain/")[0] + _page_url(kind, pk),
        "value": value if isinstance(value, int | float) else None,
        "scale": scale_of(measure),
        "digits": {"health": 0, "rating": 1}.get(scale_of(measure) or "", 2),
        "value_unit": UNITS.get(measure.strip("/").split(".")[-1], ""),
        "explanation": explanation,
        "inputs": input_rows(explanation.get("inputs") or {}, health=scale_of(measure) == "health"),
        "records": records,
        "record_count": len(explanation.get("record_ids", [])),
        "hidden_records": records["hidden"],
        "settings": settings_in_force(request.user),
    }


UNITS = {  # numbers without a scale of their own say what they count
    "reserve": "reserve points",
    "setback": "reserve points left after the setback",
    "given": "points of attention",
    "received": "points of attention",
}

SCALES = {
    "trust": "trust",
    "organizational_trust": "trust",
    "health": "health",
    "reliability": "rating",
    "transparency": "rating",
}


def scale_of(measure: str) -> str | None:
    """The scale a measure is read on (trustledger.domain.readings.Scale), from its path:
    `trust` → trust, `trust.components.self_orientation` → lower-is-better 1–10."""
    parts = measure.strip("/").split(".")
    if len(parts) >= 2 and parts[-2] == "components":
        return "self_orientation" if parts[-1] in {"self_orientation", "focus"} else "rating"
    return SCALES.get(parts[-1])


def _page_url(kind: str, pk: int) -> str:
    return {"map": "/map/"}.get(kind, f"/{'people' if kind == 'person' else kind + 's'}/{pk}/")
