"""/connections/ with calendar and contacts connections, per persona: the admin and a unit
manager (tobias) add them (tried at once against a real Radicale), another unit's manager
(margit) finds nothing of tobias's, a member (priya), a viewer (ines) and a user with no unit
are refused everything; the password is never shown."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet

from tests import answers_cast
from tests.connections.radicale import PASSWORD, USER, card, event
from trustledger.accounts.actions import create_user
from trustledger.analytics.queue import queue
from trustledger.directory.models import PersonIdentity
from trustledger.ingest import secrets
from trustledger.ingest.models import Connection
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _key(settings):
    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS = 5


@pytest.fixture
def people():
    found = answers_cast.build()
    found.outsider = create_user(username="outsider", password="pw", check_password=False)
    return found


@pytest.fixture
def immediate_queue():
    queue.immediate = True
    yield
    queue.immediate = False


def start(days: int) -> str:
    moment = dt.datetime.now(dt.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    return (moment + dt.timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")


def form(url, kind="caldav", **changes):
    return {
        "kind": kind,
        "url": url,
        "username": USER,
        "secret": PASSWORD,
        "folders": "",
        "content": "subject",
        "interval_minutes": "30",
        **changes,
    }


def owned(user, kind="caldav") -> Connection:
    return Connection.objects.create(
        owner=user,
        kind=kind,
        url="https://dav.example.org/",
        username=USER,
        secret_encrypted=secrets.encrypt("tobias-dav-secret"),
        folders=[],
    )


@pytest.mark.parametrize("persona", ["priya", "ines", "outsider"])
def test_members_viewers_and_people_without_a_unit_are_refused(client, people, persona):
    mine = owned(people.tobias)
    client.force_login(getattr(people, persona))
    assert client.get("/connections/").status_code == 403
    assert client.post("/connections/", form("https://dav.example.org/")).status_code == 403
    for action in ("sync", "pause", "delete"):
        assert client.post(f"/connections/{mine.pk}/{action}/", {"paused": "1"}).status_code == 403
    assert Connection.objects.filter(pk=mine.pk, paused=False).count() == 1


def test_another_units_manager_finds_nothing_and_the_admin_sees_all(client, people):
    mine = owned(people.tobias, "carddav")
    client.force_login(people.margit)
    assert client.get("/connections/?format=json").json()["connections"] == []
    for action in ("sync", "pause", "delete"):
        assert client.post(f"/connections/{mine.pk}/{action}/", {"paused": "1"}).status_code == 404
    client.force_login(people.admin)
    rows = client.get("/connections/?format=json").json()["connections"]
    assert [(r["owner"], r["kind"]) for r in rows] == [("tobias", "carddav")]
    page = client.get("/connections/")
    assert b"Contacts (CardDAV)" in page.content and b"tobias-dav-secret" not in page.content


def test_the_admin_adds_a_calendar_it_syncs_and_the_page_says_what_it_brought(
    client, people, radicale, immediate_queue, django_capture_on_commit_callbacks
):
    radicale.calendar("work")
    radicale.put_event("work", "plan", event("plan", start(-1), summary="Plan"))
    radicale.put_event("work", "review", event("review", start(-5), summary="Review"))
    client.force_login(people.admin)
    page = client.get("/connections/")
    assert b'value="caldav"' in page.content and b'value="carddav"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/connections/", form(radicale.url, folders="work"))
    assert response.status_code == 302, response.content.decode()[:2000]
    connection = Connection.objects.get()
    assert connection.kind == "caldav" and connection.folders == ["work"]
    assert PASSWORD.encode() not in bytes(connection.secret_encrypted)
    connection.refresh_from_db()
    assert connection.last_error == "" and connection.last_counts["created"] == 2
    assert Interaction.objects.get(external_id="plan").subject == "Plan"
    page = client.get("/connections/")
    assert b"2 events read: 2 new interactions" in page.content
    assert PASSWORD.encode() not in page.content


def test_adding_says_what_is_wrong_and_stores_nothing(client, people, radicale):
    radicale.calendar("work")
    client.force_login(people.tobias)
    response = client.post("/connections/", form(radicale.url, secret="wrong-one"))
    assert response.status_code == 400
    assert b"wrong user name or password for &#x27;ada&#x27;" in response.content
    assert b"wrong-one" not in response.content
    response = client.post("/connections/", form(radicale.url, folders="Holidays"))
    assert b"calendar missing: &#x27;Holidays&#x27; is not on the server" in response.content
    response = client.post("/connections/", form("ftp://x"))
    assert b"use https://host/path" in response.content
    response = client.post("/connections/", form(radicale.url + f"{USER}/work/", "carddav"))
    assert b"not an address book: http://127.0.0.1:" in response.content
    assert b"/ada/work/ is a calendar" in response.content
    assert not Connection.objects.exists()


def test_a_manager_adds_contacts_it_syncs_within_their_rights(
    client, people, radicale, immediate_queue, django_capture_on_commit_callbacks
):
    radicale.address_book("contacts")
    radicale.put_card("contacts", "bea", card("bea", "Bea Partner", "bea@partner.example"))
    client.force_login(people.tobias)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/connections/", form(radicale.url, "carddav"))
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert connection.owner == people.tobias and connection.folders == []
    connection.refresh_from_db()
    assert connection.last_error == "", connection.last_error
    assert PersonIdentity.objects.filter(normalized="bea@partner.example").exists()
    assert b"1 card read" in client.get("/connections/").content


def test_a_manager_may_not_reach_a_local_dav_server_no_admin_listed(
    client, people, radicale, settings
):
    radicale.calendar("work")
    settings.TRUSTLEDGER_CONNECTION_HOSTS = []
    client.force_login(people.tobias)
    response = client.post("/connections/", form(radicale.url))
    assert response.status_code == 400
    assert b"127.0.0.1 is on a private or local network: only an admin" in response.content
    client.force_login(people.admin)
    assert client.post("/connections/", form(radicale.url)).status_code == 302


def test_deleting_a_calendar_keeps_or_removes_its_meetings_and_contacts_keep_people(
    client, people, radicale
):
    from trustledger.ingest.sync import sync

    radicale.calendar("work")
    radicale.put_event("work", "plan", event("plan", start(-1)))
    radicale.address_book("contacts")
    radicale.put_card("contacts", "bea", card("bea", "Bea Partner", "bea@partner.example"))
    client.force_login(people.admin)
    kept, gone, contacts = (
        Connection.objects.create(
            owner=people.admin,
            kind=kind,
            url=radicale.url,
            username=USER,
            folders=[],
            secret_encrypted=secrets.encrypt(PASSWORD),
        )  # fmt: skip
        for kind in ("caldav", "caldav", "carddav")
    )
    for connection in (kept, gone, contacts):
        assert sync(connection).error == ""
    page = client.get("/connections/").content
    assert b"The people it brought stay in the directory." in page
    response = client.post(f"/connections/{kept.pk}/delete/", follow=True)
    assert b"the 1 interaction(s) it brought stay in the ledger" in response.content
    assert Interaction.objects.filter(source="ics", external_id="plan").exists()
    response = client.post(f"/connections/{gone.pk}/delete/", {"remove_records": "1"}, follow=True)
    assert b"1 interaction(s) it brought were removed" in response.content
    assert not Interaction.objects.filter(source="ics").exists()
    response = client.post(
        f"/connections/{contacts.pk}/delete/", {"remove_records": "1"}, follow=True
    )
    assert b"the people it brought stay in the directory" in response.content
    assert PersonIdentity.objects.filter(normalized="bea@partner.example").exists()
