"""CSV interactions read column by column with polars: the fast path of `csv_files`.

Same file, same answers as `parse_csv(kind="interactions")`, in frames instead of records.
Every value is worked out by the row parser's own functions (applied once per distinct cell
value, not once per row) or, for the common ISO 8601 times, by an equivalent vectorised
parse; a row any of whose cells is not plainly valid is handed to `build_record` itself, so
a bad row is rejected with exactly the record path's line and reason. No Django.

`interaction_frames(path, ...)` returns None when a file is not for this path (not
interactions, a field read from two columns, a NUL byte, bare carriage returns, rows longer
than the header...); the caller then uses `parse_csv`.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

from trustledger.importers.csv_cells import GUARD, UNGUARD_PATTERN
from trustledger.importers.csv_files import (
    _column_fields,
    _guess_kind,
    detect_encoding,
    load_mapping,
    parse_csv,
)
from trustledger.importers.csv_rows import _FALSE, _TRUE, RowError, build_record
from trustledger.importers.dates import HAPPENED, DateRule, rule_or_today
from trustledger.importers.identity import (
    CACHE_SIZE,
    clean_name,
    normalize_email,
    parse_identity,
)
from trustledger.importers.records import (
    CHANNELS,
    InteractionRecord,
    ParseResult,
    RejectedRecord,
)
from trustledger.importers.sources import content_hash, to_utc

KIND = "interactions"
CHUNK_ROWS = 100_000
# Python's str.strip() removes these; polars' strip_chars() without arguments does not
# remove the four information separators (\x1c-\x1f), so the set is given explicitly. Written
# out: working it out over every code point took 0.6 s at each start of the command
# (tests/importers/test_csv_columns.py checks it is str.isspace()'s set).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_PLAIN_TIME = r"^[12]\d{3}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"
# A carriage return followed by anything but a line feed (one ending the block is carried).
_BARE_CR = re.compile(rb"\r(?=[^\n])")
# Columns of the frames handed to the loader, one row per interaction.
SCHEMA = {
    "line": pl.Int64,
    "external_id": pl.String,
    "occurred_at": pl.Datetime("us", "UTC"),
    "channel": pl.String,
    "initiator_email": pl.String,
    "initiator_name": pl.String,
    "participants": pl.List(pl.String),
    "duration_minutes": pl.Float64,
    "subject": pl.String,
    "body": pl.String,
    "answered": pl.Boolean,
}


def interaction_frames(
    path: os.PathLike[str] | str,
    *,
    kind: str = "auto",
    mapping: dict[str, str] | None = None,
    mapping_file: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    default_timezone: str = "UTC",
    chunk_rows: int = CHUNK_ROWS,
    dates: DateRule | None = None,
    **_options: Any,
) -> Iterator[tuple[pl.DataFrame, list[RejectedRecord]]] | None:
    """(good rows, rejected rows) per chunk of the file, or None if the file is not for
    this path. Raises UnreadableFile as `parse_csv` does (it runs its checks)."""
    options = dict(
        kind=kind,
        mapping=mapping,
        mapping_file=mapping_file,
        encoding=encoding,
        delimiter=delimiter,
        default_timezone=default_timezone,
        dates=rule_or_today(dates),
    )
    parse_csv(path, **options)  # the same checks, the same UnreadableFile
    source = Path(path)
    encoding = encoding or detect_encoding(source)
    columns_map = dict(load_mapping(mapping_file) if mapping_file else {})
    columns_map.update(mapping or {})
    with open(source, encoding=encoding, newline="") as stream:
        sample = stream.read(64 * 1024)
    from trustledger.importers.csv_files import _sniff_delimiter

    separator = delimiter or _sniff_delimiter(sample)
    first_line = sample.splitlines()[0]
    import csv

    headers = next(csv.reader([first_line], delimiter=separator))
    chosen = _guess_kind(headers, columns_map) if kind == "auto" else kind
    fields = _column_fields(headers, chosen, columns_map)
    named = [f for f in fields if f]
    if chosen != KIND or len(named) != len(set(named)) or '"' in first_line:
        return None
    if len(separator) != 1 or not _plain_bytes(source, encoding):
        return None
    return _frames(
        source, encoding, separator, fields, default_timezone, chunk_rows, options["dates"]
    )


def _plain_bytes(source: Path, encoding: str, block_bytes: int = 1 << 24) -> bool:
    """No NUL byte and no bare carriage return (csv and polars cut lines differently).

    CRLF line ends are fine. A carriage return that ends a block is judged with the next
    block's first byte (it is carried over), or as bare if it ends the file.
    """
    if encoding not in ("utf-8", "utf-8-sig"):
        return True  # checked on the UTF-8 copy
    tail = b""
    with open(source, "rb") as stream:
        while chunk := stream.read(block_bytes):
            block = tail + chunk
            if b"\0" in block or _BARE_CR.search(block):
                return False
            tail = block[-1:] if block.endswith(b"\r") else b""
    return tail != b"\r"


def _utf8_copy(source: Path, encoding: str, folder: str) -> Path:
    target = Path(folder) / "utf8.csv"
    with (
        open(source, encoding=encoding, newline="") as reader,
        open(target, "w", encoding="utf-8", newline="") as writer,
    ):
        shutil.copyfileobj(reader, writer, 1 << 20)
    return target


def _frames(
    source: Path,
    encoding: str,
    separator: str,
    fields: list[str | None],
    default_timezone: str,
    chunk_rows: int,
    dates: DateRule,
) -> Iterator[tuple[pl.DataFrame, list[RejectedRecord]]] | None:
    folder = tempfile.mkdtemp(prefix="tl-csv-")
    try:
        readable = source
        if encoding not in ("utf-8", "utf-8-sig"):
            readable = _utf8_copy(source, encoding, folder)
            if not _plain_bytes(readable, "utf-8"):
                shutil.rmtree(folder, ignore_errors=True)
                return None
        names = [f"c{i}" for i in range(len(fields))]
        lazy = pl.scan_csv(
            readable,
            separator=separator,
            infer_schema=False,
            new_columns=names,
            encoding="utf8",
        )
        lazy.select(pl.all().is_null().sum()).collect()  # rows longer than the header raise
    except (pl.exceptions.PolarsError, OSError, UnicodeError):
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return _chunks(lazy, folder, source, names, fields, default_timezone, chunk_rows, dates)


def _chunks(
    lazy: pl.LazyFrame,
    folder: str,
    source: Path,
    names: list[str],
    fields: list[str | None],
    default_timezone: str,
    chunk_rows: int,
    dates: DateRule,
) -> Iterator[tuple[pl.DataFrame, list[RejectedRecord]]]:
    reader = _ChunkReader(str(source), names, fields, default_timezone, dates)
    try:
        for chunk in lazy.collect_batches(chunk_size=chunk_rows):
            yield reader.read(chunk)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _mapped(series: pl.Series, function: Callable[[str], Any], dtype: Any) -> pl.Series:
    """`function` of each value, computed once per distinct value (null stays null)."""
    distinct = series.drop_nulls().unique()
    if distinct.is_empty():
        return pl.Series(series.name, [None] * len(series), dtype=dtype)
    results = [function(v) for v in distinct.to_list()]
    if dtype == pl.List(pl.String):
        # Lists of text built from Python lists cost a conversion per element: join them
        # with a separator no address holds, and let polars split them again.
        joined = pl.Series([None if r is None else _UNIT.join(r) for r in results], dtype=pl.String)
        values = pl.select(
            pl.when(joined == "").then(pl.lit([], dtype=dtype)).otherwise(joined.str.split(_UNIT))
        ).to_series()
    else:
        values = pl.Series(results, dtype=dtype)
    table = pl.DataFrame({"key": distinct, "value": values})
    joined = series.alias("key").to_frame().join(table, on="key", how="left", maintain_order="left")
    return joined.get_column("value").alias(series.name)


_INVALID = object()
_UNIT = "\x1f"  # the unit separator


@functools.lru_cache(maxsize=CACHE_SIZE)
def _emails(cell: str) -> tuple[str, ...] | None:
    """_Row.emails for one cell; None when a part is not an address (the row is slow).
    Cached: the same cells come back in every chunk and in both address columns."""
    found = []
    for part in cell.replace(",", ";").split(";"):
        if not part.strip():
            continue
        email = normalize_email(part) or parse_identity(part).email
        if email is None:
            return None
        found.append(email)
    return tuple(dict.fromkeys(found))


def _channel(text: str) -> str | None:
    value = text.strip().lower().replace(" ", "_").replace("-", "_")
    return value if value in CHANNELS else None


def _number(text: str) -> float | None:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return number if number >= 0 else None


def _flag(text: str) -> bool | None:
    lowered = text.lower()
    return lowered in _TRUE if lowered in _TRUE | _FALSE else None


class _ChunkReader:
    def __init__(
        self,
        file: str,
        names: list[str],
        fields: list[str | None],
        default_timezone: str,
        dates: DateRule,
    ) -> None:
        self.file = file
        self.dates = dates
        self.names = names
        self.column = {f: n for f, n in zip(fields, names, strict=True) if f}
        self.zone = ZoneInfo(default_timezone)
        self.utc = default_timezone == "UTC"
        self.newlines = 0  # lines of earlier chunks (rows and breaks inside quoted cells)

    def text(self, frame: pl.DataFrame, field: str) -> pl.Series:
        name = self.column.get(field)
        if name is None:
            return pl.Series(field, [None] * frame.height, dtype=pl.String)
        return frame.get_column(name).alias(field)

    def read(self, raw: pl.DataFrame) -> tuple[pl.DataFrame, list[RejectedRecord]]:
        # The record path's line numbers: the header is line 1, and a quoted cell that
        # holds line breaks makes its row span more lines.
        raw = raw.with_columns(pl.col(n).str.strip_chars(WHITESPACE) for n in self.names)
        # An export's guard before a formula start comes off (csv_cells.unguarded), in the
        # columns that have a cell starting with one: the test costs a twentieth of the regex.
        guarded = self._columns_where(raw, lambda c: c.str.starts_with(GUARD))
        raw = raw.with_columns(pl.col(n).str.replace(UNGUARD_PATTERN, "$1") for n in guarded)
        broken = self._columns_where(raw, lambda c: c.str.contains(r"[\r\n]"))
        breaks = (
            pl.sum_horizontal(
                pl.col(n).str.count_matches(r"\r\n|\r|\n").fill_null(0) for n in broken
            )
            if broken
            else pl.lit(0, pl.UInt32)
        )
        raw = raw.with_columns(
            breaks.alias("_breaks"),
            pl.any_horizontal(
                (pl.col(n).is_not_null() & (pl.col(n) != "")) for n in self.names
            ).alias("_filled"),
        )
        raw = raw.with_columns(
            (
                pl.int_range(pl.len(), dtype=pl.Int64)
                + (pl.col("_breaks").cum_sum() - pl.col("_breaks"))
                + self.newlines
            ).alias("_offset")
        )
        self.newlines += int(raw.get_column("_breaks").sum()) + raw.height
        raw = raw.with_columns(pl.col(n).replace("", None) for n in self.names)
        raw = raw.filter(pl.col("_filled"))
        return self._values(raw)

    def _columns_where(self, raw: pl.DataFrame, test: Callable[[pl.Expr], pl.Expr]) -> list[str]:
        """The text columns with at least one cell that passes `test`."""
        if not raw.height:
            return []
        hits = raw.select(test(pl.col(n)).any().alias(n) for n in self.names).row(0)
        return [n for n, hit in zip(self.names, hits, strict=True) if hit]

    def _values(self, raw: pl.DataFrame) -> tuple[pl.DataFrame, list[RejectedRecord]]:
        n = raw.height
        text = {f: self.text(raw, f) for f in (*self.column, "external_id")}
        occurred = self._moments(text.get("occurred_at", pl.Series([None] * n, dtype=pl.String)))
        channel_text = text.get("channel", pl.Series([None] * n, dtype=pl.String))
        channel = _mapped(channel_text.fill_null("other"), _channel, pl.String)
        initiator = (
            _mapped(text["initiator_email"], _emails, pl.List(pl.String))
            if ("initiator_email" in self.column)
            else pl.Series([None] * n, dtype=pl.List(pl.String))
        )
        names = (
            _mapped(text["initiator_name"], clean_name, pl.String)
            if "initiator_name" in self.column
            else pl.Series([None] * n, dtype=pl.String)
        )
        participants = (
            _mapped(text["participant_emails"], _emails, pl.List(pl.String))
            if "participant_emails" in self.column
            else pl.Series([[]] * n, dtype=pl.List(pl.String))
        )
        duration = (
            _mapped(text["duration_minutes"], _number, pl.Float64)
            if "duration_minutes" in self.column
            else pl.Series([None] * n, dtype=pl.Float64)
        )
        answered = (
            _mapped(text["answered"], _flag, pl.Boolean)
            if "answered" in self.column
            else pl.Series([None] * n, dtype=pl.Boolean)
        )
        missing = pl.Series([None] * n, dtype=pl.String)
        frame = pl.DataFrame(
            {
                "_offset": raw.get_column("_offset"),
                "external_id": text.get("external_id", missing),
                "occurred_at": occurred,
                "channel": channel,
                "_initiator": initiator,
                "initiator_name": names,
                "participants": participants,
                "duration_minutes": duration,
                "subject": text.get("subject", missing),
                "body": text.get("notes", missing),
                "answered": answered,
            }
        )

        def given(field: str) -> pl.Expr:
            return pl.lit(field in self.column) & self.text(raw, field).is_not_null()

        good = (
            pl.col("occurred_at").is_not_null()
            & pl.col("channel").is_not_null()
            & (pl.col("_initiator").is_not_null() | ~given("initiator_email"))
            & (pl.col("participants").is_not_null() | ~given("participant_emails"))
            & (pl.col("duration_minutes").is_not_null() | ~given("duration_minutes"))
            & (pl.col("answered").is_not_null() | ~given("answered"))
            & (
                (pl.col("_initiator").list.len().fill_null(0) > 0)
                | pl.col("initiator_name").is_not_null()
            )
        )
        frame = frame.with_columns(good.alias("_good"))
        slow = frame.filter(~pl.col("_good")).get_column("_offset").to_list()
        frame = frame.filter(pl.col("_good")).with_columns(
            (pl.col("_offset") + 2).alias("line"),
            pl.col("_initiator").list.first().alias("initiator_email"),
            pl.col("participants").fill_null([]),
        )
        frame = self._hashed_ids(frame, raw)
        rejected, recovered = self._by_record_path(raw, slow)
        frame = frame.select(list(SCHEMA))
        if recovered:
            frame = pl.concat([frame, pl.DataFrame(recovered, schema=SCHEMA, orient="row")])
            frame = frame.sort("line")
        return frame, rejected

    def _moments(self, values: pl.Series) -> pl.Series:
        """occurred_at as UTC: plain ISO 8601 with an offset vectorised, the rest by the row
        parser's own rule (once per distinct value)."""
        plain = values.str.contains(_PLAIN_TIME).fill_null(False)
        fast = (
            # Only the plain values are kept: their one T is the separator, their Z the end.
            values.str.replace("T", " ", literal=True)
            .str.replace("Z", "+00:00", literal=True)
            .str.to_datetime("%Y-%m-%d %H:%M:%S%:z", strict=False, time_unit="us")
            .dt.convert_time_zone("UTC")
        )
        zone = self.zone

        def moment(value: str) -> datetime | None:
            try:
                return to_utc(datetime.fromisoformat(value.replace("Z", "+00:00")), zone)
            except ValueError:
                return None

        others = _mapped(values.filter(~plain), moment, pl.Datetime("us", "UTC"))
        result = pl.select(
            pl.when(plain).then(fast).otherwise(pl.lit(None, pl.Datetime("us", "UTC")))
        ).to_series()
        if len(others):
            result = result.scatter((~plain).arg_true(), others)
        # An implausible moment goes to the row parser, which says why (domain/dates.py).
        first, last = self.dates.bounds(HAPPENED)
        plausible = result.dt.date().is_between(first, last).fill_null(False)
        result = pl.select(pl.when(plausible).then(result).otherwise(None)).to_series()
        return result.alias("occurred_at")

    def _values_dict(self, raw_row: dict[str, Any]) -> dict[str, list[str]]:
        return {f: [raw_row[c]] for f, c in self.column.items() if raw_row[c] is not None}

    def _hashed_ids(self, frame: pl.DataFrame, raw: pl.DataFrame) -> pl.DataFrame:
        """The record path's content hash for rows without an external id."""
        unnamed = frame.filter(pl.col("external_id").is_null()).get_column("_offset")
        if unnamed.is_empty():
            return frame
        rows = raw.filter(pl.col("_offset").is_in(unnamed.implode())).select("_offset", *self.names)
        ids = {}
        for row in rows.iter_rows(named=True):
            values = self._values_dict(row)
            content = sorted((k, tuple(v)) for k, v in values.items())
            ids[row["_offset"]] = content_hash(KIND, *content)
        return frame.with_columns(
            pl.col("external_id").fill_null(
                pl.col("_offset").replace_strict(ids, default=None, return_dtype=pl.String)
            )
        )

    def _by_record_path(
        self, raw: pl.DataFrame, offsets: list[int]
    ) -> tuple[list[RejectedRecord], list[tuple[Any, ...]]]:
        rejected: list[RejectedRecord] = []
        recovered: list[tuple[Any, ...]] = []
        if not offsets:
            return rejected, recovered
        rows = raw.filter(pl.col("_offset").is_in(offsets)).select("_offset", *self.names)
        for row in rows.iter_rows(named=True):
            line = row["_offset"] + 2
            try:
                record = build_record(KIND, self._values_dict(row), self.zone.key, self.dates)
            except RowError as error:
                rejected.append(RejectedRecord(self.file, f"line {line}", str(error), error.fields))
                continue
            assert isinstance(record, InteractionRecord)
            recovered.append(
                (
                    line,
                    record.external_id,
                    record.occurred_at.astimezone(UTC),
                    record.channel,
                    record.initiator.email,
                    record.initiator.name,
                    [p.identity.email for p in record.participants],
                    record.duration_minutes,
                    record.subject,
                    record.body,
                    record.answered,
                )
            )
        return rejected, recovered


