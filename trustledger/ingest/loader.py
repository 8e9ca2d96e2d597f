"""The loader shared by every import format: parser results → database, batch by batch.

Each batch (5,000 records by default) is written in one transaction, through bulk paths:
one query per batch finds the records already imported (by source and external id), new
interactions and their participants go in with `executemany`, people are resolved from a
per-run cache. A run stopped half-way leaves whole batches; running it again finds them by
their external ids (unchanged) and finishes the rest, so the result is that of one run.

    summary = import_files(["inbox.mbox"], content="metadata", since=date(2025, 1, 1))
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from trustledger.accounts.models import User
from trustledger.history import imports as history
from trustledger.history.context import bulk_path, importing, one_by_one
from trustledger.importers.csv_columns import interaction_frames
from trustledger.importers.detect import detect_format, expand_paths, parse
from trustledger.importers.records import (
    CommitmentRecord,
    Identity,
    InteractionRecord,
    OrganizationRecord,
    ParseResult,
    PersonRecord,
    RejectedRecord,
    SkippedRecord,
    UnitRecord,
    UnreadableFile,
)
from trustledger.importers.sources import content_hash
from trustledger.ingest.bulk_csv import (
    INTERACTION_FIELDS,
    FrameLoader,
    chunk_rows,
    participant_rows,
)
from trustledger.ingest.parties import Directory
from trustledger.ingest.permissions import ImportRights, load_as_user, rights_of
from trustledger.ingest.resolve import PeopleResolver, rows_where_in
from trustledger.ingest.summary import ImportSummary, Rejection
from trustledger.ledger import plausible
from trustledger.ledger.models import Commitment, Interaction, InteractionParticipant
from trustledger.storage.bulk import datetime_adapter, insert_rows, restore_missing_indexes

if TYPE_CHECKING:
    from trustledger.promises.actions import EarlyReading

DEFAULT_BATCH_SIZE = 5_000
PROGRESS_EVERY = 1_000
MAX_EXTERNAL_ID = 500
BEFORE_SINCE = "before --since"
COMMITMENT_FIELDS = (
    "promisor_id",
    "promisee_id",
    "what",
    "statement",
    "strength",
    "made_at",
    "due_at",
    "state",
    "closed_at",
)
Located = tuple[str, str, Any]  # file, location, record


def external_id(value: str) -> str:
    """The id as stored: ids longer than the column are replaced by a hash of themselves."""
    return value if len(value) <= MAX_EXTERNAL_ID else content_hash("long-id", value)


def as_since(value: date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(0, 0), tzinfo=UTC)


class Loader:
    """Writes parser results to the database in batches; fills an ImportSummary."""

    def __init__(
        self,
        summary: ImportSummary | None = None,
        *,
        content: str = "metadata",
        since: date | datetime | None = None,
        batch_size: int | None = None,
        after_batch: Callable[[int], None] | None = None,
        progress: Callable[[int], None] | None = None,
        rights: ImportRights | None = None,
        bodies_written: Callable[[list[int]], None] | None = None,
    ) -> None:
        if batch_size is not None and batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        self.summary = summary or ImportSummary()
        self.content = content
        self.since = as_since(since)
        # None: each path's own default (the columnar CSV path takes bigger batches).
        self.batch_size = batch_size
        self.after_batch = after_batch
        self.progress = progress
        # Told the ids of each batch's messages with a body kept, once the batch is written.
        self.bodies_written = bodies_written
        # None: full rights (an admin, the plain CLI); else every write is checked first.
        self.rights = rights
        self.resolver = PeopleResolver(self.summary, rights)
        # A bulk load killed before it rebuilt its indexes left them out: put them back.
        restore_missing_indexes(connection, (Interaction, InteractionParticipant))
        if connection.vendor == "sqlite":
            # A bigger page cache for this connection: index pages of a growing table stay
            # in memory instead of being read back for every batch (default is 2 MB).
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -131072")  # 128 MiB
        self.directory = Directory(self.summary, self.resolver, rights)

    # reading -----------------------------------------------------------------------------

    def load(self, results: Iterable[ParseResult], file: str = "") -> ImportSummary:
        batch: list[Located] = []
        where = "data row" if file.lower().endswith((".csv", ".tsv", ".txt")) else "record"
        seen = 0
        try:
            for seen, result in enumerate(results, 1):  # noqa: B007 - seen is read below
                if self.progress and seen % PROGRESS_EVERY == 0:
                    self.progress(PROGRESS_EVERY)
                if isinstance(result, RejectedRecord):
                    self.summary.reject(result.file, result.location, result.reason)
                elif isinstance(result, SkippedRecord):
                    self.summary.skip(result.reason, when=result.occurred_at)
                elif self._before_since(result):
                    self.summary.skip(BEFORE_SINCE)
                else:
                    batch.append((file, f"{where} {seen}", result))
                    if len(batch) >= (self.batch_size or DEFAULT_BATCH_SIZE):
                        self.write(batch)
                        batch = []
        except UnreadableFile as error:  # a parser that finds out late; earlier batches stay
            self.summary.unreadable.append(
                Rejection(error.path, f"after {seen} records", error.reason)
            )
            batch = []
        self.write(batch)
        if self.progress:
            self.progress(seen % PROGRESS_EVERY)
        return self.summary

    def _before_since(self, record: object) -> bool:
        if self.since is None:
            return False
        if isinstance(record, InteractionRecord):
            return record.occurred_at < self.since
        if isinstance(record, CommitmentRecord):
            return record.made_at < self.since
        return False

    # writing -----------------------------------------------------------------------------

    def write(self, batch: Sequence[Located]) -> None:
        """Write one batch in one transaction."""
        if not batch:
            return
        kinds: dict[type, list[Located]] = {}
        before = len(self.summary.bodies_written)
        for item in batch:
            kinds.setdefault(type(item[2]), []).append(item)
        # A bulk path: it writes its own history (docs/history.md, "Imports").
        with transaction.atomic(), bulk_path():
            self.directory.write_organizations(kinds.get(OrganizationRecord, []))
            self.directory.write_units(kinds.get(UnitRecord, []))
            self.directory.write_people(kinds.get(PersonRecord, []))
            self.write_interactions(kinds.get(InteractionRecord, []))
            self.write_commitments(kinds.get(CommitmentRecord, []))
        self.summary.batches += 1
        if self.bodies_written and len(self.summary.bodies_written) > before:
            self.bodies_written(self.summary.bodies_written[before:])
            if gc.get_freeze_count():  # inside the import's frozen heap (frozen_heap)
                # What the early reading keeps until the end joins the frozen heap: else every
                # full pass walks it again (200 MB of mail: about 1 s of passes).
                gc.freeze()
        if self.after_batch:
            self.after_batch(self.summary.batches)

    def write_interactions(self, items: list[Located]) -> None:
        if not items:
            return
        records: dict[tuple[str, str], Located] = {}
        for item in items:
            key = (item[2].source, external_id(item[2].external_id))
            if key in records:
                self.summary.skip("the same external id twice in the input")
            records[key] = item
        existing = _existing(Interaction, records, INTERACTION_FIELDS)
        excluded = [k for k, (_, _, r) in records.items() if r.excluded_reason]
        # Removing a stored interaction needs the same rights as changing it: asked for all
        # the batch's removals at once.
        rights = self.rights
        removal_problems = (
            rights.stored_interactions([existing[k][0] for k in excluded if k in existing])
            if rights is not None
            else {}
        )
        for key in excluded:
            file, location, record = records.pop(key)
            problem = removal_problems.get(existing[key][0]) if key in existing else None
            if rights is not None and problem:
                rights.refuse(self.summary, file, location, problem)
                continue
            if key in existing:
                with one_by_one():  # its history says what it was
                    Interaction.objects.filter(pk=existing.pop(key)[0]).delete()
                self.summary.removed["interactions"] += 1
            else:
                self.summary.skip(record.excluded_reason)
        self.resolver.resolve(_identities(r for _, _, r in records.values()))
        known_parts = _participants([pk for pk, _ in existing.values()])
        new: list[tuple[tuple[str, str], tuple[Any, ...], dict[int, str]]] = []
        changed: list[tuple[int, tuple[Any, ...], dict[int, str]]] = []
        for key, (_, _, record) in records.items():
            values, parts = self._interaction_row(record)
            if key not in existing:
                new.append((key, values, parts))
                continue
            pk, stored = existing[key]
            if record.time_estimated:  # first seen wins until a real Date header appears
                values = (stored[0], *values[1:])
            if stored == values and known_parts.get(pk, {}) == parts:
                self.summary.unchanged["interactions"] += 1
            else:
                changed.append((pk, values, parts))
        if self.rights is not None:
            new, changed = self._within_rights(records, existing, known_parts, new, changed)
        self._insert_interactions(new)
        self._update_interactions(changed, known_parts)
        self._changes_told(changed, existing, known_parts)

    def _within_rights(
        self,
        records: dict[tuple[str, str], Located],
        existing: dict[tuple[str, str], tuple[int, tuple[Any, ...]]],
        known_parts: dict[int, dict[int, str]],
        new: list[tuple[tuple[str, str], tuple[Any, ...], dict[int, str]]],
        changed: list[tuple[int, tuple[Any, ...], dict[int, str]]],
    ) -> tuple[list[Any], list[Any]]:
        """The new and changed interactions the user may write; the others are refused."""
        assert self.rights is not None
        by_pk = {existing[key][0]: key for key in records if key in existing}
        stored_problems = self.rights.stored_interactions([pk for pk, _, _ in changed], known_parts)
        person_id = self.resolver.person_id
        refused: set[tuple[str, str]] = set()
        for key, problem in [
            *(
                (key, self.rights.interaction_record(records[key][2], person_id))
                for key, _, _ in new
            ),
            *(
                (
                    by_pk[pk],
                    stored_problems.get(pk)
                    or self.rights.interaction_record(records[by_pk[pk]][2], person_id),
                )
                for pk, _, _ in changed
            ),
        ]:
            if problem:
                file, location, _ = records[key]
                self.rights.refuse(self.summary, file, location, problem)
                refused.add(key)
        return (
            [item for item in new if item[0] not in refused],
            [item for item in changed if by_pk[item[0]] not in refused],
        )

    def _interaction_row(self, r: InteractionRecord) -> tuple[tuple[Any, ...], dict[int, str]]:
        person_id = self.resolver.person_id
        initiator = person_id(r.initiator) if r.initiator.is_known else None
        parts: dict[int, str] = {}
        for participant in r.participants:
            pid = person_id(participant.identity)
            if pid is not None and pid != initiator and pid not in parts:
                parts[pid] = participant.role
        keep_subject = self.content != "metadata"
        values = (
            r.occurred_at,
            r.channel,
            r.duration_minutes,
            initiator,
            r.answered,
            r.reply_latency_seconds,
            r.is_broadcast,
            (r.subject or "")[:500] if keep_subject else "",
            (r.body or "") if self.content == "body" else "",
            (r.thread_id or "")[:500],
        )
        return values, parts

    def _insert_interactions(
        self, new: list[tuple[tuple[str, str], tuple[Any, ...], dict[int, str]]]
    ) -> None:
        if not new:
            return
        adapt = datetime_adapter()
        now = adapt(timezone.now())
        rows = [(adapt(v[0]), *v[1:], "unknown", s, e, now) for (s, e), v, _ in new]
        columns = (*INTERACTION_FIELDS, "focus", "source", "external_id", "created_at")
        insert_rows(Interaction, columns, rows)
        new_keys = [key for key, _, _ in new]
        ids = {key: pk for key, (pk, _) in _existing(Interaction, new_keys, ()).items()}
        parts = [
            (ids[key], pid, role, rows[i][0])
            for i, (key, _, people) in enumerate(new)
            for pid, role in people.items()
        ]
        insert_rows(
            InteractionParticipant, ("interaction_id", "person_id", "role", "occurred_at"), parts
        )
        if self.content == "body":
            self.summary.bodies_written.extend(ids.values())
        self.summary.created["interactions"] += len(new)
        history.created_interactions(ids=list(ids.values()))

    def _update_interactions(
        self,
        changed: list[tuple[int, tuple[Any, ...], dict[int, str]]],
        known_parts: dict[int, dict[int, str]],
    ) -> None:
        if not changed:
            return
        adapt = datetime_adapter()
        table = connection.ops.quote_name(Interaction._meta.db_table)
        assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in INTERACTION_FIELDS)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE id = %s",
                [(adapt(v[0]), *v[1:], pk) for pk, v, _ in changed],
            )
        InteractionParticipant.objects.filter(interaction_id__in=[c[0] for c in changed]).delete()
        insert_rows(
            InteractionParticipant,
            ("interaction_id", "person_id", "role", "occurred_at"),
            [
                (pk, pid, role, adapt(v[0]))
                for pk, v, people in changed
                for pid, role in people.items()
            ],
        )
        if self.content == "body":
            self.summary.bodies_written.extend(pk for pk, _, _ in changed)
        self.summary.updated["interactions"] += len(changed)

    def _changes_told(
        self,
        changed: list[tuple[int, tuple[Any, ...], dict[int, str]]],
        existing: dict[tuple[str, str], tuple[int, tuple[Any, ...]]],
        known_parts: dict[int, dict[int, str]],
    ) -> None:
        """The history of the stored interactions this batch changed: before → after."""
        stored = dict(existing.values())
        for pk, values, people in changed:
            mentions: set[str] = set()
            history.changed(
                Interaction,
                pk,
                dict(zip(INTERACTION_FIELDS, stored[pk], strict=True)),
                dict(zip(INTERACTION_FIELDS, values, strict=True)),
                also=history.participants_changed(known_parts.get(pk, {}), people, mentions),
                mentions=mentions,
            )

    def write_commitments(self, items: list[Located]) -> None:
        if not items:
            return
        records: dict[tuple[str, str], Located] = {}
        for item in items:
            records[(item[2].source, external_id(item[2].external_id))] = item
        existing = _existing(Commitment, records, COMMITMENT_FIELDS)
        self.resolver.resolve(i for _, _, r in records.values() for i in (r.promisor, r.promisee))
        new: list[Commitment] = []
        for key, (file, location, record) in records.items():
            values, problem = self._commitment_values(record)
            if problem:
                self.summary.reject(file, location, problem)
                continue
            unchanged = key in existing and existing[key][1] == tuple(
                values[f] for f in COMMITMENT_FIELDS
            )
            if (
                self.rights is not None
                and not unchanged
                and (problem := self.rights.commitment_record(record, values, existing.get(key)))
            ):
                self.rights.refuse(self.summary, file, location, problem)
                continue
            if key not in existing:
                new.append(Commitment(source=key[0], external_id=key[1], **values))
            elif unchanged:
                self.summary.unchanged["commitments"] += 1
            else:
                pk, stored = existing[key]
                Commitment.objects.filter(pk=pk).update(**values)
                history.changed(
                    Commitment, pk, dict(zip(COMMITMENT_FIELDS, stored, strict=True)), values
                )
                self.summary.updated["commitments"] += 1
        if new:
            Commitment.objects.bulk_create(new)
            self.summary.created["commitments"] += len(new)
            history.created(new)

    def _commitment_values(self, r: CommitmentRecord) -> tuple[dict[str, Any], str | None]:
        promisor = self.resolver.person_id(r.promisor) if r.promisor.is_known else None
        promisee = self.resolver.person_id(r.promisee) if r.promisee.is_known else None
        problems = []
        if promisor is None:
            problems.append("field 'promisor_email': no person to hold to the promise")
        if promisee is None:
            problems.append("field 'promisee_email': no person the promise was made to")
        if promisor is not None and promisor == promisee:
            problems.append("field 'promisee_email': is the promisor (a promise needs two people)")
        if r.due_at is None:
            problems.append("field 'due_at': is required (a commitment needs a due date)")
        elif r.due_at < r.made_at:
            problems.append("field 'due_at': is before made_at")
        values = {
            "promisor_id": promisor,
            "promisee_id": promisee,
            "what": r.statement[:500],
            "statement": r.statement,
            "strength": r.strength,
            "made_at": r.made_at,
            "due_at": r.due_at,
            "state": r.state,
            # The ledger needs a closing time for a closed commitment; the due date is the
            # best we know from a file.
            "closed_at": None if r.state == "open" else r.due_at,
        }
        return values, "; ".join(problems) or None


def _identities(records: Iterable[InteractionRecord]) -> Iterable[Identity]:
    for record in records:
        yield record.initiator
        for participant in record.participants:
            yield participant.identity


def _existing(
    model: Any, keys: Iterable[tuple[str, str]], fields: Sequence[str]
) -> dict[tuple[str, str], tuple[int, tuple[Any, ...]]]:
    """(source, external id) -> (pk, compared values) of the records already stored.

    Plain SQL: the ORM's per-value work on a 5,000-long IN list costs more than the query.
    """
    found: dict[tuple[str, str], tuple[int, tuple[Any, ...]]] = {}
    by_source: dict[str, list[str]] = {}
    for source, ext in keys:
        by_source.setdefault(source, []).append(ext)
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(f).column) for f in ("id", "external_id", *fields))
    converters = [_reader(meta.get_field(f)) for f in fields]
    for source, wanted in by_source.items():
        query = (
            f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote('source')} = %s "
            f"AND {quote('external_id')}"
        )
        for pk, ext, *values in rows_where_in(query, [source], wanted):
            found[(source, ext)] = (
                pk,
                tuple(c(v) if c else v for c, v in zip(converters, values, strict=True)),
            )
    return found


def _reader(field: Any) -> Callable[[Any], Any] | None:
    """How a raw column value becomes the Python value the loader compares with."""
    from django.db import models

    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite":
            return lambda v: None if v is None else _sqlite_datetime(v)
        return None
    if isinstance(field, models.BooleanField):
        return lambda v: None if v is None else bool(v)
    if isinstance(field, models.FloatField):
        return lambda v: None if v is None else float(v)
    return None


def _sqlite_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _participants(interaction_ids: list[int]) -> dict[int, dict[int, str]]:
    found: dict[int, dict[int, str]] = {}
    for iid, pid, role in participant_rows(interaction_ids):
        found.setdefault(iid, {})[pid] = role
    return found


def _columnar(path: str | os.PathLike[str], format: str, options: dict[str, Any]) -> Any:
    """Frames of a CSV file of interactions for the columnar load, else None."""
    if format not in ("auto", "csv") or (format == "auto" and detect_format(path) != "csv"):
        return None
    return interaction_frames(path, **options)


def _load_file(
    loader: Loader,
    path: str | os.PathLike[str],
    results: Iterable[ParseResult],
    format: str,
    options: dict[str, Any],
) -> None:
    frames = _columnar(path, format, {"chunk_rows": chunk_rows(loader.batch_size), **options})
    if frames is not None:
        FrameLoader(loader, str(path)).load(frames)
    else:
        loader.load(results, str(path))


def parser_options(
    content: str = "metadata", since: date | datetime | None = None, **options: Any
) -> dict[str, Any]:
    """The options every parser is given: the plausible-date rule (today and the horizon
    setting), the recurrence bounds, what to keep, and where iCalendar expands from."""
    found = {
        "dates": plausible.rule(),
        "max_occurrences_per_event": settings.TRUSTLEDGER_IMPORT_MAX_OCCURRENCES_PER_EVENT,
        "max_occurrences_per_file": settings.TRUSTLEDGER_IMPORT_MAX_OCCURRENCES_PER_FILE,
        **options,
        "content": content,
    }
    if since is not None:
        found["since"] = as_since(since)  # iCalendar expands recurrences from here
    return found


# A source to load: its name and either how to load it (given a Loader) or why it is unreadable.
Source = tuple[str, "Callable[[Loader], None] | UnreadableFile"]


def import_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    format: str = "auto",
    since: date | datetime | None = None,
    content: str = "metadata",
    dry_run: bool = False,
    batch_size: int | None = None,
    after_batch: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
    on_file: Callable[[str], None] | None = None,
    as_user: User | None = None,
    origin_of: Callable[[str], str] = lambda name: Path(name).name,
    **options: Any,
) -> ImportSummary:
    """Parse and load every path; an unreadable file is reported and changes nothing.

    `dry_run` does everything inside one transaction and rolls it back at the end.
    `as_user`: the import is that user's and writes only what they may write
    (`ingest.permissions`); each file then loads in one transaction, refused whole
    when one of its records is outside their scope. Without it: full rights.
    `origin_of(path)`: the file's name as the records' history gives it.
    """
    found = parser_options(content, since, **options)
    early = _early_reading(content, dry_run)
    if early is not None:
        found["read_ahead"] = early.ahead  # the mail reader's first pass feeds the workers

    def sources() -> Iterable[Source]:
        for path in expand_paths(paths):
            if on_file:
                on_file(str(path))
            try:
                results = parse(path, format=format, **found)
            except UnreadableFile as error:
                yield str(path), error
                continue
            yield (
                str(path),
                lambda loader, path=path, results=results: _load_file(
                    loader, path, results, format, found
                ),
            )

    return _load_sources(
        sources(),
        content=content,
        since=since,
        dry_run=dry_run,
        as_user=as_user,
        batch_size=batch_size,
        after_batch=after_batch,
        progress=progress,
        origin_of=origin_of,
        early=early,
    )


def _early_reading(content: str, dry_run: bool) -> EarlyReading | None:
    """The promises our side wrote, proposed for review (never commitments by themselves),
    read by the language workers batch by batch while an import that keeps bodies goes on."""
    if content != "body" or dry_run:
        return None
    from trustledger.promises.actions import EarlyReading
    from trustledger.promises.reading import Reader

    return EarlyReading(Reader())


def import_parsed(
    name: str,
    results: Iterable[ParseResult],
    *,
    content: str = "metadata",
    since: date | datetime | None = None,
    dry_run: bool = False,
    as_user: User | None = None,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Load what a parser read from somewhere other than a file (a connection's server),
    exactly as `import_files` loads a file: same batches, rights, summary and promises found.
    Parse with `parser_options(content, since)`."""
    return _load_sources(
        [(name, lambda loader: loader.load(results, name))],
        content=content,
        since=since,
        dry_run=dry_run,
        as_user=as_user,
        batch_size=batch_size,
        progress=progress,
    )


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects alive when an import starts (Django's and the app's, about 120,000 in the
    command) are left out of the garbage collector's passes during it: a full pass over them
    cost 0.08 s of a 100,000-row CSV import. They are handed back at the end (gc.unfreeze);
    cycles made during the import are collected as usual."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _load_sources(
    sources: Iterable[Source],
    *,
    content: str,
    since: date | datetime | None,
    dry_run: bool,
    as_user: User | None,
    batch_size: int | None = None,
    after_batch: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
    origin_of: Callable[[str], str] = str,
    early: EarlyReading | None = None,
) -> ImportSummary:
    """`origin_of(name)`: where the history says a source's records came from. `early`:
    the import's reading of promises, if its parsers were given it already."""
    rights = rights_of(as_user) if as_user is not None else None
    summary = ImportSummary(dry_run=dry_run)
    early = early or _early_reading(content, dry_run)
    loader_options = {
        "content": content,
        "since": since,
        "batch_size": batch_size,
        "after_batch": after_batch,
        "progress": progress,
    }
    with contextlib.ExitStack() as reading:
        if early is not None:
            reading.enter_context(early.reader)  # one worker pool for the import and the end
        _load_all(
            sources, summary, rights, early, dry_run=dry_run, origin_of=origin_of, **loader_options
        )
        if early is not None:
            from trustledger.promises.actions import find_promises

            # The early readings kept through the import are left out of the collector's
            # passes as the import's own objects were (200 MB of mail: 1.3-1.9 s of passes).
            with frozen_heap():
                summary.promises_found = find_promises(summary.bodies_written, early).proposed
    return summary


def _load_all(
    sources: Iterable[Source],
    summary: ImportSummary,
    rights: ImportRights | None,
    early: EarlyReading | None,
    *,
    dry_run: bool,
    origin_of: Callable[[str], str],
    **loader_options: Any,
) -> None:
    with (
        transaction.atomic() if dry_run else contextlib.nullcontext(),
        bulk_path(),
        frozen_heap(),
    ):

        def loader_for(file_rights: ImportRights | None) -> Loader:
            return Loader(
                summary,
                rights=file_rights,
                bodies_written=early.written if early else None,
                **loader_options,
            )

        loader = loader_for(None) if rights is None else None
        for name, load in sources:
            if isinstance(load, UnreadableFile):
                summary.unreadable.append(Rejection(load.path, "", load.reason, load.code))
                continue
            summary.files.append(name)
            with importing(origin_of(name)):
                if loader is not None:
                    load(loader)
                    continue
                assert rights is not None
                load_as_user(
                    rights,
                    summary,
                    name,
                    lambda file_rights, load=load: load(loader_for(file_rights)),
                )
        if dry_run:
            transaction.set_rollback(True)
