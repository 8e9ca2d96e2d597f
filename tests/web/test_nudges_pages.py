"""The notification centre, its buttons, the header's count and the home's nudges, by persona."""

from __future__ import annotations

import pytest

from trustledger.accounts.models import User
from trustledger.nudges.models import StoredNudge

pytestmark = pytest.mark.django_db


def _nudges_of(username: str) -> list[StoredNudge]:
    return list(StoredNudge.objects.filter(user__username=username).order_by("pk"))


def test_anonymous_is_sent_to_log_in(client):
    for url in ("/nudges/", "/nudges/1/open/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post("/nudges/1/read/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_centre_refreshes_and_lists_the_users_own_nudges(demo_client):
    client = demo_client("margit")
    page = client.get("/nudges/")
    assert page.status_code == 200
    rows = page.context["page"]["nudges"]
    assert rows and all(r["unread"] for r in rows)
    assert {s.pk for s in _nudges_of("margit")} >= {r["id"] for r in rows}
    assert "owes you" in page.content.decode()
    twin = client.get("/nudges/?format=json").json()
    assert twin["unread"] == len(rows) and twin["nudges"][0]["reason"] == rows[0]["reason"]


def test_the_header_shows_the_unread_count(demo_client):
    client = demo_client("tobias")
    client.get("/nudges/")
    count = StoredNudge.objects.filter(user__username="tobias", read_at=None).count()
    assert count
    html = client.get("/commitments/").content.decode()
    assert f'data-testid="unread-count">{count}</span><span class="visually-hidden"> unread' in html


@pytest.mark.parametrize("verb", ["read", "snooze", "dismiss"])
def test_another_users_nudge_is_not_found(demo_client, verb):
    demo_client("tobias").get("/nudges/")
    theirs = _nudges_of("tobias")[0]
    for other in ("margit", "priya", "admin"):
        client = demo_client(other)
        assert client.post(f"/nudges/{theirs.pk}/{verb}/", {"days": 1}).status_code == 404
        assert client.get(f"/nudges/{theirs.pk}/open/").status_code == 404
    theirs.refresh_from_db()
    assert (theirs.read_at, theirs.snoozed_until, theirs.dismissed_at) == (None, None, None)


def test_buttons_mark_read_snooze_and_dismiss(demo_client):
    client = demo_client("tobias")
    client.get("/nudges/")
    first, second = _nudges_of("tobias")[:2]
    assert client.post(f"/nudges/{first.pk}/read/").status_code == 302
    assert client.post(f"/nudges/{second.pk}/snooze/", {"days": "7"}).status_code == 302
    listed = {r["id"]: r for r in client.get("/nudges/").context["page"]["nudges"]}
    assert not listed[first.pk]["unread"] and second.pk not in listed
    assert client.post(f"/nudges/{first.pk}/dismiss/").status_code == 302
    assert first.pk not in {r["id"] for r in client.get("/nudges/").context["page"]["nudges"]}
    first.refresh_from_db()
    assert first.dismissed_at is not None


def test_a_bad_snooze_is_refused_with_the_field_named(demo_client):
    client = demo_client("tobias")
    client.get("/nudges/")
    pk = _nudges_of("tobias")[0].pk
    page = client.post(f"/nudges/{pk}/snooze/", {"days": "soon"}, follow=True)
    assert "days: a whole number" in page.content.decode()
    page = client.post(f"/nudges/{pk}/snooze/", {"days": "400"}, follow=True)
    assert "Snooze for 1 to 90 days" in page.content.decode()


def test_opening_a_nudge_marks_it_read_and_lands_on_its_form(demo_client):
    client = demo_client("tobias")
    client.get("/nudges/")
    nudge = next(s for s in _nudges_of("tobias") if s.kind == "keep_in_touch")
    response = client.get(f"/nudges/{nudge.pk}/open/")
    assert response.status_code == 302 and response["Location"] == nudge.link
    form = client.get(nudge.link)
    assert form.status_code == 200
    nudge.refresh_from_db()
    assert nudge.read_at is not None


def test_the_home_lists_the_stored_nudges(demo_client):
    client = demo_client("margit")
    # Home shows what is stored (the demo stores each login's nudges once loaded), and
    # never refreshes them itself: forget them, and home is empty until the centre is opened.
    assert client.get("/").context["page"]["nudges"]
    StoredNudge.objects.filter(user__username="margit").delete()
    assert client.get("/").context["page"]["nudges"] == []
    client.get("/nudges/")
    home = client.get("/")
    assert home.context["page"]["nudges"]
    assert 'data-testid="home-nudges"' in home.content.decode()


def test_the_buttons_take_posts_only(demo_client):
    client = demo_client("tobias")
    client.get("/nudges/")
    pk = _nudges_of("tobias")[0].pk
    assert client.get(f"/nudges/{pk}/dismiss/").status_code == 405
    assert User.objects.filter(username="tobias").exists()


def test_a_viewer_reads_a_nudge_but_gets_no_button_to_a_form_they_may_not_use(demo_client):
    from trustledger.nudges.views import CHANGING

    client = demo_client("ines")  # a viewer: her own relationship is past its cadence
    rows = client.get("/nudges/").context["page"]["nudges"]
    changing = [r for r in rows if r["kind"] in CHANGING]
    assert changing and all(r["open_url"] is None for r in changing)
    assert "Log a contact" not in client.get("/nudges/").content.decode()
    assert 'class="button act"' not in client.get("/").content.decode()
