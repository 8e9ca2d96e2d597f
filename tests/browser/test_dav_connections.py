"""/connections/ with a calendar in a real Chromium against a real Radicale: tobias adds his
calendar through the form (kind "Calendar (CalDAV)", tried at once), the first sync runs and
the list says what it brought (the page with a calendar row on a phone and under axe:
test_connections.py). The screenshot goes to docs/screenshots/i17-caldav.png (`make screenshots`)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet

from tests.connections.conftest import radicale as radicale  # the real CalDAV server fixture
from tests.connections.radicale import PASSWORD, USER, card, event
from trustledger.analytics.queue import queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start(days: int, hour: int = 9) -> str:
    moment = dt.datetime.now(dt.UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (moment + dt.timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")


def test_a_manager_adds_his_calendar_and_sees_what_it_brought(
    page, login, live_server, demo_world, shot, radicale, settings
):  # type: ignore[no-untyped-def]
    from trustledger.accounts.models import User
    from trustledger.directory.models import PersonIdentity
    from trustledger.ingest import secrets
    from trustledger.ingest.models import Connection
    from trustledger.ingest.sync import sync

    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS = 5
    tobias = User.objects.get(username="tobias")
    address = PersonIdentity.objects.filter(person=tobias.person, kind="email").first().value
    radicale.calendar("work")
    radicale.put_event(
        "work", "renewal", event("renewal", start(-3), summary="Renewal", organizer=address,
                                 attendees=("anna@halvard.example",)),
    )  # fmt: skip
    radicale.put_event(
        "work", "standup", event("standup", start(-20), summary="Stand-up", organizer=address,
                                 attendees=("anna@halvard.example", "jonas@halvard.example"),
                                 extra="RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
    )  # fmt: skip
    radicale.address_book("contacts")
    radicale.put_card("contacts", "anna", card("anna", "Anna Halvard", "anna@halvard.example"))
    contacts = Connection.objects.create(
        owner=tobias, kind="carddav", url=radicale.url, username=USER, folders=["contacts"],
        secret_encrypted=secrets.encrypt(PASSWORD), interval_minutes=60,
    )  # fmt: skip
    assert sync(contacts).error == ""
    queue.immediate = True
    try:
        login(page, "tobias", "trust-the-ledger")
        page.goto(f"{live_server.url}/connections/")
        page.select_option("select[name=kind]", "caldav")
        page.fill("input[name=url]", radicale.url)
        page.fill("input[name=username]", USER)
        page.fill("input[name=secret]", "a-wrong-one")
        page.click("button:has-text('Try and add')")
        problem = page.get_by_test_id("connection-problem").inner_text()
        assert "wrong user name or password for 'ada'" in problem
        page.select_option("select[name=kind]", "caldav")
        page.fill("input[name=secret]", PASSWORD)
        page.fill("input[name=folders]", "work")
        page.select_option("select[name=content]", "subject")
        page.click("button:has-text('Try and add')")
        page.wait_for_load_state("networkidle")
    finally:
        queue.immediate = False
    text = page.locator("main").inner_text()
    assert "Connected (work: 2 events)" in text
    assert "2 events read: 4 new interactions" in text
    assert "1 card read" in text
    assert PASSWORD not in page.content()
    shot(page, "i17-caldav")
