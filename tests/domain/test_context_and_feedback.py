import pytest

from trustledger.domain.context import local_context_completeness
from trustledger.domain.explanation import EvidenceState
from trustledger.domain.feedback import feedback_loop_closure, quality_review_status
from trustledger.domain.records import Channel, FeedbackRecord, LocalContext, QualityReviewRecord

from .factories import day


def test_local_context_completeness_is_the_share_of_fields_filled() -> None:
    cfo = LocalContext(
        "cfo",
        role="CFO",
        responsibilities_and_concerns="cash, audit",
        country="NL",
        language="nl",
        time_zone="Europe/Amsterdam",
        preferred_channels=(Channel.IN_PERSON,),
        important_to_them="a clean audit",
        wants_next="the new ledger by March",
        bad_outcome="a restated quarter",
    )
    dev = LocalContext("dev", role="Developer", wants_next="fewer meetings")
    result = local_context_completeness([cfo, dev])
    # cfo: 9 of 10 (culture missing); dev: 2 of 10 -> mean 0.55
    assert result.share == pytest.approx(0.55)
    assert dict(result.missing)["cfo"] == ("culture",)


def test_their_script_counts_and_the_gaps_read_as_words() -> None:
    from trustledger.domain.context import missing_in_words

    result = local_context_completeness([LocalContext("p", role="Buyer")])
    missing = dict(result.missing)["p"]
    assert {"important_to_them", "wants_next", "bad_outcome"} <= set(missing)
    assert missing_in_words(("time_zone", "bad_outcome")) == (
        "time zone and what a bad outcome would be for them"
    )


def test_no_local_context_is_no_evidence() -> None:
    result = local_context_completeness([])
    assert result.share is None
    assert result.explanation.evidence is EvidenceState.NONE


def test_blank_text_does_not_count_as_filled() -> None:
    assert local_context_completeness([LocalContext("x", role="  ")]).share == 0.0


def test_feedback_loop_closure_as_of_a_date() -> None:
    feedback = [
        FeedbackRecord("f1", day(0), "weekly status call", day(10)),
        FeedbackRecord("f2", day(5)),
        FeedbackRecord("f3", day(6), "new intake form", day(40)),
    ]
    # Issue 14: an answered loop counts as closed only once the other side saw it closed or
    # loop_seen_after_days (14) passed after the answer; f1, answered on day 10, counts from
    # day 24 (at day 20 it counted already before the rule; now it waits for them).
    result = feedback_loop_closure(feedback, as_of=day(24))
    assert result.share_closed == pytest.approx(1 / 3)
    assert result.open_ids == ("f2", "f3")
    waiting = feedback_loop_closure(feedback, as_of=day(20))
    assert waiting.share_closed == 0.0
    assert waiting.open_ids == ("f2", "f3") and waiting.waiting_ids == ("f1",)


def test_a_loop_seen_closed_by_them_counts_at_once_and_says_by_whom() -> None:
    feedback = [
        FeedbackRecord(
            "f1", day(0), "month-end first", day(10), seen_closed_at=day(11),
            seen_closed_by="Margit Esterházy",
        ),
        FeedbackRecord("f2", day(0), "status page", day(10)),
    ]  # fmt: skip
    result = feedback_loop_closure(feedback, as_of=day(12))
    assert result.share_closed == pytest.approx(1 / 2)
    assert result.seen_ids == ("f1",) and result.waiting_ids == ("f2",)
    assert result.explanation.inputs["seen_closed"] == 1
    assert any("seen closed by Margit Esterházy on" in n for n in result.explanation.notes)
    # Before they saw it, it was only answered.
    assert feedback_loop_closure(feedback, as_of=day(10)).share_closed == 0.0


def test_a_loop_reopened_after_the_answer_does_not_count_even_after_the_waiting_time() -> None:
    reopened = FeedbackRecord("f1", day(0), "weekly call", day(10), reopened_at=day(12))
    result = feedback_loop_closure([reopened], as_of=day(40))
    assert result.share_closed == 0.0 and result.open_ids == ("f1",)
    # Answered again after the reopening: the waiting time runs from the new answer.
    answered = FeedbackRecord("f1", day(0), "daily call", day(20), reopened_at=day(12))
    assert feedback_loop_closure([answered], as_of=day(33)).share_closed == 0.0
    assert feedback_loop_closure([answered], as_of=day(34)).share_closed == 1.0


def test_the_waiting_time_is_a_setting() -> None:
    from trustledger.domain.settings import EngineSettings, HealthSettings

    now = EngineSettings(health=HealthSettings(loop_seen_after_days=0))
    feedback = [FeedbackRecord("f1", day(0), "weekly call", day(10))]
    assert feedback_loop_closure(feedback, as_of=day(10), settings=now).share_closed == 1.0
    with pytest.raises(ValueError, match="loop_seen_after_days"):
        HealthSettings(loop_seen_after_days=-1)


def test_a_quality_review_is_overdue_after_the_interval() -> None:
    reviews = [QualityReviewRecord("q1", day(0)), QualityReviewRecord("q2", day(30))]
    assert not quality_review_status(reviews, as_of=day(100)).overdue
    late = quality_review_status(reviews, as_of=day(121))
    assert late.overdue
    assert late.days_since == pytest.approx(91)
    assert quality_review_status([], as_of=day(0)).overdue


def test_a_loop_counts_from_their_seeing_it_or_the_waiting_time() -> None:
    from trustledger.domain.feedback import loop_counted_at

    assert loop_counted_at(FeedbackRecord("f", day(0), "x", day(10)), 14) == day(24)
    seen = FeedbackRecord("f", day(0), "x", day(10), seen_closed_at=day(12))
    assert loop_counted_at(seen, 14) == day(12)
    # Seen before a later answer: the later answer waits again.
    stale = FeedbackRecord("f", day(0), "x", day(20), seen_closed_at=day(12))
    assert loop_counted_at(stale, 14) == day(34)
    assert loop_counted_at(FeedbackRecord("f", day(0)), 14) is None
    reopened = FeedbackRecord("f", day(0), "x", day(10), reopened_at=day(12))
    assert loop_counted_at(reopened, 14) is None
