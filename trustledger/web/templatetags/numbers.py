"""How every page writes a number: `{% include "web/_num.html" with v=… scale="rating" %}`
reads the score with its scale and band in words (trustledger.domain.readings)."""

from __future__ import annotations

from typing import Any

from django import template

from trustledger.domain import readings
from trustledger.engine.reports import engine_settings
from trustledger.web.pages import wording

register = template.Library()

LOWER_IS_BETTER = {"self_orientation", "focus"}


@register.simple_tag(takes_context=True)
def reading(context: Any, value: Any, scale: str) -> readings.Reading:
    """The reading of `value` on `scale`; `digits` and `evidence` come from the include's
    context when given (an unset variable is not an error here)."""
    evidence, digits = context.get("evidence"), context.get("digits", 2)
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    return readings.read(
        number,
        readings.Scale(scale),
        digits=_digits(digits),
        evidence=evidence or None,
        settings=engine_settings(),
    )


def _digits(digits: Any, default: int = 2) -> int:
    text = str(digits)
    return int(text) if text.isdigit() else default


@register.filter
def component_scale(component: str) -> str:
    """The scale a trust component is read on: self-orientation is lower-is-better."""
    return "self_orientation" if str(component) in LOWER_IS_BETTER else "rating"


@register.filter
def figure(value: Any, digits: Any = 2) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    return readings.figure(float(value), _digits(digits))


@register.filter
def signed(value: Any, digits: Any = 1) -> str:
    """+2.4 / −1.2 / 0: a gap with its sign always written."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    text = readings.figure(abs(float(value)), _digits(digits, 1))
    if text == "0":
        return "0"
    return ("+" if value > 0 else "−") + text


@register.filter
def days(value: Any) -> str:
    return readings.days_in_words(value if isinstance(value, int | float) else None)


@register.filter
def health_words(band: Any) -> str:
    return readings.HEALTH_WORDS.get(str(band), str(band))


@register.filter
def toward_better(gap: Any, component: Any) -> float | None:
    """A raw perception gap (self − others) counted toward better: for a lower-is-better
    component (self-orientation) the sign turns, so a positive figure is always worse news."""
    if not isinstance(gap, int | float) or isinstance(gap, bool):
        return None
    return -gap if str(component) in LOWER_IS_BETTER else gap


@register.filter
def in_words(value: Any) -> str:
    """A machine value, or a list of them, in words: ["email", "in_person"] → "email, in person"."""
    if isinstance(value, list | tuple):
        return ", ".join(wording.words(v) for v in value)
    return wording.words(value)


@register.filter
def gap_words(gap: Any) -> str:
    """A next action's gap ({kind, measured, threshold}) in words."""
    if not isinstance(gap, dict):
        return ""
    return wording.gap_words(str(gap.get("kind")), gap.get("measured"), gap.get("threshold", 0))
