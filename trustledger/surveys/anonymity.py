"""Anonymity of survey results, in pure Python: what may be shown over which raters.

Every page, JSON twin, CSV export, trend, the trust engine (`engine.ratings.survey_evidence`:
unit, person and relationship scores, map cells, explanations) and `perceived_components`
read their numbers from `publish()`, so the rules below hold everywhere (docs/surveys.md):

1. an aggregate is shown only over at least k raters;
2. breakdown groups under k are hidden, and more groups are hidden until the hidden ones add up
   to zero or to at least k raters (complementary suppression), and until no sum and difference
   of the shown groups of *all* dimensions and the total covers fewer than k raters
   (`disclosure.small_disclosure`), so subtraction recovers nothing;
3. across the closed campaigns of one subject, taken in closing order, a figure is published
   only when its n equals or differs by at least k from every earlier published figure of the
   same component, so two views never differ by fewer than k raters; a list of comments only
   when its length differs by at least k from every earlier published list (never equal).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from trustledger.domain.stats import mean
from trustledger.surveys.disclosure import small_disclosure
from trustledger.surveys.scales import ALPHA_WARNING, cronbach_alpha, histogram, mean_interval

COMMENT_MIN_RATERS = 10
SHOWN, SUPPRESSED, DIFFERENCING, NONE = "shown", "suppressed", "differencing", "none"
DIMENSIONS = ("unit", "organization")
SERVICE_LEVELS = 5


@dataclass(frozen=True)
class RaterAnswers:
    """One rater's answers in one campaign, already scored; it carries no identity."""

    is_self: bool
    unit: Hashable | None
    organization: Hashable | None
    items: Mapping[str, float]  # item code -> scored answer; "don't know" is absent
    components: Mapping[str, float]  # component -> mean of its scored answers
    service_level: int | None = None
    comment: str = ""

    def group(self, dimension: str) -> Hashable | None:
        return self.unit if dimension == "unit" else self.organization


@dataclass(frozen=True)
class CampaignInput:
    key: Hashable
    raters: Sequence[RaterAnswers]


@dataclass(frozen=True)
class Aggregate:
    state: str  # shown | suppressed (n < k) | differencing (see rule 3) | none (no answers)
    n: int | None  # None unless shown: even the count of a small group is withheld
    mean: float | None = None
    interval: tuple[float, float] | None = None
    distribution: list[int] | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def aggregate(values: Sequence[float], k: int) -> Aggregate:
    """Rule 1: mean, n, interval and distribution over at least k raters, or nothing."""
    if not values:
        return Aggregate(NONE, 0)
    if len(values) < k:
        return Aggregate(SUPPRESSED, None)
    return Aggregate(SHOWN, len(values), mean(values), mean_interval(values), histogram(values))


def suppress_groups(
    counts: Mapping[Hashable, int],
    k: int,
    force_hidden: Iterable[Hashable] = (),
    residual_ok: Callable[[int], bool] = lambda n: True,
) -> frozenset[Hashable]:
    """Rule 2: groups to hide. Primary: n < k (or forced). Complementary: while the hidden
    groups add up to 1..k-1 raters (or to a count `residual_ok` refuses, e.g. one that differs
    from an earlier campaign's figure by fewer than k), also hide the smallest visible group."""
    hidden = {g for g, n in counts.items() if n < k} | (set(force_hidden) & set(counts))
    while True:
        residual = sum(counts[g] for g in hidden)
        if residual == 0 or (residual >= k and residual_ok(residual)):
            return frozenset(hidden)
        visible = sorted((n, repr(g), g) for g, n in counts.items() if g not in hidden)
        if not visible:
            return frozenset(hidden)
        hidden.add(visible[0][2])


def differencing_ok(n: int, earlier: Iterable[int], k: int) -> bool:
    """Rule 3: n may be shown next to every earlier published n (equal, or k apart)."""
    return all(n == m or abs(n - m) >= k for m in earlier)


@dataclass
class ComponentFigures:
    others: Aggregate
    self_view: Aggregate
    alpha: float | None = None
    alpha_warning: bool = False
    gap: float | None = None  # self - others
    breakdowns: dict[str, dict[Hashable, Aggregate]] = field(default_factory=dict)


