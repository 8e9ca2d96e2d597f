"""Who stands on each side of a relationship, as sets of person ids."""

from __future__ import annotations

from dataclasses import dataclass

from trustledger.directory.models import Person
from trustledger.directory.tree import units_below
from trustledger.ledger.models import Relationship

OURS = "ours"
THEIRS = "theirs"


def unit_subtree_ids(unit_id: int) -> set[int]:
    return units_below([unit_id])


def people_of_unit(unit_id: int) -> set[int]:
    return set(
        Person.objects.filter(unit_id__in=unit_subtree_ids(unit_id)).values_list("id", flat=True)
    )


@dataclass(frozen=True)
class Sides:
    ours: frozenset[int]
    theirs: frozenset[int]

    def side_of(self, person_id: int | None) -> str | None:
        if person_id in self.ours:
            return OURS
        if person_id in self.theirs:
            return THEIRS
        return None


def sides_of(relationship: Relationship) -> Sides:
    if relationship.our_person_id:
        ours = {relationship.our_person_id}
    else:
        ours = people_of_unit(relationship.our_unit_id)
    if relationship.counterpart_person_id:
        theirs = {relationship.counterpart_person_id}
    elif relationship.counterpart_unit_id:
        theirs = people_of_unit(relationship.counterpart_unit_id)
    else:
        theirs = set(
            Person.objects.filter(
                organization_id=relationship.counterpart_organization_id
            ).values_list("id", flat=True)
        )
    # A person on both sides (a unit inside the counterpart unit) counts as ours.
    return Sides(frozenset(ours), frozenset(theirs - ours))
