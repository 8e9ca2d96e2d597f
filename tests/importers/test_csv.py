import shlex

import pytest

from trustledger.importers.csv_files import (
    detect_encoding,
    load_mapping,
    parse_csv,
    parse_mapping_pairs,
    template,
)
from trustledger.importers.csv_rows import KINDS
from trustledger.importers.records import (
    NO_MATCHING_COLUMNS,
    CommitmentRecord,
    InteractionRecord,
    PersonRecord,
    RejectedRecord,
    UnreadableFile,
)

from .conftest import SHARED_DATA

THUNDERBIRD = SHARED_DATA / "crm_csv" / "thunderbird"


def test_it_reads_a_cp1252_semicolon_file_with_a_mapping_file(fixtures):
    path = fixtures / "people-cp1252-semicolon.csv"
    assert detect_encoding(path) == "cp1252"
    renee, bad = list(parse_csv(path, mapping_file=fixtures / "people-mapping.txt"))
    assert isinstance(renee, PersonRecord)
    assert renee.full_name == "Renée François"
    assert renee.organization == "Société Générale"
    assert isinstance(bad, RejectedRecord)
    assert bad.location == "line 3"
    assert bad.fields == ("email",)
    assert "'not-an-email' is not an email address" in bad.reason


def test_mapping_pairs_work_like_a_mapping_file(fixtures):
    mapping = load_mapping(fixtures / "people-mapping.txt")
    assert mapping["Courriel"] == "email"
    via_pairs = list(parse_csv(fixtures / "people-cp1252-semicolon.csv", mapping=mapping))
    assert via_pairs[0].emails == ("renee@example.fr",)


def test_a_json_mapping_file_is_read(tmp_path):
    mapping = tmp_path / "map.json"
    mapping.write_text('{"Dads email": "email"}')
    assert load_mapping(mapping) == {"Dads email": "email"}


def test_commitment_rows_are_checked_field_by_field(fixtures):
    kept, best, bad = list(parse_csv(fixtures / "commitments.csv"))
    assert isinstance(kept, CommitmentRecord) and kept.state == "kept"
    assert best.strength == "best_effort"
    assert isinstance(bad, RejectedRecord)
    assert bad.location == "line 4"
    assert set(bad.fields) == {"made_at", "promisee_email", "strength"}


def test_interaction_rows_get_a_content_hash_id_and_utc_times(fixtures):
    call, meeting = list(parse_csv(fixtures / "interactions.csv"))
    assert isinstance(call, InteractionRecord)
    assert call.external_id.startswith("sha256:")
    assert call.occurred_at.isoformat() == "2025-05-05T08:00:00+00:00"
    assert call.answered is True
    assert len(meeting.participants) == 2
    again = [r.external_id for r in parse_csv(fixtures / "interactions.csv")]
    assert again == [call.external_id, meeting.external_id]


@pytest.mark.parametrize("kind", KINDS)
def test_every_template_parses_back_into_one_record(tmp_path, kind):
    path = tmp_path / f"{kind}.csv"
    path.write_text(template(kind))
    (record,) = list(parse_csv(path, kind=kind))
    assert not isinstance(record, RejectedRecord), record


def test_a_file_whose_headers_match_nothing_is_unreadable_with_a_hint(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("John Doe,John,Doe,john@doe.invalid\n")
    with pytest.raises(UnreadableFile, match="The first row looks like data, not a header"):
        parse_csv(path)


def test_a_crm_export_is_refused_with_its_columns_our_fields_and_a_map_command_that_works(
    tmp_path,
):
    path = tmp_path / "calls export.csv"
    path.write_text(
        "Create Date,Activity type,Associated Contact,Email address of contact,Call duration\n"
        "2025-03-04 10:30,call,Jane Doe,jane@example.com,30\n"
    )
    with pytest.raises(UnreadableFile) as refused:
        parse_csv(path, kind="interactions")
    reason = refused.value.reason
    assert "a interactions" not in reason and "template(" not in reason
    assert "no column matches a field of interactions" in reason
    assert "Columns found: 'Create Date', 'Activity type', 'Associated Contact'," in reason
    assert "Fields of interactions: external_id, occurred_at, channel," in reason
    command = next(line.strip() for line in reason.splitlines() if "trustledger import" in line)
    words = shlex.split(command)
    assert words[:4] == ["trustledger", "import", "--kind", "interactions"]
    assert words[-1] == str(path)
    pairs = [words[i + 1] for i, word in enumerate(words) if word == "--map"]
    # The command it prints reads the file.
    (record,) = parse_csv(path, kind="interactions", mapping=parse_mapping_pairs(pairs))
    assert record.initiator.email == "jane@example.com" and record.duration_minutes == 30


def test_a_crm_export_with_one_known_column_is_refused_once_not_row_by_row(tmp_path):
    # "Subject" matches a field of interactions, but no column gives the date or who started
    # it: every row would be refused for the same reason, so the file is, once, with the way
    # to read it (and the web import offers its mapping step: the same code).
    path = tmp_path / "activities.csv"
    path.write_text(
        "Activity Date,Activity Type,Contact Email,Owner,Subject\n"
        "2026-10-01 10:00,Call,ann@client.example,Bob Stone,Renewal\n"
    )
    with pytest.raises(UnreadableFile) as refused:
        parse_csv(path)
    assert refused.value.code == NO_MATCHING_COLUMNS
    reason = refused.value.reason
    assert reason.startswith(
        "read as interactions, but no column gives occurred_at and initiator_email or "
        "initiator_name, which every row needs"
    )
    assert "Read as: 'Subject' → subject." in reason
    command = next(line.strip() for line in reason.splitlines() if "trustledger import" in line)
    words = shlex.split(command)
    pairs = [words[i + 1] for i, word in enumerate(words) if word == "--map"]
    (record,) = parse_csv(path, kind="interactions", mapping=parse_mapping_pairs(pairs))
    assert record.subject == "Renewal" and record.initiator.email == "ann@client.example"


def test_an_empty_required_cell_is_still_refused_on_its_own_line(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(
        "occurred_at,initiator_email,subject\n"
        "2025-03-04T10:30:00+00:00,jane@example.com,Call\n"
        ",jane@example.com,No date\n"
    )
    first, second = parse_csv(path)
    assert not isinstance(first, RejectedRecord)
    assert isinstance(second, RejectedRecord) and second.location == "line 3"


@pytest.mark.skipif(not THUNDERBIRD.is_dir(), reason=f"shared test data not found at {THUNDERBIRD}")
def test_the_real_address_book_without_a_header_row_gets_a_header_row_to_add():
    with pytest.raises(UnreadableFile) as refused:
        parse_csv(THUNDERBIRD / "csv_no_header.csv")
    reason = refused.value.reason
    assert "Columns found: 'John Doe', 'John', 'Doe', 'john@doe.invalid'." in reason
    assert "put a header row first instead (full_name,,,email)" in reason
    assert "trustledger import --template people" in reason
