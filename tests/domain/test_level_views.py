"""Each side's view of the service level, and the gap that becomes a next action."""

import json

from trustledger.domain.actions import ActionKind, Priority, next_actions
from trustledger.domain.level_views import gap_step, level_views
from trustledger.domain.records import LevelStatementRecord, RelationshipEvidence, ServiceLevel

from .factories import day


def said(rid: str, side: str, level: ServiceLevel, at: float, by: str = "") -> LevelStatementRecord:
    return LevelStatementRecord(rid, side, level, day(at), reason="because", stated_by=by)


def test_the_latest_statement_of_each_side_counts() -> None:
    statements = [
        said("s1", "ours", ServiceLevel.PARTNER, 0),
        said("s2", "ours", ServiceLevel.CONSULTANT, 5, "Tobias Berg"),
        said("s3", "theirs", ServiceLevel.VENDOR, 3, "Margit Esterházy"),
    ]
    views = level_views(statements, as_of=day(10))
    assert views.ours is not None and views.ours.id == "s2"
    assert views.theirs is not None and views.theirs.id == "s3"
    assert views.gap == 2
    assert views.explanation.record_ids == ("s2", "s3")
    assert any("they see vendor (Margit Esterházy" in n for n in views.explanation.notes)
    # As of day 4 our latest word was "partner".
    assert level_views(statements, as_of=day(4)).gap == 3
    json.dumps(views.to_dict())


def test_no_gap_until_both_sides_have_spoken() -> None:
    views = level_views([said("s1", "ours", ServiceLevel.PARTNER, 0)], as_of=day(1))
    assert views.gap is None and gap_step(views) is None
    same = [
        said("s1", "ours", ServiceLevel.PARTNER, 0),
        said("s2", "theirs", ServiceLevel.PARTNER, 0),
    ]
    assert level_views(same, as_of=day(1)).gap == 0


def test_a_level_gap_is_a_next_action_with_its_statements() -> None:
    evidence = RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        level_statements=(
            said("s1", "ours", ServiceLevel.CONSULTANT, 0),
            said("s2", "theirs", ServiceLevel.PROBLEM_SOLVER, 1),
        ),
    )
    actions = next_actions(evidence, as_of=day(2), level=ServiceLevel.CONSULTANT)
    gap = next(a for a in actions if a.kind is ActionKind.CLOSE_LEVEL_GAP)
    assert gap.priority is Priority.MEDIUM
    assert gap.gap.measured == 1.0 and gap.gap.record_ids == ("s1", "s2")
    assert "they see a problem solver" in gap.step and "consultant" in gap.step
    wide = RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        level_statements=(
            said("s1", "ours", ServiceLevel.PARTNER, 0),
            said("s2", "theirs", ServiceLevel.VENDOR, 1),
        ),
    )
    wide_gap = next(
        a
        for a in next_actions(wide, as_of=day(2), level=ServiceLevel.PARTNER)
        if a.kind is ActionKind.CLOSE_LEVEL_GAP
    )
    assert wide_gap.priority is Priority.HIGH
    agreed = RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        level_statements=(
            said("s1", "ours", ServiceLevel.PARTNER, 0),
            said("s2", "theirs", ServiceLevel.PARTNER, 1),
        ),
    )
    kinds = {a.kind for a in next_actions(agreed, as_of=day(2), level=ServiceLevel.PARTNER)}
    assert ActionKind.CLOSE_LEVEL_GAP not in kinds


def test_they_seeing_us_higher_asks_what_they_value() -> None:
    views = level_views(
        [said("s1", "ours", ServiceLevel.VENDOR, 0), said("s2", "theirs", ServiceLevel.PARTNER, 0)],
        as_of=day(1),
    )
    assert views.gap == -3
    step = gap_step(views)
    assert step is not None and "what they value" in step
