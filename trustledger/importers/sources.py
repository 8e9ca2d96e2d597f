"""Small helpers every parser needs: opening a source, stable ids, UTC times."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path

from trustledger.importers.records import UnreadableFile

CONTENT_CHOICES = ("metadata", "subject", "body")


def readable_file(path: str | os.PathLike[str]) -> Path:
    """Return the path if it is a readable regular file, else raise UnreadableFile."""
    source = Path(path)
    if not source.exists():
        raise UnreadableFile(source, "no such file")
    if source.is_dir():
        raise UnreadableFile(source, "is a directory, not a file")
    if not os.access(source, os.R_OK):
        raise UnreadableFile(source, "permission denied")
    return source


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    source = readable_file(path)
    try:
        return source.read_bytes()
    except OSError as error:
        raise UnreadableFile(source, f"cannot be read: {error.strerror or error}") from error


def content_hash(*parts: object) -> str:
    """A stable id from content, for records whose source gives none."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode())
    return "sha256:" + digest.hexdigest()[:32]


def to_utc(moment: datetime | date, default_tz: tzinfo = UTC) -> datetime:
    """An aware UTC datetime; naive times are read in `default_tz`, dates at midnight."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(0, 0))
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        moment = moment.replace(tzinfo=default_tz)
    return moment.astimezone(UTC)


def check_content_option(content: str) -> str:
    if content not in CONTENT_CHOICES:
        raise ValueError(f"content must be one of {', '.join(CONTENT_CHOICES)}, not {content!r}")
    return content
