"""The actions on promises found: find them in stored mail, confirm, correct, dismiss.

`find_promises` is the import's own step (the import was authorized already; it writes
proposals only, never commitments). The decisions take an actor and check that they may see
and decide on the proposal (`promises.access`), each in one transaction; a bad value raises a
ValidationError naming the field and nothing is written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.directory.models import (
    Organization,
    OrganizationKind,
    Person,
    PersonIdentity,
    Unit,
)
from trustledger.importers.envelope import BadDate, Envelope
from trustledger.importers.identity import normalize_email
from trustledger.ingest.resolve import rows_where_in
from trustledger.language import Message
from trustledger.ledger import actions as ledger
from trustledger.ledger import models as m
from trustledger.ledger import plausible
from trustledger.promises import access
from trustledger.promises.found import (
    Ahead,
    PromiseRow,
    RawMail,
    body_digest,
    promise_rows,
    promise_rows_ahead,
)
from trustledger.promises.models import ProposalState, ProposedPromise
from trustledger.promises.reading import IN_PROCESS_BELOW, Pending, Reader
from trustledger.promises.sides import Party, SideFinder
from trustledger.storage.bulk import (
    datetime_adapter,
    insert_rows,
    restore_missing_indexes,
    writer_for,
)

# Bodies kept by the mail importers (a note typed by hand is not a message).
MAIL_SOURCES = (m.Source.MBOX, m.Source.MAILDIR, m.Source.EML, m.Source.IMAP)
COMMITMENT_SOURCE = "mail"
# Messages per batch of `find_promises`, each batch's proposals written in one transaction:
# fewer, larger transactions write the table's and the indexes' hot pages to SQLite's WAL
# fewer times (50 MB mailbox: 500 → 2,000 took the end phase 1.80 s → 1.54 s CPU, its commits
# 0.55 s → 0.36 s); a batch read here (not early) holds its bodies, three batches at a time.
CHUNK = 2_000
WHAT_MAX = 120


@dataclass
class Found:
    """What a run of `find_promises` did."""

    messages: int = 0  # messages of ours with a body, read
    proposed: int = 0  # new proposals
    known: int = 0  # promises proposed before (any state): left as they are

    def text(self) -> str:
        return (
            f"{self.messages} messages of ours read, {self.proposed} promises proposed, "
            f"{self.known} found before"
        )


def proposal_key(source: str, external_id: str | None, interaction_id: int, sentence: str) -> str:
    """Stable across re-imports: the message's source and external id (its row id only for a
    message without one) and the sentence, whitespace and case folded."""
    message = f"{source}\x1f{external_id}" if external_id else f"interaction\x1f{interaction_id}"
    folded = " ".join(sentence.split()).casefold()
    return hashlib.sha256(f"{message}\x1f{folded}".encode()).hexdigest()


def _zone(name: str) -> str | None:
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


BATCHES_PER_COMMIT = 5  # _Commits
AHEAD = 2  # batches handed to the language workers before the oldest one is written

# What a message is read from, but its body: (written_at, writer, recipients, time zone).
_Inputs = tuple[dt.datetime, int, tuple[int, ...], str | None]


@dataclass
class _Batch:
    """Messages of ours in one chunk, their recipients, and their promises being read."""

    ours: list[tuple[tuple[int, str, str | None, dt.datetime, int], Party]]
    recipients: dict[int, list[tuple[int, str]]]
    # Per message: its promises read while the import went on, or None (read in `pending`).
    early: list[tuple[PromiseRow, ...] | None]
    pending: Pending[tuple[PromiseRow, ...]]


class _EarlyBatch:
    def __init__(self, pending: Pending[tuple[PromiseRow, ...]]) -> None:
        self.pending = pending
        self._result: list[tuple[PromiseRow, ...]] | None = None
        self._done = False

    def result(self) -> list[tuple[PromiseRow, ...]] | None:
        if not self._done:
            self._result, self._done = self.pending.result(), True
        return self._result

    def nth(self, position: int) -> tuple[PromiseRow, ...] | None:
        found = self.result()
        return None if found is None else found[position]


class _AheadChunk:
    """Raw messages read by a worker during the import's first pass (`EarlyReading.ahead`)."""

    def __init__(self, future: Future[list[Ahead | None]]) -> None:
        self.future = future
        self._result: list[Ahead | None] | None = None
        self._done = False

    def rows(self, position: int, digest: bytes) -> tuple[PromiseRow, ...] | None:
        """The message's promises, if the body read ahead is the body stored."""
        if not self._done:
            try:
                self._result = self.future.result()
            except Exception:  # noqa: BLE001 - the pool failed: read the usual way
                self._result = None
            self._done = True
        found = self._result[position] if self._result is not None else None
        return found[1] if found is not None and found[0] == digest else None


