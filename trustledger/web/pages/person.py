"""/people/<id>/: local context, relationships, attention over time, commitments, trust."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.ledger import models as m
from trustledger.web.links import unit_url
from trustledger.web.pages import reports
from trustledger.web.pages.attention import attention_series
from trustledger.web.pages.common import explain_base, page, refuse, with_explain_urls
from trustledger.web.pages.summaries import commitment_row, relationship_rows

CONTEXT_FIELDS = (
    "role",
    "responsibilities",
    "concerns",
    "corporate_culture",
    "country",
    "language",
    "time_zone",
    "preferred_channels",
)


@page("web/person.html")
def person_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    person = scope.people().select_related("organization", "unit").filter(pk=pk).first()
    if person is None:
        raise refuse()
    query = f"?as_of={as_of_param}" if as_of_param else ""
    report = with_explain_urls(
        reports.person(person, as_of, as_of_param), explain_base("person", person.pk), query
    )
    relationships = scope.relationships().filter(
        Q(our_person_id=person.pk) | Q(counterpart_person_id=person.pk)
    )
    theirs = Q(promisor_id=person.pk) | Q(promisee_id=person.pk)
    # Only the commitments the user may open are listed; the others are counted.
    readable = scope.commitments().filter(theirs, made_at__lte=as_of)
    commitments = readable.select_related("promisor", "promisee").order_by("-due_at")[:50]
    hidden = m.Commitment.objects.filter(theirs, made_at__lte=as_of).count() - readable.count()
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
                for f in CONTEXT_FIELDS
            ],
        },
        "report": report,
        "relationships": relationship_rows(relationships, as_of, as_of_param),
        "commitments": [commitment_row(c, as_of, scope) for c in commitments],
        "hidden_commitments": hidden,
        "attention_chart": attention_series(person.pk, as_of),
    }
