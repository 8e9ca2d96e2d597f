"""The demo's other side speaks: Finance confirms most of IT's recorded outcomes, disputes one
"kept" claim, leaves the latest claims unconfirmed; Finance and Marketing agree the measures
the demo records as agreed by both (issue 14)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from trustledger.demo import cast
from trustledger.directory.models import Person
from trustledger.ledger import confirmations as confirm
from trustledger.ledger import models as m

if TYPE_CHECKING:
    from trustledger.demo.load import _Builder

DISPUTE = (
    "The invoice export still drops the VAT lines: we corrected them by hand again at "
    "month-end. Not kept for us."
)
LEFT_CLAIMED = 2  # the latest kept claims wait for Finance's word
LEFT_TO_AGREE = "Invoice export failures per month"  # waits for Finance's "Agree"


def confirmations(b: _Builder) -> None:
    margit, oskar = b.people["cfo"], b.people["fin1"]
    closed = list(
        m.Commitment.objects.filter(
            relationship=b.rels["it_finance"],
            state__in=[m.CommitmentState.KEPT, m.CommitmentState.KEPT_LATE, "broken"],
        ).order_by("closed_at", "pk")
    )
    kept = [c for c in closed if c.state == m.CommitmentState.KEPT]
    waiting = {c.pk for c in kept[-LEFT_CLAIMED:]}
    disputed = kept[-LEFT_CLAIMED - 1] if len(kept) > LEFT_CLAIMED else None
    for i, c in enumerate(closed):
        if c.pk in waiting or i % 4 == 3:  # some claims stay as IT recorded them
            continue
        at = min(c.closed_at + dt.timedelta(days=1 + i % 3), cast.DEMO_END)
        if disputed is not None and c.pk == disputed.pk:
            confirm.dispute_commitment(c, person=oskar, comment=DISPUTE, at=at)
            continue
        who = oskar if c.promisee_id == oskar.pk else margit
        confirm.confirm_commitment(c, c.state, person=who, at=at)
    # Every measure the demo records as agreed by both is agreed by someone of the other side
    # (Finance's and Marketing's heads, else the counterpart); with no one there, it is not.
    heads = {b.rels["it_finance"].pk: margit, b.rels["it_marketing"].pk: b.people["cmo"]}
    measures = m.AgreedMeasure.objects.filter(agreed_by_both=True, relationship__isnull=False)
    for measure in measures.select_related("relationship"):
        person = heads.get(measure.relationship_id) or _someone_of_theirs(measure.relationship)
        if person is None or measure.name == LEFT_TO_AGREE:
            measure.agreed_by_both = False
            measure.save(update_fields=["agreed_by_both"])
            continue
        on = dt.datetime.combine(measure.agreed_on, dt.time(15), tzinfo=dt.UTC)
        confirm.agree_measure(measure, person=person, at=on)


def _someone_of_theirs(rel: m.Relationship) -> Person | None:
    if rel.counterpart_person_id:
        return rel.counterpart_person
    if rel.counterpart_unit_id:
        return Person.objects.filter(unit_id=rel.counterpart_unit_id).order_by("pk").first()
    return (
        Person.objects.filter(organization_id=rel.counterpart_organization_id)
        .order_by("pk")
        .first()
    )
