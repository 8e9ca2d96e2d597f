"""/connections/ in a real Chromium against a real Dovecot: tobias adds his mailbox through
the form (tried at once), the first sync runs and the list says what it brought; a connection
whose password changed on the server shows its error. The page's screenshot goes to
docs/screenshots/i17-connections.png (`make screenshots`)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from tests.connections.conftest import dovecot as dovecot  # the real IMAP server fixture
from tests.connections.dovecot import PASSWORD, USER, message
from trustledger.analytics.queue import queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_adds_his_mailbox_and_sees_what_it_brought(
    page, login, live_server, demo_world, shot, dovecot, settings
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
    dovecot.append(
        "INBOX",
        message("anna@halvard.example", address, "Renewal"),
        message("anna@halvard.example", address, "Renewal terms"),
        message("news@lists.example", "list@lists.example", "Weekly digest"),
    )
    dovecot.append("Sent", message(address, "anna@halvard.example", "Re: Renewal"))
    stale = Connection.objects.create(
        owner=tobias, kind="imap", url=dovecot.url, username=USER, folders=["INBOX"],
        secret_encrypted=secrets.encrypt("changed-on-the-server"),
    )  # fmt: skip
    sync(stale)
    queue.immediate = True
    try:
        login(page, "tobias", "trust-the-ledger")
        page.goto(f"{live_server.url}/connections/")
        page.fill("input[name=url]", dovecot.url)
        page.fill("input[name=username]", USER)
        page.fill("input[name=secret]", "a-wrong-one")
        page.click("button:has-text('Try and add')")
        problem = page.get_by_test_id("connection-problem").inner_text()
        assert "wrong user name or password for 'ada'" in problem
        page.fill("input[name=secret]", PASSWORD)
        page.click("button:has-text('Try and add')")
        page.wait_for_load_state("networkidle")
    finally:
        queue.immediate = False
    text = page.locator("main").inner_text()
    assert "Connected (INBOX: 3 messages; Sent: 1 message)" in text
    assert "4 messages read: 3 new interactions" in text
    assert "1 left out (they name none of the owner's people)" in text
    assert "Last try failed: wrong user name or password" in text
    assert PASSWORD not in page.content()
    shot(page, "i17-connections")


def test_the_page_with_mail_and_calendar_rows_fits_a_phone_and_passes_axe(
    browser, login, live_server, demo_world, settings
):  # type: ignore[no-untyped-def]
    from tests.browser.axe import axe_source
    from tests.browser.conftest import PHONE
    from tests.browser.crawl import check, with_axe
    from trustledger.accounts.models import User
    from trustledger.ingest import secrets
    from trustledger.ingest.models import Connection

    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    tobias = User.objects.get(username="tobias")
    Connection.objects.create(
        owner=tobias, kind="imap", url="imaps://mail.corvidcloud.example", username="tobias",
        folders=["INBOX", "Sent"], secret_encrypted=secrets.encrypt("x"),
        last_counts={"messages": 40, "created": 31, "people": 4, "skipped": 6, "rejected": 1,
                     "outside_scope": 2, "resynced": ["Sent"]},
        last_error="wrong user name or password for 'tobias' at mail.corvidcloud.example:993",
    )  # fmt: skip
    Connection.objects.create(
        owner=tobias, kind="caldav", url="https://dav.corvidcloud.example/calendars/tobias/",
        username="tobias", folders=[], secret_encrypted=secrets.encrypt("x"),
        last_counts={"what": "event", "messages": 12, "created": 30, "people": 2, "skipped": 3,
                     "rejected": 0, "outside_scope": 1, "removed": 2},
        last_error="calendar missing: 'Holidays' is not on the server (calendars there: work)",
    )  # fmt: skip
    results = []
    for size, scheme, device in (({"width": 1280, "height": 900}, "light", "desktop"),
                                 (PHONE, "dark", "phone")):  # fmt: skip
        # bypass_csp: axe-core is injected as a script the app's policy rightly refuses.
        context = browser.new_context(viewport=size, color_scheme=scheme, bypass_csp=True)
        page = with_axe(context, axe_source())
        login(page, "tobias", "trust-the-ledger")
        results.append(check(page, live_server.url, "/connections/", "tobias", device))
        context.close()
    for result in results:
        assert result.status == 200
        assert result.fits, (result.device, result.width, result.sticking_out)
        assert result.violations == [], (result.device, result.violations)
