"""Who may see and change what. Pages, the API and exports all ask here.

- An admin sees and changes everything.
- A unit's manager sees the unit (and the units under it), its people and their
  relationships, and may change them.
- A member sees their own relationships (and may change them) and their unit's aggregates,
  including the unit's own relationships, read only.
- A viewer reads what a manager of the same unit would see, and changes nothing.
- A user with no membership sees nothing but their own person's relationships.

Records (interactions, commitments, feedback, needs, measures, reviews, level changes,
decisions, goals, incidents, reserve entries, indicators) follow one rule, `Scope.records`:

- a record filed under a relationship is read with that relationship, and only with it;
- a record filed under none is read by those who read its people in full (oneself, and the
  people of the units one manages or views), or, for decisions, goals and incidents, its unit;
- one always reads the records one is a party to (promised, was promised, took part).

The other side of a relationship (its counterpart) is a party too (docs/both-sides.md):

- a user stands on the other side of a relationship when its counterpart is their own
  person, a person of a unit they manage or view, a unit they belong to or one above it (or a
  unit they manage or view), or the organization of their units;
- from there they read the records filed under it that both sides keep (promises, feedback,
  needs, measures, reviews, level moves, decisions, interactions not marked private), never
  the serving side's own (trust reserve, indicators, incidents, private notes, goals);
- what they may change there is asked of `Scope.may_answer_for`.

A number may rest on records the reader may not open: pages and the API show the number,
list the records the reader may open and count the rest (`trustledger.accounts.disclosure`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet

from trustledger.accounts import per_request
from trustledger.accounts.models import Role, User
from trustledger.directory.models import Person, Unit
from trustledger.directory.tree import UnitTree
from trustledger.ledger import models as m
from trustledger.ledger.models import Relationship

# The kind in a "kind:pk" record id → the model it names.
RECORD_KINDS: dict[str, type[Model]] = {
    "interaction": m.Interaction,
    "commitment": m.Commitment,
    "feedback": m.FeedbackItem,
    "need": m.Need,
    "measure": m.AgreedMeasure,
    "review": m.QualityReview,
    "level_change": m.ServiceLevelChange,
    "decision": m.Decision,
    "goal": m.Goal,
    "incident": m.Incident,
    "reserve": m.ReserveEntry,
    "indicator": m.ServiceLevelIndicator,
}
ON_A_RELATIONSHIP = ("feedback", "need", "review", "level_change", "reserve", "indicator")
# The records of a relationship both sides keep: the other side reads these (and no others)
# of the relationships it is the counterpart of.
BOTH_SIDES_KINDS = (
    "interaction",
    "commitment",
    "feedback",
    "need",
    "measure",
    "review",
    "level_change",
    "decision",
)


class Side:
    """Where a user stands in one relationship."""

    OURS = "ours"  # the serving side: it keeps the relationship (or an admin)
    THEIRS = "theirs"  # the other side: the counterpart, its unit or its organization


ID_CHUNK = 5000


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
    # The user's id: people and organizations they entered on the web are theirs to see.
    user_id: int | None = None
    # Units whose relationships' other side the user stands on: the units they manage or
    # view (with the units below), the units they belong to and every unit above those.
    their_unit_ids: frozenset[int] = frozenset()
    # The organizations of the user's units and person.
    organization_ids: frozenset[int] = frozenset()
    # Filters built once per request: building them is dearer than running them.
    _built: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def can_read_unit(self, unit_id: int) -> bool:
        return self.is_admin or unit_id in self.readable_unit_ids or unit_id in self.member_unit_ids

    def relationships(self) -> QuerySet[Relationship]:
        if "relationships" not in self._built:
            qs = Relationship.objects.all()
            self._built["relationships"] = (
                qs if self.is_admin else qs.filter(self._relationship_filter())
            )
        return self._built["relationships"].all()  # type: ignore[no-any-return]

    def _relationship_filter(self) -> Q:
        units = self.readable_unit_ids
        condition = Q(our_unit_id__in=units) | Q(our_person__unit_id__in=units)
        condition |= Q(our_unit_id__in=self.member_unit_ids)
        if self.person_id is not None:
            condition |= Q(our_person_id=self.person_id)
        return condition

    def can_read_relationship(self, relationship: Relationship) -> bool:
        return self.is_admin or self.relationships().filter(pk=relationship.pk).exists()

    def shown_relationship_id(self, relationship_id: int | None) -> int | None:
        """The relationship a record is filed under, as this reader may name it: None when
        they read the record (as its party) but may not open the relationship from either
        side (`side_of`)."""
        if relationship_id is None or self.is_admin:
            return relationship_id
        if "relationship_ids" not in self._built:
            ids = self.relationships().values_list("pk", flat=True)
            self._built["relationship_ids"] = frozenset(ids)
        # Either side may open the relationship's page (the other side sees its view).
        opens = self._built["relationship_ids"] | self.their_relationship_ids()
        return relationship_id if relationship_id in opens else None

    # The other side of a relationship.

    def their_relationships(self) -> QuerySet[Relationship]:
        """The relationships the user stands on the other side of (never one they keep: a
        relationship one may read as its serving side is only "ours")."""
        if "their_relationships" not in self._built:
            if self.is_admin:
                qs = Relationship.objects.none()
            else:
                qs = Relationship.objects.filter(self._their_filter()).exclude(
                    pk__in=self.relationships().values("pk")
                )
            self._built["their_relationships"] = qs
        return self._built["their_relationships"].all()  # type: ignore[no-any-return]

    def their_relationship_ids(self) -> frozenset[int]:
        """The ids of `their_relationships()`, read once per request."""
        if "their_relationship_ids" not in self._built:
            ids = self.their_relationships().values_list("pk", flat=True)
            self._built["their_relationship_ids"] = frozenset(ids)
        return self._built["their_relationship_ids"]  # type: ignore[no-any-return]

    def _their_filter(self) -> Q:
        condition = Q(counterpart_unit_id__in=self.their_unit_ids)
        condition |= Q(counterpart_person__unit_id__in=self.readable_unit_ids)
        condition |= Q(counterpart_organization_id__in=self.organization_ids)
        if self.person_id is not None:
            condition |= Q(counterpart_person_id=self.person_id)
        return condition

    def side_of(self, relationship: Relationship) -> str | None:
        """`Side.OURS`, `Side.THEIRS`, or None when the user is on neither side."""
        if self.can_read_relationship(relationship):
            return Side.OURS
        if self.their_relationships().filter(pk=relationship.pk).exists():
            return Side.THEIRS
        return None

    def may_answer_for(self, relationship: Relationship) -> bool:
        """May the user act for the other side of this relationship (give feedback, confirm,
        dispute, agree a measure, state a level)? Not the serving side; not a viewer, unless
        they are the counterpart in person."""
        if self.is_admin or self.side_of(relationship) != Side.THEIRS:
            return False
        if self.person_id is not None and relationship.counterpart_person_id == self.person_id:
            return True  # the counterpart in person answers for themself, viewer or not
        return not (self.read_only and not self.managed_unit_ids)

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
        if self.user_id is not None:
            # So are the contacts one entered, before any relationship names them.
            condition |= Q(added_by_id=self.user_id)
        return qs.filter(condition)

    def can_read_person(self, person_id: int | None) -> bool:
        """May the user open this person's page? (Pages draw a name as a link only then.)"""
        if person_id is None:
            return False
        if self.is_admin:
            return True
        if "person_ids" not in self._built:
            self._built["person_ids"] = frozenset(self.people().values_list("pk", flat=True))
        return person_id in self._built["person_ids"]

    def units(self) -> QuerySet[Unit]:
        qs = Unit.objects.all()
        if self.is_admin:
            return qs
        return qs.filter(pk__in=self.readable_unit_ids | self.member_unit_ids)

    # Records: one rule per kind (see the module's docstring).

    def records(self, kind: str) -> QuerySet[Any]:
        """The records of one kind the user may open."""
        return RECORD_KINDS[kind].objects.filter(self.record_condition(kind))  # type: ignore[attr-defined,no-any-return]

    def can_read_record(self, kind: str, obj: Model) -> bool:
        return self.is_admin or self.records(kind).filter(pk=obj.pk).exists()

    def interactions(self) -> QuerySet[m.Interaction]:
        return self.records("interaction")

    def commitments(self) -> QuerySet[m.Commitment]:
        return self.records("commitment")

    def feedback(self) -> QuerySet[m.FeedbackItem]:
        return self.records("feedback")

    def needs(self) -> QuerySet[m.Need]:
        return self.records("need")

    def measures(self) -> QuerySet[m.AgreedMeasure]:
        return self.records("measure")

    def reviews(self) -> QuerySet[m.QualityReview]:
        return self.records("review")

    def level_changes(self) -> QuerySet[m.ServiceLevelChange]:
        return self.records("level_change")

    def decisions(self) -> QuerySet[m.Decision]:
        return self.records("decision")

    def record_condition(self, kind: str) -> Q:
        """The filter on the kind's model that keeps what the user may open."""
        if kind not in RECORD_KINDS:
            raise KeyError(f"no record kind {kind!r}; known: {', '.join(RECORD_KINDS)}")
        if self.is_admin:
            return Q()
        key = f"record:{kind}"
        if key not in self._built:
            self._built[key] = self._record_condition(kind)
        return self._built[key]  # type: ignore[no-any-return]

    def _record_condition(self, kind: str) -> Q:
        if kind == "goal":  # goals hang off relationships through a many-to-many
            return _goals(self)
        filed = Q(relationship_id__in=self.relationships().values("pk"))
        if kind in BOTH_SIDES_KINDS:
            theirs = Q(relationship_id__in=self.their_relationships().values("pk"))
            if kind == "interaction":
                theirs &= Q(private=False)
            filed |= theirs
        if kind in ON_A_RELATIONSHIP:
            return filed
        return filed | _UNFILED[kind](self)

    def people_read_in_full(self) -> QuerySet[Person]:
        """Oneself and the people of the units one manages or views: their unfiled records
        are one's to read. (Counterparts one merely sees are not.)"""
        condition = Q(unit_id__in=self.readable_unit_ids)
        if self.person_id is not None:
            condition |= Q(pk=self.person_id)
        return Person.objects.filter(condition)

    def visible_record_ids(self, record_ids: Iterable[str]) -> set[str]:
        """Of these "kind:pk" ids, those the user may open: one query per kind (and chunk).
        Ids of other kinds (survey responses, units) are never in the answer."""
        known: dict[str, bool] = self._built.setdefault("openable", {})
        asked = {str(rid) for rid in record_ids}
        wanted: dict[str, set[int]] = defaultdict(set)
        for rid in asked - known.keys():
            kind = record_kind(rid)
            if kind is not None:
                wanted[kind].add(int(rid.partition(":")[2]))
        for kind, pks in wanted.items():
            found = set(pks)
            if not self.is_admin:
                qs = self.people() if kind == "person" else self.records(kind)
                ordered = sorted(pks)
                found = set()
                for start in range(0, len(ordered), ID_CHUNK):
                    chunk = ordered[start : start + ID_CHUNK]
                    found |= set(qs.filter(pk__in=chunk).values_list("pk", flat=True))
            known.update({f"{kind}:{pk}": pk in found for pk in pks})
        return {rid for rid in asked if known.get(rid)}


