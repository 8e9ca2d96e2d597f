"""Trust from survey ratings: a person's trust, a unit's organizational trust, perception gaps.

Each rater counts once per component (their latest rating as of `as_of`), and an aggregate is
only given over at least k raters (the anonymity threshold, `min_raters`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    RecordId,
    id_sort_key,
    sorted_ids,
)
from trustledger.domain.records import Rating, TrustComponent
from trustledger.domain.settings import EngineSettings, TrustForm, resolve
from trustledger.domain.stats import mean, sample_sd
from trustledger.domain.trust import COMPONENT_MAX, COMPONENT_MIN, check_component


@dataclass(frozen=True)
class ComponentMean(Explained):
    component: TrustComponent
    mean: float | None  # None below the anonymity threshold
    n: int
    interval: tuple[float, float] | None
    record_ids: tuple[RecordId, ...]


def latest_per_rater(
    ratings: Iterable[Rating], as_of: datetime, keep: Callable[[Rating], bool]
) -> dict[TrustComponent, dict[RecordId, Rating]]:
    """Each rater's latest rating of each component at or before as_of (ties: higher id)."""
    chosen: dict[TrustComponent, dict[RecordId, Rating]] = {}
    ordered = sorted(
        (r for r in ratings if r.rated_at <= as_of and keep(r)),
        key=lambda r: (r.rated_at, id_sort_key(r.id), r.value),
    )
    for rating in ordered:
        check_component(rating.component.value, rating.value)
        chosen.setdefault(rating.component, {})[rating.rater_id] = rating
    return chosen


def component_mean(
    component: TrustComponent, by_rater: Mapping[RecordId, Rating], min_raters: int, z: float
) -> ComponentMean:
    values = [r.value for r in by_rater.values()]
    ids = sorted_ids(r.id for r in by_rater.values())
    if len(values) < min_raters:
        return ComponentMean(component, None, len(values), None, ids)
    m = mean(values)
    half = z * sample_sd(values) / math.sqrt(len(values))
    interval = (max(COMPONENT_MIN, m - half), min(COMPONENT_MAX, m + half))
    return ComponentMean(component, m, len(values), interval, ids)


@dataclass(frozen=True)
class RatedTrust(Explained):
    """A trust ratio from others' ratings; `value` is None when a component lacks k raters."""

    subject_id: RecordId
    value: float | None
    components: Mapping[str, ComponentMean]
    n_raters: int
    explanation: Explanation


def _rated_ratio(
    subject_id: RecordId,
    chosen: Mapping[TrustComponent, Mapping[RecordId, Rating]],
    numerator: tuple[TrustComponent, ...],
    divisor: TrustComponent,
    formula: str,
    min_raters: int,
    z: float,
    notes: list[str],
) -> RatedTrust:
    wanted = (*numerator, divisor)
    means = {c.value: component_mean(c, chosen.get(c, {}), min_raters, z) for c in wanted}
    raters = {rid for c in wanted for rid in chosen.get(c, {})}
    ids = sorted_ids(i for cm in means.values() for i in cm.record_ids)
    fewest = min(cm.n for cm in means.values())
    value: float | None = None
    interval: tuple[float, float] | None = None
    if not raters:
        evidence = EvidenceState.NONE
    elif fewest < min_raters:
        evidence = EvidenceState.TOO_LITTLE
        short = [name for name, cm in means.items() if cm.n < min_raters]
        notes.append(f"fewer than {min_raters} raters for {', '.join(short)}: value withheld")
    else:
        evidence = EvidenceState.SUFFICIENT
        top = [means[c.value] for c in numerator]
        bottom = means[divisor.value]
        assert bottom.mean is not None and bottom.interval is not None
        value = math.fsum(cm.mean for cm in top if cm.mean is not None) / bottom.mean
        interval = (
            math.fsum(cm.interval[0] for cm in top if cm.interval) / bottom.interval[1],
            math.fsum(cm.interval[1] for cm in top if cm.interval) / bottom.interval[0],
        )
    inputs: dict[str, float | int | str | bool | None] = {
        name: cm.mean for name, cm in means.items()
    }
    inputs.update({f"{name}_n": cm.n for name, cm in means.items()})
    return RatedTrust(
        subject_id=subject_id,
        value=value,
        components=means,
        n_raters=len(raters),
        explanation=Explanation(
            formula=formula,
            inputs=inputs,
            n=fewest,
            interval=interval,
            evidence=evidence,
            record_ids=ids,
            notes=tuple(notes),
        ),
    )


