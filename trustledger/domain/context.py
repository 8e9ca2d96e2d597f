"""Local context of counterpart persons: how much of their world we have written down."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    id_sort_key,
    sorted_ids,
)
from trustledger.domain.records import LocalContext

LOCAL_CONTEXT_FIELDS = (
    "role",
    "responsibilities_and_concerns",
    "culture",
    "country",
    "language",
    "time_zone",
    "preferred_channels",
    "important_to_them",
    "wants_next",
    "bad_outcome",
)
# How pages name each field; the reports keep the machine names.
FIELD_LABELS = {
    "role": "role",
    "responsibilities_and_concerns": "responsibilities and concerns",
    "culture": "corporate culture",
    "country": "country",
    "language": "language",
    "time_zone": "time zone",
    "preferred_channels": "preferred channels",
    "important_to_them": "what is important to them",
    "wants_next": "what they want to happen next",
    "bad_outcome": "what a bad outcome would be for them",
}


def missing_in_words(fields: Iterable[str]) -> str:
    """The missing fields of one person as a phrase: "role, time zone and what …"."""
    labels = [FIELD_LABELS.get(f, f.replace("_", " ")) for f in fields]
    if len(labels) < 2:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} and {labels[-1]}"


def missing_fields(context: LocalContext) -> tuple[str, ...]:
    """Fields left empty (blank text or no preferred channel)."""
    missing = []
    for name in LOCAL_CONTEXT_FIELDS:
        value = getattr(context, name)
        if (isinstance(value, str) and not value.strip()) or not value:
            missing.append(name)
    return tuple(missing)


@dataclass(frozen=True)
class ContextCompleteness(Explained):
    share: float | None  # filled fields / all fields, averaged over persons
    missing: tuple[tuple[str, tuple[str, ...]], ...]  # (person id as text, missing fields)
    explanation: Explanation


def local_context_completeness(contexts: Iterable[LocalContext]) -> ContextCompleteness:
    people = sorted(contexts, key=lambda c: (id_sort_key(c.person_id), repr(c)))
    per_person = [(c, missing_fields(c)) for c in people]
    total = len(LOCAL_CONTEXT_FIELDS)
    shares = [(total - len(m)) / total for _, m in per_person]
    share = sum(shares) / len(shares) if shares else None
    return ContextCompleteness(
        share=share,
        missing=tuple((str(c.person_id), m) for c, m in per_person if m),
        explanation=Explanation(
            formula=f"completeness = mean over persons of filled fields / {total}",
            inputs={"fields": ", ".join(LOCAL_CONTEXT_FIELDS), "persons": len(people)},
            n=len(people),
            evidence=EvidenceState.SUFFICIENT if people else EvidenceState.NONE,
            record_ids=sorted_ids(c.person_id for c in people),
        ),
    )
