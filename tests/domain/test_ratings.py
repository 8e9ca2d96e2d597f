import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain.explanation import EvidenceState
from trustledger.domain.ratings import organizational_trust, perception_gap, trust_from_ratings
from trustledger.domain.records import Rating, TrustComponent

from .factories import day, rating

C = TrustComponent
OUTSIDE = {
    # rater: (unit, reliability, credibility, transparency, character, self_orientation)
    "fin1": ("finance", 4, 7, 3, 8, 6),
    "fin2": ("finance", 5, 6, 4, 7, 7),
    "mkt1": ("marketing", 3, 7, 2, 8, 6),
    "mkt2": ("marketing", 4, 8, 3, 7, 5),
    "ops1": ("operations", 4, 7, 3, 8, 6),
}
ORDER = (C.RELIABILITY, C.CREDIBILITY, C.TRANSPARENCY, C.CHARACTER, C.SELF_ORIENTATION)


def unit_ratings() -> list[Rating]:
    out = []
    n = 0
    for rater, (unit, *values) in OUTSIDE.items():
        for component, value in zip(ORDER, values, strict=True):
            n += 1
            out.append(rating(n, rater, "it", component, value, on=1, rater_unit=unit))
    # Two IT members rate their own unit: transparent and selfless, they think.
    for rater in ("it1", "it2"):
        for component, value in zip(ORDER, (8, 8, 8, 8, 2), strict=True):
            n += 1
            out.append(rating(n, rater, "it", component, value, on=1, rater_unit="it"))
    return out


def test_organizational_trust_worked_example_counts_only_other_units() -> None:
    result = organizational_trust(unit_ratings(), "it", as_of=day(30))
    # means: R 4.0, C 7.0, Tr 3.0, Ch 7.6, S 6.0 -> (4 + 7 + 3 + 7.6) / 6 = 3.6
    assert result.trust.value == pytest.approx(3.6)
    assert result.dropped_same_unit == 10
    assert result.trust.n_raters == 5
    assert result.explanation.evidence is EvidenceState.SUFFICIENT
    low, high = result.explanation.interval  # type: ignore[misc]
    assert low < 3.6 < high
    assert any("dropped 10" in note for note in result.explanation.notes)


def test_organizational_trust_withholds_a_value_below_the_anonymity_threshold() -> None:
    few = [r for r in unit_ratings() if r.rater_id != "ops1"]
    result = organizational_trust(few, "it", as_of=day(30))
    assert result.trust.value is None
    assert result.explanation.evidence is EvidenceState.TOO_LITTLE
    assert all(cm.mean is None for cm in result.trust.components.values())


def test_organizational_trust_ignores_ratings_after_as_of() -> None:
    assert organizational_trust(unit_ratings(), "it", as_of=day(0)).trust.value is None


def test_organizational_trust_drops_raters_of_unknown_unit() -> None:
    stray = rating("x", "someone", "it", C.RELIABILITY, 1, on=1)
    result = organizational_trust([*unit_ratings(), stray], "it", as_of=day(30))
    assert result.dropped_unknown_unit == 1
    assert result.trust.value == pytest.approx(3.6)


def test_a_raters_latest_rating_replaces_their_earlier_one() -> None:
    later = rating(99, "fin1", "it", C.RELIABILITY, 9, on=5, rater_unit="finance")
    result = organizational_trust([*unit_ratings(), later], "it", as_of=day(30))
    assert result.trust.components["reliability"].mean == pytest.approx(5.0)
    assert result.trust.components["reliability"].n == 5


def test_perception_gap_flags_the_teams_blind_spots() -> None:
    result = perception_gap(unit_ratings(), "it", as_of=day(30), self_unit_id="it")
    gaps = {g.component: g for g in result.components}
    assert gaps[C.TRANSPARENCY].gap == pytest.approx(5.0)  # 8 - 3
    assert gaps[C.TRANSPARENCY].blind_spot
    assert gaps[C.SELF_ORIENTATION].gap == pytest.approx(-4.0)  # 2 - 6: lower is better
    assert gaps[C.SELF_ORIENTATION].blind_spot
    assert gaps[C.CHARACTER].gap == pytest.approx(0.4)  # 8 - 7.6: small
    assert not gaps[C.CHARACTER].blind_spot
    assert set(result.blind_spots) == {C.RELIABILITY, C.TRANSPARENCY, C.SELF_ORIENTATION}
    json.dumps(result.to_dict())


def test_perception_gap_needs_enough_other_raters() -> None:
    few = [r for r in unit_ratings() if r.rater_id not in ("ops1", "mkt2")]
    result = perception_gap(few, "it", as_of=day(30), self_unit_id="it")
    assert all(g.gap is None and not g.blind_spot for g in result.components)
    assert all(g.explanation.evidence is EvidenceState.TOO_LITTLE for g in result.components)


def test_person_trust_from_ratings_leaves_out_self_ratings() -> None:
    components = (C.CREDIBILITY, C.RELIABILITY, C.INTIMACY, C.CHARACTER, C.SELF_ORIENTATION)
    ratings = [
        rating(f"{rater}-{c.value}", rater, "tammy", c, 8 if c is not C.SELF_ORIENTATION else 4)
        for rater in ("r1", "r2", "r3", "r4", "r5")
        for c in components
    ]
    ratings.append(rating("self", "tammy", "tammy", C.SELF_ORIENTATION, 1))
    result = trust_from_ratings(ratings, "tammy", as_of=day(1))
    assert result.value == pytest.approx(8.0)  # (8 + 8 + 8 + 8) / 4
    assert "self" not in result.explanation.record_ids


ratings_strategy = st.lists(
    st.builds(
        Rating,
        id=st.integers(0, 10_000),
        rater_id=st.sampled_from(["r1", "r2", "r3", "r4", "r5", "r6", "it1"]),
        subject_id=st.just("it"),
        component=st.sampled_from(list(ORDER)),
        value=st.floats(1, 10),
        rated_at=st.integers(0, 5).map(day),
        rater_unit_id=st.sampled_from(["finance", "it", "marketing"]),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(ratings=ratings_strategy, seed=st.randoms(use_true_random=False))
def test_rating_order_never_changes_organizational_trust_or_gaps(ratings, seed) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(ratings)
    seed.shuffle(shuffled)
    assert organizational_trust(ratings, "it", as_of=day(5)) == organizational_trust(
        shuffled, "it", as_of=day(5)
    )
    assert perception_gap(ratings, "it", as_of=day(5), self_unit_id="it") == perception_gap(
        shuffled, "it", as_of=day(5), self_unit_id="it"
    )


@settings(max_examples=60, deadline=None)
@given(ratings=ratings_strategy)
def test_organizational_trust_stays_within_its_range(ratings) -> None:  # type: ignore[no-untyped-def]
    value = organizational_trust(ratings, "it", as_of=day(5)).trust.value
    assert value is None or 0.4 - 1e-9 <= value <= 40 + 1e-9
