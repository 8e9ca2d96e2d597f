"""Statistics of survey scales in pure Python: Cronbach's alpha, a t interval, a histogram."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from trustledger.domain.stats import mean, regularized_incomplete_beta, sample_sd

ALPHA_WARNING = 0.7
SCALE_MIN, SCALE_MAX = 1, 10


def _variance(values: Sequence[float]) -> float:
    return sample_sd(values) ** 2


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Alpha of one scale: rows are raters, columns the scale's items (already reverse-scored).

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the row totals).
    None when it is undefined: fewer than two items or raters, or totals that never vary.
    """
    if len(rows) < 2 or not rows[0] or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    if any(len(row) != k for row in rows):
        raise ValueError("every row needs the same items")
    totals = [math.fsum(row) for row in rows]
    total_variance = _variance(totals)
    if total_variance == 0:
        return None
    item_variance = math.fsum(_variance([row[i] for row in rows]) for i in range(k))
    return k / (k - 1) * (1 - item_variance / total_variance)


@functools.lru_cache(maxsize=512)
def t_quantile(p: float, df: int) -> float:
    """The p-quantile of Student's t with df degrees of freedom (p > 0.5), by bisection.

    Cached: a results page asks for the same few (p, df) pairs hundreds of times."""
    if df < 1:
        raise ValueError("df must be at least 1")

    def upper_tail(t: float) -> float:
        return 0.5 * regularized_incomplete_beta(df / (df + t * t), df / 2, 0.5)

    target = 1 - p
    low, high = 0.0, 1000.0
    for _ in range(200):
        mid = (low + high) / 2
        if upper_tail(mid) > target:
            low = mid
        else:
            high = mid
        if high - low < 1e-10:
            break
    return (low + high) / 2


def mean_interval(values: Sequence[float], level: float = 0.95) -> tuple[float, float] | None:
    """A t interval for the mean, clipped to the 1–10 scale; None below two values."""
    if len(values) < 2:
        return None
    m = mean(values)
    half = (
        t_quantile(1 - (1 - level) / 2, len(values) - 1)
        * sample_sd(values)
        / math.sqrt(len(values))
    )
    return (max(SCALE_MIN, m - half), min(SCALE_MAX, m + half))


def histogram(values: Sequence[float]) -> list[int]:
    """Counts of values rounded half up to 1..10 (index 0 counts the score 1)."""
    counts = [0] * SCALE_MAX
    for value in values:
        bucket = min(SCALE_MAX, max(SCALE_MIN, math.floor(value + 0.5)))
        counts[bucket - 1] += 1
    return counts
