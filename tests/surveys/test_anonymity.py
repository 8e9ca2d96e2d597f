"""The pure anonymity rules and scale statistics, without a database."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustledger.surveys.anonymity import (
    DIFFERENCING,
    SHOWN,
    SUPPRESSED,
    CampaignInput,
    RaterAnswers,
    aggregate,
    differencing_ok,
    publish,
    suppress_groups,
)
from trustledger.surveys.scales import cronbach_alpha, histogram, mean_interval, t_quantile

SCALES = {"credibility": ["c1", "c2"]}


def rater(value: float, unit: str | None = "fin", *, is_self: bool = False, comment: str = ""):
    return RaterAnswers(
        is_self=is_self,
        unit=unit,
        organization="ours",
        items={"c1": value, "c2": value},
        components={"credibility": value},
        comment=comment,
    )


def test_cronbach_alpha_matches_a_hand_computed_example():
    # Item variances 5/3, 2/3, 2.75/3 (sum 3.25); totals 8, 13, 11, 15 have variance 26.75/3.
    # alpha = 3/2 * (1 - 3.25 / (26.75/3)) = 1.5 * 17/26.75 = 102/107.
    rows = [[2, 3, 3], [4, 4, 5], [3, 4, 4], [5, 5, 5]]
    assert cronbach_alpha(rows) == pytest.approx(102 / 107, abs=1e-12)


def test_cronbach_alpha_is_undefined_without_variation_or_items():
    assert cronbach_alpha([[5, 5], [5, 5], [5, 5]]) is None
    assert cronbach_alpha([[5], [6]]) is None
    assert cronbach_alpha([[5, 6]]) is None


def test_t_quantile_matches_tables():
    assert t_quantile(0.975, 9) == pytest.approx(2.262, abs=1e-3)
    assert t_quantile(0.975, 4) == pytest.approx(2.776, abs=1e-3)
    assert t_quantile(0.975, 1000) == pytest.approx(1.962, abs=1e-3)


def test_mean_interval_is_a_t_interval_clipped_to_the_scale():
    low, high = mean_interval([4, 5, 6, 5, 5])
    half = 2.776 * math.sqrt(0.5) / math.sqrt(5)
    assert (low, high) == pytest.approx((5 - half, 5 + half), abs=1e-3)
    assert mean_interval([1, 1, 10, 1, 1])[0] == 1


def test_histogram_rounds_half_up():
    assert histogram([1, 1.49, 1.5, 10, 9.6]) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]


def test_it_hides_ratings_below_the_anonymity_threshold():
    assert aggregate([5, 6, 7, 8], 5).state == SUPPRESSED
    hidden = aggregate([5, 6, 7, 8], 5)
    assert hidden.n is None and hidden.mean is None and hidden.distribution is None
    shown = aggregate([5, 6, 7, 8, 9], 5)
    assert shown.state == SHOWN and shown.n == 5 and shown.mean == 7


def test_primary_suppression_hides_small_groups_and_the_complement_hides_one_more():
    # 6 + 6 + 2: the group of 2 hidden; total - 6 - 6 would give it back, so a 6 goes too.
    assert suppress_groups({"a": 6, "b": 7, "c": 2}, 5) == {"c", "a"}
    # Two small groups hide each other when together they reach k.
    assert suppress_groups({"a": 6, "b": 3, "c": 3}, 5) == {"b", "c"}
    # Nothing small: nothing hidden.
    assert suppress_groups({"a": 6, "b": 5}, 5) == frozenset()
    # Forced hiding (differencing) also triggers the complement.
    assert suppress_groups({"a": 6, "b": 9}, 5, force_hidden={"b"}) == {"b"}
    assert suppress_groups({"a": 6, "b": 3, "c": 8}, 5) == {"b", "a"}


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(1, 30), max_size=8),
    st.integers(3, 8),
)
def test_no_hidden_remainder_can_be_recovered_by_subtraction(counts, k):
    hidden = suppress_groups(counts, k)
    residual = sum(counts[g] for g in hidden)
    total = sum(counts.values())
    # What subtraction gives back is either nothing, or at least k raters, or the total itself
    # (which is then under k and suppressed as a whole).
    assert residual == 0 or residual >= k or total < k
    assert all(counts[g] >= k for g in counts if g not in hidden)


@given(st.integers(0, 50), st.lists(st.integers(0, 50), max_size=5), st.integers(3, 8))
def test_differencing_rule_allows_only_equal_or_k_apart(n, earlier, k):
    ok = differencing_ok(n, earlier, k)
    assert ok == all(m == n or abs(m - n) >= k for m in earlier)


def test_consecutive_campaigns_with_one_rater_added_never_both_show():
    first = CampaignInput(1, [rater(5) for _ in range(6)])
    second = CampaignInput(2, [rater(5) for _ in range(6)] + [rater(10)])
    a, b = publish([first, second], SCALES, 5)
    assert a.components["credibility"].others.state == SHOWN
    assert b.components["credibility"].others.state == DIFFERENCING
    # and the breakdown of the second is hidden with it: its groups would add up to the total
    assert all(not g.shown for g in b.components["credibility"].breakdowns["unit"].values())


def test_a_published_figure_never_disappears_when_later_campaigns_close():
    first = CampaignInput(1, [rater(5) for _ in range(6)])
    second = CampaignInput(2, [rater(5) for _ in range(7)])
    alone = publish([first], SCALES, 5)[0]
    together = publish([first, second], SCALES, 5)[0]
    assert alone.components["credibility"].others == together.components["credibility"].others


def test_a_group_that_grows_by_one_between_campaigns_is_hidden_with_its_complement():
    first = CampaignInput(
        1, [rater(5, "fin") for _ in range(6)] + [rater(5, "mkt") for _ in range(10)]
    )
    second = CampaignInput(
        2, [rater(5, "fin") for _ in range(7)] + [rater(5, "mkt") for _ in range(20)]
    )
    _, b = publish([first, second], SCALES, 5)
    assert b.components["credibility"].others.state == SHOWN  # 27 vs 16: k apart
    cells = b.components["credibility"].breakdowns["unit"]
    assert cells["fin"].state == DIFFERENCING  # 7 vs 6 in the earlier campaign
    assert not cells["mkt"].shown  # else 27 - 20 gives Finance back


def test_comments_need_ten_other_raters_and_come_sorted():
    nine = CampaignInput(1, [rater(5, comment=f"c{i}") for i in range(9)])
    ten = CampaignInput(2, [rater(5, comment=f"z{9 - i}") for i in range(10)])
    a, b = publish([nine, ten], SCALES, 5)
    assert a.comments is None
    assert b.comments == sorted(b.comments) and len(b.comments) == 10


def test_self_view_of_a_unit_needs_k_members():
    raters = [rater(5) for _ in range(6)] + [rater(9, is_self=True) for _ in range(4)]
    (figures,) = publish([CampaignInput(1, raters)], SCALES, 5)
    assert figures.components["credibility"].self_view.state == SUPPRESSED
    assert figures.components["credibility"].gap is None
