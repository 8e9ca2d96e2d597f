"""Self-orientation in language (issue 15): what our side writes to the other side, read by
the pure core (`trustledger.language.orientation`) — evidence beside the rated
self-orientation, never a replacement for it.

Read from the bodies kept in `Interaction.notes` of emails one side started and the other
took part in. Cheap by design: at most MESSAGES_READ messages (the latest) are read, and the
explanation says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from trustledger.directory.models import Channel, Person, Unit
from trustledger.engine.sides import sides_of
from trustledger.language import orientation, split_sentences, zone
from trustledger.ledger import models as m

MESSAGES_READ = 200  # the latest messages read; older ones are left out (and the text says so)
RELATIONSHIPS_READ = 50  # a person's relationships whose other side is read
NO_BODIES = "No message bodies kept for {whom}: import mail with bodies to see this."
ABOUT = (
    "Evidence, not a rating: the rated self-orientation (S, lower is better) comes from the "
    "surveys and is not changed by it."
)


def _sentences(bodies: Iterable[str]) -> list[str]:
    """The writer's own sentences: quoted replies, signatures and disclaimers set aside."""
    return [s.text for body in bodies for s in split_sentences(zone(body).body)]


def _evidence(
    initiators: Iterable[int],
    audience: Iterable[int],
    as_of: dt.datetime,
    whom: str,
    source: str,
    writer: str = "we",
) -> dict[str, Any]:
    """The orientation of the email bodies `initiators` wrote to someone of `audience`."""
    reached = m.InteractionParticipant.objects.filter(person_id__in=list(audience)).values(
        "interaction_id"
    )
    written = m.Interaction.objects.filter(
        channel=Channel.EMAIL,
        initiator_id__in=list(initiators),
        pk__in=reached,
        occurred_at__lte=as_of,
    ).exclude(notes="")
    bodies = list(
        written.order_by("-occurred_at", "-id").values_list("notes", flat=True)[: MESSAGES_READ + 1]
    )
    capped = len(bodies) > MESSAGES_READ
    bodies = bodies[:MESSAGES_READ]
    found = orientation(_sentences(bodies))
    share = found.share_about_them
    if not bodies:
        read = NO_BODIES.format(whom=whom)
    else:
        latest = f"the latest {MESSAGES_READ}" if capped else str(len(bodies))
        left_out = " (older ones are left out to keep it quick)" if capped else ""
        read = f"Read from {latest} emails {source}, with the body kept{left_out}. "
        read += found.explained(writer)
    return {
        "messages": len(bodies),
        "capped": capped,
        "cap": MESSAGES_READ,
        "sentences": found.sentences,
        "about_us": found.about_us,
        "about_them": found.about_them,
        "share_about_them": share,
        "questions": found.questions,
        "help_asks": found.help_asks,
        "intent_declared": found.intent_declared,
        "explanation": read,
        "about": ABOUT,
    }


def relationship_orientation(rel: m.Relationship, as_of: dt.datetime) -> dict[str, Any]:
    """Our side's emails to their side, for the serving side's page of the relationship."""
    sides = sides_of(rel)
    return _evidence(sides.ours, sides.theirs, as_of, "this relationship", "our side wrote to them")


def _units_above(unit_id: int | None) -> set[int]:
    """The unit and every unit above it (a unit's relationships are its people's too)."""
    found: set[int] = set()
    while unit_id is not None and unit_id not in found:
        found.add(unit_id)
        unit_id = Unit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    return found


def person_orientation(person: Person, as_of: dt.datetime) -> dict[str, Any]:
    """The person's own emails to the other side of the relationships they serve (the person
    page's self-orientation is theirs, so the evidence is their own words)."""
    served = m.Relationship.objects.filter(
        Q(our_person_id=person.pk) | Q(our_unit_id__in=_units_above(person.unit_id))
    ).order_by("pk")[:RELATIONSHIPS_READ]
    audience: set[int] = set()
    for rel in served:
        audience |= sides_of(rel).theirs
    audience.discard(person.pk)
    name = person.display_name
    return _evidence(
        [person.pk],
        audience,
        as_of,
        f"{name}'s relationships",
        f"{name} wrote to the other side of the relationships they serve",
        writer=name,
    )
