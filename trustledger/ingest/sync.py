"""Running a connection: read what is new on its server, load it with the owner's rights
through the same parser and loader as files, and only then move its bookmark on.

The order is the guarantee: everything of a run is read from the server first, then loaded
(whole batches, each in one transaction), then the folder states advance in one transaction.
A server that goes away while it is read leaves nothing written and the bookmark where it
was; a run stopped while loading leaves whole batches that the next run finds again by their
Message-IDs (the loader's idempotence), so the result is that of one run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.audit.log import record
from trustledger.config.env import ConfigurationError
from trustledger.history.context import acting
from trustledger.importers.mail import parents_elsewhere, parse_messages
from trustledger.importers.mailboxes import RawMessage
from trustledger.ingest import dav, dav_sync, hosts, imap, secrets
from trustledger.ingest.connection_runs import SOURCE, label, load_owned, remove_brought
from trustledger.ingest.loader import parser_options
from trustledger.ingest.models import Connection, ConnectionFolder, ConnectionItem, ConnectionKind
from trustledger.ingest.summary import ImportSummary

# At most this many new messages per folder and run: a first sync of a big mailbox goes in
# steps (the rest follows at once, see tasks.py), so memory stays bounded.
MAX_MESSAGES_PER_RUN = 5_000
# A claim older than this belongs to a worker that died: the next run may take over.
STALE_CLAIM = dt.timedelta(hours=1)
# The source of what each kind of connection brings: mail as "imap"; calendars and address
# books as the same records as an .ics or .vcf import (a file imported before is not doubled).
SOURCES = {
    ConnectionKind.IMAP: SOURCE,
    ConnectionKind.CALDAV: "ics",
    ConnectionKind.CARDDAV: "vcard",
}
# Messages of earlier runs read again per run because new ones answer them.
MAX_PARENTS_PER_RUN = 500


@dataclass
class SyncResult:
    connection_id: int
    counts: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    more: bool = False  # a folder had more new messages than one run takes
    dry_run: bool = False
    summary: ImportSummary | None = None
    outside_scope: list[str] = field(default_factory=list)  # records the owner may not write

    def text(self) -> str:
        if self.error:
            return f"connection {self.connection_id}: failed: {self.error}"
        counts = self.counts
        said = (
            f"connection {self.connection_id}: {counts.get('messages', 0)} new "
            f"{counts.get('what', 'message')}(s) read, "
            f"{counts.get('created', 0)} interaction(s) created, {counts.get('updated', 0)} updated, "
            f"{counts.get('people', 0)} new people, "
            f"{counts.get('unchanged', 0)} unchanged, {counts.get('skipped', 0)} skipped, "
            f"{counts.get('rejected', 0)} rejected"
        )
        if counts.get("removed"):
            said += f"; {counts['removed']} interaction(s) removed (gone from the server)"
        if counts.get("people_updated"):
            said += f"; {counts['people_updated']} people updated"
        if counts.get("read_again"):
            said += (
                f"; {counts['read_again']} earlier message(s) read again (new replies answer them)"
            )
        if counts.get("outside_scope"):
            said += (
                f"; {counts['outside_scope']} message(s) name none of the owner's people "
                "and were left out"
            )
        if counts.get("resynced"):
            said += f"; read again from the start (UIDVALIDITY changed): {', '.join(counts['resynced'])}"
        if self.more:
            said += "; more to read: the next run continues"
        if self.dry_run:
            said += " (dry run: nothing written, nothing marked as read)"
        return said


def _may_reach(url: str, *, admin: bool, kind: str = ConnectionKind.IMAP) -> None:
    """ConnectionProblem when this host is outside what connections may reach (hosts.py)."""
    where = imap.address(url) if kind == ConnectionKind.IMAP else dav.address(url)
    try:
        hosts.check(where.host, where.port, admin=admin)
    except hosts.HostRefused as refused:
        raise imap.ConnectionProblem(str(refused)) from None


def try_connection(
    kind: str, url: str, username: str, secret: str, folders: list[str], *, admin: bool = False
) -> str:
    """Try the server now: what was found, or ConnectionProblem with the exact reason."""
    _may_reach(url, admin=admin, kind=kind)
    timeout = settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS
    if kind != ConnectionKind.IMAP:
        return dav_sync.test(kind, url, username, secret, folders, timeout=timeout)
    return imap.test(url, username, secret, folders, timeout=timeout)


def claim(connection: Connection) -> bool:
    """Mark the connection as syncing unless another run holds it (one run at a time)."""
    now = timezone.now()
    free = Q(syncing_since__isnull=True) | Q(syncing_since__lt=now - STALE_CLAIM)
    return bool(Connection.objects.filter(free, pk=connection.pk).update(syncing_since=now))


def sync(
    connection: Connection,
    *,
    dry_run: bool = False,
    limit: int = MAX_MESSAGES_PER_RUN,
    after_fetch: Callable[[str], None] | None = None,
) -> SyncResult:
    """One run of one connection. Never raises for a server or data problem: the result (and
    the connection's last error) says what went wrong. `after_fetch(folder)` is called when
    a folder has been read (the tests stop the server there)."""
    result = SyncResult(connection.pk, dry_run=dry_run)
    if not dry_run and not claim(connection):
        result.error = "another sync of this connection is running"
        return result
    try:
        with acting(connection.owner, f"connection {connection.pk}"):
            _run(connection, result, limit=limit, after_fetch=after_fetch)
    except (imap.ConnectionProblem, secrets.SecretUnreadable, ConfigurationError) as error:
        result.error = str(error)
    except Exception as error:  # noqa: BLE001 - the page shows it; the bookmark stays
        result.error = f"{type(error).__name__}: {str(error)[:500]}"
    if not dry_run:
        _finish(connection, result)
    return result


def _run(
    connection: Connection,
    result: SyncResult,
    *,
    limit: int,
    after_fetch: Callable[[str], None] | None,
) -> None:
    if connection.kind != ConnectionKind.IMAP:
        _may_reach(connection.url, admin=scope_for(connection.owner).is_admin, kind=connection.kind)
        dav_sync.run(connection, result, limit=limit, after_fetch=after_fetch)
        return
    states = {s.folder: s for s in connection.states.all()}
    found: list[imap.FolderNews] = []
    again: list[RawMessage] = []  # messages of earlier runs that new ones answer
    bodies = connection.content == "body"
    options = parser_options(connection.content)
    _may_reach(connection.url, admin=scope_for(connection.owner).is_admin)
    secret = secrets.decrypt(connection.secret_encrypted)
    timeout = settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS
    with imap.session(connection.url, connection.username, secret, timeout=timeout) as client:
        del secret
        for folder in connection.folders:
            state = states.get(folder)
            found.append(
                imap.news(
                    client,
                    folder,
                    uid_validity=state.uid_validity if state else None,
                    last_uid=state.last_uid if state else 0,
                    bodies=bodies,
                    limit=limit,
                )
            )
            if after_fetch:
                after_fetch(folder)
        new = [m for news in found for m in news.messages]
        # A reply read now answers a message read in an earlier run: read that one again
        # too, so the parser marks it answered and the loader updates it.
        wanted = parents_elsewhere(new, dates=options["dates"])[:MAX_PARENTS_PER_RUN]
        for folder in connection.folders:
            if not wanted:
                break
            messages, seen = imap.by_message_id(client, folder, wanted, bodies=bodies)
            again.extend(messages)
            wanted = [m for m in wanted if m not in seen]
    # Everything of this run is read: now parse and load it, all folders together (a reply
    # in Sent answers a message of INBOX).
    messages = new + again
    ids: set[str] = set()
    summary, outside = load_owned(
        connection,
        lambda: parse_messages(messages, label(connection), source=SOURCE, **options),
        ids,
        dry_run=result.dry_run,
    )
    result.summary = summary
    result.more = any(news.more for news in found)
    result.counts = {
        "messages": len(new),
        "read_again": len(again),
        "created": summary.created["interactions"],
        "updated": summary.updated["interactions"],
        "unchanged": summary.unchanged["interactions"],
        "people": summary.created["people"],
        "skipped": sum(summary.skipped.values()),
        "rejected": summary.rejected_count,
        "outside_scope": len(outside),
        "resynced": [news.folder for news in found if news.resync],
    }
    if summary.refused:  # refused again: nothing of this run was loaded
        result.error = "; ".join(r.reason for r in summary.refused)[:1000]
    result.outside_scope = outside[:20]
    if result.dry_run:
        return
    # Only now, the load committed: the bookmarks move on, with what this run brought.
    with transaction.atomic():
        for news in found:
            ConnectionFolder.objects.update_or_create(
                connection=connection,
                folder=news.folder,
                defaults={"uid_validity": news.uid_validity, "last_uid": news.last_uid},
            )
        ConnectionItem.objects.bulk_create(
            [ConnectionItem(connection=connection, source=SOURCE, external_id=i) for i in ids],
            ignore_conflicts=True,
            batch_size=1_000,
        )


def _finish(connection: Connection, result: SyncResult) -> None:
    now = timezone.now()
    changes: dict[str, Any] = {
        "syncing_since": None,
        "last_attempt_at": now,
        "last_error": result.error,
    }
    if result.counts and not result.error:
        changes.update(last_sync_at=now, last_counts=result.counts)
    elif result.counts:  # loaded, but something was refused: still what it brought
        changes.update(last_counts=result.counts)
    Connection.objects.filter(pk=connection.pk).update(**changes)
    for name, value in changes.items():
        setattr(connection, name, value)
    # Numbers only: never a message, an address or the secret.
    record(
        connection.owner,
        "connection.synced",
        connection,
        status="failed" if result.error else "done",
        **{k: v for k, v in result.counts.items() if isinstance(v, int)},
    )


def due(now: dt.datetime | None = None) -> list[Connection]:
    """The connections whose interval has passed since their last attempt (paused ones not)."""
    now = now or timezone.now()
    found = []
    for connection in Connection.objects.filter(paused=False).select_related("owner"):
        last = connection.last_attempt_at
        if last is None or now - last >= dt.timedelta(minutes=connection.interval_minutes):
            found.append(connection)
    return found


def remove(connection: Connection, *, with_records: bool) -> int:
    """Delete a connection; with `with_records`, also the interactions only it brought (not
    those another connection also holds). The number of interactions removed."""
    from trustledger.history.context import unrecorded
    from trustledger.ledger.models import Interaction

    removed = 0
    with transaction.atomic(), unrecorded():
        if with_records:
            removed = remove_brought(connection, Interaction.objects.all())
        connection.delete()
    return removed
