"""The demo's external counterpart: Quarry Point Hosting supplies IT's hosting, and its
account manager, Wendell Achebe, has no login. IT made him two promises (one claimed kept,
one open), proposed a measure he has not agreed yet and held a quality review with him; he
holds a private link to confirm them. The link's token is thrown away here: nothing secret
is printed or kept; `trustledger share-link` makes a fresh one that prints its URL once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trustledger.ledger import models as m
from trustledger.sharing.actions import issue_link

RELATIONSHIP = "it_supplier"
PERSON = "supplier_am"


def links(b: Any) -> None:
    rel = b.rels[RELATIONSHIP]
    wendell, sre, pm = b.people[PERSON], b.people["it_sre"], b.people["it_pm"]
    promises = [
        ("Send the capacity forecast for Q1", sre, 300, 314, "kept"),
        ("Confirm the rack move date", pm, 352, 372, "open"),
    ]
    for what, promisor, made, due, state in promises:
        m.Commitment.objects.create(
            promisor=promisor,
            promisee=wendell,
            relationship=rel,
            what=what,
            statement=f"We will {what[0].lower()}{what[1:]}.",
            strength="commitment",
            made_at=b.at(made, 11),
            due_at=b.at(due, 17),
            state=state,
            closed_at=b.at(due - 1, 16) if state != "open" else None,
        )
    measure = m.AgreedMeasure.objects.create(
        relationship=rel,
        name="Hosting incidents answered within 4 hours",
        target="95% of incidents",
        owner=sre,
        agreed_on=b.at(330).date(),
    )
    review = m.QualityReview.objects.create(
        relationship=rel,
        held_on=b.at(335).date(),
        notes="Capacity is fine for Q1; the rack move needs a date.",
        next_review_due=b.at(335).date() + dt.timedelta(days=90),
    )
    review.attendees.set([sre, wendell])
    m.QualityReviewMeasure.objects.create(review=review, measure=measure, status="on_track")
    issue_link(None, rel, wendell)