@dataclass(frozen=True)
class _ReadAhead:
    chunk: _AheadChunk
    position: int
    written_at: dt.datetime
    time_zone: str | None


# Read ahead: a worker task's messages (at most so many, or so many bytes of raw mail), the
# tasks unfinished at most (so at most about 8 MB of raw mail waits in this process), and the
# largest message sent (a larger one, attachments and all, is read the usual way).
AHEAD_CHUNK = 250
AHEAD_CHUNK_BYTES = 1024 * 1024
AHEAD_IN_FLIGHT = 8
AHEAD_MAX_BYTES = 256 * 1024


class EarlyReading:
    """Promises read while an import is still going on, so that the workers do not wait for
    its end: after each batch is written, its new bodies of ours go to the worker pool.

    Before that, while the mail reader's first pass reads only the headers of the whole file
    (the import writes nothing yet), `ahead` hands the raw messages of our side's known
    writers to the otherwise idle workers, as many as they keep up with.

    `find_promises` then takes a message's early reading only when everything it was read
    from is unchanged — its body (a message written again later in the import is read again
    then; the last reading counts; a body read ahead must have the digest of the one
    stored), its time, writer, recipients and the writer's time zone — and reads any other
    message itself, so the proposals are those it would find alone."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._read: dict[int, tuple[_Inputs, Callable[[], tuple[PromiseRow, ...] | None]]] = {}
        self._ahead: dict[str, _ReadAhead] = {}
        self._ours: dict[str, str | None] | None = None  # address → the writer's time zone
        self._gathered: list[tuple[str, RawMail]] = []
        self._gathered_bytes = 0
        self._in_flight: deque[Future[list[Ahead | None]]] = deque()

    def ahead(self, envelope: Envelope, raw: bytes) -> None:
        """The mail reader's first pass met this message: if one of our side's people wrote
        it and the workers keep up, have it read now (`promise_rows_ahead`)."""
        if not self.reader.parallel or len(raw) > AHEAD_MAX_BYTES:
            return
        if self._ours is None:
            self._ours = {}  # if asking fails, nothing is read ahead and it is not asked again
            self._ours = _our_writers()
        address = normalize_email(envelope.sender.email)
        if address is None or address not in self._ours:
            return
        while self._in_flight and self._in_flight[0].done():
            self._in_flight.popleft()
        if len(self._in_flight) >= AHEAD_IN_FLIGHT:
            return  # the workers are busy: this one is read after its batch is written
        try:
            written_at = envelope.occurred_at()
        except BadDate:
            return
        self._gathered.append((envelope.external_id, (raw, written_at, self._ours[address])))
        self._gathered_bytes += len(raw)
        if len(self._gathered) >= AHEAD_CHUNK or self._gathered_bytes >= AHEAD_CHUNK_BYTES:
            self._send_ahead()

    def _send_ahead(self, *, last: bool = False) -> None:
        gathered, self._gathered, self._gathered_bytes = self._gathered, [], 0
        if not gathered or last and not self._ahead and len(gathered) < IN_PROCESS_BELOW:
            return  # a small import's few: read the usual way, without starting the pool
        future = self.reader.submit(promise_rows_ahead, [mail for _, mail in gathered])
        if future is None:
            return
        self._in_flight.append(future)
        chunk = _AheadChunk(future)
        for position, (external_id, (_, written_at, zone)) in enumerate(gathered):
            self._ahead.setdefault(external_id, _ReadAhead(chunk, position, written_at, zone))

    def written(self, ids: list[int]) -> None:
        """A batch of the import was written: read its messages of ours."""
        self._send_ahead(last=True)  # the first pass is over: what it gathered goes now
        small = len(ids) < IN_PROCESS_BELOW and not self._ahead  # (else some were read ahead)
        if not self.reader.parallel or small:
            for iid in ids:  # read at the end, with the rest
                self._read.pop(iid, None)
            return
        rows, recipients, zones = _stored(ids, with_body=True)
        for iid in ids:
            self._read.pop(iid, None)
        unread: list[tuple[int, Message]] = []
        for iid, _, external_id, occurred_at, writer_id, body in rows:
            message = _message(body, occurred_at, writer_id, recipients.get(iid, []), zones)
            ahead = self._ahead.pop(external_id, None)
            if (
                ahead is not None
                and ahead.written_at == occurred_at
                and ahead.time_zone == message.time_zone
            ):
                self._read[iid] = (
                    _inputs(message),
                    functools.partial(ahead.chunk.rows, ahead.position, body_digest(body)),
                )
            else:
                unread.append((iid, message))
        if len(unread) < IN_PROCESS_BELOW:
            return
        batch = _EarlyBatch(self.reader.start([m for _, m in unread], promise_rows, fallback=False))
        for position, (iid, message) in enumerate(unread):
            self._read[iid] = (_inputs(message), functools.partial(batch.nth, position))

    def take(self, iid: int, inputs: _Inputs) -> tuple[PromiseRow, ...] | None:
        """The message's promises read early, if read from these same inputs."""
        found = self._read.pop(iid, None)
        if found is None or found[0] != inputs:
            return None
        return found[1]()


