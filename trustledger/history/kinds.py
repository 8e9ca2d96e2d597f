"""Which records have a history, and which rows are parts of another record's history.

Every directory and ledger record kind has one. Rows of a set that belongs to a record (an
interaction's participants, a decision's stakeholders, a review's status per measure) are
written as a change of that record's set, and so are many-to-many fields (a relationship's
goals, a review's attendees). Surveys are left out on purpose: answers are anonymous and must
never reach a history.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model

from trustledger.accounts.access import RECORD_KINDS
from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger import models as m


def tracked() -> dict[str, type[Model]]:
    """kind → model, for every record with a history."""
    return {
        "organization": Organization,
        "unit": Unit,
        "person": Person,
        "relationship": m.Relationship,
        **RECORD_KINDS,
        # Answering back: read by both sides of the relationship (`query.readable`).
        **ANSWER_KINDS,
    }


ANSWER_KINDS: dict[str, type[Model]] = {
    "help_ask": m.HelpAsk,
    "level_statement": m.LevelStatement,
}


@dataclass(frozen=True)
class Part:
    """Rows of `model` that belong to the record named by their `parent` key."""

    model: type[Model]
    parent: str  # the foreign key to the owning record
    kind: str  # the owning record's kind
    field: str  # the name of the set on the owning record
    label: str
    skipped: tuple[str, ...] = ()  # copies of the owner's fields, not worth a word


def parts() -> tuple[Part, ...]:
    return (
        Part(
            m.InteractionParticipant,
            "interaction",
            "interaction",
            "participants",
            "Participants",
            ("occurred_at",),
        ),
        Part(m.DecisionStakeholder, "decision", "decision", "stakeholders", "People involved"),
        Part(m.QualityReviewMeasure, "review", "review", "measure_statuses", "Status per measure"),
    )
