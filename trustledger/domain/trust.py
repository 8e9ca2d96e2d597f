"""The trust equation (Maister, Green & Galford) and its relatives, over components on 1–10."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from trustledger.domain.explanation import EvidenceState, Explained, Explanation
from trustledger.domain.settings import EngineSettings, TrustForm, resolve

COMPONENT_MIN = 1.0
COMPONENT_MAX = 10.0


def check_component(name: str, value: float) -> float:
    """A component must be a finite number on the 1–10 scale; the error names it."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number on the 1–10 scale, got {value!r}")
    if not COMPONENT_MIN <= value <= COMPONENT_MAX:
        raise ValueError(f"{name} must be within 1–10, got {value}")
    return float(value)


def ratio_bounds(numerator_terms: int) -> tuple[float, float]:
    """Range of (sum of n components) / divisor with every value on 1–10."""
    return numerator_terms * COMPONENT_MIN / COMPONENT_MAX, numerator_terms * COMPONENT_MAX


@dataclass(frozen=True)
class TrustScore(Explained):
    value: float
    form: TrustForm
    components: Mapping[str, float]
    minimum: float
    maximum: float
    explanation: Explanation


def trust_equation(
    credibility: float,
    reliability: float,
    intimacy: float,
    self_orientation: float,
    character: float | None = None,
    settings: EngineSettings | None = None,
) -> TrustScore:
    """T = (C + R + I + Ch) / S, or (C + R + I) / S when `settings.trust.form` is three-term."""
    form = resolve(settings).trust.form
    components = {
        "credibility": check_component("credibility", credibility),
        "reliability": check_component("reliability", reliability),
        "intimacy": check_component("intimacy", intimacy),
    }
    notes: tuple[str, ...] = ()
    if form is TrustForm.FOUR_TERM:
        if character is None:
            raise ValueError("character is required by the four-term trust equation")
        components["character"] = check_component("character", character)
        formula = "T = (credibility + reliability + intimacy + character) / self_orientation"
    else:
        formula = "T = (credibility + reliability + intimacy) / self_orientation"
        if character is not None:
            check_component("character", character)
            notes = ("character given but not used: the three-term form is set",)
    divisor = check_component("self_orientation", self_orientation)
    value = math.fsum(components.values()) / divisor
    low, high = ratio_bounds(len(components))
    inputs = {**components, "self_orientation": divisor}
    return TrustScore(
        value=value,
        form=form,
        components=inputs,
        minimum=low,
        maximum=high,
        explanation=Explanation(
            formula=formula, inputs=inputs, n=1, evidence=EvidenceState.SUFFICIENT, notes=notes
        ),
    )


@dataclass(frozen=True)
class AttentionQuality(Explained):
    value: float
    minimum: float
    maximum: float
    explanation: Explanation


def quality_of_attention(
    credibility: float,
    reliability: float,
    character: float,
    intimacy: float,
    focus: float,
) -> AttentionQuality:
    """Q = (C + R + Ch + I) / F, F the focus on oneself (1 = all on the other person)."""
    inputs = {
        "credibility": check_component("credibility", credibility),
        "reliability": check_component("reliability", reliability),
        "character": check_component("character", character),
        "intimacy": check_component("intimacy", intimacy),
    }
    divisor = check_component("focus", focus)
    low, high = ratio_bounds(4)
    return AttentionQuality(
        value=math.fsum(inputs.values()) / divisor,
        minimum=low,
        maximum=high,
        explanation=Explanation(
            formula="Q = (credibility + reliability + character + intimacy) / focus",
            inputs={**inputs, "focus": divisor},
            n=1,
        ),
    )
