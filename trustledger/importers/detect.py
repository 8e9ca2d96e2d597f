"""Which parser a path needs, by extension and by a look at its content; and `parse`."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from trustledger.importers.mailboxes import Maildir
from trustledger.importers.records import ParseResult, UnreadableFile

# format -> (module, parser): imported when a file of the format comes, so that a command
# reading a CSV file does not load icalendar, recurring-ical-events and vobject first.
PARSERS: dict[str, tuple[str, str]] = {
    "vcard": ("trustledger.importers.vcard", "parse_vcard"),
    "ics": ("trustledger.importers.ics", "parse_ics"),
    "mbox": ("trustledger.importers.mail", "parse_mbox"),
    "maildir": ("trustledger.importers.mail", "parse_maildir"),
    "eml": ("trustledger.importers.mail", "parse_eml"),
    "csv": ("trustledger.importers.csv_files", "parse_csv"),
}
FORMATS: tuple[str, ...] = ("auto", *PARSERS)


def parser(format: str) -> Callable[..., Iterator[ParseResult]]:
    """The parse function of a format (not "auto")."""
    module, name = PARSERS[format]
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


_EXTENSIONS = {
    ".vcf": "vcard",
    ".vcard": "vcard",
    ".ics": "ics",
    ".ical": "ics",
    ".ifb": "ics",
    ".mbox": "mbox",
    ".mbx": "mbox",
    ".eml": "eml",
    ".msg822": "eml",
    ".csv": "csv",
    ".tsv": "csv",
}
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]", re.MULTILINE)  # "Name: value", RFC 5322
_MAIL_HEADERS = re.compile(
    rb"^(from|to|subject|date|message-id|received|return-path|mime-version):", re.I | re.M
)


def is_maildir(path: Path) -> bool:
    return path.is_dir() and ((path / "cur").is_dir() or (path / "new").is_dir())


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The paths as given, with each folder that is not a Maildir replaced by what is in it
    (walked in name order, hidden entries left out, a Maildir inside kept whole). An empty
    folder stays, for the importer to report."""
    for path in map(Path, paths):
        if not path.is_dir() or is_maildir(path):
            yield path
            continue
        yield from list(_walk(path)) or [path]


def _walk(folder: Path) -> Iterator[Path]:
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not is_maildir(entry):
            yield from _walk(entry)
        else:
            yield entry


# trustledger reads no archives, so nothing nested can be unpacked into a bomb; an archive is
# named as such rather than parsed as garbage (a zip renamed .csv, say).
_ARCHIVES = (
    (0, b"PK\x03\x04", "zip"),
    (0, b"PK\x05\x06", "zip"),
    (0, b"\x1f\x8b", "gzip"),
    (0, b"BZh", "bzip2"),
    (0, b"\xfd7zXZ\x00", "xz"),
    (0, b"(\xb5/\xfd", "zstd"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (0, b"Rar!\x1a\x07", "rar"),
    (257, b"ustar", "tar"),
)


def refuse_archive(source: Path, head: bytes) -> None:
    for offset, magic, kind in _ARCHIVES:
        if head[offset : offset + len(magic)] == magic:
            raise UnreadableFile(
                source, f"a {kind} archive: archives are not read; unpack it and import the files"
            )


def _head(source: Path) -> bytes:
    try:
        with open(source, "rb") as stream:
            return stream.read(512)
    except OSError:  # the parser reports it with its reason
        return b""


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format name of `path`, or UnreadableFile saying why none fits."""
    source = Path(path)
    if source.is_dir():
        if not any(source.iterdir()):
            raise UnreadableFile(source, "an empty folder")
        Maildir(source)  # raises UnreadableFile when no cur/ or new/ folder is inside
        return "maildir"
    if not source.exists():
        raise UnreadableFile(source, "no such file")
    try:
        with open(source, "rb") as stream:
            head = stream.read(8192)
    except OSError as error:
        raise UnreadableFile(source, f"cannot be read: {error.strerror}") from error
    refuse_archive(source, head)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if text.startswith(b"BEGIN:VCARD"):
        return "vcard"
    if text.startswith((b"BEGIN:VCALENDAR", b"BEGIN:VEVENT")):
        return "ics"
    if head.lstrip(b"\r\n").startswith(b"From "):
        return "mbox"
    by_extension = _EXTENSIONS.get(source.suffix.lower())
    if by_extension:
        return by_extension
    if len(_MAIL_HEADERS.findall(head)) >= 2 and _HEADER_LINE.match(head.lstrip()):
        return "eml"
    raise UnreadableFile(
        source, "format not recognised (not vCard, iCalendar, mbox, Maildir, email or CSV)"
    )


def parse(
    path: str | os.PathLike[str], format: str = "auto", **options: Any
) -> Iterator[ParseResult]:
    """Parse any supported file; `format="auto"` detects it. Options go to the parser."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    chosen = detect_format(path) if format == "auto" else format
    if format != "auto" and Path(path).is_file():
        refuse_archive(Path(path), _head(Path(path)))
    return parser(chosen)(path, **options)