def _our_writers() -> dict[str, str | None]:
    """The addresses of our side's people, each with its person's time zone (as read)."""
    people = PersonIdentity.objects.filter(
        kind="email", person__unit__organization__kind="ours"
    ).values_list("normalized", "person__time_zone")
    return {address: _zone(zone or "") for address, zone in people}


def _message(
    body: str,
    written_at: dt.datetime,
    writer_id: int,
    recipients: list[tuple[int, str]],
    zones: dict[int, str],
) -> Message:
    return Message(
        body=body,
        written_at=written_at,
        writer=writer_id,
        recipients=tuple(pid for pid, _ in recipients),
        time_zone=_zone(zones.get(writer_id, "")),
    )


def _inputs(message: Message) -> _Inputs:
    return (message.written_at, message.writer, message.recipients, message.time_zone)


def find_promises(interaction_ids: Iterable[int], early: EarlyReading | None = None) -> Found:
    """Propose the promises in these messages (those written by our side's people, with a
    body kept, from a mail import). Idempotent: a promise proposed before is left as it is.

    The language workers read a few batches ahead: while one batch's proposals are written,
    the next ones are being read. `early`: readings made while the import went on (the
    import's own reader), used where the message is unchanged."""
    found = Found()
    finder: SideFinder | None = None
    ids = sorted(set(interaction_ids))
    waiting: deque[_Batch] = deque()
    with (
        _indexes_for(len(ids)) as book,
        contextlib.nullcontext(early.reader) if early else Reader() as reader,
        _Commits() as commits,
    ):
        for start in range(0, len(ids), CHUNK):
            finder = finder or SideFinder()
            batch = _gather(ids[start : start + CHUNK], finder, found, reader, early)
            if batch is not None:
                waiting.append(batch)
            if len(waiting) > AHEAD:
                _write(waiting.popleft(), finder, found, book)
                commits.written()
        while waiting:
            assert finder is not None
            _write(waiting.popleft(), finder, found, book)
            commits.written()
    return found


# Messages from which a find drops the proposals' indexes while it writes and builds them once
# after, when the find is also at least as large as the proposals already stored. 200 MB of
# mail, 233,376 proposals: the inserts 3.5 s → 0.7 s; the rebuilds 0.6 s.
REBUILD_FROM_MESSAGES = 20_000
KEY_INDEX = "proposal_key_unique"


class _KeyBook:
    """The stored proposals' keys, read once, for a find that writes without the key index:
    which keys are known, and which of them lost their message (`interaction` null)."""

    def __init__(self) -> None:
        table = ProposedPromise._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT "key" FROM {table}')
            self.keys = {key for (key,) in cursor.fetchall()}
            # The interaction's index is kept: this reads only the few orphans.
            cursor.execute(f'SELECT "key", id FROM {table} WHERE interaction_id IS NULL')
            self.orphans: dict[str, int] = dict(cursor.fetchall())


