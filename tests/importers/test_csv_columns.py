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


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_lf_and_crlf_files_both_take_the_columnar_path(tmp_path, ending):
    # Excel and Python's csv module write CRLF: such a file must not fall to the record path.
    path = tmp_path / "calls.csv"
    rows = [
        "external_id,occurred_at,channel,initiator_email,participant_emails",
        "c1,2025-05-01T10:00:00Z,call,a@x.example,b@x.example",
        "c2,2025-05-02T10:00:00Z,call,b@x.example,a@x.example",
    ]
    path.write_bytes(ending.join(rows).encode() + ending.encode())
    assert interaction_frames(path) is not None
    assert list(records(path)) == list(parse_csv(path))


def test_a_crlf_cut_by_a_block_boundary_is_not_a_bare_carriage_return(tmp_path):
    from trustledger.importers.csv_columns import _plain_bytes

    path = tmp_path / "calls.csv"
    path.write_bytes(b"a,b\r\n1,2\r\n")
    assert all(_plain_bytes(path, "utf-8", block_bytes=size) for size in range(1, 12))
    path.write_bytes(b"a,b\r\n1\r2\r\n")
    assert not any(_plain_bytes(path, "utf-8", block_bytes=size) for size in range(1, 12))


def test_the_whitespace_set_is_what_str_strip_removes():
    import sys

    from trustledger.importers.csv_columns import WHITESPACE

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert every == WHITESPACE
