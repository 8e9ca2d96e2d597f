"""The private calendar feed, parsed back with the icalendar library."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from icalendar import Calendar

from trustledger.api.tokens import regenerate_feed, revoke_feeds
from trustledger.ledger import actions

pytestmark = pytest.mark.django_db


def _events(client: Client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_lists_open_commitments_made_and_received(cast, ledger):
    actions.keep_commitment(
        cast.admin, ledger.commitments["alice_to_member"], at=dt.datetime(2026, 6, 2, tzinfo=dt.UTC)
    )
    made = ledger.commitments["member_to_alice"]
    received = actions.make_commitment(
        cast.admin,
        promisor=ledger.alice,
        promisee=cast.it_member.person,
        what="Send the contract",
        strength="good_intention",
        made_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
        due_at=dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC),
    )
    feed, plain = regenerate_feed(cast.it_member)
    events = {str(e["UID"]): e for e in _events(Client(), f"/feeds/{plain}.ics")}
    # Keep-in-touch dates ride along (docs/nudges.md); here only the promises count.
    events = {uid: e for uid, e in events.items() if uid.startswith("commitment-")}
    # Open ones only: Alice's kept budget figures are gone; Finance's commitment is not ours.
    assert set(events) == {
        f"commitment-{made.pk}@trustledger",
        f"commitment-{received.pk}@trustledger",
    }
    mine = events[f"commitment-{made.pk}@trustledger"]
    assert mine.decoded("DTSTART") == made.due_at
    assert str(mine["X-TRUSTLEDGER-STRENGTH"]) == "commitment"
    assert str(mine["X-TRUSTLEDGER-COUNTERPART"]) == "Alice Customer"
    assert str(mine["SUMMARY"]) == "I promised Alice Customer: Send the migration plan"
    theirs = events[f"commitment-{received.pk}@trustledger"]
    assert theirs.decoded("DTSTART") == dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)
    assert str(theirs["X-TRUSTLEDGER-STRENGTH"]) == "good_intention"
    assert str(theirs["X-TRUSTLEDGER-DIRECTION"]) == "received"
    assert "Strength: Good intention" in str(theirs["DESCRIPTION"])
    feed.refresh_from_db()
    assert feed.last_fetched_at is not None


def test_a_regenerated_or_revoked_feed_url_stops_working(cast, ledger):
    _, old = regenerate_feed(cast.it_member)
    _, new = regenerate_feed(cast.it_member)
    client = Client()
    assert client.get(f"/feeds/{old}.ics").status_code == 404
    assert client.get(f"/feeds/{new}.ics").status_code == 200
    revoke_feeds(cast.it_member)
    assert client.get(f"/feeds/{new}.ics").status_code == 404
    assert client.get("/feeds/tlf_guess.ics").status_code == 404


def test_a_user_without_a_person_gets_an_empty_calendar(cast, ledger):
    _, plain = regenerate_feed(cast.viewer)
    assert _events(Client(), f"/feeds/{plain}.ics") == []


def test_the_feed_url_is_made_on_the_tokens_page(cast, ledger):
    client = Client()
    client.force_login(cast.finance_member)
    page = client.post("/account/tokens/", {"action": "feed"})
    url = page.context["shown"]["feed"]
    assert url.startswith("http://testserver/feeds/tlf_")
    events = _events(Client(), url.removeprefix("http://testserver"))
    promises = [e for e in events if str(e["UID"]).startswith("commitment-")]
    assert [str(e["X-TRUSTLEDGER-COUNTERPART"]) for e in promises] == ["Ada Manager"]
    client.post("/account/tokens/", {"action": "revoke-feed"})
    assert Client().get(url.removeprefix("http://testserver")).status_code == 404