def to_record(row: dict[str, Any]) -> InteractionRecord:
    """A frame row as the record the record path would have made (for the slow cases)."""
    from trustledger.importers.records import Identity, Participant

    return InteractionRecord(
        source="csv",
        external_id=row["external_id"],
        occurred_at=row["occurred_at"],
        channel=row["channel"],
        initiator=Identity(row["initiator_email"], row["initiator_name"]),
        participants=tuple(Participant(Identity(e, None), "to") for e in row["participants"]),
        duration_minutes=row["duration_minutes"],
        subject=row["subject"],
        body=row["body"],
        answered=row["answered"],
    )


def records(path: os.PathLike[str] | str, **options: Any) -> Iterator[ParseResult]:
    """The frames as records and rejections, in file order (for tests and comparisons)."""
    frames = interaction_frames(path, **options)
    if frames is None:
        raise ValueError(f"{path}: not a file for the columnar path")
    for frame, rejected in frames:
        results: list[tuple[int, ParseResult]] = [(int(r.location.split()[1]), r) for r in rejected]
        results += [(row["line"], to_record(row)) for row in frame.iter_rows(named=True)]
        for _, result in sorted(results, key=lambda item: item[0]):
            yield result


__all__ = ["interaction_frames", "records", "to_record", "codecs"]
