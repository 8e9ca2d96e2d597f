"""The demo's other side speaks (trustledger/demo/confirmations.py): Finance confirms most of
IT's recorded outcomes, disputes one kept claim, leaves some claims; measures recorded as
agreed by both name who of the other side agreed them."""

from __future__ import annotations

import pytest

from trustledger.demo.load import load_demo
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


def test_finance_confirms_disputes_and_leaves_claims() -> None:
    load_demo()
    promises = m.Commitment.objects.filter(
        relationship__our_unit__name="IT", relationship__counterpart_unit__name="Finance"
    )
    confirmed = promises.filter(confirmation="confirmed")
    names = set(confirmed.values_list("confirmation_by__display_name", flat=True))
    assert confirmed.count() >= 5 and names == {"Margit Esterházy", "Oskar Wendt"}
    (disputed,) = promises.filter(confirmation="disputed")
    assert disputed.state == "kept" and "VAT" in disputed.confirmation_comment
    closed = promises.exclude(state__in=["open", "renegotiated"])
    assert closed.filter(confirmation="claimed").count() >= 2
    # No one confirmed a promise they made.
    assert not promises.filter(confirmation_by=models_f("promisor")).exists()
    agreed = m.AgreedMeasure.objects.filter(agreed_by_both=True, relationship__isnull=False)
    assert agreed.exists() and not agreed.filter(agreed_by_other__isnull=True).exists()


def models_f(name: str):  # type: ignore[no-untyped-def]
    from django.db.models import F

    return F(name)
