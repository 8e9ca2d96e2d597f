"""What a connection's run shares whatever its kind: how its records are named, loaded with
the owner's rights (one record outside them leaves out that record, not the run), noted as
brought by the connection, and removed again."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from trustledger.importers.records import InteractionRecord, ParseResult
from trustledger.ingest.loader import external_id, import_parsed
from trustledger.ingest.models import Connection, ConnectionItem, ConnectionKind
from trustledger.ingest.summary import ImportSummary

SOURCE = "imap"
# The source of what each kind of connection brings: mail as "imap"; calendars and address
# books as the same records as an .ics or .vcf import (a file imported before is not doubled).
SOURCES = {
    ConnectionKind.IMAP: SOURCE,
    ConnectionKind.CALDAV: "ics",
    ConnectionKind.CARDDAV: "vcard",
}


def label(connection: Connection) -> str:
    return f"connection {connection.pk} ({connection.username} at {connection.url})"


def load_owned(
    connection: Connection,
    parse: Callable[[], Iterable[ParseResult]],
    ids: set[str],
    *,
    dry_run: bool,
) -> tuple[ImportSummary, list[str]]:
    """Load what `parse()` gives with the owner's rights; the external ids of its
    interactions land in `ids`. The owner's rights refuse a whole load for one record outside
    their scope (a list message naming none of their people): then it is loaded again without
    those, which are returned ("record N: why") to be said."""
    name = label(connection)

    def load(leave_out: set[int]) -> ImportSummary:
        ids.clear()
        return import_parsed(
            name,
            _noting_ids(_leaving_out(parse(), leave_out), ids),
            content=connection.content,
            dry_run=dry_run,
            as_user=connection.owner,
        )

    summary = load(set())
    outside: list[str] = []
    if summary.refused:
        refused = {
            int(r.location.split()[-1]): r.reason
            for r in summary.rejections
            if r.file == name and r.location.startswith("record ")
        }
        outside = [f"{where}: {why}" for where, why in sorted(refused.items())]
        summary = load(set(refused))
    return summary, outside


def _leaving_out(results: Iterable[ParseResult], ordinals: set[int]) -> Iterator[ParseResult]:
    """The results but those at the given 1-based positions (the loader's "record N")."""
    for position, found in enumerate(results, 1):
        if position not in ordinals:
            yield found


def _noting_ids(results: Iterable[ParseResult], ids: set[str]) -> Iterator[ParseResult]:
    for found in results:
        if isinstance(found, InteractionRecord):
            ids.add(external_id(found.external_id))
        yield found


def remove_brought(connection: Connection, interactions: Any) -> int:
    """Delete those of `interactions` that this connection brought and no other connection
    also holds; the number deleted. (A connection's records carry its kind as source.)"""
    source = SOURCES[connection.kind]
    mine = ConnectionItem.objects.filter(connection=connection, source=source)
    others = ConnectionItem.objects.filter(source=source).exclude(connection=connection)
    wanted = mine.exclude(external_id__in=others.values("external_id")).values("external_id")
    _, per_model = interactions.filter(source=source, external_id__in=wanted).delete()
    return int(per_model.get(interactions.model._meta.label, 0))
