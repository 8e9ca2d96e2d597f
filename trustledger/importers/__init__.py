"""Importers: pure parsers that turn files into records (no Django, no database).

`parse(path)` detects the format and yields records, `RejectedRecord` (bad content) and
`SkippedRecord` (deliberately left out); `UnreadableFile` is raised when a file cannot be
read at all. See docs/importing.md.
"""

from trustledger.importers.csv_files import parse_csv, template
from trustledger.importers.detect import FORMATS, detect_format, parse
from trustledger.importers.ics import parse_ics
from trustledger.importers.mail import parse_eml, parse_maildir, parse_mbox, parse_messages
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
from trustledger.importers.vcard import parse_vcard

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
