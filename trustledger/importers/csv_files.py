"""CSV files of people, units, organizations, interactions or commitments.

The encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252,
else Latin-1, which always decodes), the delimiter is sniffed, headers are mapped to our
field names (built-in aliases, then a user mapping), and each row becomes a record or a
RejectedRecord naming the line, the field and the reason.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trustledger.importers.csv_cells import unguarded
from trustledger.importers.csv_rows import FIELDS, KINDS, RowError, build_record
from trustledger.importers.dates import DateRule, rule_or_today
from trustledger.importers.records import (
    NO_MATCHING_COLUMNS,
    ParseResult,
    RejectedRecord,
    UnreadableFile,
)
from trustledger.importers.sources import readable_file

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
IGNORE = "ignore"
# Common spellings of our fields in CRM and address-book exports (keys are normalised).
ALIASES: dict[str, str] = {
    "id": "external_id",
    "name": "full_name",
    "display_name": "full_name",
    "full_name": "full_name",
    "first_name": "given_name",
    "given_name": "given_name",
    "last_name": "family_name",
    "surname": "family_name",
    "family_name": "family_name",
    "e_mail": "email",
    "email_address": "email",
    "primary_email": "email",
    "e_mail_address": "email",
    "secondary_email": "email",
    "phone": "phone",
    "work_phone": "phone",
    "mobile_number": "phone",
    "mobile_phone": "phone",
    "company": "organization",
    "organisation": "organization",
    "organization_name": "organization",
    "department": "unit",
    "team": "unit",
    "job_title": "title",
    "position": "title",
    "note": "notes",
    "date": "occurred_at",
    "when": "occurred_at",
    "type": "channel",
    "promise": "statement",
    "due": "due_at",
    "due_date": "due_at",
    "status": "state",
}


def normalise_header(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_")


def load_mapping(source: str | os.PathLike[str]) -> dict[str, str]:
    """A header mapping from a JSON object file or `source=target` lines (# comments)."""
    path = Path(source)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: a JSON mapping must be an object of header: field")
        return {str(k): str(v) for k, v in data.items()}
    return parse_mapping_pairs(
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def parse_mapping_pairs(pairs: Any) -> dict[str, str]:
    """`--map "Player First Name=given_name"` pairs → mapping."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = str(pair).partition("=")
        if not sep or not source.strip():
            raise ValueError(f"bad mapping {pair!r}: expected 'CSV header=field'")
        mapping[source.strip()] = target.strip() or IGNORE
    return mapping


def detect_encoding(path: Path) -> str:
    """Return the first encoding that decodes the whole file, streaming it."""
    with open(path, "rb") as stream:
        head = stream.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def template(kind: str) -> str:
    """The header line and one example row for `kind`, as CSV text."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    fields = FIELDS[kind]
    header = ",".join(fields)
    example = ",".join(_quote(value) for value in fields.values())
    return f"{header}\n{example}\n"


def _quote(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"\n') else value


def _column_fields(headers: list[str], kind: str, mapping: Mapping[str, str]) -> list[str | None]:
    """Our field name for each column (None: column ignored)."""
    user = {normalise_header(k): v for k, v in mapping.items()}
    known = set(FIELDS[kind])
    columns: list[str | None] = []
    for header in headers:
        key = normalise_header(header)
        # The user's mapping wins, including "" or "ignore" to drop a column.
        target = (user[key] or IGNORE) if key in user else _default_field(key, kind, known)
        columns.append(target if target in known else None)
    return columns


def _default_field(key: str, kind: str, known: set[str]) -> str | None:
    target = key if key in known else ALIASES.get(key)
    # In a file of organizations (or units), "Company" or "Name" names the row itself.
    if kind == "organizations" and target in ("organization", "full_name"):
        return "name"
    if kind == "units" and target in ("unit", "full_name"):
        return "name"
    return target


def _guess_kind(headers: list[str], mapping: Mapping[str, str]) -> str:
    scores = {
        kind: sum(f is not None for f in _column_fields(headers, kind, mapping)) for kind in KINDS
    }
    for marker, kind in (("promisor_email", "commitments"), ("occurred_at", "interactions")):
        if marker in _column_fields(headers, kind, mapping):
            return kind
    return max(KINDS, key=lambda kind: (scores[kind], kind == "people"))


def parse_csv(
    path: os.PathLike[str] | str,
    *,
    kind: str = "auto",
    mapping: Mapping[str, str] | None = None,
    mapping_file: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    default_timezone: str = "UTC",
    dates: DateRule | None = None,
    **_options: Any,
) -> Iterator[ParseResult]:
    """Yield one record per data row, or a RejectedRecord naming the line and field."""
    source = readable_file(path)
    if kind != "auto" and kind not in KINDS:
        raise ValueError(f"kind must be auto or one of {', '.join(KINDS)}, not {kind!r}")
    columns_map = dict(load_mapping(mapping_file) if mapping_file else {})
    columns_map.update(mapping or {})
    encoding = encoding or detect_encoding(source)
    try:
        with open(source, encoding=encoding, newline="") as stream:
            sample = stream.read(64 * 1024)
    except (OSError, UnicodeError, LookupError) as error:
        raise UnreadableFile(source, f"cannot be read as {encoding}: {error}") from error
    if not sample.strip():
        raise UnreadableFile(source, "the file is empty")
    dialect_delimiter = delimiter or _sniff_delimiter(sample)
    headers = next(csv.reader([sample.splitlines()[0]], delimiter=dialect_delimiter))
    chosen = _guess_kind(headers, columns_map) if kind == "auto" else kind
    columns = _column_fields(headers, chosen, columns_map)
    from trustledger.importers.csv_mapping import missing_required, no_matching_columns

    first_row = next(csv.reader(sample.splitlines()[1:2], delimiter=dialect_delimiter), [])
    # No column of ours at all, or none that gives what every row needs (every row would be
    # refused for the same reason): the file is refused once, with the way to read it.
    lacking = (
        no_matching_columns(source, headers, first_row, chosen)
        if not any(columns)
        else missing_required(source, headers, first_row, chosen, columns)
    )
    if lacking:
        raise UnreadableFile(source, lacking, code=NO_MATCHING_COLUMNS)
    return _rows(
        source, encoding, dialect_delimiter, chosen, columns, default_timezone, rule_or_today(dates)
    )


@functools.lru_cache(maxsize=4)
def _sniff_delimiter(sample: str) -> str:
    # Cached: a file's first 64 KB are sniffed by the format detection, the checks and the
    # columnar reader in turn (about 11 ms each).
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:  # one column, or too little text: the standard comma
        return ","


def _rows(
    source: Path,
    encoding: str,
    delimiter: str,
    kind: str,
    columns: list[str | None],
    default_timezone: str,
    dates: DateRule,
) -> Iterator[ParseResult]:
    with open(source, encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        next(reader, None)  # the header row
        start = reader.line_num + 1
        while True:
            location = f"line {start}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # e.g. a NUL byte or an unterminated quote
                yield RejectedRecord(str(source), location, f"bad CSV: {error}")
                return
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            values: dict[str, list[str]] = {}
            for field, cell in zip(columns, row, strict=False):
                if field and cell.strip():
                    values.setdefault(field, []).append(unguarded(cell.strip()))
            try:
                yield build_record(kind, values, default_timezone, dates)
            except RowError as error:
                yield RejectedRecord(str(source), location, str(error), error.fields)


@dataclass(frozen=True)
class Preview:
    """The first rows of a CSV file, as the web import's mapping step shows them."""

    headers: list[str]
    rows: list[list[str]]
    kind: str  # the kind guessed from the headers
    guess: dict[str, str]  # header -> field, as `guess_mapping` reads the first row
    matches: bool  # some column already matches a field of the kind, unmapped


def preview(path: str | Path, rows: int = 5, kind: str | None = None) -> Preview:
    """Headers and the first `rows` rows of a CSV file (its encoding and delimiter detected as
    the importer does); raises UnreadableFile when it cannot be read at all."""
    from trustledger.importers.csv_mapping import guess_mapping

    source = readable_file(path)
    encoding = detect_encoding(source)
    try:
        with open(source, encoding=encoding, newline="") as stream:
            sample = stream.read(64 * 1024)
    except (OSError, UnicodeError, LookupError) as error:
        raise UnreadableFile(source, f"cannot be read as {encoding}: {error}") from error
    if not sample.strip():
        raise UnreadableFile(source, "the file is empty")
    reader = csv.reader(io.StringIO(sample), delimiter=_sniff_delimiter(sample))
    headers = next(reader, [])
    first = [row for _, row in zip(range(rows), reader, strict=False)]
    chosen = kind if kind in KINDS else _guess_kind(headers, {})
    return Preview(
        headers=headers,
        rows=first,
        kind=chosen,
        guess=guess_mapping(headers, first[0] if first else [], chosen),
        matches=any(_column_fields(headers, chosen, {})),
    )