@dataclass
class CampaignFigures:
    key: Hashable
    components: dict[str, ComponentFigures]
    service_level: Aggregate
    suggested_level: int | None
    comments: list[str] | None  # None: fewer than COMMENT_MIN_RATERS other raters
    others_count: int | None  # responses from others, withheld below k


def _alpha(raters: Sequence[RaterAnswers], items: Sequence[str], k: int) -> float | None:
    """Alpha over the raters who answered every item of the scale (and at least k of them)."""
    rows = [[r.items[i] for i in items] for r in raters if all(i in r.items for i in items)]
    return cronbach_alpha(rows) if len(rows) >= k else None


class _History:
    """Published n's per (view, component), across the campaigns seen so far."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], list[int]] = {}
        self.pending: list[tuple[tuple[str, str], int]] = []

    def allows(self, view: str, component: str, n: int, k: int) -> bool:
        return differencing_ok(n, self.seen.get((view, component), []), k)

    def publish(self, view: str, component: str, n: int) -> None:
        # Decisions inside one campaign compare only with earlier campaigns.
        self.pending.append(((view, component), n))

    def end_campaign(self) -> None:
        for key, n in self.pending:
            self.seen.setdefault(key, []).append(n)
        self.pending = []


def _checked(agg: Aggregate, history: _History, view: str, component: str, k: int) -> Aggregate:
    if not agg.shown:
        return agg
    assert agg.n is not None
    if not history.allows(view, component, agg.n, k):
        return Aggregate(DIFFERENCING, None)
    history.publish(view, component, agg.n)
    return agg


def _breakdowns(
    others: Sequence[RaterAnswers], component: str, k: int, history: _History
) -> dict[str, dict[Hashable, Aggregate]]:
    """Rule 2 across every dimension at once: no combination of the overall figure and the
    shown groups of all dimensions may disclose fewer than k raters (`disclosure`)."""
    answered = [r for r in others if component in r.components]
    values = {d: _grouped(answered, component, d) for d in DIMENSIONS}
    counts = {d: {g: len(v) for g, v in values[d].items()} for d in DIMENSIONS}
    forced = {
        d: {g for g, n in counts[d].items() if not history.allows("others", component, n, k)}
        for d in DIMENSIONS
    }
    cells: dict[Hashable, int] = {}
    for rater in answered:
        cell = (rater.unit, rater.organization)
        cells[cell] = cells.get(cell, 0) + 1
    extra: dict[str, set[Hashable]] = {d: set() for d in DIMENSIONS}

    def ok(n: int) -> bool:
        # What subtraction from the total gives back must pass rule 3 as well.
        return history.allows("others", component, n, k)

    while True:
        hidden = {d: suppress_groups(counts[d], k, forced[d] | extra[d], ok) for d in DIMENSIONS}
        shown = {
            (d, g): frozenset(c for c in cells if c[DIMENSIONS.index(d)] == g)
            for d in DIMENSIONS
            for g in counts[d]
            if g not in hidden[d]
        }
        extra_hidden = _to_hide(frozenset(cells), shown, cells, k)
        if extra_hidden is None:
            break
        extra[extra_hidden[0]].add(extra_hidden[1])
    result: dict[str, dict[Hashable, Aggregate]] = {}
    for d in DIMENSIONS:
        result[d] = {}
        for group, group_values in values[d].items():
            if group in hidden[d]:
                state = DIFFERENCING if group in forced[d] else SUPPRESSED
                result[d][group] = Aggregate(state, None)
            else:
                result[d][group] = aggregate(group_values, k)
                history.publish("others", component, len(group_values))
    return result


def _grouped(
    raters: Sequence[RaterAnswers], component: str, dimension: str
) -> dict[Hashable, list[float]]:
    values: dict[Hashable, list[float]] = {}
    for rater in raters:
        values.setdefault(rater.group(dimension), []).append(rater.components[component])
    return values


def _to_hide(
    total: frozenset[Hashable],
    shown: Mapping[tuple[str, Hashable], frozenset[Hashable]],
    cells: Mapping[Hashable, int],
    k: int,
) -> tuple[str, Hashable] | None:
    """The next group to hide so that fewer raters are disclosed, or None when the shown groups
    and the total disclose no set of fewer than k raters. Prefers the smallest group whose
    hiding alone ends the disclosure, then the smallest group that covers part of it."""
    leak = small_disclosure([total, *shown.values()], cells, k)
    if leak is None:
        return None
    by_size = sorted(shown, key=lambda key: (sum(cells[c] for c in shown[key]), repr(key)))
    for key in by_size:
        rest = [total, *(cells_ for other, cells_ in shown.items() if other != key)]
        if small_disclosure(rest, cells, k) is None:
            return key
    return next((key for key in by_size if shown[key] & leak), by_size[0])


def _campaign(
    campaign: CampaignInput,
    components: Mapping[str, Sequence[str]],
    k: int,
    self_min: int,
    history: _History,
) -> CampaignFigures:
    others = [r for r in campaign.raters if not r.is_self]
    selves = [r for r in campaign.raters if r.is_self]
    figures: dict[str, ComponentFigures] = {}
    for component, items in components.items():
        values = [r.components[component] for r in others if component in r.components]
        own = [r.components[component] for r in selves if component in r.components]
        theirs = _checked(aggregate(values, k), history, "others", component, k)
        mine = _checked(aggregate(own, self_min), history, "self", component, self_min)
        cf = ComponentFigures(theirs, mine)
        if theirs.shown:
            cf.alpha = _alpha(others, items, k)
            # Warn on the value as shown (two decimals), so 0.70 never carries a warning.
            cf.alpha_warning = cf.alpha is not None and round(cf.alpha, 2) < ALPHA_WARNING
            if mine.shown and mine.mean is not None and theirs.mean is not None:
                cf.gap = mine.mean - theirs.mean
        if theirs.shown:
            cf.breakdowns = _breakdowns(others, component, k, history)
        else:
            for dimension in DIMENSIONS:
                groups = {r.group(dimension) for r in others if component in r.components}
                cf.breakdowns[dimension] = {g: Aggregate(SUPPRESSED, None) for g in groups}
        figures[component] = cf
    levels = [float(r.service_level) for r in others if r.service_level]
    level = _checked(aggregate(levels, k), history, "others", "service_level", k)
    suggested = None
    if level.shown:
        level = Aggregate(level.state, level.n, level.mean, level.interval, _level_counts(levels))
        suggested = sorted(int(v) for v in levels)[(len(levels) - 1) // 2]
    comments = None
    texts = sorted(r.comment.strip() for r in others if r.comment.strip())
    # Rule 4 for comments is stricter: a list may not follow an earlier published one of the
    # same subject unless their sizes are at least k apart. Equal sizes are refused too: a
    # swap of one commenter would show the newcomer's words verbatim, not a difference.
    earlier = history.seen.get(("comments", "all"), [])
    if len(others) >= COMMENT_MIN_RATERS and all(abs(len(texts) - m) >= k for m in earlier):
        comments = texts
        history.publish("comments", "all", len(texts))
    history.end_campaign()
    return CampaignFigures(
        campaign.key,
        figures,
        level,
        suggested,
        comments,
        len(others) if len(others) >= k else None,
    )


def _level_counts(levels: Sequence[float]) -> list[int]:
    counts = [0] * SERVICE_LEVELS
    for value in levels:
        counts[int(value) - 1] += 1
    return counts


def publish(
    campaigns: Sequence[CampaignInput],
    components: Mapping[str, Sequence[str]],
    k: int,
    *,
    self_min: int | None = None,
) -> list[CampaignFigures]:
    """The figures of a subject's closed campaigns, given in closing order.

    `components` maps each component to its item codes (for alpha). `self_min` is the
    threshold for the self view: k for a unit's members, 1 for a person's own assessment.
    """
    if k < 1:
        raise ValueError("k must be positive")
    history = _History()
    return [
        _campaign(c, components, k, k if self_min is None else self_min, history) for c in campaigns
    ]