def record_kind(record_id: object) -> str | None:
    """The kind in a "kind:pk" id of a record or a person (what access rules apply to), else None."""
    if not isinstance(record_id, str):
        return None
    kind, _, pk = record_id.partition(":")
    return kind if pk.isdigit() and (kind in RECORD_KINDS or kind == "person") else None


def _party(scope: Scope, *fields: str) -> Q:
    """Records one is a party to, or unfiled records whose party one reads in full."""
    in_full = scope.people_read_in_full().values("pk")
    unfiled = Q()
    for party in fields:
        unfiled |= Q(**{f"{party}_id__in": in_full})
    condition = Q(relationship__isnull=True) & unfiled
    if scope.person_id is not None:
        for party in fields:
            condition |= Q(**{f"{party}_id": scope.person_id})
    return condition


def _interaction_parties(scope: Scope) -> Q:
    in_full = scope.people_read_in_full().values("pk")
    taking_part = m.InteractionParticipant.objects.filter(person_id__in=in_full)
    condition = Q(relationship__isnull=True) & (
        Q(initiator_id__in=in_full) | Q(pk__in=taking_part.values("interaction_id"))
    )
    if scope.person_id is not None:
        mine = m.InteractionParticipant.objects.filter(person_id=scope.person_id)
        condition |= Q(initiator_id=scope.person_id) | Q(pk__in=mine.values("interaction_id"))
    return condition


