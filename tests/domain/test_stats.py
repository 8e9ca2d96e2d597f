import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain.stats import (
    beta_interval,
    beta_quantile,
    median,
    regularized_incomplete_beta,
)


def test_incomplete_beta_matches_the_binomial_identity_for_whole_parameters() -> None:
    # I_0.5(2, 3) = P(Bin(4, 0.5) >= 2) = 11/16
    assert regularized_incomplete_beta(0.5, 2, 3) == pytest.approx(11 / 16, abs=1e-12)


def test_incomplete_beta_of_beta_2_2_is_the_cubic_cdf() -> None:
    for x in (0.01, 0.2, 0.5, 0.77, 0.99):
        assert regularized_incomplete_beta(x, 2, 2) == pytest.approx(3 * x**2 - 2 * x**3, abs=1e-12)


def test_incomplete_beta_is_zero_and_one_at_the_ends() -> None:
    assert regularized_incomplete_beta(0.0, 3, 4) == 0.0
    assert regularized_incomplete_beta(1.0, 3, 4) == 1.0


@pytest.mark.parametrize(("p", "a"), [(0.05, 2.0), (0.5, 3.5), (0.95, 7.0)])
def test_beta_quantile_with_b_one_is_the_power_root(p: float, a: float) -> None:
    assert beta_quantile(p, a, 1.0) == pytest.approx(p ** (1 / a), abs=1e-10)


@pytest.mark.parametrize(("p", "b"), [(0.05, 2.0), (0.5, 4.0), (0.95, 0.5)])
def test_beta_quantile_with_a_one_has_a_closed_form(p: float, b: float) -> None:
    assert beta_quantile(p, 1.0, b) == pytest.approx(1 - (1 - p) ** (1 / b), abs=1e-10)


def test_beta_2_2_is_symmetric_around_one_half() -> None:
    assert beta_quantile(0.5, 2, 2) == pytest.approx(0.5, abs=1e-12)
    low, high = beta_interval(2, 2, 0.9)
    assert low == pytest.approx(1 - high, abs=1e-12)
    assert 3 * low**2 - 2 * low**3 == pytest.approx(0.05, abs=1e-12)
    assert low == pytest.approx(0.1354, abs=1e-4)


@settings(max_examples=60, deadline=None)
@given(
    p=st.floats(0.001, 0.999),
    a=st.floats(0.5, 60),
    b=st.floats(0.5, 60),
)
def test_beta_quantile_inverts_the_cdf(p: float, a: float, b: float) -> None:
    x = beta_quantile(p, a, b)
    assert 0.0 <= x <= 1.0
    assert regularized_incomplete_beta(x, a, b) == pytest.approx(p, abs=1e-8)


def test_median_of_an_even_count_is_the_middle_mean() -> None:
    assert median([4, 1, 2, 8]) == 3
    assert median([5.0]) == 5.0
    assert not math.isnan(median([1, 2, 3]))


def test_beta_quantile_agrees_with_numerical_integration_of_the_density() -> None:
    a, b = 5.06, 2.64
    norm = math.exp(math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    x = beta_quantile(0.05, a, b)
    steps = 20_000
    h = x / steps
    area = sum(((k + 0.5) * h) ** (a - 1) * (1 - (k + 0.5) * h) ** (b - 1) for k in range(steps))
    assert area * h / norm == pytest.approx(0.05, abs=1e-6)
    assert x == pytest.approx(0.36913, abs=1e-5)
