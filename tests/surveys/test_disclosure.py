"""Complementary suppression across dimensions (A2), as pure properties: whatever the raters'
units and organizations, no sum and difference of the figures `publish` shows covers fewer
than k raters. The check here is independent of the one in the code (numpy ranks per rater,
not exact fractions per cell)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.surveys.anonymity import CampaignInput, RaterAnswers, publish
from trustledger.surveys.disclosure import small_disclosure

K = 3
SCALES = {"credibility": ["c1"]}
# units belong to one organization each; a rater without a unit may be in any organization
UNITS = {"fin": "ours", "mkt": "ours", "ops": "ours", "buy": "customer"}


def rater(unit: str | None, organization: str | None, value: float) -> RaterAnswers:
    return RaterAnswers(
        is_self=False,
        unit=unit,
        organization=organization,
        items={"c1": value},
        components={"credibility": value},
    )


placements = st.one_of(
    st.sampled_from([(u, o) for u, o in UNITS.items()]),
    st.sampled_from([(None, "ours"), (None, "customer"), (None, "partner"), (None, None)]),
)


def disclosed_small_sets(raters: list[RaterAnswers], shown_groups: list[set[int]]) -> list:
    everyone = set(range(len(raters)))
    rows = np.array([[1.0 if i in g else 0.0 for i in everyone] for g in [everyone, *shown_groups]])
    rank = np.linalg.matrix_rank(rows)
    found = []
    for size in range(1, K):
        for subset in itertools.combinations(everyone, size):
            vector = np.zeros(len(raters))
            vector[list(subset)] = 1.0
            if np.linalg.matrix_rank(np.vstack([rows, vector])) == rank:
                found.append(subset)
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(placements, st.integers(1, 10)), min_size=K, max_size=14))
def test_shown_breakdowns_never_disclose_fewer_than_k_raters(answers):
    raters = [rater(u, o, float(v)) for (u, o), v in answers]
    figures = publish([CampaignInput("c", raters)], SCALES, K)[0].components["credibility"]
    assert figures.others.shown
    shown = []
    for dimension, groups in figures.breakdowns.items():
        for group, agg in groups.items():
            if agg.shown:
                members = {i for i, r in enumerate(raters) if r.group(dimension) == group}
                assert len(members) >= K
                shown.append(members)
    assert disclosed_small_sets(raters, shown) == []


def test_an_organization_minus_its_unit_is_caught():
    fin, victim, partner = ("fin", "ours"), (None, "ours"), (None, "partner")
    sizes = {fin: 6, victim: 1, partner: 6}
    total = frozenset(sizes)
    by_unit = [frozenset({fin}), frozenset({victim, partner})]
    by_org = [frozenset({fin, victim}), frozenset({partner})]
    assert small_disclosure([total, *by_unit, *by_org], sizes, 5) == {victim}
    # the chain "total − no unit = Finance; ours − Finance = victim" is caught too
    assert small_disclosure([total, by_unit[1], by_org[0]], sizes, 5) == {victim}
    assert small_disclosure([total, by_org[0], by_org[1]], sizes, 5) is None
