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
    result = feedback_loop_closure(feedback, as_of=day(20))
    assert result.share_closed == pytest.approx(1 / 3)
    assert result.open_ids == ("f2", "f3")


def test_a_quality_review_is_overdue_after_the_interval() -> None:
    reviews = [QualityReviewRecord("q1", day(0)), QualityReviewRecord("q2", day(30))]
    assert not quality_review_status(reviews, as_of=day(100)).overdue
    late = quality_review_status(reviews, as_of=day(121))
    assert late.overdue
    assert late.days_since == pytest.approx(91)
    assert quality_review_status([], as_of=day(0)).overdue
