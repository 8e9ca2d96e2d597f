"""A run of a calendar (CalDAV) or contacts (CardDAV) connection: read what changed on the
server, parse it with the same parsers as `.ics` and `.vcf` files, load it with the owner's
rights, and only then move the bookmarks on (docs/connections.md).

Per calendar or address book the bookmark is its sync token (or ctag) and the etag of every
event or card read. An unchanged token: nothing is asked for. Else the etags are listed and
only the new and changed events or cards are fetched. An event gone from the server (deleted,
or moved to a calendar the connection does not read) takes away the meetings this connection
brought for it; one moved to another calendar the connection reads stays. A changed event
replaces its occurrences: those in the import window it no longer has are removed. A card
gone from the server leaves the person (people are the directory, not evidence).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from trustledger.importers.ics import DEFAULT_LOOKAHEAD, DEFAULT_LOOKBACK, parse_ics_data
from trustledger.importers.records import (
    InteractionRecord,
    ParseResult,
    RejectedRecord,
    SkippedRecord,
    UnreadableFile,
)
from trustledger.importers.vcard import parse_vcard_data
from trustledger.ingest import dav, secrets
from trustledger.ingest.connection_runs import SOURCES, load_owned, remove_brought
from trustledger.ingest.imap import ConnectionProblem
from trustledger.ingest.loader import external_id, parser_options
from trustledger.ingest.models import Connection, ConnectionFolder, ConnectionItem, ConnectionKind

_UID = re.compile(rb"^UID(?:;[^:\r\n]*)?:([^\r\n]*)", re.MULTILINE | re.IGNORECASE)


def choose(found: list[dav.Collection], wanted: list[str], kind: dav.Kind) -> list[dav.Collection]:
    """The collections named in `wanted` (by display name or path), all when none is named."""
    if not wanted:
        return found
    chosen = []
    for name in wanted:
        match = [c for c in found if name in (c.name, c.slug, c.href)]
        if not match:
            there = ", ".join(sorted(c.name for c in found)) or "none"
            raise ConnectionProblem(
                f"{kind.noun} missing: {name!r} is not on the server ({kind.noun}s there: {there})"
            )
        chosen.extend(c for c in match if c not in chosen)
    return chosen


def test(
    kind: str, url: str, username: str, secret: str, wanted: list[str], *, timeout: float
) -> str:
    """Log in, find the collections and count what each holds; or ConnectionProblem."""
    session = dav.Session(url, username, secret, kind, timeout=timeout)
    said = []
    for collection in choose(session.collections(), wanted, session.kind):
        count = len(session.members(collection))
        said.append(f"{collection.name}: {count} {session.kind.item}{'' if count == 1 else 's'}")
    return "; ".join(said)


@dataclass
class CollectionNews:
    collection: dav.Collection
    unchanged: bool  # the token did not move: nothing was asked for
    etags: dict[str, list[str]] = field(default_factory=dict)  # href -> [etag, uid]: all now
    read: dict[str, bytes] = field(default_factory=dict)  # href -> data: new or changed
    gone: dict[str, list[str]] = field(default_factory=dict)  # href -> [etag, uid]: deleted
    more: bool = False  # more new or changed than one run takes: the next run goes on


def _uid(data: bytes) -> str:
    unfolded = data.replace(b"\r\n ", b"").replace(b"\n ", b"").replace(b"\r\n\t", b"")
    match = _UID.search(unfolded)
    return match.group(1).decode("utf-8", "replace").strip() if match else ""


def read(
    session: dav.Session,
    collection: dav.Collection,
    state: ConnectionFolder | None,
    limit: int,
) -> CollectionNews:
    """What changed in one collection since its bookmark: at most `limit` events or cards."""
    stored: dict[str, list[str]] = dict(state.etags) if state else {}
    if state is not None and collection.token and state.sync_token == collection.token:
        return CollectionNews(collection, True, stored)
    now = session.members(collection)
    changed = [h for h, etag in now.items() if not etag or stored.get(h, [None])[0] != etag]
    wanted = changed[:limit]
    news = CollectionNews(collection, False, more=len(changed) > limit)
    taken = set(wanted)  # the others keep their old etag (or none): read by a later run
    news.etags = {h: stored[h] for h in now if h in stored and h not in taken}
    for href, (etag, data) in session.fetch(collection, wanted).items():
        news.read[href] = data
        news.etags[href] = [etag or now.get(href, ""), _uid(data)]
    news.gone = {h: v for h, v in stored.items() if h not in now}
    return news


def run(
    connection: Connection,
    result: Any,
    *,
    limit: int,
    after_fetch: Callable[[str], None] | None = None,
) -> None:
    """One run (called by `sync.sync`, which claims the connection and records the result)."""
    kind = dav.KINDS[connection.kind]
    states = {s.folder: s for s in connection.states.all()}
    secret = secrets.decrypt(connection.secret_encrypted)
    timeout = settings.TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS
    session = dav.Session(connection.url, connection.username, secret, kind.name, timeout=timeout)
    del secret
    found: list[CollectionNews] = []
    for collection in choose(session.collections(), connection.folders, kind):
        found.append(read(session, collection, states.get(collection.href), limit))
        if after_fetch:
            after_fetch(collection.name)
    del session
    # A calendar read before and no longer on the server (when all are read, none named):
    # everything in it is gone; its bookmark goes with it.
    read_now = {news.collection.href for news in found}
    vanished = [s for href, s in states.items() if href not in read_now]
    for state in vanished if not connection.folders else ():
        found.append(
            CollectionNews(
                dav.Collection(state.folder, state.folder, ""), True, {}, {}, state.etags
            )
        )
    # Everything is read: parse and load it, with the same window for every event.
    now = timezone.now()
    window = (now - DEFAULT_LOOKBACK, now + DEFAULT_LOOKAHEAD)
    options = parser_options(connection.content)
    per_uid: dict[str, set[str]] = {}  # uid of a changed event -> the ids it has now

    def parse() -> Iterator[ParseResult]:
        per_uid.clear()
        for news in found:
            for href, data in news.read.items():
                name = f"{news.collection.name}/{href.rstrip('/').rpartition('/')[2]}"
                try:
                    if kind.name == ConnectionKind.CALDAV:
                        results = parse_ics_data(data, name, now=now, **options)
                    else:
                        results = parse_vcard_data(data, name)
                    for record in results:
                        if isinstance(record, InteractionRecord | SkippedRecord):
                            uid = news.etags[href][1]
                            ids = per_uid.setdefault(uid, set())
                            if isinstance(record, InteractionRecord):
                                ids.add(external_id(record.external_id))
                        yield record
                except UnreadableFile as error:
                    yield RejectedRecord(name, kind.item, error.reason)

    for news in found:  # every changed event counts, even one with nothing to load now
        for href in news.read:
            per_uid.setdefault(news.etags[href][1], set())
    ids: set[str] = set()
    summary, outside = load_owned(connection, parse, ids, dry_run=result.dry_run)
    result.summary = summary
    result.more = any(news.more for news in found)
    people = kind.name == ConnectionKind.CARDDAV
    result.counts = {
        "what": kind.item,
        "messages": sum(len(n.read) for n in found),
        "created": summary.created["interactions"],
        "updated": summary.updated["interactions"],
        "unchanged": summary.unchanged["interactions"]
        + (summary.unchanged["people"] if people else 0),
        "people": summary.created["people"],
        "people_updated": summary.updated["people"],
        "skipped": sum(summary.skipped.values()),
        "rejected": summary.rejected_count,
        "outside_scope": len(outside),
        "removed": 0,
        "resynced": [],
    }
    if summary.refused:
        result.error = "; ".join(r.reason for r in summary.refused)[:1000]
    result.outside_scope = outside[:20]
    if result.dry_run or summary.refused:
        return
    source = SOURCES[connection.kind]
    with transaction.atomic():
        if not people:
            result.counts["removed"] = _remove_gone(connection, found, per_uid, window)
        ConnectionFolder.objects.filter(pk__in=[s.pk for s in vanished]).delete()
        for news in found:
            if news.collection.href not in read_now:
                continue
            ConnectionFolder.objects.update_or_create(
                connection=connection,
                folder=news.collection.href,
                # A collection not read to the end keeps no token: the next run lists it.
                defaults={
                    "sync_token": "" if news.more else news.collection.token,
                    "etags": news.etags,
                },
            )
        ConnectionItem.objects.bulk_create(
            [ConnectionItem(connection=connection, source=source, external_id=i) for i in ids],
            ignore_conflicts=True,
            batch_size=1_000,
        )


def _remove_gone(
    connection: Connection,
    found: list[CollectionNews],
    per_uid: dict[str, set[str]],
    window: tuple[dt.datetime, dt.datetime],
) -> int:
    """Remove the meetings of events gone from the server (unless the event is still in a
    calendar this connection reads) and the occurrences a changed event no longer has in the
    window; only what this connection brought and no other connection holds."""
    from trustledger.ledger.models import Interaction

    kept = {v[1] for news in found for v in news.etags.values()}
    gone = {v[1] for news in found for v in news.gone.values() if v[1] and v[1] not in kept}
    removed = 0
    source = SOURCES[ConnectionKind.CALDAV]
    if gone:
        removed += remove_brought(
            connection, Interaction.objects.filter(source=source, thread_id__in=gone)
        )
    # Only events read before can have occurrences this connection brought (a first sync asks
    # nothing here).
    known = {v[1] for state in connection.states.all() for v in state.etags.values()}
    for uid, now_ids in per_uid.items():
        if not uid or uid not in known:
            continue
        stale = Interaction.objects.filter(
            source=source, thread_id=uid, occurred_at__range=window
        ).exclude(external_id__in=now_ids)
        removed += remove_brought(connection, stale)
    brought = ConnectionItem.objects.filter(connection=connection, source=source)
    stored = Interaction.objects.filter(source=source).values("external_id")
    brought.exclude(external_id__in=stored).delete()  # what it brought that is gone now
    return removed
