"""Calendar (CalDAV) and contacts (CardDAV) connections against a real Radicale on loopback:
first and second syncs, a changed event, an event deleted or moved, wrong credentials, an
unknown host, a refused port, a URL that is no calendar, a server killed mid-sync, the
command line, the worker task, and the history of what a sync brings."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet

from tests.connections.dovecot import free_port
from tests.connections.radicale import PASSWORD, USER, card, event
from trustledger.accounts.access import scope_for
from trustledger.directory.models import Person, PersonIdentity
from trustledger.history.query import history_for
from trustledger.ingest import imap, secrets
from trustledger.ingest.connection_runs import label
from trustledger.ingest.models import Connection, ConnectionFolder, ConnectionItem
from trustledger.ingest.sync import sync, try_connection
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _key(settings):
    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS = 5


def when(days: int, hour: int = 10) -> str:
    moment = dt.datetime.now(dt.UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (moment + dt.timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")


def connect(owner, url, kind="caldav", *, password=PASSWORD, folders=()):
    return Connection.objects.create(
        owner=owner,
        kind=kind,
        url=url,
        username=USER,
        secret_encrypted=secrets.encrypt(password),
        folders=list(folders),
    )


def fill(radicale):
    """Two calendars (3 events, one weekly for 4 weeks) and an address book of 2 cards."""
    radicale.calendar("work")
    radicale.calendar("private")
    radicale.put_event("work", "kickoff", event("kickoff", when(-10), summary="Kick-off"))
    radicale.put_event(
        "work",
        "weekly",
        event("weekly", when(-30), attendees=("bea@partner.example", "carl@partner.example"),
              extra="RRULE:FREQ=WEEKLY;COUNT=4\r\n"),
    )  # fmt: skip
    radicale.put_event("private", "lunch", event("lunch", when(-2), attendees=("dana@x.example",)))
    radicale.address_book("contacts")
    radicale.put_card("contacts", "bea", card("bea", "Bea Partner", "bea@partner.example"))
    radicale.put_card("contacts", "eve", card("eve", "Eve Other", "eve@other.example"))


def meetings():
    return Interaction.objects.filter(source="ics")


def test_first_sync_loads_events_and_contacts_and_a_second_loads_nothing_new(radicale, cast):
    fill(radicale)
    calendars = connect(cast.admin, radicale.url)
    result = sync(calendars)
    assert result.error == "", result.error
    assert result.counts["messages"] == 3 and result.counts["created"] == 6  # 1 + 4 + 1
    assert meetings().count() == 6
    kickoff = meetings().get(external_id="kickoff")
    assert kickoff.channel == "meeting" and kickoff.duration_minutes == 60
    states = ConnectionFolder.objects.filter(connection=calendars)
    assert {s.folder for s in states} == {"/ada/work/", "/ada/private/"}
    assert all(s.sync_token for s in states)
    contacts = connect(cast.admin, radicale.url, "carddav")
    result = sync(contacts)
    assert result.error == "", result.error
    assert result.counts["messages"] == 2 and result.counts["people"] >= 1
    bea = PersonIdentity.objects.get(normalized="bea@partner.example").person
    assert bea.display_name == "Bea Partner"
    assert PersonIdentity.objects.filter(normalized="eve@other.example").exists()
    people = Person.objects.count()
    for connection in (calendars, contacts):
        again = sync(connection)
        assert again.error == "" and again.counts["messages"] == 0
        assert again.counts["created"] == 0 and again.counts["people"] == 0
    assert meetings().count() == 6 and Person.objects.count() == people
    assert "0 new event(s) read" in sync(calendars).text()


def test_a_changed_event_updates_and_only_it_is_read(radicale, cast):
    fill(radicale)
    connection = connect(cast.admin, radicale.url, folders=["work"])
    assert sync(connection).counts["created"] == 5
    radicale.put_event("work", "kickoff", event("kickoff", when(-9, 14), summary="Moved"))
    result = sync(connection)
    assert result.error == ""
    assert result.counts["messages"] == 1 and result.counts["updated"] == 1
    kickoff = meetings().get(external_id="kickoff")
    assert kickoff.occurred_at.hour == 14 and meetings().count() == 5
    # The weekly series cut to 2 occurrences: the 2 it no longer has are removed.
    radicale.put_event(
        "work",
        "weekly",
        event("weekly", when(-30), attendees=("bea@partner.example", "carl@partner.example"),
              extra="RRULE:FREQ=WEEKLY;COUNT=2\r\n"),
    )  # fmt: skip
    result = sync(connection)
    assert result.error == "" and result.counts["removed"] == 2
    assert meetings().filter(thread_id="weekly").count() == 2


def test_an_event_deleted_is_removed_and_one_moved_between_read_calendars_stays(radicale, cast):
    fill(radicale)
    connection = connect(cast.admin, radicale.url)
    sync(connection)
    radicale.delete(f"{USER}/work/kickoff.ics")
    # Moved: gone from private, now in work (both read by this connection).
    radicale.delete(f"{USER}/private/lunch.ics")
    radicale.put_event("work", "lunch", event("lunch", when(-2), attendees=("dana@x.example",)))
    result = sync(connection)
    assert result.error == "", result.error
    assert result.counts["removed"] == 1
    assert not meetings().filter(external_id="kickoff").exists()
    assert meetings().filter(external_id="lunch").exists()
    assert not ConnectionItem.objects.filter(connection=connection, external_id="kickoff").exists()
    assert meetings().count() == 5


@pytest.mark.parametrize("kind", ["caldav", "carddav"])
def test_problems_are_said_with_the_connection_and_nothing_is_written(
    radicale, cast, kind, settings
):
    fill(radicale)
    with pytest.raises(imap.ConnectionProblem, match="wrong user name or password for 'ada'"):
        try_connection(kind, radicale.url, USER, "not-it", [])
    bad = connect(cast.admin, radicale.url, kind, password="not-it")
    result = sync(bad)
    assert f"connection {bad.pk}" in result.text() and "wrong user name or password" in result.error
    assert "not-it" not in result.text().replace("wrong user name", "")
    closed = f"http://127.0.0.1:{free_port()}/"
    with pytest.raises(imap.ConnectionProblem, match="refused the connection"):
        try_connection(kind, closed, USER, PASSWORD, [])
    refused = sync(connect(cast.admin, closed, kind))
    assert "host unreachable: 127.0.0.1:" in refused.error and "refused" in refused.error
    noun = "calendar" if kind == "caldav" else "address book"
    a = "a calendar" if kind == "caldav" else "an address book"
    with pytest.raises(imap.ConnectionProblem, match=f"{noun} missing: 'Archive'"):
        try_connection(kind, radicale.url, USER, PASSWORD, ["Archive"])
    other = "contacts" if kind == "caldav" else "work"
    with pytest.raises(imap.ConnectionProblem, match=f"not {a}: .* is a"):
        try_connection(kind, f"{radicale.url}{USER}/{other}/", USER, PASSWORD, [])
    with pytest.raises(imap.ConnectionProblem, match="not found: .* does not exist"):
        try_connection(kind, f"{radicale.url}{USER}/nothing/", USER, PASSWORD, [])
    tls = radicale.url.replace("http://", "https://")
    with pytest.raises(imap.ConnectionProblem, match="TLS error with 127.0.0.1:.*really https"):
        try_connection(kind, tls, USER, PASSWORD, [])
    with pytest.raises(imap.ConnectionProblem, match="plain http: the password would travel"):
        try_connection(kind, "http://dav.example.org/", USER, PASSWORD, [])
    settings.TRUSTLEDGER_CONNECTION_HOSTS = []  # no list: an unknown name is not refused first
    unknown = connect(cast.admin, "https://no-such-host.invalid/dav/", kind)
    said = sync(unknown).text()
    assert f"connection {unknown.pk}: failed: host unreachable: no-such-host.invalid" in said
    assert not Interaction.objects.exists() and not ConnectionFolder.objects.exists()
    assert Person.objects.filter(identities__normalized="eve@other.example").count() == 0


def test_a_web_server_that_is_no_calendar_server_is_said(cast, settings):
    import http.server
    import threading

    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TRUSTLEDGER_CONNECTION_HOSTS = ["127.0.0.1"]
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        with pytest.raises(imap.ConnectionProblem, match="not a calendar server: .*HTTP 501"):
            try_connection("caldav", url, USER, PASSWORD, [])
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_killed_mid_sync_writes_nothing_and_the_next_sync_completes(radicale, cast):
    fill(radicale)
    connection = connect(cast.admin, radicale.url)
    first = []

    def kill_after_first(name: str) -> None:
        first.append(name)
        if len(first) == 1:
            radicale.stop()

    broken = sync(connection, after_fetch=kill_after_first)
    assert "host unreachable" in broken.error or "broke off" in broken.error, broken.error
    assert not meetings().exists() and not ConnectionFolder.objects.exists()
    connection.refresh_from_db()
    assert connection.last_error == broken.error and connection.last_sync_at is None
    radicale.start()
    result = sync(connection)
    assert result.error == "" and result.counts["created"] == 6
    assert meetings().count() == 6


def test_a_managers_calendar_loads_only_what_names_their_people(radicale):
    from tests import answers_cast

    people = answers_cast.build()
    PersonIdentity.objects.create(
        person=people.tobias.person,
        kind="email",
        value="tobias@it.example",
        normalized="tobias@it.example",
    )
    radicale.calendar("work")
    radicale.put_event("work", "mine", event("mine", when(-3), organizer="tobias@it.example"))
    radicale.put_event("work", "others", event("others", when(-4)))
    connection = connect(people.tobias, radicale.url)
    result = sync(connection)
    assert result.error == "", result.error
    assert result.counts["created"] == 1 and result.counts["outside_scope"] == 1
    assert list(meetings().values_list("external_id", flat=True)) == ["mine"]


def test_the_sync_command_and_the_worker_task_sync_calendars(radicale, cast, capsys):
    from django.core.management import call_command

    from trustledger.analytics.queue import queue
    from trustledger.ingest.tasks import sync_connection

    fill(radicale)
    calendars = connect(cast.admin, radicale.url)
    call_command("sync", "--connection", str(calendars.pk), "--dry-run")
    out = capsys.readouterr().out
    assert "3 new event(s) read, 6 interaction(s) created" in out and "dry run" in out
    assert not meetings().exists()
    call_command("sync", "--connection", str(calendars.pk))
    assert meetings().count() == 6
    contacts = connect(cast.admin, radicale.url, "carddav")
    queue.immediate = True
    try:
        sync_connection(contacts.pk)
    finally:
        queue.immediate = False
    contacts.refresh_from_db()
    assert contacts.last_error == "" and contacts.last_counts["messages"] == 2
    assert PersonIdentity.objects.filter(normalized="eve@other.example").exists()


def test_a_calendar_deleted_on_the_server_takes_its_meetings_when_all_are_read(radicale, cast):
    fill(radicale)
    connection = connect(cast.admin, radicale.url)
    sync(connection)
    radicale.delete(f"{USER}/private/")
    result = sync(connection)
    assert result.error == "" and result.counts["removed"] == 1
    assert not meetings().filter(external_id="lunch").exists() and meetings().count() == 5
    assert {s.folder for s in ConnectionFolder.objects.filter(connection=connection)} == {
        "/ada/work/"
    }


def test_a_big_first_sync_goes_in_steps_and_the_next_runs_complete_it(radicale, cast):
    fill(radicale)
    connection = connect(cast.admin, radicale.url, folders=["work"])
    first = sync(connection, limit=1)
    assert first.error == "" and first.more and first.counts["messages"] == 1
    second = sync(connection, limit=1)
    assert second.error == "" and second.counts["messages"] == 1
    last = sync(connection, limit=1)
    assert not last.more and last.counts["messages"] == 0
    assert meetings().count() == 5
    assert ConnectionFolder.objects.get(connection=connection).sync_token


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
