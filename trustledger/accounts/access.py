"""Who may see and change what. Pages, the API and exports all ask here.

- An admin sees and changes everything.
- A unit's manager sees the unit (and the units under it), its people and their
  relationships, and may change them.
- A member sees their own relationships (and may change them) and their unit's aggregates,
  including the unit's own relationships, read only.
- A viewer reads what a manager of the same unit would see, and changes nothing.
- A user with no membership sees nothing but their own person's relationships.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from trustledger.accounts.models import Role, User
from trustledger.directory.models import Person, Unit
from trustledger.directory.tree import units_below
from trustledger.ledger.models import Relationship


@dataclass(frozen=True)
class Scope:
    """The reach of one user, computed once per request."""

    is_admin: bool
    person_id: int | None
    # Units whose people and relationships the user may read as a whole.
    readable_unit_ids: frozenset[int]
    # Units whose relationships the user may change (manager role).
    managed_unit_ids: frozenset[int]
    # Units the user belongs to (any role), for aggregates.
    member_unit_ids: frozenset[int]
    read_only: bool

    def can_read_unit(self, unit_id: int) -> bool:
        return self.is_admin or unit_id in self.readable_unit_ids or unit_id in self.member_unit_ids

    def relationships(self) -> QuerySet[Relationship]:
        qs = Relationship.objects.all()
        if self.is_admin:
            return qs
        return qs.filter(self._relationship_filter())

    def _relationship_filter(self) -> Q:
        units = self.readable_unit_ids
        condition = Q(our_unit_id__in=units) | Q(our_person__unit_id__in=units)
        condition |= Q(our_unit_id__in=self.member_unit_ids)
        if self.person_id is not None:
            condition |= Q(our_person_id=self.person_id)
        return condition

    def can_read_relationship(self, relationship: Relationship) -> bool:
        return self.is_admin or self.relationships().filter(pk=relationship.pk).exists()

    def can_change_relationship(self, relationship: Relationship) -> bool:
        if self.is_admin:
            return True
        if self.read_only and not self.managed_unit_ids:
            return False
        if self.person_id is not None and relationship.our_person_id == self.person_id:
            return True
        managed = self.managed_unit_ids
        if relationship.our_unit_id in managed:
            return True
        return relationship.our_person_id is not None and relationship.our_person.unit_id in managed

    def people(self) -> QuerySet[Person]:
        qs = Person.objects.all()
        if self.is_admin:
            return qs
        condition = Q(unit_id__in=self.readable_unit_ids)
        if self.person_id is not None:
            condition |= Q(pk=self.person_id)
        # The counterparts of relationships one may read are visible too.
        related = self.relationships().values("counterpart_person_id")
        condition |= Q(pk__in=related)
        return qs.filter(condition)

    def units(self) -> QuerySet[Unit]:
        qs = Unit.objects.all()
        if self.is_admin:
            return qs
        return qs.filter(pk__in=self.readable_unit_ids | self.member_unit_ids)


def scope_for(user: User) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope(False, None, frozenset(), frozenset(), frozenset(), True)
    if user.is_superuser:
        return Scope(True, user.person_id, frozenset(), frozenset(), frozenset(), False)
    memberships = list(user.memberships.values_list("unit_id", "role"))
    managed = {unit for unit, role in memberships if role == Role.MANAGER}
    viewing = {unit for unit, role in memberships if role == Role.VIEWER}
    members = {unit for unit, _ in memberships}
    managed_tree = units_below(managed)
    readable = managed_tree | units_below(viewing)
    only_viewer = bool(memberships) and all(role == Role.VIEWER for _, role in memberships)
    return Scope(
        is_admin=False,
        person_id=user.person_id,
        readable_unit_ids=frozenset(readable),
        managed_unit_ids=frozenset(managed_tree),
        member_unit_ids=frozenset(members),
        read_only=only_viewer,
    )