def _unit_ids(scope: Scope) -> frozenset[int]:
    return scope.readable_unit_ids | scope.member_unit_ids


def _goals(scope: Scope) -> Q:
    attached = Relationship.goals.through.objects.filter(
        relationship_id__in=scope.relationships().values("pk")
    )
    return (
        Q(owner_unit_id__in=_unit_ids(scope))
        | Q(owner_person_id__in=scope.people_read_in_full().values("pk"))
        | Q(pk__in=attached.values("goal_id"))
    )


def _measures(scope: Scope) -> Q:
    attached = Relationship.goals.through.objects.filter(
        relationship_id__in=scope.relationships().values("pk")
    )
    goal = (
        Q(goal__owner_unit_id__in=_unit_ids(scope))
        | Q(goal__owner_person_id__in=scope.people_read_in_full().values("pk"))
        | Q(goal_id__in=attached.values("goal_id"))
    )
    return Q(relationship__isnull=True) & goal


def _decisions(scope: Scope) -> Q:
    return Q(deciding_unit_id__in=_unit_ids(scope)) | _party(scope, "decided_by")


# How a record not (or not only) reachable through a readable relationship is read.
_UNFILED = {
    "interaction": _interaction_parties,
    "commitment": lambda scope: _party(scope, "promisor", "promisee"),
    "measure": _measures,
    "decision": _decisions,
    "goal": _goals,
    "incident": lambda scope: Q(unit_id__in=_unit_ids(scope)),
}


