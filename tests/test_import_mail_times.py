"""The same message from several archives keeps one time: a time estimated for a message
without a Date header (its "From " line, which differs by a second or two between archives)
never replaces a stored one; a real Date header does."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

import pytest

from tests.conftest import SHARED_DATA
from trustledger.ingest.loader import import_files
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db
PONYMAIL = SHARED_DATA / "email" / "ponymail"
MESSAGE = (
    "From alice@example.com  {line}\nFrom: Alice <alice@example.com>\n"
    "To: Bob <bob@example.org>\nMessage-ID: <one@example.com>\n{date}\nhello\n"
)


def mbox(tmp_path, name: str, line: str, date: str = "") -> str:
    path = tmp_path / name
    path.write_text(MESSAGE.format(line=line, date=date + "\n" if date else ""))
    return str(path)


def test_first_seen_wins_until_a_real_date_appears(tmp_path):
    first = mbox(tmp_path, "a.mbox", "Wed Nov  1 06:04:52 2017")
    second = mbox(tmp_path, "b.mbox", "Wed Nov  1 06:04:53 2017")
    dated = mbox(tmp_path, "c.mbox", "Wed Nov  1 06:04:53 2017", "Date: Wed, 1 Nov 2017 06:04:50")
    since = dt.date(2000, 1, 1)
    assert import_files([first], since=since).created["interactions"] == 1
    again = import_files([second, first], since=since)
    assert again.unchanged["interactions"] == 2 and not again.updated
    stored = Interaction.objects.get(external_id="one@example.com")
    assert stored.occurred_at == datetime(2017, 11, 1, 6, 4, 52, tzinfo=UTC)
    assert import_files([dated], since=since).updated["interactions"] == 1
    stored.refresh_from_db()
    assert stored.occurred_at == datetime(2017, 11, 1, 6, 4, 50, tzinfo=UTC)
    # Once the real Date is stored, an estimate does not move it back.
    assert import_files([second], since=since).unchanged["interactions"] == 1


@pytest.mark.skipif(not PONYMAIL.is_dir(), reason=f"shared test data not found at {PONYMAIL}")
def test_three_archives_of_one_list_import_again_with_nothing_updated():
    files = [
        PONYMAIL / f"maven-dev-2017-11-{v}.mbox" for v in ("listsao", "mailarchivesao", "mboxvm")
    ]
    first = import_files(files, since=dt.date(2000, 1, 1))
    assert first.created["interactions"] > 400
    second = import_files(list(reversed(files)), since=dt.date(2000, 1, 1))
    assert not second.updated and not second.created
