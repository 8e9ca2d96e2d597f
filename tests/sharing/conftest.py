"""A supplier relationship of IT with an external person (no login) to issue links to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone


@dataclass
class Supplier:
    rel: Any
    wendell: Any  # of the supplier, no login, with an e-mail address
    colleague: Any  # of the supplier too
    promise: Any  # IT's promise to Wendell, open
    claimed: Any  # IT's promise to Wendell, recorded kept by IT
    measure: Any


@pytest.fixture
def supplier(cast) -> Supplier:  # type: ignore[no-untyped-def]
    from trustledger.directory.models import Organization, Person, PersonIdentity
    from trustledger.ledger import models as m

    org = Organization.objects.create(name="Quarry Point", kind="supplier")
    wendell = Person.objects.create(display_name="Wendell Achebe", organization=org)
    PersonIdentity.objects.create(
        person=wendell,
        kind="email",
        value="wendell@quarry.example",
        normalized="wendell@quarry.example",
    )
    colleague = Person.objects.create(display_name="Nadia Quarry", organization=org)
    rel = m.Relationship.objects.create(
        our_unit=cast.it, counterpart_organization=org, started_on=dt.date(2026, 1, 5)
    )
    ada = cast.it_manager.person
    now = timezone.now()

    def promise(what: str, state: str) -> Any:
        return m.Commitment.objects.create(
            promisor=ada, promisee=wendell, relationship=rel, what=what, strength="commitment",
            made_at=now - dt.timedelta(days=20), due_at=now + dt.timedelta(days=5), state=state,
            closed_at=now - dt.timedelta(days=1) if state != "open" else None,
        )  # fmt: skip

    measure = m.AgreedMeasure.objects.create(relationship=rel, name="Answer in 4 h", target="95%")
    return Supplier(
        rel=rel,
        wendell=wendell,
        colleague=colleague,
        promise=promise("Confirm the rack move date", "open"),
        claimed=promise("Send the capacity forecast", "kept"),
        measure=measure,
    )


@pytest.fixture
def issued(cast, supplier):  # type: ignore[no-untyped-def]
    """(link, token) for Wendell, made by IT's manager."""
    from trustledger.sharing.actions import issue_link

    return issue_link(cast.it_manager, supplier.rel, supplier.wendell)


def opened(client: Any, token: str) -> Any:
    """Follow the mail's link as the holder's browser does; returns the page's response."""
    first = client.get(f"/shared/t/{token}/")
    assert first.status_code == 302, first.status_code
    return client.get(first["Location"])
