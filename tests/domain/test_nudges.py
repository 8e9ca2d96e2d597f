import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustledger.domain.nudges import (
    FeedbackFacts,
    NudgeFacts,
    NudgeKind,
    PromiseFacts,
    PromiseSide,
    RelationshipFacts,
    ReviewFacts,
    Urgency,
    cadence_of,
    nudges,
)
from trustledger.domain.records import CommitmentState, Confirmation, ServiceLevel
from trustledger.domain.settings import EngineSettings, HealthSettings, NudgeSettings

from .factories import day

AS_OF = day(100)


def rel(last: float | None, level: ServiceLevel = ServiceLevel.PARTNER, **kw: object):
    return RelationshipFacts(
        id=kw.pop("id", 12),  # type: ignore[arg-type]
        counterpart="Margit",
        level=level,
        last_two_way_contact=None if last is None else day(last),
        **kw,  # type: ignore[arg-type]
    )


def promise(id: int, due: float, side: PromiseSide = PromiseSide.TO_KEEP, **kw: object):
    return PromiseFacts(
        id=id, what=f"thing {id}", side=side, due_at=day(due), other="Finance", **kw
    )  # type: ignore[arg-type]


def of(*, rels=(), promises=(), feedback=(), reviews=(), settings=None, as_of=AS_OF):
    facts = NudgeFacts(7, relationships=rels, promises=promises, feedback=feedback, reviews=reviews)
    return nudges(
        facts,
        as_of=as_of,
        settings=settings,
    )


def test_it_nudges_to_keep_in_touch_past_the_levels_cadence_with_the_days_overdue():
    (n,) = of(rels=(rel(70),))  # a partner: every 21 days; 30 days since → 9 overdue
    assert n.kind is NudgeKind.KEEP_IN_TOUCH
    assert n.for_id == 7
    assert "30 days" in n.reason and "9 days overdue" in n.reason
    assert "partner needs contact every 21 days" in n.reason
    assert n.gap.threshold == 21 and n.gap.measured == 30
    assert n.link.action == "log_interaction"
    assert n.cause == "keep_in_touch:rel:12:2024-04-01"  # the day contact fell due


def test_it_stays_quiet_within_the_cadence():
    assert of(rels=(rel(80),)) == ()  # 20 days, partner cadence 21
    (n,) = of(rels=(rel(78.5),))
    assert "less than a day overdue" in n.reason


@pytest.mark.parametrize(
    ("level", "cadence"),
    [
        (ServiceLevel.VENDOR, 90),
        (ServiceLevel.PROBLEM_SOLVER, 60),
        (ServiceLevel.CONSULTANT, 30),
        (ServiceLevel.PARTNER, 21),
        (ServiceLevel.TRUSTED_ADVISOR, 14),
    ],
)
def test_the_cadence_follows_the_service_level(level, cadence):
    assert cadence_of(rel(0, level)) == cadence
    assert of(rels=(rel(100 - cadence, level),)) == ()
    assert len(of(rels=(rel(100 - cadence - 1, level),))) == 1


def test_a_relationships_own_cadence_wins_and_is_named():
    (n,) = of(rels=(rel(90, cadence_days=5),))
    assert "its own cadence is every 5 days" in n.reason
    assert of(rels=(rel(40, cadence_days=90),)) == ()


def test_the_cadence_per_level_is_a_setting():
    cadences = dict(HealthSettings().cadence_days)
    cadences[ServiceLevel.PARTNER] = 60.0
    settings = EngineSettings(health=HealthSettings(cadence_days=cadences))
    assert of(rels=(rel(70),), settings=settings) == ()


def test_with_no_contact_yet_the_clock_starts_with_the_relationship():
    (n,) = of(rels=(rel(None, started_at=day(0)),))
    assert "since the relationship started" in n.reason
    assert of(rels=(rel(None),)) == ()  # no date at all: nothing to be late against


def test_the_keep_in_touch_cause_is_stable_until_contact_moves_it():
    first = of(rels=(rel(70),))[0].cause
    assert of(rels=(rel(70),), as_of=day(110))[0].cause == first
    assert of(rels=(rel(75),), as_of=day(110))[0].cause != first


def test_a_promise_due_within_the_window_nudges_its_promisor():
    (n,) = of(promises=(promise(1, 105),))
    assert n.kind is NudgeKind.PROMISE_DUE and n.cause == "promise_due:commitment:1"
    assert "within 7 days" in n.reason and "to Finance" in n.reason
    assert n.urgency is Urgency.DIGEST
    assert n.link.action == "keep_commitment"
    assert of(promises=(promise(1, 108),)) == ()


def test_a_promise_due_tomorrow_cannot_wait_for_the_digest():
    (n,) = of(promises=(promise(1, 100.5),))
    assert n.urgency is Urgency.IMMEDIATE


def test_an_overdue_promise_is_overdue_and_not_also_due():
    (n,) = of(promises=(promise(1, 97),))
    assert n.kind is NudgeKind.PROMISE_OVERDUE and "Overdue by 3 days" in n.reason
    assert n.link.action == "keep_commitment_late"


def test_the_due_window_is_a_setting():
    settings = EngineSettings(nudges=NudgeSettings(promise_due_soon_days=10))
    assert len(of(promises=(promise(1, 108),), settings=settings)) == 1


