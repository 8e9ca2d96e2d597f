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
from trustledger.web.pages.common import page, refuse

LINKABLE = {"interaction", "commitment", "feedback", "goal", "decision", "review", "incident"}


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


def describe_records(record_ids: list[str], scope: Scope) -> tuple[list[dict[str, Any]], int]:
    """What each record behind a number is, in one query per kind, for the records `scope`
    may open; and how many it may not. Survey answers stay anonymous: a number resting on a
    survey names the campaign, never a response or a count of responses (which would show who
    answered "don't know")."""
    from trustledger.ledger import models as m

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
    models = {
        "interaction": (
            m.Interaction,
            lambda o: (
                f"{o.get_channel_display()} on {o.occurred_at:%Y-%m-%d}"
                + (f": {o.subject}" if o.subject else "")
            ),
        ),
        "commitment": (
            m.Commitment,
            lambda o: f"{o.what} (due {o.due_at:%Y-%m-%d}, {o.get_state_display().lower()})",
        ),
        "feedback": (m.FeedbackItem, lambda o: f"{o.summary[:120]} ({o.received_at:%Y-%m-%d})"),
        "goal": (m.Goal, lambda o: o.title),
        "decision": (m.Decision, lambda o: f"{o.title} ({o.decided_at:%Y-%m-%d})"),
        "review": (m.QualityReview, lambda o: f"Quality review on {o.held_on:%Y-%m-%d}"),
        "incident": (m.Incident, lambda o: f"{o.title} ({o.arose_at:%Y-%m-%d})"),
    }
    described = []
    for kind, pks in sorted(by_kind.items()):
        if kind in models:
            model, text = models[kind]
            found = {o.pk: text(o) for o in model.objects.filter(pk__in=pks[:500])}
        else:
            found = {}
        for pk in pks[:500]:
            described.append({"id": f"{kind}:{pk}", "kind": kind, "text": found.get(pk, "")})
    if campaigns:
        from trustledger.surveys.models import Campaign

        for title in Campaign.objects.filter(pk__in=campaigns).order_by("closed_at", "pk"):
            described.append(
                {
                    "id": None,
                    "kind": "survey",
                    "text": f"Anonymous answers to “{title}”, shown only as aggregates",
                }
            )
    if hidden:
        described.append(
            {
                "id": None,
                "kind": "not yours",
                "text": f"{hidden} record{'s' if hidden != 1 else ''} you cannot open",
            }
        )
    return described, hidden


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
    records, hidden = describe_records(explanation.get("record_ids", []), scope)
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
        "explanation": explanation,
        "records": records,
        "record_count": len(explanation.get("record_ids", [])),
        "hidden_records": hidden,
    }


def _page_url(kind: str, pk: int) -> str:
    return {"map": "/map/"}.get(kind, f"/{'people' if kind == 'person' else kind + 's'}/{pk}/")