@contextlib.contextmanager
def _indexes_for(messages: int) -> Iterator[_KeyBook | None]:
    """SQLite, a large find outside a caller's transaction: the proposals' key index and
    their declared indexes (`Meta.indexes`) dropped for the writes and built once after; the
    known keys are then looked up in a `_KeyBook`. An index missing because a find was stopped
    before its rebuild is made again first, from the model."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield None
        return
    restore_missing_indexes(connection, (ProposedPromise,))
    build_key_index()
    if messages < REBUILD_FROM_MESSAGES or messages < _proposals_stored():
        yield None
        return
    declared = {index.name for index in ProposedPromise._meta.indexes}
    present = {name for name, _ in writer_for(connection).secondary_indexes(ProposedPromise)}
    with writer_for(connection).without_secondary_indexes(
        (ProposedPromise,), keep=present - declared
    ):
        book = _KeyBook()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP INDEX "{KEY_INDEX}"')
        try:
            yield book
        finally:
            build_key_index()


def build_key_index() -> None:
    """The proposals' unique key index, if it is missing (SQLite). While it was missing, two
    finds at once (two imports of the same mail) may have proposed the same promise twice:
    the copy kept is the decided one if any, else the first."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [KEY_INDEX]
        )
        if cursor.fetchone():
            return
    (constraint,) = [c for c in ProposedPromise._meta.constraints if c.name == KEY_INDEX]
    create = str(constraint.create_sql(ProposedPromise, connection.SchemaEditorClass(connection)))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(create)
    except IntegrityError:
        table = ProposedPromise._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE id NOT IN (SELECT COALESCE("
                f'MIN(CASE WHEN state <> %s THEN id END), MIN(id)) FROM {table} GROUP BY "key")',
                [ProposalState.PROPOSED],
            )
            cursor.execute(create)


def _proposals_stored() -> int:
    """About how many proposals are stored (the highest id: no count of a large table)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {ProposedPromise._meta.db_table}")
        (top,) = cursor.fetchone()
    return int(top)


class _Commits:
    """Several batches' proposals per commit (each batch stays its own savepoint). A proposal's
    key is a hash: each batch adds keys all over the key index, and every commit wrote most of
    that index's pages to the log again (200 MB of mail: 39 commits, 2.3 s)."""

    def __init__(self) -> None:
        self._open: Any = None
        self._batches = 0

    def __enter__(self) -> _Commits:
        self._begin()
        return self

    def _begin(self) -> None:
        self._open = transaction.atomic()
        self._open.__enter__()

    def written(self) -> None:
        self._batches += 1
        if self._batches % BATCHES_PER_COMMIT == 0:
            # Closed before it commits: a commit that fails is not closed a second time.
            done, self._open = self._open, None
            done.__exit__(None, None, None)
            self._begin()

    def __exit__(self, *raised: Any) -> None:
        if self._open is not None:
            self._open.__exit__(*raised)


def _stored(
    ids: list[int], *, with_body: bool
) -> tuple[list[tuple[Any, ...]], dict[int, list[tuple[int, str]]], dict[int, str]]:
    """Messages of ours among `ids` with a body (id, source, external id, time, writer and,
    `with_body`, the body), their recipients [(person, role)] and their writers' time zones.

    Plain SQL with the list as one parameter (`rows_where_in`): the ORM's `__in` prepares every
    value of a long list in Python, and its date-time converter costs more than the query
    (200 MB of mail, 77,792 messages read twice: 1.2 s → 0.3 s)."""
    query = _MESSAGES.format(body=", i.notes" if with_body else "")
    messages = [
        (iid, source, external_id, _aware(occurred_at), writer, *body)
        for iid, source, external_id, occurred_at, writer, *body in rows_where_in(
            query, [*MAIL_SOURCES, OrganizationKind.OURS], ids
        )
    ]
    if not messages:
        return [], {}, {}
    messages.sort(key=lambda r: (-r[3].timestamp(), r[0]))  # the model's order, newest first
    recipients: dict[int, list[tuple[int, str]]] = {}
    for _, iid, pid, role in sorted(
        rows_where_in(_PARTICIPANTS, [], [r[0] for r in messages])  # in row order (pk)
    ):
        recipients.setdefault(iid, []).append((pid, role))
    zones = dict(rows_where_in(_ZONES, [], sorted({r[4] for r in messages})))
    return messages, recipients, zones


def _aware(stored: dt.datetime | str) -> dt.datetime:
    """A stored date-time as the ORM gives it: SQLite's (naive, or text) is UTC."""
    if isinstance(stored, str):
        stored = dt.datetime.fromisoformat(stored)
    return stored if stored.tzinfo is not None else stored.replace(tzinfo=dt.UTC)


_MESSAGES = (
    "SELECT i.id, i.source, i.external_id, i.occurred_at, i.initiator_id{body}"
    f" FROM {m.Interaction._meta.db_table} i"
    f" JOIN {Person._meta.db_table} p ON p.id = i.initiator_id"
    f" JOIN {Unit._meta.db_table} u ON u.id = p.unit_id"
    f" JOIN {Organization._meta.db_table} o ON o.id = u.organization_id"
    f" WHERE i.source IN ({', '.join(['%s'] * len(MAIL_SOURCES))}) AND o.kind = %s"
    " AND i.notes <> '' AND i.id"
)
_PARTICIPANTS = (
    f"SELECT id, interaction_id, person_id, role FROM {m.InteractionParticipant._meta.db_table}"
    " WHERE interaction_id"
)
_ZONES = f"SELECT id, time_zone FROM {Person._meta.db_table} WHERE id"
_KEYS = f'SELECT "key" FROM {ProposedPromise._meta.db_table} WHERE "key"'


def _gather(
    ids: list[int],
    finder: SideFinder,
    found: Found,
    reader: Reader,
    early: EarlyReading | None = None,
) -> _Batch | None:
    messages, recipients, zones = _stored(ids, with_body=early is None)
    if not messages:
        return None
    finder.learn(
        {r[4] for r in messages} | {pid for people in recipients.values() for pid, _ in people}
    )
    ours = [(r[:5], w) for r in messages if (w := finder.party(r[4])) is not None and w.ours]
    found.messages += len(ours)
    read_early: list[tuple[PromiseRow, ...] | None] = []
    unread: list[tuple[int, Message]] = []
    for (iid, _, _, occurred_at, writer_id), _ in ours:
        # Without a body: filled in below, for the messages not read early.
        message = _message("", occurred_at, writer_id, recipients.get(iid, []), zones)
        promises = early.take(iid, _inputs(message)) if early else None
        read_early.append(promises)
        if promises is None:
            unread.append((iid, message))
    if early is None:
        bodies = {r[0]: r[5] for r in messages}
    else:
        bodies = dict(
            m.Interaction.objects.filter(pk__in=[iid for iid, _ in unread]).values_list(
                "id", "notes"
            )
        )
    pending = reader.start(
        [dataclasses.replace(message, body=bodies.get(iid, "")) for iid, message in unread],
        promise_rows,
    )
    return _Batch(ours, recipients, read_early, pending)


def _write(batch: _Batch, finder: SideFinder, found: Found, book: _KeyBook | None) -> None:
    """The batch's new proposals, as rows of _COLUMNS, in one transaction. `book`: the keys
    stored, when the key index is down (`_indexes_for`)."""
    adapt = datetime_adapter()
    cues_value = _json_value()
    proposed = str(ProposalState.PROPOSED)
    new: dict[str, tuple[Any, ...]] = {}
    late = iter(batch.pending.result() or ())
    for ((iid, source, ext, occurred_at, writer_id), writer), early in zip(
        batch.ours, batch.early, strict=True
    ):
        promises = next(late) if early is None else early
        if not promises:
            continue
        chosen = finder.promisee(writer, batch.recipients.get(iid, []))
        if chosen is None:
            continue
        promisee_id, relationship_id = chosen
        written_at = adapt(occurred_at)
        for index, sentence, strength, explanation, cues, due_on, due_words, rule in promises:
            if strength not in _PROMISE_STRENGTHS:  # the table's CHECK, skipped below
                raise ValueError(f"not the strength of a promise: {strength!r}")
            key = proposal_key(source, ext, iid, sentence)
            if key in new:
                continue
            new[key] = (
                key,
                iid,
                written_at,
                sentence,
                index,
                strength,
                strength,
                explanation,
                cues_value(cues),
                due_on,
                due_words,
                rule,
                due_on,
                writer_id,
                promisee_id,
                relationship_id,
                proposed,
                None,  # created_at: set when written
            )
    with transaction.atomic():
        # A message a later import removed and brought back: its decisions find it again.
        if book is None:
            known = {key for (key,) in rows_where_in(_KEYS, [], list(new))}
            for key in known:
                ProposedPromise.objects.filter(key=key, interaction__isnull=True).update(
                    interaction_id=new[key][1]
                )
        else:
            known = book.keys.intersection(new)
            for key in known.intersection(book.orphans):
                ProposedPromise.objects.filter(pk=book.orphans.pop(key)).update(
                    interaction_id=new[key][1]
                )
            book.keys.update(new)
        now = adapt(timezone.now())
        rows = [(*row[:-1], now) for key, row in new.items() if key not in known]
        if rows:
            # The CHECKs hold by construction (a state of "proposed", strengths checked
            # above, a promisee who is not the writer, cues that json.dumps wrote): SQLite
            # need not test them on each row (233,376 proposals: 0.3 s).
            with writer_for(connection).unchecked():
                insert_rows(ProposedPromise, _COLUMNS, rows)
    found.known += len(known)
    found.proposed += len(new) - len(known)


def _json_value() -> Callable[[str], Any]:
    """The cues' JSON text (`promise_rows`) as the database takes the cues field's value: the
    text itself where the backend writes `json.dumps` of the value (SQLite), else the value
    adapted as the field would (PostgreSQL's Jsonb)."""
    if type(connection.ops).adapt_json_value is BaseDatabaseOperations.adapt_json_value:
        return lambda text: text
    field = ProposedPromise._meta.get_field("cues")
    return lambda text: field.get_db_prep_save(json.loads(text), connection)


_PROMISE_STRENGTHS = frozenset(m.Strength.values)
# The columns a new proposal is written with; the rest keep their defaults (proposed, undecided).
_COLUMNS = (
    "key", "interaction_id", "written_at", "sentence", "sentence_index", "strength_found",
    "strength", "explanation", "cues", "due_found", "due_words", "due_rule", "due_on",
    "promisor_id", "promisee_id", "relationship_id", "state", "created_at",
)  # fmt: skip


def stored_mail(since: dt.date | None = None) -> Iterator[int]:
    """The ids of stored messages with a body, written by our side's people."""
    qs = m.Interaction.objects.filter(
        source__in=MAIL_SOURCES, initiator__unit__organization__kind="ours"
    ).exclude(notes="")
    if since is not None:
        qs = qs.filter(occurred_at__gte=dt.datetime.combine(since, dt.time(0), tzinfo=dt.UTC))
    yield from qs.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=CHUNK)


