"""IMAP connections against a real Dovecot on loopback: first and incremental syncs, a changed
UIDVALIDITY, wrong credentials, missing folders, a server stopped mid-sync, bodies only when
asked, dry runs, and deleting a connection with or without what it brought."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from tests.connections.dovecot import PASSWORD, USER, free_port, message
from trustledger.ingest import imap, secrets
from trustledger.ingest.models import Connection, ConnectionFolder
from trustledger.ingest.sync import remove, sync, try_connection
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _key(settings):
    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS = 5


def connect(owner, url, *, content="metadata", password=PASSWORD, folders=("INBOX", "Sent")):
    return Connection.objects.create(
        owner=owner,
        kind="imap",
        url=url,
        username=USER,
        secret_encrypted=secrets.encrypt(password),
        folders=list(folders),
        content=content,
    )


def mail(dovecot):
    """Three messages in INBOX, two in Sent, one of them a reply to the first."""
    first = message("Bea <bea@partner.example>", "ada@ours.example", "Offer", body="See the offer.")
    inbox = [
        first,
        message("carl@partner.example", "ada@ours.example", "Question"),
        message("dana@partner.example", "ada@ours.example", "Hello"),
    ]
    first_id = first.split(b"Message-ID: ")[1].split(b"\n")[0].decode().strip().strip("<>")
    sent = [
        message("ada@ours.example", "bea@partner.example", "Re: Offer", reply_to=first_id),
        message("ada@ours.example", "eve@partner.example", "Intro"),
    ]
    dovecot.append("INBOX", *inbox)
    dovecot.append("Sent", *sent)
    return first_id


def test_first_sync_then_nothing_new(dovecot, cast):
    first_id = mail(dovecot)
    connection = connect(cast.admin, dovecot.url)
    result = sync(connection)
    assert result.error == ""
    assert result.counts["messages"] == 5
    assert Interaction.objects.filter(source="imap").count() == 5
    offer = Interaction.objects.get(source="imap", external_id=first_id)
    assert offer.answered is True  # the reply in Sent answered the message in INBOX
    assert offer.subject == ""  # metadata only: no subject, no body
    states = {s.folder: s for s in ConnectionFolder.objects.filter(connection=connection)}
    assert states["INBOX"].last_uid == 3 and states["Sent"].last_uid == 2
    connection.refresh_from_db()
    assert connection.last_sync_at is not None and connection.last_counts["created"] == 5
    again = sync(connection)
    assert again.error == "" and again.counts["messages"] == 0
    assert Interaction.objects.filter(source="imap").count() == 5


def test_incremental_sync_reads_only_new_mail(dovecot, cast):
    mail(dovecot)
    connection = connect(cast.admin, dovecot.url)
    sync(connection)
    dovecot.append("INBOX", message("fay@partner.example", "ada@ours.example", "New"))
    result = sync(connection)
    assert result.error == ""
    assert result.counts["messages"] == 1 and result.counts["created"] == 1
    assert Interaction.objects.filter(source="imap").count() == 6
    assert ConnectionFolder.objects.get(connection=connection, folder="INBOX").last_uid == 4


def test_a_reply_read_in_a_later_run_marks_the_earlier_message_answered(dovecot, cast):
    first = message("bea@partner.example", "ada@ours.example", "Offer")
    first_id = first.split(b"Message-ID: <")[1].split(b">")[0].decode()
    dovecot.append("INBOX", first)
    connection = connect(cast.admin, dovecot.url)
    sync(connection)
    offer = Interaction.objects.get(source="imap", external_id=first_id)
    assert offer.answered is False
    dovecot.append(
        "Sent", message("ada@ours.example", "bea@partner.example", "Re: Offer", reply_to=first_id)
    )
    result = sync(connection)
    assert result.error == ""
    assert result.counts["messages"] == 1 and result.counts["read_again"] == 1
    assert result.counts["created"] == 1 and result.counts["updated"] == 1
    offer.refresh_from_db()
    assert offer.answered is True and offer.reply_latency_seconds is not None


def test_a_changed_uidvalidity_reads_the_folder_again_without_duplicates(dovecot, cast):
    mail(dovecot)
    connection = connect(cast.admin, dovecot.url)
    sync(connection)
    before = ConnectionFolder.objects.get(connection=connection, folder="Sent").uid_validity
    with dovecot.client() as client:  # keep the Sent messages to put them back
        client.select('"Sent"', readonly=True)
        _, data = client.uid("FETCH", "1:*", "(BODY.PEEK[])")
        kept = [item[1] for item in data if isinstance(item, tuple)]
    dovecot.recreate("Sent")
    dovecot.append("Sent", *kept)
    result = sync(connection)
    assert result.error == ""
    assert result.counts["resynced"] == ["Sent"]
    assert result.counts["messages"] == 2 and result.counts["created"] == 0
    assert Interaction.objects.filter(source="imap").count() == 5
    state = ConnectionFolder.objects.get(connection=connection, folder="Sent")
    assert state.uid_validity != before and state.last_uid == 2


def test_wrong_password_is_said_and_stored(dovecot, cast):
    with pytest.raises(imap.ConnectionProblem, match="wrong user name or password for 'ada'"):
        try_connection("imap", dovecot.url, USER, "not-it", ["INBOX"])
    connection = connect(cast.admin, dovecot.url, password="not-it")
    result = sync(connection)
    assert "wrong user name or password" in result.error
    connection.refresh_from_db()
    assert "wrong user name or password" in connection.last_error
    assert "not-it" not in connection.last_error
    assert connection.last_sync_at is None and connection.last_attempt_at is not None


def test_missing_folder_and_unreachable_host_are_said(dovecot, settings):  # noqa: D103
    with pytest.raises(imap.ConnectionProblem, match=r"folder missing: 'Archive' .*INBOX, Sent"):
        try_connection("imap", dovecot.url, USER, PASSWORD, ["INBOX", "Archive"])
    closed = f"imap://127.0.0.1:{free_port()}"
    with pytest.raises(imap.ConnectionProblem, match="host unreachable: .* refused the connection"):
        try_connection("imap", closed, USER, PASSWORD, ["INBOX"])
    settings.TRUSTLEDGER_CONNECTION_HOSTS = []  # no list: an unknown name is not refused first
    with pytest.raises(imap.ConnectionProblem, match="host unreachable: no-such-host.invalid"):
        try_connection("imap", "imap://no-such-host.invalid", USER, PASSWORD, ["INBOX"])
    settings.TRUSTLEDGER_CONNECTION_HOSTS = ["127.0.0.1"]
    with pytest.raises(imap.ConnectionProblem, match="TLS error"):
        try_connection("imap", f"imaps://127.0.0.1:{dovecot.port}", USER, PASSWORD, ["INBOX"])
    with pytest.raises(imap.ConnectionProblem, match="use imaps://host"):
        try_connection("imap", "http://127.0.0.1", USER, PASSWORD, ["INBOX"])
    mail(dovecot)
    found = try_connection("imap", dovecot.url, USER, PASSWORD, ["INBOX", "Sent"])
    assert found == "INBOX: 3 messages; Sent: 2 messages"


def test_a_server_stopped_mid_sync_leaves_nothing_and_the_next_sync_completes(dovecot, cast):
    mail(dovecot)
    connection = connect(cast.admin, dovecot.url)

    def stop_after_inbox(folder: str) -> None:
        if folder == "INBOX":
            dovecot.stop()

    broken = sync(connection, after_fetch=stop_after_inbox)
    assert "broke off" in broken.error or "unreachable" in broken.error, broken.error
    assert Interaction.objects.filter(source="imap").count() == 0
    assert not ConnectionFolder.objects.filter(connection=connection).exists()
    dovecot.start()
    result = sync(connection)
    assert result.error == "" and result.counts["created"] == 5
    assert Interaction.objects.filter(source="imap").count() == 5


def test_bodies_are_kept_only_when_the_content_setting_says_so(dovecot, cast):
    first_id = mail(dovecot)
    connection = connect(cast.admin, dovecot.url, content="body")
    assert sync(connection).error == ""
    offer = Interaction.objects.get(source="imap", external_id=first_id)
    assert offer.subject == "Offer" and "See the offer." in offer.notes


def test_a_dry_run_writes_nothing_and_moves_no_bookmark(dovecot, cast):
    mail(dovecot)
    connection = connect(cast.admin, dovecot.url)
    result = sync(connection, dry_run=True)
    assert result.error == "" and result.counts["created"] == 5
    assert Interaction.objects.filter(source="imap").count() == 0
    assert not ConnectionFolder.objects.filter(connection=connection).exists()
    assert sync(connection).counts["created"] == 5


def test_more_than_one_run_takes_continues_next_run(dovecot, cast):
    mail(dovecot)
    connection = connect(cast.admin, dovecot.url, folders=("INBOX",))
    first = sync(connection, limit=2)
    assert first.more and first.counts["messages"] == 2
    second = sync(connection, limit=2)
    assert not second.more and second.counts["messages"] == 1
    assert Interaction.objects.filter(source="imap").count() == 3


def test_deleting_keeps_what_was_imported_or_removes_it_on_request(dovecot, cast):
    mail(dovecot)
    kept = connect(cast.admin, dovecot.url)
    sync(kept)
    assert remove(kept, with_records=False) == 0
    assert Interaction.objects.filter(source="imap").count() == 5
    gone = connect(cast.admin, dovecot.url)
    assert sync(gone).counts["unchanged"] == 5
    assert remove(gone, with_records=True) == 5
    assert Interaction.objects.filter(source="imap").count() == 0


def test_the_sync_command_dry_run_then_for_real_and_a_failure_exits_1(dovecot, cast, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    mail(dovecot)
    good = connect(cast.admin, dovecot.url)
    call_command("sync", "--connection", str(good.pk), "--dry-run")
    out = capsys.readouterr().out
    assert "5 new message(s) read, 5 interaction(s) created" in out and "dry run" in out
    assert Interaction.objects.filter(source="imap").count() == 0
    bad = connect(cast.admin, dovecot.url, password="nope")
    with pytest.raises(SystemExit) as raised:
        call_command("sync")
    assert raised.value.code == 1
    captured = capsys.readouterr()
    assert "1 connection(s) failed" in captured.err
    out = captured.out
    assert f"connection {bad.pk}: failed: wrong user name or password" in out
    assert "nope" not in out.replace("wrong user name", "")
    assert Interaction.objects.filter(source="imap").count() == 5
    with pytest.raises(CommandError, match="--connection 999999: no such connection"):
        call_command("sync", "--connection", "999999")


def test_rotate_keys_re_encrypts_every_secret_with_the_first_key(dovecot, cast, settings, capsys):
    from django.core.management import call_command

    old = settings.TRUSTLEDGER_CONNECTION_KEYS[0]
    connection = connect(cast.admin, dovecot.url)
    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode(), old]
    call_command("sync", "--rotate-keys")
    assert "1 secret(s) now encrypted with the first key" in capsys.readouterr().out
    settings.TRUSTLEDGER_CONNECTION_KEYS = settings.TRUSTLEDGER_CONNECTION_KEYS[:1]
    connection.refresh_from_db()
    assert secrets.decrypt(connection.secret_encrypted) == PASSWORD
    assert sync(connection).error == ""


def test_due_connections_skip_paused_ones_and_wait_their_interval(cast):
    import datetime as dt

    from django.utils import timezone

    from trustledger.ingest.sync import due

    now = timezone.now()
    never = connect(cast.admin, "imap://127.0.0.1:1")
    recent = connect(cast.admin, "imap://127.0.0.1:2")
    old = connect(cast.admin, "imap://127.0.0.1:3")
    paused = connect(cast.admin, "imap://127.0.0.1:4")
    Connection.objects.filter(pk=recent.pk).update(last_attempt_at=now - dt.timedelta(minutes=5))
    Connection.objects.filter(pk=old.pk).update(last_attempt_at=now - dt.timedelta(minutes=16))
    Connection.objects.filter(pk=paused.pk).update(paused=True)
    assert {c.pk for c in due(now)} == {never.pk, old.pk}


def test_the_task_continues_a_big_first_sync_until_nothing_is_left(dovecot, cast):
    from trustledger.analytics.queue import queue
    from trustledger.ingest.tasks import sync_connection

    mail(dovecot)
    connection = connect(cast.admin, dovecot.url)
    queue.immediate = True
    try:
        sync_connection(connection.pk, limit=1)  # one message per folder and run
    finally:
        queue.immediate = False
    assert Interaction.objects.filter(source="imap").count() == 5
    states = {s.folder: s.last_uid for s in ConnectionFolder.objects.filter(connection=connection)}
    assert states == {"INBOX": 3, "Sent": 2}
