"""Numbers that read themselves: a score with its scale and a band in words.

"4.78 on 0.4–40 · fair", "8.2 of 10 · good", "62 of 100 · needs attention". A number that
rests on no evidence reads "no evidence yet" and shows no number at all: a default (5.5 of
10 from the prior) is not a score. The cuts between bands are settings (`BandSettings`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from trustledger.domain.explanation import EvidenceState, Explained
from trustledger.domain.settings import BandCuts, EngineSettings, resolve


class Scale(enum.StrEnum):
    TRUST = "trust"  # the trust equation, 0.4–40
    RATING = "rating"  # a 1–10 rating or evidence score, higher is better
    SELF_ORIENTATION = "self_orientation"  # 1–10, lower is better
    SHARE = "share"  # 0–1, higher is better
    HEALTH = "health"  # 0–100, with the health bands

    @property
    def text(self) -> str:
        return SCALE_TEXT[self]

    @property
    def lower_is_better(self) -> bool:
        return self is Scale.SELF_ORIENTATION


SCALE_TEXT = {
    Scale.TRUST: "on 0.4–40",
    Scale.RATING: "of 10",
    Scale.SELF_ORIENTATION: "of 10, lower is better",
    Scale.SHARE: "of 1",
    Scale.HEALTH: "of 100",
}

BANDS = ("poor", "fair", "good", "strong")
HEALTH_WORDS = {"red": "at risk", "amber": "needs attention", "green": "healthy"}
NO_EVIDENCE = "no evidence yet"
TOO_LITTLE = "too little evidence"


def _cuts(scale: Scale, settings: EngineSettings) -> BandCuts:
    bands = settings.bands
    return {
        Scale.TRUST: bands.trust,
        Scale.RATING: bands.rating,
        Scale.SELF_ORIENTATION: bands.self_orientation,
        Scale.SHARE: bands.share,
    }[scale]


def band_of(value: float, scale: Scale, settings: EngineSettings | None = None) -> str:
    """The band in words of a value on its scale; a value on a cut belongs to the upper band."""
    cfg = resolve(settings)
    if scale is Scale.HEALTH:
        health = cfg.health
        colour = (
            "green"
            if value >= health.green_from
            else "amber"
            if value >= health.amber_from
            else "red"
        )
        return HEALTH_WORDS[colour]
    cuts = _cuts(scale, cfg)
    thresholds = (cuts.fair_from, cuts.good_from, cuts.strong_from)
    if scale.lower_is_better:
        reached = sum(1 for cut in thresholds if value <= cut)
    else:
        reached = sum(1 for cut in thresholds if value >= cut)
    return BANDS[reached]


def figure(value: float, digits: int = 2) -> str:
    """A value rounded for reading: trailing zeros dropped ("8.2", "62", "4.78")."""
    # Half up, as Django's floatformat rounds, so a sentence and a table agree.
    text = str(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Reading(Explained):
    value: float | None  # None: nothing to show as a number
    scale: Scale
    scale_text: str
    band: str | None
    text: str


def read(
    value: float | None,
    scale: Scale,
    *,
    digits: int = 2,
    evidence: EvidenceState | str | None = None,
    settings: EngineSettings | None = None,
) -> Reading:
    """The reading of one score. `evidence` "no evidence" hides the number (it is a default)."""
    if evidence is not None and EvidenceState(evidence) is EvidenceState.NONE:
        return Reading(None, scale, scale.text, None, NO_EVIDENCE)
    if value is None:
        return Reading(None, scale, scale.text, None, TOO_LITTLE)
    band = band_of(value, scale, settings)
    return Reading(value, scale, scale.text, band, f"{figure(value, digits)} {scale.text} · {band}")


def overrating(self_value: float | None, others: float | None, scale: Scale) -> float | None:
    """How much better the self view is than others' view, in the scale's good direction:
    positive means a team sees itself better than others see it (worse news), for every
    component alike, so a red badge always means worse. For a lower-is-better scale the raw
    gap (self - others) changes sign."""
    if self_value is None or others is None:
        return None
    raw = self_value - others
    return -raw if scale.lower_is_better else raw


def gap_sentence(
    *,
    subject: str,
    raters: str,
    component: str,
    self_value: float | None,
    others: float | None,
    scale: Scale = Scale.RATING,
    blind_spot_threshold: float | None = None,
    settings: EngineSettings | None = None,
) -> str | None:
    """ "Finance rates IT's transparency 5.2 of 10; IT rates itself 8.6 — a blind spot." Only
    for a gap at least `bands.gap_notable` wide; None when either side is not shown."""
    cfg = resolve(settings)
    threshold = (
        cfg.perception.blind_spot_threshold
        if blind_spot_threshold is None
        else blind_spot_threshold
    )
    better = overrating(self_value, others, scale)
    if better is None or self_value is None or others is None:
        return None
    if abs(better) < cfg.bands.gap_notable:
        return None
    verb = "rate" if raters.lower() in {"others", "other units", "they"} else "rates"
    start = (
        f"{raters} {verb} {subject}’s {component} {figure(others, 1)} {scale.text}; "
        f"{subject} rates itself {figure(self_value, 1)}"
    )
    if better > threshold:
        return f"{start} — a blind spot."
    if better > 0:
        return f"{start}: it sees itself a little better than others do."
    return f"{start}: others see it better than it sees itself."


def days_in_words(days: float | None) -> str:
    """124.41 → "124 days"; under a day → "less than a day"; None → "never"."""
    if days is None:
        return "never"
    whole = round(days)
    if whole < 1:
        return "less than a day"
    return f"{whole} day{'s' if whole != 1 else ''}"
