"""Importers: pure parsers that turn files into records (no Django, no database).

`parse(path)` detects the format and yields records, `RejectedRecord` (bad content) and
`SkippedRecord` (deliberately left out); `UnreadableFile` is raised when a file cannot be
read at all. See docs/importing.md.
"""

from typing import Any

from trustledger.importers.csv_files import parse_csv, template
from trustledger.importers.detect import FORMATS, PARSERS, detect_format, parse, parser
from trustledger.importers.records import (
    CommitmentRecord,
    Identity,
    InteractionRecord,
    OrganizationRecord,
    ParseResult,
    Participant,
    PersonRecord,
    Record,
    RejectedRecord,
    SkippedRecord,
    UnitRecord,
    UnreadableFile,
)

__all__ = [
    "FORMATS",
    "CommitmentRecord",
    "Identity",
    "InteractionRecord",
    "OrganizationRecord",
    "ParseResult",
    "Participant",
    "PersonRecord",
    "Record",
    "RejectedRecord",
    "SkippedRecord",
    "UnitRecord",
    "UnreadableFile",
    "detect_format",
    "parse",
    "parse_csv",
    "parse_eml",
    "parse_messages",
    "parse_ics",
    "parse_maildir",
    "parse_mbox",
    "parse_vcard",
    "template",
]


def __getattr__(name: str) -> Any:
    """parse_ics, parse_vcard, parse_mbox…: imported on first use (their libraries are heavy)."""
    for format, (_, function) in PARSERS.items():
        if function == name:
            return parser(format)
    if name == "parse_messages":  # mail read elsewhere (a mail server), not a file format
        from trustledger.importers.mail import parse_messages

        return parse_messages
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