# -- decisions ---------------------------------------------------------------------------


def recipients_of(proposal: ProposedPromise) -> list[Person]:
    """Whom the reviewer may name as the promisee: the message's recipients."""
    if proposal.interaction_id is None:
        return [proposal.promisee]
    people = Person.objects.filter(participations__interaction_id=proposal.interaction_id).exclude(
        pk=proposal.promisor_id
    )
    return list(people.order_by("participations__pk"))


def _locked(actor: User, proposal: ProposedPromise) -> ProposedPromise:
    """The proposal read again under a lock, after checking the actor decides on it."""
    scope = scope_for(actor)
    fresh = (
        ProposedPromise.objects.select_for_update()
        .select_related("promisor", "promisee")
        .get(pk=proposal.pk)
    )
    if not access.may_see(scope, fresh):
        raise PermissionDenied("Not found, or not yours to see.")
    if not access.may_decide(scope, fresh):
        raise PermissionDenied("A viewer reads and changes nothing.")
    if fresh.state != ProposalState.PROPOSED:
        raise ValidationError(
            {"state": f"This promise was {fresh.get_state_display().lower()} already."}
        )
    return fresh


def _strength(value: str | None, current: str) -> str:
    if value is None or value == "":
        return current
    if value not in m.Strength.values:
        raise ValidationError(
            {"strength": f"{value!r} is not one of {', '.join(m.Strength.values)}."}
        )
    return value