def trust_from_ratings(
    ratings: Iterable[Rating],
    subject_id: RecordId,
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> RatedTrust:
    """A person's trust equation from others' ratings (self-ratings are left out)."""
    cfg = resolve(settings).trust
    chosen = latest_per_rater(
        ratings, as_of, lambda r: r.subject_id == subject_id and not r.is_self_rating
    )
    numerator: tuple[TrustComponent, ...] = (
        TrustComponent.CREDIBILITY,
        TrustComponent.RELIABILITY,
        TrustComponent.INTIMACY,
    )
    if cfg.form is TrustForm.FOUR_TERM:
        numerator = (*numerator, TrustComponent.CHARACTER)
    formula = f"T = ({' + '.join(f'mean({c.value})' for c in numerator)}) / mean(self_orientation)"
    return _rated_ratio(
        subject_id,
        chosen,
        numerator,
        TrustComponent.SELF_ORIENTATION,
        formula,
        cfg.min_raters,
        cfg.interval_z,
        ["each rater counts once per component (latest rating as of the date)"],
    )


@dataclass(frozen=True)
class OrganizationalTrust(Explained):
    unit_id: RecordId
    trust: RatedTrust
    dropped_same_unit: int
    dropped_unknown_unit: int
    explanation: Explanation


def organizational_trust(
    ratings: Iterable[Rating],
    unit_id: RecordId,
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> OrganizationalTrust:
    """OT = (R + C + Tr + Ch) / S_unit, rated only by people of other units."""
    cfg = resolve(settings).trust
    about_unit = [r for r in ratings if r.subject_id == unit_id and r.rated_at <= as_of]
    same = sum(1 for r in about_unit if r.rater_unit_id == unit_id)
    unknown = sum(1 for r in about_unit if r.rater_unit_id is None)
    chosen = latest_per_rater(
        about_unit, as_of, lambda r: r.rater_unit_id is not None and r.rater_unit_id != unit_id
    )
    notes = [
        "collective weighting: every outside rater's latest view counts once",
        f"dropped {same} rating(s) from the unit's own members",
    ]
    if unknown:
        notes.append(f"dropped {unknown} rating(s) whose rater unit is unknown")
    rated = _rated_ratio(
        unit_id,
        chosen,
        (
            TrustComponent.RELIABILITY,
            TrustComponent.CREDIBILITY,
            TrustComponent.TRANSPARENCY,
            TrustComponent.CHARACTER,
        ),
        TrustComponent.SELF_ORIENTATION,
        "OT = (reliability + credibility + transparency + character) / unit self_orientation",
        cfg.min_raters,
        cfg.interval_z,
        notes,
    )
    return OrganizationalTrust(unit_id, rated, same, unknown, rated.explanation)


@dataclass(frozen=True)
class ComponentGap(Explained):
    component: TrustComponent
    self_rating: float | None
    others_mean: float | None
    others_n: int
    gap: float | None  # self - others; positive means we rate ourselves higher
    blind_spot: bool
    explanation: Explanation


@dataclass(frozen=True)
class PerceptionGap(Explained):
    subject_id: RecordId
    components: tuple[ComponentGap, ...]
    blind_spots: tuple[TrustComponent, ...]
    explanation: Explanation


def perception_gap(
    ratings: Iterable[Rating],
    subject_id: RecordId,
    *,
    as_of: datetime,
    self_unit_id: RecordId | None = None,
    settings: EngineSettings | None = None,
) -> PerceptionGap:
    """Per component: the subject's self-rating minus the mean of others' ratings.

    For a unit, pass `self_unit_id` so its members' ratings count as the self view.
    """
    cfg = resolve(settings).perception
    about = [r for r in ratings if r.subject_id == subject_id]

    def is_self(r: Rating) -> bool:
        return r.is_self_rating or (self_unit_id is not None and r.rater_unit_id == self_unit_id)

    own = latest_per_rater(about, as_of, is_self)
    others = latest_per_rater(about, as_of, lambda r: not is_self(r))
    gaps: list[ComponentGap] = []
    for component in sorted(set(own) | set(others), key=lambda c: c.value):
        own_ratings = own.get(component, {})
        self_value = mean(r.value for r in own_ratings.values()) if own_ratings else None
        theirs = component_mean(component, others.get(component, {}), cfg.min_other_raters, 1.96)
        gap = None
        if self_value is not None and theirs.mean is not None:
            gap = self_value - theirs.mean
        # Lower is better for self-orientation: the blind spot is seeing ourselves as less
        # self-focused than others do, a negative gap.
        signed = None if gap is None else (-gap if component.lower_is_better else gap)
        blind = signed is not None and signed > cfg.blind_spot_threshold
        notes: list[str] = []
        if component.lower_is_better:
            notes.append("lower is better here: a blind spot is a gap below -threshold")
        if theirs.mean is None and theirs.n:
            notes.append(f"fewer than {cfg.min_other_raters} other raters: their mean withheld")
        if gap is None:
            evidence = EvidenceState.NONE if not theirs.n else EvidenceState.TOO_LITTLE
        else:
            evidence = EvidenceState.SUFFICIENT
        gaps.append(
            ComponentGap(
                component=component,
                self_rating=self_value,
                others_mean=theirs.mean,
                others_n=theirs.n,
                gap=gap,
                blind_spot=blind,
                explanation=Explanation(
                    formula="gap = mean(self ratings) - mean(others' ratings)",
                    inputs={
                        "self_rating": self_value,
                        "others_mean": theirs.mean,
                        "threshold": cfg.blind_spot_threshold,
                    },
                    n=theirs.n,
                    interval=None,
                    evidence=evidence,
                    record_ids=sorted_ids(
                        [r.id for r in own_ratings.values()] + list(theirs.record_ids)
                    ),
                    notes=tuple(notes),
                ),
            )
        )
    blind_spots = tuple(g.component for g in gaps if g.blind_spot)
    compared = [g for g in gaps if g.gap is not None]
    return PerceptionGap(
        subject_id=subject_id,
        components=tuple(gaps),
        blind_spots=blind_spots,
        explanation=Explanation(
            formula="per component: gap = mean(self) - mean(others); blind spot if gap > threshold",
            inputs={
                "threshold": cfg.blind_spot_threshold,
                "min_other_raters": cfg.min_other_raters,
            },
            n=len(compared),
            evidence=EvidenceState.SUFFICIENT if compared else EvidenceState.TOO_LITTLE,
            record_ids=sorted_ids(i for g in gaps for i in g.explanation.record_ids),
            notes=tuple(f"blind spot: {c.value}" for c in blind_spots),
        ),
    )
