"""Every real file in ../shared/data either parses (records, rejections, skips) or raises
UnreadableFile with a reason; nothing else may escape. Many files are broken on purpose."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from trustledger.importers.detect import detect_format, parse
from trustledger.importers.records import (
    InteractionRecord,
    PersonRecord,
    RejectedRecord,
    SkippedRecord,
    UnreadableFile,
)

from .conftest import SHARED_DATA

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(
        not SHARED_DATA.is_dir(), reason=f"shared test data not found at {SHARED_DATA}"
    ),
]
FOLDERS = ("vcard", "ical", "email", "crm_csv")
WINDOW = {"since": datetime(1990, 1, 1, tzinfo=UTC), "until": datetime(2030, 1, 1, tzinfo=UTC)}
RESULT_TYPES = (PersonRecord, InteractionRecord, RejectedRecord, SkippedRecord)


def shared_files(folder: str) -> list[Path]:
    if not SHARED_DATA.is_dir():
        return []
    return sorted(
        p for p in (SHARED_DATA / folder).rglob("*") if p.is_file() and p.name != "SOURCES.md"
    )


def outcome(path: Path) -> str:
    try:
        results = list(parse(path, **WINDOW))
    except UnreadableFile as error:
        assert error.reason, path
        return "unreadable"
    for result in results:
        assert isinstance(result, RESULT_TYPES), (path, result)
        if isinstance(result, RejectedRecord | SkippedRecord):
            assert result.reason and result.location, (path, result)
        if isinstance(result, InteractionRecord):
            assert result.occurred_at.utcoffset().total_seconds() == 0, (path, result)
    return "parsed"


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_shared_file_parses_or_is_unreadable_with_a_reason(folder):
    files = shared_files(folder)
    assert files, f"no files in {SHARED_DATA / folder}"
    outcomes = {path: outcome(path) for path in files}
    assert "parsed" in outcomes.values()


@pytest.mark.parametrize(
    "maildir", ["email/notmuch/default", "email/notmuch/lkml", "email/notmuch/threading"]
)
def test_shared_maildirs_parse_as_a_whole(maildir):
    path = SHARED_DATA / maildir
    if detect_format(path) != "maildir":
        pytest.skip(f"{maildir} has no cur/ or new/")
    results = list(parse(path))
    assert any(isinstance(r, InteractionRecord) for r in results)


def test_the_bounces_in_the_shared_data_are_skipped_not_imported():
    bounces = [p for p in shared_files("email") if p.parent.name in ("bounce", "complaints")]
    for path in bounces:
        results = list(parse(path))
        assert not any(isinstance(r, InteractionRecord) for r in results), path


def test_the_same_month_from_three_archives_gives_the_same_external_ids():
    ids = []
    for variant in ("listsao", "mailarchivesao", "mboxvm"):
        path = SHARED_DATA / "email" / "ponymail" / f"maven-dev-2017-11-{variant}.mbox"
        ids.append({r.external_id for r in parse(path) if isinstance(r, InteractionRecord)})
    assert ids[0] == ids[1] == ids[2]


def test_reparsing_a_real_mailbox_gives_identical_external_ids():
    path = SHARED_DATA / "email" / "bigbang" / "2001-November.txt"
    first = [getattr(r, "external_id", None) for r in parse(path)]
    assert first == [getattr(r, "external_id", None) for r in parse(path)]