def _due_on(value: dt.date | None, proposal: ProposedPromise) -> dt.date | None:
    if value is None:
        return proposal.due_on
    problem = plausible.date_problem(plausible.DUE, value)
    if problem:
        raise ValidationError({"due_on": f"{value.isoformat()} {problem}."})
    written = timezone.localtime(proposal.written_at, _tz(proposal.promisor)).date()
    if value < written:
        raise ValidationError(
            {"due_on": f"{value.isoformat()} is before the message was written ({written})."}
        )
    return value


def _promisee(value: int | None, proposal: ProposedPromise) -> Person:
    if value is None or value == proposal.promisee_id:
        return proposal.promisee
    for person in recipients_of(proposal):
        if person.pk == value:
            return person
    raise ValidationError(
        {"promisee": f"Person {value} did not receive this message: choose one of its recipients."}
    )


def _tz(person: Person) -> ZoneInfo:
    return ZoneInfo(_zone(person.time_zone) or settings.TIME_ZONE)


def _apply(
    proposal: ProposedPromise,
    strength: str | None,
    due_on: dt.date | None,
    promisee_id: int | None,
) -> list[str]:
    """Check every correction first, then set them: a bad one changes nothing."""
    new_strength = _strength(strength, proposal.strength)
    new_due = _due_on(due_on, proposal)
    new_promisee = _promisee(promisee_id, proposal)
    changed = []
    if new_strength != proposal.strength:
        proposal.strength = new_strength
        changed.append("strength")
    if new_due != proposal.due_on:
        proposal.due_on = new_due
        changed.append("due_on")
    if new_promisee.pk != proposal.promisee_id:
        proposal.promisee = new_promisee
        finder = SideFinder()
        finder.learn([proposal.promisor_id, new_promisee.pk])
        writer, other = finder.party(proposal.promisor_id), finder.party(new_promisee.pk)
        proposal.relationship_id = finder.relationship(writer, other) if writer and other else None
        changed += ["promisee", "relationship"]
    return changed


