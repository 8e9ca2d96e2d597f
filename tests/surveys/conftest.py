"""Survey fixtures: raters with e-mail addresses, and helpers that read tokens from the mails."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.core import mail

from trustledger.directory.models import Person, PersonIdentity, Unit

LINK = re.compile(r"https?://[^\s]+/surveys/r/([A-Za-z0-9_-]+)/")


def tokens_in(messages) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """E-mail address -> token, from sent messages."""
    found = {}
    for message in messages:
        match = LINK.search(message.body)
        assert match, message.body
        found[message.to[0]] = match.group(1)
    return found


def with_email(person: Person, address: str) -> Person:
    PersonIdentity.objects.create(person=person, kind="email", value=address, normalized=address)
    return person


def add_people(unit: Unit, prefix: str, count: int) -> list[Person]:
    return [
        with_email(
            Person.objects.create(
                display_name=f"{prefix} {i}", organization=unit.organization, unit=unit
            ),
            f"{prefix.lower()}{i}@testco.example",
        )
        for i in range(count)
    ]


@dataclass
class Run:
    """A campaign about IT with its raters' tokens, driven through the real actions."""

    campaign: object
    tokens: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def it_campaign(cast, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """An open campaign about the IT unit: 6 Finance raters, 2 IT members (self), 1 external
    at a customer known by its mail domain."""
    from trustledger.directory.models import Organization
    from trustledger.surveys import actions

    Organization.objects.create(
        name="Outside Ltd", kind="customer", email_domains="outside.example"
    )
    with_email(cast.it_manager.person, "ada@testco.example")
    with_email(cast.it_member.person, "ben@testco.example")
    add_people(cast.finance, "Fin", 6)
    campaign = actions.create_campaign(cast.it_manager, title="IT pulse", subject_unit=cast.it)
    actions.add_raters(
        cast.it_manager,
        campaign,
        units=[cast.finance, cast.it],
        emails=["Partner@Outside.example"],
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_campaign(cast.it_manager, campaign, base_url="http://testserver")
    campaign.refresh_from_db()
    run = Run(campaign, tokens_in(mail.outbox))
    return run


def answers_for(kind: str, level: int) -> dict[str, int | None]:
    """Every item answered so that each component scores `level`."""
    from trustledger.surveys.instrument import items_for

    return {item.code: (11 - level if item.reverse else level) for item in items_for(kind)}
