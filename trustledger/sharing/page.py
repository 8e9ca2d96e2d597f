"""What the page behind a link shows its holder: the promises made to their side, the agreed
measures, the last quality review and the feedback they gave. Nothing else of the ledger
(no scores, no private notes, no other relationship) is read here."""

from __future__ import annotations

from typing import Any

from trustledger.directory.models import Person
from trustledger.ledger import models as m
from trustledger.ledger.confirmations import DISPUTABLE
from trustledger.sharing.actions import their_side
from trustledger.sharing.models import SharedLink


def promises(link: SharedLink) -> list[dict[str, Any]]:
    """Commitments filed under the relationship and made to a person of the other side;
    the holder answers for those made to them."""
    rel = link.relationship
    found = (
        rel.commitments.filter(promisee__in=Person.objects.filter(their_side(rel)))
        .select_related("promisor", "promisee", "confirmation_by")
        .order_by("-due_at", "-id")
    )
    return [
        {
            "id": c.pk,
            "what": c.what,
            "statement": c.statement,
            "promisor": str(c.promisor),
            "promisee": str(c.promisee),
            "to_holder": c.promisee_id == link.person_id,
            "strength": c.get_strength_display().split(" (")[0],
            "made_on": c.made_at.date().isoformat(),
            "due_on": c.due_at.date().isoformat(),
            "state": c.state,
            "state_label": c.get_state_display(),
            "closed_on": c.closed_at.date().isoformat() if c.closed_at else "",
            "confirmation": _confirmation(c),
            "disputed": c.confirmation == m.Confirmation.DISPUTED,
            "comment": c.confirmation_comment if c.confirmation_by_id else "",
            # Their word is asked while the promise is open, claimed or disputed.
            "answerable": c.state != m.CommitmentState.RENEGOTIATED
            and c.confirmation != m.Confirmation.CONFIRMED,
            "disputable": c.state in DISPUTABLE and c.confirmation == m.Confirmation.CLAIMED,
        }
        for c in found
    ]


def _confirmation(c: m.Commitment) -> str:
    """Who stands behind the outcome, in words: "confirmed by Wendell Achebe on 2026-11-30"."""
    if c.state == m.CommitmentState.OPEN:
        return ""
    if c.confirmation_by_id is None or c.confirmation_at is None:
        return "claimed by the promisor's side, not confirmed yet"
    verb = "disputed" if c.confirmation == m.Confirmation.DISPUTED else "confirmed"
    return f"{verb} by {c.confirmation_by} on {c.confirmation_at.date().isoformat()}"


def measures(link: SharedLink) -> list[dict[str, Any]]:
    return [
        {
            "id": measure.pk,
            "name": measure.name,
            "target": measure.target,
            "owner": str(measure.owner) if measure.owner else "",
            "agreed_on": measure.agreed_on.isoformat() if measure.agreed_on else "",
            "agreed_by_both": measure.agreed_by_both,
            "agreed_by_other": str(measure.agreed_by_other) if measure.agreed_by_other else "",
        }
        for measure in link.relationship.measures.select_related(
            "owner", "agreed_by_other"
        ).order_by("name", "pk")
    ]


def last_review(link: SharedLink) -> dict[str, Any] | None:
    review = link.relationship.reviews.order_by("-held_on", "-pk").first()
    if review is None:
        return None
    return {
        "held_on": review.held_on.isoformat(),
        "next_due": review.next_review_due.isoformat() if review.next_review_due else "",
        "notes": review.notes,
        "attendees": [str(p) for p in review.attendees.all()],
        "measures": [
            {"name": row.measure.name, "status": row.get_status_display(), "note": row.note}
            for row in review.measure_statuses.select_related("measure")
        ],
    }


def feedback(link: SharedLink) -> list[dict[str, Any]]:
    """The feedback the holder gave, with what the other side changed in response."""
    items = link.relationship.feedback.filter(from_person=link.person).order_by("-received_at")
    return [
        {
            "received_on": f.received_at.date().isoformat(),
            "summary": f.summary,
            "sentiment": f.get_sentiment_display(),
            "our_response": f.our_response,
            "loop_closed": f.loop_closed_at is not None,
        }
        for f in items[:20]
    ]


def context(link: SharedLink) -> dict[str, Any]:
    rel = link.relationship
    return {
        "person": str(link.person),
        "our_side": str(rel.our_side),
        "their_side": str(rel.counterpart),
        "purpose": rel.purpose,
        "expires_on": link.expires_at.date().isoformat(),
        "promises": promises(link),
        "measures": measures(link),
        "review": last_review(link),
        "feedback": feedback(link),
    }