@transaction.atomic
def correct_proposal(
    actor: User,
    proposal: ProposedPromise,
    *,
    strength: str | None = None,
    due_on: dt.date | None = None,
    promisee_id: int | None = None,
) -> ProposedPromise:
    """Set the strength, the due date or the promisee (among the recipients) before deciding."""
    fresh = _locked(actor, proposal)
    changed = _apply(fresh, strength, due_on, promisee_id)
    if changed:
        fresh.save(update_fields=changed)
    return fresh


def short_form(sentence: str) -> str:
    """The commitment's `what`: the sentence, cut at a word near WHAT_MAX characters."""
    text = " ".join(sentence.split()).rstrip(".!")
    if len(text) <= WHAT_MAX:
        return text
    cut = text[:WHAT_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


@transaction.atomic
def confirm_proposal(
    actor: User,
    proposal: ProposedPromise,
    *,
    strength: str | None = None,
    due_on: dt.date | None = None,
    promisee_id: int | None = None,
) -> m.Commitment:
    """The proposal becomes a commitment in the ledger, with any corrections given."""
    fresh = _locked(actor, proposal)
    _apply(fresh, strength, due_on, promisee_id)
    if fresh.due_on is None:
        raise ValidationError(
            {"due_on": "No due date was found in the sentence: give one (a commitment needs one)."}
        )
    due_at = dt.datetime.combine(fresh.due_on, dt.time(23, 59, 59), tzinfo=_tz(fresh.promisor))
    commitment = ledger.make_commitment(
        actor,
        promisor=fresh.promisor,
        promisee=fresh.promisee,
        what=short_form(fresh.sentence),
        statement=fresh.sentence,
        strength=fresh.strength,
        due_at=due_at,
        made_at=fresh.written_at,
        relationship=fresh.relationship,
        source=COMMITMENT_SOURCE,
        external_id=f"promise:{fresh.key}",
        own_word=True,
    )
    fresh.state, fresh.commitment = ProposalState.CONFIRMED, commitment
    fresh.decided_by, fresh.decided_at = actor, timezone.now()
    fresh.save()
    return commitment


@transaction.atomic
def dismiss_proposal(actor: User, proposal: ProposedPromise) -> ProposedPromise:
    """Not a promise (or not one to keep in the ledger): it stays dismissed on re-import."""
    fresh = _locked(actor, proposal)
    fresh.state = ProposalState.DISMISSED
    fresh.decided_by, fresh.decided_at = actor, timezone.now()
    fresh.save(update_fields=["state", "decided_by", "decided_at"])
    return fresh
