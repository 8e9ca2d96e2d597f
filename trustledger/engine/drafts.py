"""The language check of a draft (issue 15): the input read at the edge, the reading in the
shape the page, its JSON twin and the API all answer.

The reading itself is the pure core's (`trustledger.language.check_draft`); this module only
parses what a person typed (a bad value is a ValidationError naming the field) and lays the
result out: each sentence with its strength, the deciding words marked inside it, the due
date with its rule and the suggestion, and what zoning set aside.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError

from trustledger.directory.models import Person
from trustledger.domain.limits import TEXT_MAX
from trustledger.language import Reading, Strength, check_draft, classify, suggestion_for
from trustledger.web.params import EARLIEST, LATEST

ZONE_LABELS = {  # every kind of trustledger.language.zoning.ZoneKind
    "quote": "Quoted reply",
    "forward": "Forwarded message",
    "signature": "Signature",
    "disclaimer": "Disclaimer",
    "greeting": "Greeting",
}
TAGS = {s.value: s.words for s in Strength}


def zone_of(person_id: int | None) -> str:
    """The reader's own time zone when the directory knows it, else the app's."""
    if person_id is not None:
        found = Person.objects.filter(pk=person_id).values_list("time_zone", flat=True).first()
        if found:
            return found
    return str(settings.TIME_ZONE)


def read_input(
    text: str | None, written_at: str | None, time_zone: str | None, default_zone: str
) -> tuple[str, dt.datetime, str]:
    """The draft, when it is sent and where: each bad value named by its field."""
    errors: dict[str, str] = {}
    text = text or ""
    if not text.strip():
        errors["text"] = "Paste the message to check: it is empty."
    elif len(text) > TEXT_MAX:
        errors["text"] = f"At most {TEXT_MAX:,} characters: this one has {len(text):,}."
    zone = (time_zone or "").strip() or default_zone
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = f"{zone[:64]!r} is not a known time zone (e.g. Europe/Vienna)."
        tz = ZoneInfo("UTC")
    at = _moment(written_at, tz, errors)
    if errors:
        raise ValidationError(errors)
    return text, at, zone


def _moment(raw: str | None, tz: ZoneInfo, errors: dict[str, str]) -> dt.datetime:
    """Now when empty; a date means its noon; a time without an offset is read in `tz`."""
    raw = (raw or "").strip()
    if not raw:
        return dt.datetime.now(dt.UTC)
    try:
        if len(raw) == 10:
            value = dt.datetime.combine(dt.date.fromisoformat(raw), dt.time(12))
        else:
            value = dt.datetime.fromisoformat(raw)
    except ValueError:
        errors["written_at"] = (
            f"Give a date like 2026-11-20 or a time like 2026-11-20T09:30, not {raw[:40]!r}."
        )
        return dt.datetime.now(dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    if not EARLIEST <= value < LATEST:
        errors["written_at"] = "Give a moment between 1900 and 2199."
    return value


def pieces(reading: Reading) -> list[dict[str, Any]]:
    """The sentence cut at its cues, so a page can mark the deciding words."""
    out: list[dict[str, Any]] = []
    at = 0
    text = reading.sentence
    for cue in sorted(reading.cues, key=lambda c: c.start):
        if cue.start < at or cue.end > len(text):  # overlapping or out of range: not marked
            continue
        if cue.start > at:
            out.append({"text": text[at : cue.start], "cue": None})
        out.append({"text": text[cue.start : cue.end], "cue": cue.effect})
        at = cue.end
    if at < len(text):
        out.append({"text": text[at:], "cue": None})
    return out


def reading_of(reading: Reading) -> dict[str, Any]:
    return {
        "text": reading.sentence,
        "strength": reading.strength.value,
        "strength_label": reading.strength.words,
        "is_promise": reading.is_promise,
        "cues": [
            {"words": c.words, "start": c.start, "end": c.end, "effect": c.effect}
            for c in reading.cues
        ],
        "explanation": reading.explanation,
        "pieces": pieces(reading),
    }


def checked(text: str, written_at: dt.datetime, time_zone: str) -> dict[str, Any]:
    """The whole check, JSON-ready."""
    found = check_draft(text, written_at, time_zone)
    sentences = []
    for i, s in enumerate(found.sentences, start=1):
        row = reading_of(s.reading)
        row["index"] = i
        row["due"] = (
            {"on": s.due.on.isoformat(), "words": s.due.words, "rule": s.due.rule}
            if s.due
            else None
        )
        row["suggestion"] = s.suggestion
        sentences.append(row)
    counts = {k: sum(1 for s in sentences if s["strength"] == k) for k in TAGS}
    return {
        "written_at": written_at.isoformat(),
        "written_at_label": f"{written_at.astimezone(ZoneInfo(time_zone)):%a %-d %b %Y, %H:%M}",
        "time_zone": time_zone,
        "sentences": sentences,
        "counts": counts,
        "promises": sum(n for k, n in counts.items() if k != Strength.NONE),
        "removed": [
            {
                "kind": z.kind,
                "label": ZONE_LABELS.get(z.kind, z.kind),
                "text": z.text,
                "first_line": z.first_line,
                "last_line": z.last_line,
            }
            for z in found.zoned.removed
        ],
    }


def strength_of(sentence: str) -> dict[str, Any]:
    """One sentence's reading, for the commitment form's hint as the person types."""
    reading = classify(" ".join(sentence.split()))
    row = reading_of(reading)
    row["suggestion"] = suggestion_for(reading, has_due_date=True)
    # The form's strength choices: "none" has no choice there (it is not a promise).
    row["choice"] = reading.strength.value if reading.is_promise else None
    return row
