"""/connections/ per persona: admins see all, a unit manager (tobias) manages their own,
members (priya), viewers (ines) are refused, another unit's manager (margit) finds nothing of
tobias's; adding tries the server at once (a real Dovecot), the secret is never shown."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from tests import answers_cast
from tests.connections.dovecot import PASSWORD, USER, message
from trustledger.analytics.queue import queue
from trustledger.audit.models import AuditEvent
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
    return answers_cast.build()


@pytest.fixture
def immediate_queue():
    queue.immediate = True
    yield
    queue.immediate = False


def owned(user, url="imap://127.0.0.1:1") -> Connection:
    return Connection.objects.create(
        owner=user,
        kind="imap",
        url=url,
        username=USER,
        secret_encrypted=secrets.encrypt("tobias-secret-9"),
        folders=["INBOX"],
    )


def test_anonymous_is_sent_to_log_in(client):
    response = client.get("/connections/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", ["priya", "ines", "mo"])
def test_members_and_viewers_are_refused_everything(client, people, persona):
    mine = owned(people.tobias)
    client.force_login(getattr(people, persona))
    assert client.get("/connections/").status_code == 403
    assert client.post("/connections/", {"url": "imap://127.0.0.1:1"}).status_code == 403
    for action in ("sync", "pause", "delete"):
        assert client.post(f"/connections/{mine.pk}/{action}/", {"paused": "1"}).status_code == 403
    mine.refresh_from_db()
    assert not mine.paused and Connection.objects.filter(pk=mine.pk).exists()


def test_another_units_manager_finds_nothing_of_tobias(client, people):
    mine = owned(people.tobias)
    client.force_login(people.margit)
    page = client.get("/connections/")
    assert page.status_code == 200 and b"tobias" not in page.content
    assert client.get("/connections/?format=json").json()["connections"] == []
    for action in ("sync", "pause", "delete"):
        assert client.post(f"/connections/{mine.pk}/{action}/", {"paused": "1"}).status_code == 404
    assert Connection.objects.filter(pk=mine.pk, paused=False).exists()


def test_a_manager_sees_their_own_an_admin_sees_all_and_no_one_the_secret(client, people):
    owned(people.tobias)
    owned(people.margit, url="imap://127.0.0.1:2")
    client.force_login(people.tobias)
    rows = client.get("/connections/?format=json").json()["connections"]
    assert [r["url"] for r in rows] == ["imap://127.0.0.1:1"] and "owner" not in rows[0]
    client.force_login(people.admin)
    page = client.get("/connections/")
    rows = client.get("/connections/?format=json").json()["connections"]
    assert sorted(r["owner"] for r in rows) == ["margit", "tobias"]
    assert b"tobias-secret-9" not in page.content and "tobias-secret-9" not in str(rows)
    assert b'name="shared"' in page.content  # the shared flag is offered to admins only
    client.force_login(people.tobias)
    assert b'name="shared"' not in client.get("/connections/").content


def test_pause_resume_and_a_bad_value(client, people):
    mine = owned(people.tobias)
    client.force_login(people.tobias)
    assert client.post(f"/connections/{mine.pk}/pause/", {"paused": "1"}).status_code == 302
    mine.refresh_from_db()
    assert mine.paused
    response = client.post(f"/connections/{mine.pk}/pause/", {"paused": "maybe"})
    assert response.status_code == 400 and b"send 1 to pause or 0 to resume" in response.content
    client.post(f"/connections/{mine.pk}/pause/", {"paused": "0"})
    mine.refresh_from_db()
    assert not mine.paused
    assert client.get(f"/connections/{mine.pk}/pause/").status_code == 405


def form(dovecot, **changes):
    return {
        "kind": "imap",
        "url": dovecot.url,
        "username": USER,
        "secret": PASSWORD,
        "folders": "INBOX, Sent",
        "content": "metadata",
        "interval_minutes": "15",
        **changes,
    }


def test_adding_tries_the_server_at_once_and_says_what_is_wrong(client, people, dovecot):
    client.force_login(people.tobias)
    response = client.post("/connections/", form(dovecot, secret="wrong-one"))
    assert response.status_code == 400
    assert b"wrong user name or password for &#x27;ada&#x27;" in response.content
    assert b"wrong-one" not in response.content  # the password field is never filled back
    response = client.post("/connections/", form(dovecot, folders="INBOX, Archive"))
    assert b"folder missing: &#x27;Archive&#x27; does not exist" in response.content
    response = client.post("/connections/", form(dovecot, url="ftp://x"))
    assert b"use imaps://host" in response.content
    assert not Connection.objects.exists()


def test_a_manager_may_not_reach_a_local_server_an_admin_has_not_listed(
    client, people, dovecot, settings
):
    settings.TRUSTLEDGER_CONNECTION_HOSTS = []
    client.force_login(people.tobias)
    response = client.post("/connections/", form(dovecot))
    assert response.status_code == 400
    assert b"127.0.0.1 is on a private or local network: only an admin" in response.content
    assert not Connection.objects.exists()
    # An admin may (a company's own mail server is often on its own network).
    client.force_login(people.admin)
    assert client.post("/connections/", form(dovecot)).status_code == 302


def test_production_without_a_key_refuses_to_add(client, people, dovecot, settings):
    settings.TRUSTLEDGER_CONNECTION_KEYS = []
    settings.DEBUG = False
    client.force_login(people.admin)
    response = client.post("/connections/", form(dovecot))
    assert response.status_code == 400
    assert b"TRUSTLEDGER_CONNECTION_KEYS is not set" in response.content
    assert not Connection.objects.exists()


def test_a_manager_adds_a_connection_it_syncs_and_deleting_keeps_or_removes(
    client, people, dovecot, immediate_queue, django_capture_on_commit_callbacks
):
    PersonIdentity.objects.create(
        person=people.tobias.person,
        kind="email",
        value="tobias@it.example",
        normalized="tobias@it.example",
    )
    dovecot.append(
        "INBOX",
        message("tobias@it.example", "client@halvard.example", "Plan"),
        message("client@halvard.example", "tobias@it.example", "Re: Plan"),
        # A list message that names none of tobias's people: left out, the rest loads.
        message("someone@lists.example", "list@lists.example", "Digest"),
    )
    client.force_login(people.tobias)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/connections/", form(dovecot))
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert connection.owner == people.tobias
    assert PASSWORD.encode() not in bytes(connection.secret_encrypted)
    connection.refresh_from_db()
    assert connection.last_error == "", connection.last_error
    assert connection.last_counts["messages"] == 3
    assert connection.last_counts["created"] == 2 and connection.last_counts["outside_scope"] == 1
    page = client.get("/connections/")
    assert b"3 messages read: 2 new interactions" in page.content
    assert b"1 left out (they name none of the owner" in page.content
    assert PASSWORD.encode() not in page.content
    events = AuditEvent.objects.filter(action__startswith="connection.")
    assert {e.action for e in events} == {"connection.added", "connection.synced"}
    assert all(PASSWORD not in str(e.detail) for e in events)
    created = connection.last_counts["created"]
    assert Interaction.objects.filter(source="imap").count() == created
    response = client.post(f"/connections/{connection.pk}/delete/", follow=True)
    assert f"the {created} interaction(s) it brought stay".encode() in response.content
    assert Interaction.objects.filter(source="imap").count() == created


def test_an_error_report_of_the_add_form_hides_the_password(rf, people):
    from django.views.debug import SafeExceptionReporterFilter

    from trustledger.ingest.connection_pages import connections

    request = rf.post("/connections/", {"secret": "pa55-in-post", "username": "ada"})
    request.user = people.tobias
    assert connections(request).status_code == 400  # the form lacks the server
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert shown["secret"] != "pa55-in-post" and shown["username"] == "ada"
