"""What to say when no column of a CSV file matches our fields: the columns found, the
fields expected, and a `--map` command that would read the file (a guess from the headers'
words and the first row's values, checked to give the kind's required fields)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from trustledger.importers.csv_rows import FIELDS

# What a column holds, from words in its header (checked first) or its first value; and the
# kind's fields for it, taken in order as columns of that sort appear.
_SORTS: dict[str, dict[str, tuple[str, ...]]] = {
    "people": {
        "email": ("email",),
        "first": ("given_name",),
        "last": ("family_name",),
        "name": ("full_name",),
        "phone": ("phone",),
        "company": ("organization",),
        "title": ("title",),
        "note": ("notes",),
    },
    "organizations": {"name": ("name",), "company": ("name",), "domain": ("domain",)},
    "units": {"name": ("name",), "company": ("organization",)},
    "interactions": {
        "date": ("occurred_at",),
        "email": ("initiator_email", "participant_emails"),
        "name": ("initiator_name",),
        "channel": ("channel",),
        "minutes": ("duration_minutes",),
        "title": ("subject",),
        "note": ("notes",),
    },
    "commitments": {
        "email": ("promisor_email", "promisee_email"),
        "name": ("promisor_name", "promisee_name"),
        "date": ("made_at", "due_at"),
        "text": ("statement",),
        "status": ("state",),
    },
}
_HEADER_WORDS: tuple[tuple[str, str], ...] = (
    ("mail", "email"),
    ("first", "first"),
    ("given", "first"),
    ("forename", "first"),
    ("last", "last"),
    ("surname", "last"),
    ("family", "last"),
    ("phone", "phone"),
    ("mobile", "phone"),
    ("tel", "phone"),
    ("company", "company"),
    ("organi", "company"),
    ("account", "company"),
    ("domain", "domain"),
    ("website", "domain"),
    ("date", "date"),
    ("time", "date"),
    ("when", "date"),
    ("created", "date"),
    ("due", "date"),
    ("type", "channel"),
    ("channel", "channel"),
    ("medium", "channel"),
    ("duration", "minutes"),
    ("minutes", "minutes"),
    ("subject", "title"),
    ("topic", "title"),
    ("title", "title"),
    ("promise", "text"),
    ("statement", "text"),
    ("commitment", "text"),
    ("status", "status"),
    ("state", "status"),
    ("note", "note"),
    ("comment", "note"),
    ("description", "note"),
    ("name", "name"),
    ("contact", "name"),
    ("owner", "name"),
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})")
_FULL_NAME = re.compile(r"^[A-Z][\w'.-]+( [A-Z][\w'.-]+)+$")
# Without these a row of the kind is always rejected (csv_rows.build_record).
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "people": (("full_name", "given_name", "family_name", "email"),),
    "organizations": (("name",),),
    "units": (("name",), ("organization",)),
    "interactions": (("occurred_at",), ("initiator_email", "initiator_name")),
    "commitments": (
        ("promisor_email", "promisor_name"),
        ("promisee_email", "promisee_name"),
        ("statement",),
        ("made_at",),
        ("due_at",),
    ),
}


def _sort(header: str, value: str) -> str | None:
    key = header.lower()
    for word, sort in _HEADER_WORDS:
        if word in key:
            return sort
    for text in (value.strip(), header.strip()):  # a file without a header row: both data
        if _EMAIL.match(text):
            return "email"
        if _DATE.match(text):
            return "date"
        if _FULL_NAME.match(text):
            return "name"
    return None


def guess_mapping(headers: list[str], first_row: list[str], kind: str) -> dict[str, str]:
    """header -> field for the columns we can place; the others are left out."""
    sorts = _SORTS[kind]
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for index, header in enumerate(headers):
        sort = _sort(header, first_row[index] if index < len(first_row) else "")
        free = [f for f in sorts.get(sort or "", ()) if f not in taken]
        if free and header.strip():
            mapping[header] = free[0]
            taken.add(free[0])
    return mapping


def _map_command(kind: str, mapping: dict[str, str], path: str | Path) -> list[str]:
    """The lines that show a `trustledger import` command reading the file with `mapping`."""
    command = ["trustledger", "import", "--kind", kind]
    for header, field in mapping.items():
        command += ["--map", f"{header}={field}"]
    return ["Map the columns, for example:", "  " + shlex.join([*command, str(path)])]


def no_matching_columns(
    path: str | Path, headers: list[str], first_row: list[str], kind: str
) -> str:
    """The reason a file with no column of `kind` is refused, with the way to read it."""
    found = ", ".join(repr(h) for h in headers[:20]) + (" …" if len(headers) > 20 else "")
    fields = ", ".join(FIELDS[kind])
    lines = [
        f"no column matches a field of {kind}",
        f"Columns found: {found}.",
        f"Fields of {kind}: {fields}.",
    ]
    mapping = guess_mapping(headers, first_row, kind)
    missing = [
        " or ".join(choice) for choice in REQUIRED[kind] if not set(choice) & set(mapping.values())
    ]
    if mapping:
        lines += _map_command(kind, mapping, path)
    for choice in missing:
        field = choice.split(" or ")[0]
        lines.append(
            f'No column looks like {choice}, which every row needs: add --map "COLUMN={field}".'
        )
    if any(_EMAIL.match(h.strip()) or _DATE.match(h.strip()) for h in headers):
        header_row = ",".join(mapping.get(h, "") for h in headers)
        lines.append(
            "The first row looks like data, not a header: put a header row first instead"
            + (f" ({header_row})" if mapping else "")
            + f"; `trustledger import --template {kind}` prints ours."
        )
    return "\n    ".join(lines)


def missing_required(
    path: str | Path,
    headers: list[str],
    first_row: list[str],
    kind: str,
    columns: list[str | None],
) -> str | None:
    """The reason a file whose columns can never give a row of `kind` is refused (some match,
    but none gives a field every row needs), with a `--map` command that keeps the columns
    already matched; None when the columns can give every required field."""
    have = {field for field in columns if field}
    missing = [choice for choice in REQUIRED[kind] if not set(choice) & have]
    if not missing:
        return None
    found = ", ".join(repr(h) for h in headers[:20]) + (" …" if len(headers) > 20 else "")
    matched = {h: f for h, f in zip(headers, columns, strict=False) if f}
    guessed = guess_mapping(
        [h for h in headers if h not in matched],
        [v for h, v in zip(headers, first_row, strict=False) if h not in matched],
        kind,
    )
    mapping = {**matched, **{h: f for h, f in guessed.items() if f not in have}}
    needed = " and ".join(" or ".join(choice) for choice in missing)
    lines = [
        f"read as {kind}, but no column gives {needed}, which every row needs",
        f"Columns found: {found}.",
        "Read as: "
        + (", ".join(f"{h!r} → {f}" for h, f in matched.items()) or "nothing")
        + f". Fields of {kind}: {', '.join(FIELDS[kind])}.",
    ]
    still = [c for c in missing if not set(c) & set(mapping.values())]
    if len(still) < len(missing):
        lines += _map_command(kind, mapping, path)
    for choice in still:
        lines.append(f'No column looks like {" or ".join(choice)}: add --map "COLUMN={choice[0]}".')
    return "\n    ".join(lines)