def test_a_disputed_outcome_reaches_the_promisor_at_once():
    p = promise(
        3, 90, state=CommitmentState.KEPT, confirmation=Confirmation.DISPUTED,
        confirmation_at=day(95),
    )  # fmt: skip
    (n,) = of(promises=(p,))
    assert n.kind is NudgeKind.ANSWER_DISPUTE and n.urgency is Urgency.IMMEDIATE
    assert of(promises=(p,), as_of=day(126)) == ()  # 31 days on: no longer news


def test_a_claimed_kept_promise_asks_the_promisee_to_confirm():
    p = promise(4, 90, PromiseSide.OWED, state=CommitmentState.KEPT, closed_at=day(95))
    (n,) = of(promises=(p,))
    assert n.kind is NudgeKind.CONFIRM_OUTCOME and "confirm it" in n.reason
    assert "silence confirms it after 14 days" in n.reason
    assert of(promises=(p,), as_of=day(110)) == ()  # silence has confirmed it
    confirmed = promise(
        4, 90, PromiseSide.OWED, state=CommitmentState.KEPT, confirmation=Confirmation.CONFIRMED
    )
    assert of(promises=(confirmed,)) == ()


def test_what_one_side_owes_the_promisee_is_one_grouped_nudge():
    owed = tuple(
        promise(i, due, PromiseSide.OWED, other_id="unit:3") for i, due in ((1, 99), (2, 103))
    )
    far = promise(9, 130, PromiseSide.OWED, other_id="unit:3")
    (n,) = of(promises=(*owed, far))
    assert n.kind is NudgeKind.OWED_TO_YOU
    assert n.reason.startswith("Finance owes you 2 things (1 overdue, 1 due within 7 days): ")
    assert n.gap.record_ids == (1, 2)
    assert n.cause == "owed_to_you:unit:3:2024-W15"


def test_feedback_unanswered_after_the_threshold():
    waiting = FeedbackFacts(5, 12, "Margit", day(90), answered=False)
    (n,) = of(feedback=(waiting,))
    assert n.kind is NudgeKind.FEEDBACK_UNANSWERED and "waited 10 days" in n.reason
    assert "within 7 days" in n.reason and n.link.action == "close_feedback_loop"
    assert of(feedback=(FeedbackFacts(5, 12, "Margit", day(95), answered=False),)) == ()
    assert of(feedback=(FeedbackFacts(5, 12, "Margit", day(90), answered=True),)) == ()


def test_a_quality_review_is_nudged_ahead_of_its_date_and_when_overdue():
    set_at_last = ReviewFacts(12, "Margit", held_at=day(10), next_due_at=day(110))
    (n,) = of(reviews=(set_at_last,))
    assert n.kind is NudgeKind.REVIEW_DUE and "due " in n.reason
    assert "the date set at the last one" in n.reason and "14 days ahead" in n.reason
    assert n.cause == "review_due:rel:12:2024-04-20" and n.link.action == "record_review"
    assert of(reviews=(ReviewFacts(12, "M", held_at=day(10), next_due_at=day(115)),)) == ()
    (late,) = of(reviews=(ReviewFacts(12, "Margit", held_at=day(0)),))  # 90-day interval
    assert "overdue by 10 days" in late.reason and "every 90 days" in late.reason


def test_no_cause_is_nudged_twice():
    twice = (promise(1, 97), promise(1, 97))
    assert len(of(promises=twice, rels=(rel(70), rel(70)))) == 2


def test_bad_thresholds_name_their_setting():
    with pytest.raises(ValueError, match="nudges.immediate_due_days"):
        NudgeSettings(promise_due_soon_days=1, immediate_due_days=2)


@given(
    st.lists(st.tuples(st.integers(1, 6), st.floats(0, 200)), max_size=12),
    st.lists(st.floats(0, 100), max_size=5),
)
def test_causes_are_unique_and_every_nudge_names_its_threshold(promised, contacts):
    promises = tuple(
        promise(i, due, PromiseSide.OWED if i % 2 else PromiseSide.TO_KEEP, other_id=i % 3)
        for i, due in promised
    )
    rels = tuple(rel(last, id=i) for i, last in enumerate(contacts))
    found = of(promises=promises, rels=rels)
    causes = [n.cause for n in found]
    assert len(causes) == len(set(causes))
    for n in found:
        assert n.reason and n.gap.threshold >= 0
    immediate = [n.urgency is Urgency.IMMEDIATE for n in found]
    assert immediate == sorted(immediate, reverse=True)  # immediate ones first


@given(st.floats(0, 100), st.floats(0, 100))
def test_more_days_since_contact_never_removes_the_nudge(a, b):
    early, late = sorted((a, b))
    if of(rels=(rel(late),)):
        assert of(rels=(rel(early),))


def test_promises_found_in_mail_make_one_nudge_whose_count_changes_and_cause_stays():
    import datetime as dt

    from trustledger.domain.nudges import nudges

    now = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    three = list(nudges(NudgeFacts(for_id=7, promises_found=3), as_of=now))
    one = list(nudges(NudgeFacts(for_id=7, promises_found=1), as_of=now))
    assert [x.kind for x in three] == [NudgeKind.PROMISES_FOUND]
    assert three[0].cause == one[0].cause
    assert three[0].reason.startswith("3 sentences from your side's mail read as promises")
    assert one[0].reason.startswith("1 sentence from your side's mail reads as a promise")
    assert three[0].link.action == "review_promises_found"
    assert not nudges(NudgeFacts(for_id=7, promises_found=0), as_of=now)
