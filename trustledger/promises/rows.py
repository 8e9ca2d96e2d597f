"""A proposal as the queue pages, their JSON twins and the API show it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from trustledger.accounts.access import Scope
from trustledger.ledger import models as m
from trustledger.promises import access
from trustledger.promises.models import ProposalState, ProposedPromise

STRENGTHS = [(value, label.split(" (")[0]) for value, label in m.Strength.choices]
STATES = [*ProposalState.values, "all"]


def segments(sentence: str, cues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentence in pieces, the deciding words marked with what they did (for <mark>)."""
    pieces: list[dict[str, Any]] = []
    at = 0
    for cue in sorted(cues, key=lambda c: (c.get("start", 0), c.get("end", 0))):
        start, end = int(cue.get("start", 0)), int(cue.get("end", 0))
        # Offsets that do not fit the sentence (or overlap an earlier cue) are not marked.
        if not at <= start < end <= len(sentence):
            continue
        if start > at:
            pieces.append({"text": sentence[at:start], "cue": None})
        pieces.append({"text": sentence[start:end], "cue": cue.get("effect", "")})
        at = end
    if at < len(sentence):
        pieces.append({"text": sentence[at:], "cue": None})
    return pieces


def listed(qs: QuerySet[ProposedPromise]) -> QuerySet[ProposedPromise]:
    return qs.select_related(
        "promisor__unit",
        "promisee",
        "relationship__our_person",
        "relationship__our_unit",
        "relationship__counterpart_person",
        "relationship__counterpart_unit",
        "relationship__counterpart_organization",
        "interaction",
        "decided_by",
    )


def recipients_by_message(proposals: list[ProposedPromise]) -> dict[int, list[dict[str, Any]]]:
    """Each message's recipients (the promisee's choices), in one query for a page."""
    found: dict[int, list[dict[str, Any]]] = {}
    ids = {p.interaction_id for p in proposals if p.interaction_id}
    for iid, pid, name in (
        m.InteractionParticipant.objects.filter(interaction_id__in=ids)
        .order_by("pk")
        .values_list("interaction_id", "person_id", "person__display_name")
    ):
        found.setdefault(iid, []).append({"id": pid, "name": name})
    return found


def _person(person: Any, scope: Scope) -> dict[str, Any]:
    url = f"/people/{person.pk}/" if scope.can_read_person(person.pk) else None
    return {"id": person.pk, "name": person.display_name, "url": url}


def proposal_row(
    p: ProposedPromise, scope: Scope, recipients: dict[int, list[dict[str, Any]]]
) -> dict[str, Any]:
    rel = p.relationship
    message = p.interaction
    choices = [r for r in recipients.get(p.interaction_id or 0, []) if r["id"] != p.promisor_id]
    if not any(r["id"] == p.promisee_id for r in choices):
        choices.insert(0, {"id": p.promisee_id, "name": p.promisee.display_name})
    base = f"/promises/found/{p.pk}/"
    return {
        "id": p.pk,
        "state": p.state,
        "state_label": p.get_state_display(),
        "sentence": p.sentence,
        "segments": segments(p.sentence, p.cues),
        "strength": p.strength,
        "strength_label": dict(STRENGTHS)[p.strength],
        "strength_found": p.strength_found,
        "explanation": p.explanation,
        "cues": p.cues,
        "due_on": p.due_on.isoformat() if p.due_on else None,
        "due_found": {"on": p.due_found.isoformat(), "words": p.due_words, "rule": p.due_rule}
        if p.due_found
        else None,
        "promisor": _person(p.promisor, scope),
        "promisee": _person(p.promisee, scope),
        "recipients": choices,
        # Named always; a link only where the reader opens it (a member of a team below the
        # unit that keeps the relationship does not).
        "relationship": {
            "id": rel.pk,
            "name": str(rel),
            "url": f"/relationships/{rel.pk}/" if scope.shown_relationship_id(rel.pk) else None,
        }
        if rel is not None
        else None,
        "message": {
            "id": message.pk,
            "subject": message.subject,
            "url": f"/records/interaction/{message.pk}/",
        }
        if message is not None
        else None,
        "written_at": p.written_at.isoformat(),
        "decided_by": p.decided_by.get_username() if p.decided_by else None,
        "decided_at": p.decided_at.isoformat() if p.decided_at else None,
        "commitment": {"id": p.commitment_id, "url": f"/records/commitment/{p.commitment_id}/"}
        if p.commitment_id
        else None,
        "may_decide": p.state == ProposalState.PROPOSED and access.may_decide(scope, p),
        "urls": {verb: f"{base}{verb}/" for verb in ("confirm", "correct", "dismiss")},
    }


def rows(qs: QuerySet[ProposedPromise], scope: Scope) -> list[dict[str, Any]]:
    found = list(listed(qs))
    recipients = recipients_by_message(found)
    return [proposal_row(p, scope, recipients) for p in found]


def awaiting(scope: Scope, relationship: m.Relationship | None = None) -> int:
    """How many proposals await this scope's review (on one relationship, or all)."""
    qs = access.proposals(scope).filter(state=ProposalState.PROPOSED)
    if relationship is not None:
        qs = qs.filter(relationship=relationship)
    return qs.count()
