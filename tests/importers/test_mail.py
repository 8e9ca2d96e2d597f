from datetime import UTC, datetime

import pytest

from trustledger.importers.mail import parse_eml, parse_maildir, parse_mbox
from trustledger.importers.records import (
    InteractionRecord,
    RejectedRecord,
    SkippedRecord,
    UnreadableFile,
)


@pytest.fixture
def mbox(fixtures):
    return list(parse_mbox(fixtures / "thread.mbox"))


def interactions(results):
    return {r.external_id: r for r in results if isinstance(r, InteractionRecord)}


def test_each_message_is_an_interaction_from_the_sender_to_to_and_cc(mbox):
    first = interactions(mbox)["q3-budget-1@example.com"]
    assert first.occurred_at == datetime(2025, 5, 5, 9, 0, tzinfo=UTC)
    assert first.initiator.email == "jane.doe@example.com"
    roles = [(p.identity.email, p.role) for p in first.participants]
    assert roles == [("sam.lee@ourco.example", "to"), ("finance@example.com", "cc")]


def test_a_reply_in_the_thread_marks_the_message_answered_with_its_latency(mbox):
    records = interactions(mbox)
    assert records["q3-budget-1@example.com"].answered is True
    assert records["q3-budget-1@example.com"].reply_latency_seconds == 4.5 * 3600
    reply = records["q3-budget-2@ourco.example"]
    assert reply.thread_id == "q3-budget-1@example.com"
    assert reply.in_reply_to == "q3-budget-1@example.com"


def test_an_auto_reply_does_not_count_as_an_answer(mbox):
    assert interactions(mbox)["q3-budget-2@ourco.example"].answered is False


def test_bounces_auto_replies_and_robots_are_skipped_with_the_reason(mbox):
    skipped = {r.external_id: r.reason for r in mbox if isinstance(r, SkippedRecord)}
    assert skipped["bounce-1@ourco.example"].startswith("bounce")
    assert skipped["ooo-1@example.com"].startswith("auto-reply")
    assert skipped["gh-1@github.example"].startswith("automated sender")


def test_a_list_message_is_a_broadcast_and_a_list_reply_is_also_directed(mbox):
    records = interactions(mbox)
    assert records["release-1@ourco.example"].is_broadcast
    assert records["release-1@ourco.example"].list_id == "dev.lists.ourco.example"
    directed = records["release-2@example.com#reply-to"]
    assert not directed.is_broadcast
    assert directed.initiator.email == "jane.doe@example.com"
    assert [p.identity.email for p in directed.participants] == ["lee@ourco.example"]


def test_a_bad_date_is_rejected_with_its_line(mbox):
    (rejected,) = [r for r in mbox if isinstance(r, RejectedRecord)]
    assert rejected.location == "line 73"
    assert "Date" in rejected.reason and rejected.fields == ("Date",)


def test_by_default_neither_subject_nor_body_is_kept(mbox, fixtures):
    assert all(r.subject is None and r.body is None for r in interactions(mbox).values())
    with_body = interactions(parse_mbox(fixtures / "thread.mbox", content="body"))
    first = with_body["q3-budget-1@example.com"]
    assert first.subject == "Budget für Q3"
    assert first.body == "Sam, can you send the revised budget?"


def test_a_maildir_is_read_in_cur_and_new_with_its_thread(fixtures):
    records = interactions(parse_maildir(fixtures / "maildir"))
    assert records["renewal-1@example.com"].answered is True
    assert records["renewal-1@example.com"].reply_latency_seconds == 3600
    assert records["renewal-2@ourco.example"].source == "maildir"


def test_a_single_eml_decodes_its_headers_and_gets_a_content_id(fixtures):
    (record,) = list(parse_eml(fixtures / "single.eml"))
    assert record.initiator.name == "Renée François"
    assert record.external_id.startswith("sha256:")
    assert record.answered is None  # one message: no thread to look in


def test_a_file_that_is_not_an_mbox_is_unreadable(fixtures):
    with pytest.raises(UnreadableFile, match="not an mbox"):
        parse_mbox(fixtures / "single.eml")


def test_a_directory_without_cur_or_new_is_not_a_maildir(tmp_path):
    with pytest.raises(UnreadableFile, match="cur/"):
        parse_maildir(tmp_path)


def test_an_unescaped_from_line_inside_a_body_does_not_split_the_message(tmp_path):
    mbox = tmp_path / "x.mbox"
    mbox.write_text(
        "From a@x.com Mon May  5 09:00:00 2025\nFrom: a@x.com\nTo: b@x.com\n"
        "Date: Mon, 05 May 2025 09:00:00 +0000\nMessage-ID: <1@x>\n\n"
        "Hello\n\nFrom here on we agree.\n"
    )
    assert [r.external_id for r in parse_mbox(mbox)] == ["1@x"]


def test_reparsing_gives_the_same_external_ids(fixtures):
    first = [getattr(r, "external_id", None) for r in parse_mbox(fixtures / "thread.mbox")]
    assert first == [getattr(r, "external_id", None) for r in parse_mbox(fixtures / "thread.mbox")]
