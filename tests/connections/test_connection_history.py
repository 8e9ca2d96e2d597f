"""A connection's syncs write the history of what they bring: the owner, the connection, and
before → after for an event the server changed (against a real Radicale on loopback)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet

from tests.connections.radicale import PASSWORD, USER, card, event
from trustledger.accounts.access import scope_for
from trustledger.directory.models import PersonIdentity
from trustledger.history.query import history_for
from trustledger.ingest import secrets
from trustledger.ingest.connection_runs import label
from trustledger.ingest.models import Connection
from trustledger.ingest.sync import sync
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _key(settings):
    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS = 5


def when(days: int, hour: int = 10) -> str:
    moment = dt.datetime.now(dt.UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (moment + dt.timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")


def connect(owner, url, kind):  # type: ignore[no-untyped-def]
    return Connection.objects.create(
        owner=owner,
        kind=kind,
        url=url,
        username=USER,
        secret_encrypted=secrets.encrypt(PASSWORD),
        folders=[],
    )


def test_a_sync_names_its_connection_and_owner_and_a_changed_event_says_what_changed(
    radicale, cast
):
    radicale.calendar("work")
    radicale.put_event("work", "kickoff", event("kickoff", when(-10), summary="Kick-off"))
    radicale.address_book("contacts")
    radicale.put_card("contacts", "bea", card("bea", "Bea Partner", "bea@partner.example"))
    calendar = connect(cast.admin, radicale.url, "caldav")
    assert sync(calendar).error == ""
    kickoff = Interaction.objects.get(external_id="kickoff")
    admin = scope_for(cast.admin)
    (created,) = history_for(kickoff, admin)
    assert created["imported"] == f"Imported from {label(calendar)} by admin"
    assert created["via"] == f"connection {calendar.pk}"
    # Bea came with the meeting, named by her address; her card names her.
    contacts = connect(cast.admin, radicale.url, "carddav")
    assert sync(contacts).error == ""
    bea = PersonIdentity.objects.get(normalized="bea@partner.example").person
    renamed = history_for(bea, admin)[0]
    assert renamed["imported"] == f"Changed by an import of {label(contacts)} by admin"
    assert {(c["field"], c["before"], c["after"]) for c in renamed["changes"]} >= {
        ("display_name", "bea@partner.example", "Bea Partner")
    }
    # The server moves the meeting: the next sync says before → after; one more, nothing.
    radicale.put_event("work", "kickoff", event("kickoff", when(-9, 14), summary="Kick-off"))
    assert sync(calendar).counts["updated"] == 1
    moved = history_for(kickoff, admin)[0]
    assert moved["action"] == "changed" and [c["field"] for c in moved["changes"]] == [
        "occurred_at"
    ]
    assert sync(calendar).counts["updated"] == 0
    assert len(history_for(kickoff, admin)) == 2