def scope_for(user: User) -> Scope:
    store = per_request.kept()
    if store is None or not user.is_authenticated:
        return _read_scope(user)
    key = (user.pk, user.is_active, user.is_superuser, user.person_id)
    if key not in store:
        store[key] = _read_scope(user)
    return store[key]  # type: ignore[no-any-return]


def _read_scope(user: User) -> Scope:
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return scope_of(user, [], UnitTree({}, {}), None)
    memberships = list(user.memberships.values_list("unit_id", "role"))
    tree = UnitTree.read() if memberships else UnitTree({}, {})
    person_organization = None
    if not memberships and user.person_id is not None:
        person_organization = (
            Person.objects.filter(pk=user.person_id).values_list("organization_id", flat=True)
        ).first()
    return scope_of(user, memberships, tree, person_organization)


def scopes_in_bulk(users: Iterable[User]) -> dict[int, Scope]:
    """`scope_for` of many users from three queries (memberships, the unit tree, the people's
    organizations), for jobs over everyone (trustledger/nudges/batch.py)."""
    from trustledger.accounts.models import Membership

    users = list(users)
    # Whole tables, filtered here: tens of thousands of ids are more than SQLite binds.
    held: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = Membership.objects.order_by("pk").values_list("user_id", "unit_id", "role")
    for user_id, unit_id, role in rows.iterator(chunk_size=5000):
        held[user_id].append((unit_id, role))
    tree = UnitTree.read()
    wanted = {u.person_id for u in users if u.person_id is not None and not held.get(u.pk)}
    organizations: dict[int, int] = {}
    if wanted:
        found = Person.objects.filter(organization__isnull=False).values_list(
            "pk", "organization_id"
        )
        organizations = {pk: org for pk, org in found.iterator(chunk_size=5000) if pk in wanted}
    return {
        u.pk: scope_of(u, held.get(u.pk, []), tree, organizations.get(u.person_id)) for u in users
    }


def scope_of(
    user: User,
    memberships: list[tuple[int, str]],
    tree: UnitTree,
    person_organization: int | None,
) -> Scope:
    """The scope of a user with these memberships (unit, role) in this unit tree; their
    person's organization counts when they belong to no unit."""
    if not user.is_authenticated or not user.is_active:
        return Scope(False, None, frozenset(), frozenset(), frozenset(), True)
    if user.is_superuser:
        return Scope(
            True, user.person_id, frozenset(), frozenset(), frozenset(), False, user_id=user.pk
        )
    managed = {unit for unit, role in memberships if role == Role.MANAGER}
    viewing = {unit for unit, role in memberships if role == Role.VIEWER}
    members = {unit for unit, _ in memberships}
    managed_tree = tree.below(managed)
    readable = managed_tree | tree.below(viewing)
    only_viewer = bool(memberships) and all(role == Role.VIEWER for _, role in memberships)
    organizations = tree.organizations(members)
    if not memberships and person_organization is not None:
        # A user with no unit stands on the other side through their person's organization.
        organizations.add(person_organization)
    return Scope(
        is_admin=False,
        person_id=user.person_id,
        readable_unit_ids=frozenset(readable),
        managed_unit_ids=frozenset(managed_tree),
        member_unit_ids=frozenset(members),
        read_only=only_viewer,
        user_id=user.pk,
        their_unit_ids=frozenset(readable | tree.above(members)),
        organization_ids=frozenset(organizations),
    )
