"""/people/<id>/: local context, relationships, attention over time, commitments, trust."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from trustledger import domain as core
from trustledger.accounts.access import Scope
from trustledger.directory.actions import LOCAL_CONTEXT, THEIR_SCRIPT
from trustledger.directory.models import Person
from trustledger.domain.context import FIELD_LABELS
from trustledger.domain.explanation import jsonable
from trustledger.history.query import history_section
from trustledger.ledger import models as m
from trustledger.web.links import unit_url
from trustledger.web.pages import reports
from trustledger.web.pages.act import back_to, next_actions_of
from trustledger.web.pages.common import explain_base, page, refuse, with_explain_urls
from trustledger.web.pages.summaries import commitment_row, relationship_rows
from trustledger.web.records.directory import context_gaps, links


def attention_quality(
    person: Person, trust: dict[str, Any] | None, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    """Quality of attention: the person's published survey means over the focus of the
    contacts they started in their own relationships (every one, as the number rests on
    them; the explanation lists only those the reader may open)."""
    own = m.Relationship.objects.filter(our_person_id=person.pk).order_by("pk")
    hits = total = 0
    ids: list[str] = []
    for found in reports.relationships(own, as_of, as_of_param):
        share = found["measures"]["attention"]["self_focus_share"]["explanation"]
        hits += share["inputs"]["hits"]
        total += share["inputs"]["total"]
        ids += share["record_ids"]
    means = {k: c["mean"] for k, c in trust["components"].items()} if trust else {}
    return jsonable(  # type: ignore[no-any-return]
        core.rated_attention_quality(
            means, hits / total if total else None, focus_record_ids=ids, focus_n=total
        )
    )


@page("web/person.html")
def person_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    person = scope.people().select_related("organization", "unit").filter(pk=pk).first()
    if person is None:
        raise refuse()
    query = f"?as_of={as_of_param}" if as_of_param else ""
    raw = reports.person(person, as_of, as_of_param)
    report = with_explain_urls(
        {**raw, "attention_quality": attention_quality(person, raw["trust"], as_of, as_of_param)},
        explain_base("person", person.pk),
        query,
    )
    relationships = scope.relationships().filter(
        Q(our_person_id=person.pk) | Q(counterpart_person_id=person.pk)
    )
    theirs = Q(promisor_id=person.pk) | Q(promisee_id=person.pk)
    # Only the commitments the user may open are listed; the others are counted.
    readable = scope.commitments().filter(theirs, made_at__lte=as_of)
    commitments = readable.select_related("promisor", "promisee", "confirmation_by")
    commitments = commitments.order_by("-due_at")[:50]
    hidden = m.Commitment.objects.filter(theirs, made_at__lte=as_of).count() - readable.count()
    rows = relationship_rows(relationships, as_of, as_of_param)
    return {
        "title": person.display_name,
        "person": {
            "id": person.pk,
            "name": person.display_name,
            "title": person.title,
            "organization": person.organization.name if person.organization else None,
            "unit": {
                "id": person.unit_id,
                "name": person.unit.name,
                "url": unit_url(scope, person.unit_id),
            }
            if person.unit
            else None,
            "context": [
                {"field": f, "label": f.replace("_", " ").capitalize(), "value": getattr(person, f)}
                for f in LOCAL_CONTEXT
            ],
            "script": [
                {"field": f, "label": FIELD_LABELS[f].capitalize(), "value": getattr(person, f)}
                for f in THEIR_SCRIPT
            ],
        },
        "context_gaps": context_gaps(scope, report["context"]),
        "links": links(scope, person),
        "report": report,
        "relationships": rows,
        "next_actions": next_actions_of(rows, scope, back_to(request, as_of_param)),
        "commitments": [commitment_row(c, as_of, scope) for c in commitments],
        "hidden_commitments": hidden,
        "attention_chart": reports.attention(person, as_of, as_of_param),
        "history": history_section(person, scope),
        "language_orientation": reports.orientation_of_person(person, as_of, as_of_param),
    }
