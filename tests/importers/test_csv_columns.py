"""The columnar CSV path gives exactly the record path's results."""

import pytest

from trustledger.importers.csv_columns import interaction_frames, records
from trustledger.importers.csv_files import parse_csv


@pytest.mark.parametrize("name", ["interactions.csv", "interactions-tricky.csv"])
@pytest.mark.parametrize("chunk_rows", [2, 100_000])
def test_it_gives_the_record_paths_records_and_rejections(fixtures, name, chunk_rows):
    # The tricky file has a quoted line break, a blank line, a row of empty cells, bad
    # dates, an unknown channel, a negative duration, a name-only initiator, a repeated id.
    path = fixtures / name
    expected = list(parse_csv(path, kind="interactions"))
    assert list(records(path, kind="interactions", chunk_rows=chunk_rows)) == expected


def test_it_reads_a_windows_1252_file_through_a_utf8_copy(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_bytes(
        "occurred_at;channel;initiator_email;initiator_name;participant_emails\n"
        "2025-05-01T10:00:00Z;call;renee@x.example;Renée;b@x.example\n".encode("cp1252")
    )
    assert list(records(path)) == list(parse_csv(path))
    assert next(iter(records(path))).initiator.name == "Renée"


@pytest.mark.parametrize(
    "text",
    [
        "occurred_at,channel,initiator_email\n2025-05-01T10:00:00Z,call,a@x.example,extra\n",
        "occurred_at,channel,initiator_email\n2025-05-01T10:00:00Z,call,a@x\0.example\n",
        "occurred_at,channel,initiator_email,Initiator Email\n2025-05-01T10:00:00Z,call,a@x.example,b@x.example\n",
        "full_name,email\nJane Doe,jane@x.example\n",
    ],
    ids=["longer-row", "nul-byte", "two-columns-one-field", "people"],
)
def test_files_it_cannot_read_exactly_are_left_to_the_record_path(tmp_path, text):
    path = tmp_path / "x.csv"
    path.write_text(text)
    assert interaction_frames(path) is None
