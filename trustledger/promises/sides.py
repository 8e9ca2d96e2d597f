"""Who a promise found in a message was made to, and on which relationship.

The promisee is the first recipient ("to" before "cc") who stands on the other side of a
relationship the writer is on our side of; failing that, the first "to" recipient outside the
writer's organization (a relationship may not exist yet). The relationship is the most
specific one joining them: our person before our unit, the unit nearest the writer first;
their person before their unit (nearest first) before their organization.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trustledger.directory.models import Person, Unit
from trustledger.ledger.models import Relationship, RelationshipStatus

FAR = 1_000  # the rank of an organization-wide counterpart: after any unit
_Promisee = tuple[int, int | None] | None  # (promisee, relationship)


@dataclass(frozen=True)
class Party:
    pk: int
    unit_id: int | None
    organization_id: int | None
    ours: bool  # a person of a unit of an organization of kind "ours"


class SideFinder:
    """Reads the unit tree and the relationships once; answers for many messages."""

    def __init__(self) -> None:
        self.parent: dict[int, int | None] = dict(Unit.objects.values_list("id", "parent_id"))
        self.relationships = list(
            Relationship.objects.exclude(status=RelationshipStatus.ENDED).values_list(
                "id",
                "our_person_id",
                "our_unit_id",
                "counterpart_person_id",
                "counterpart_unit_id",
                "counterpart_organization_id",
            )
        )
        self.parties: dict[int, Party] = {}
        # Answers by (writer, recipients): the same people write to the same people again
        # and again. A party once learned never changes, so an answer stays true.
        self._promisees: dict[tuple[int, tuple[tuple[int, str], ...]], _Promisee] = {}

    def learn(self, person_ids: Iterable[int]) -> None:
        """Read the people a batch of messages names, once each."""
        wanted = {pk for pk in person_ids if pk not in self.parties}
        rows = Person.objects.filter(pk__in=wanted).values_list(
            "id", "unit_id", "organization_id", "unit__organization__kind"
        )
        for pk, unit_id, org_id, kind in rows:
            self.parties[pk] = Party(pk, unit_id, org_id, kind == "ours")

    def party(self, pk: int) -> Party | None:
        return self.parties.get(pk)

    def _chain(self, unit_id: int | None) -> list[int]:
        """The unit and the units above it, nearest first."""
        chain: list[int] = []
        while unit_id is not None and unit_id not in chain:
            chain.append(unit_id)
            unit_id = self.parent.get(unit_id)
        return chain

    def _our_rank(self, row: tuple[int | None, ...], writer: Party) -> int | None:
        _, our_person, our_unit, *_ = row
        if our_person is not None:
            return 0 if our_person == writer.pk else None
        chain = self._chain(writer.unit_id)
        return 1 + chain.index(our_unit) if our_unit in chain else None

    def _their_rank(self, row: tuple[int | None, ...], other: Party) -> int | None:
        *_, person, unit, organization = row
        if person is not None:
            return 0 if person == other.pk else None
        if unit is not None:
            chain = self._chain(other.unit_id)
            return 1 + chain.index(unit) if unit in chain else None
        return FAR if organization == other.organization_id else None

    def relationship(self, writer: Party, other: Party) -> int | None:
        """The most specific relationship with the writer on our side and `other` on theirs."""
        best: tuple[int, int, int] | None = None
        for row in self.relationships:
            ours = self._our_rank(row, writer)
            if ours is None:
                continue
            theirs = self._their_rank(row, other)
            # Someone on both sides (a unit inside the counterpart unit) counts as ours.
            if theirs is None or self._our_rank(row, other) is not None:
                continue
            ranked = (ours, theirs, row[0] or 0)
            best = ranked if best is None or ranked < best else best
        return best[2] if best else None

    def promisee(self, writer: Party, recipients: Sequence[tuple[int, str]]) -> _Promisee:
        """(promisee, relationship) for a message to `recipients` [(person, role)], or None
        when nobody on the other side received it."""
        key = (writer.pk, tuple(recipients))
        if key not in self._promisees:
            self._promisees[key] = self._promisee(writer, recipients)
        return self._promisees[key]

    def _promisee(self, writer: Party, recipients: Sequence[tuple[int, str]]) -> _Promisee:
        ordered = [pk for pk, role in recipients if role == "to"]
        ordered += [pk for pk, role in recipients if role != "to"]
        for pk in ordered:
            other = self.party(pk)
            if other is None or pk == writer.pk:
                continue
            found = self.relationship(writer, other)
            if found is not None:
                return pk, found
        for pk, role in recipients:
            other = self.party(pk)
            if role != "to" or other is None or pk == writer.pk:
                continue
            if other.organization_id is None or other.organization_id != writer.organization_id:
                return pk, None
        return None
