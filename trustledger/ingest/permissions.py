"""What an import made by a user may write: the rules of the forms and the API, per record.

An admin, and `trustledger import` without `--as`, import with full rights (`rights_of`
gives None). Anyone else imports within their scope (docs/importing.md, "Imports by a user"):

- organizations: only an admin creates or changes one (a row that changes nothing passes);
- units: a new unit needs a parent among the units the user manages (so it falls inside
  their tree); moving a unit is an admin's act;
- people: a new person is placed in a unit the user manages or in none (an outside
  contact); a stored person is changed (fields or addresses) only if it is the user's own
  person or a person of a unit they manage; a row may not create an organization or a unit;
- interactions and commitments: what `record_interaction` and `make_commitment` allow
  through the forms and the API. Every person named must be one the user may read, or an
  outside contact (no unit, no login, not our side of a relationship); an interaction must
  name the user or a person of a unit they manage; a commitment's promisor must be one of
  those. Changing or removing a stored one needs the same of the stored version.

The loader asks here before each write; a record refused is reported like any rejection
(file, location, reason), and the loader then rolls the whole file back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.models import User
from trustledger.directory.models import Person
from trustledger.importers.records import CommitmentRecord, Identity, InteractionRecord
from trustledger.ingest.summary import ImportSummary, Rejection
from trustledger.ledger.actions import insiders
from trustledger.ledger.models import Commitment, Interaction, InteractionParticipant, Relationship

Named = tuple[str, str, int]  # field, what the file says (address or name), person id
OUTSIDE = "is a person outside your scope"
NOT_YOURS = "is not you or a person of a unit you manage"


def may_import(scope: Scope) -> bool:
    """Admins and unit managers import files; members and viewers do not."""
    return scope.is_admin or bool(scope.managed_unit_ids)


def rights_of(user: User) -> ImportRights | None:
    """The rights an import by `user` runs with: None for full rights (an admin)."""
    scope = scope_for(user)
    if not may_import(scope):
        raise PermissionDenied("Only admins and unit managers import files.")
    return None if scope.is_admin else ImportRights(scope)


def load_as_user(
    rights: ImportRights,
    summary: ImportSummary,
    file: str,
    load: Callable[[ImportRights], None],
) -> None:
    """Load one file (`load` with the rights for it) in one transaction, refused whole:
    rolled back, and its counts taken back, when any of its records was refused."""
    counters = ("created", "updated", "unchanged", "removed", "skipped")
    before: dict[str, Any] = {name: getattr(summary, name).copy() for name in counters}
    before.update(batches=summary.batches, possible_duplicates=list(summary.possible_duplicates))
    file_rights = rights.fresh()
    with transaction.atomic():
        load(file_rights)
        if file_rights.refused:
            transaction.set_rollback(True)
    if file_rights.refused:
        for name, value in before.items():
            setattr(summary, name, value)
        summary.refused.append(
            Rejection(file, "", f"records outside your scope: {file_rights.refused}")
        )


def said(identity: Identity) -> str:
    """An identity as the file gives it, for a rejection's reason."""
    return identity.email or identity.name or "someone"


@dataclass
class ImportRights:
    """The reach of one user for one file; the sets grow with what the file creates."""

    scope: Scope
    managed_units: set[int] = field(init=False)
    # The user's own person and the people of the units they manage: may be changed, may
    # promise, make an interaction recordable.
    own_people: set[int] = field(init=False)
    # People of ours (with a unit, a login, or our side of a relationship) the user may not
    # read: never named, never changed.
    forbidden_people: set[int] = field(init=False)
    refused: int = 0
    _changeable: dict[int, bool] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.managed_units = set(self.scope.managed_unit_ids)
        own = set(
            Person.objects.filter(unit_id__in=self.managed_units).values_list("id", flat=True)
        )
        if self.scope.person_id is not None:
            own.add(self.scope.person_id)
        self.own_people = own
        readable = set(self.scope.people().values_list("id", flat=True))
        ours = Person.objects.filter(Q(unit__isnull=False) | insiders()).values_list(
            "id", flat=True
        )
        self.forbidden_people = set(ours) - readable - own

    def fresh(self) -> ImportRights:
        """The same user's rights computed again (for the next file)."""
        return ImportRights(self.scope)

    def refuse(self, summary: ImportSummary, file: str, location: str, reason: str) -> None:
        self.refused += 1
        summary.reject(file, location, reason)

    # the directory -----------------------------------------------------------------------

    def organization(self, *, new: bool) -> str:
        verb = "creates" if new else "changes"
        return f"field 'name': only an admin {verb} an organization"

    def new_unit(self, parent_id: int | None, parent: str | None) -> str | None:
        if parent_id is None:
            return "field 'parent': a new unit needs a parent among the units you manage"
        if parent_id not in self.managed_units:
            return f"field 'parent': {parent!r} is not a unit you manage"
        return None

    def unit_created(self, unit_id: int) -> None:
        self.managed_units.add(unit_id)

    def person_unit(self, unit_id: int | None, unit: str | None) -> str | None:
        """Where a new or changed person is placed: a unit one manages, or none."""
        if unit_id is not None and unit_id not in self.managed_units:
            return f"field 'unit': {unit!r} is not a unit you manage"
        return None

    def may_change_person(self, person_id: int) -> bool:
        return person_id in self.own_people

    def person_created(self, person_id: int, unit_id: int | None) -> None:
        if unit_id is not None and unit_id in self.managed_units:
            self.own_people.add(person_id)

    # the ledger --------------------------------------------------------------------------

    def interaction(self, named: Iterable[Named]) -> str | None:
        named = list(named)
        for name, said, pid in named:
            if pid in self.forbidden_people:
                return f"field '{name}': {said} {OUTSIDE}"
        if not any(pid in self.own_people for _, _, pid in named):
            return (
                "names none of your people: you may record interactions of yourself and of "
                "the people of units you manage"
            )
        return None

    def commitment(self, promisor: Named, promisee: Named) -> str | None:
        if promisor[2] not in self.own_people:
            return f"field '{promisor[0]}': {promisor[1]} {NOT_YOURS}"
        if promisee[2] in self.forbidden_people:
            return f"field '{promisee[0]}': {promisee[1]} {OUTSIDE}"
        return None

    def interaction_record(
        self, record: InteractionRecord, person_id: Callable[[Identity], int | None]
    ) -> str | None:
        """`interaction` for a record whose people `person_id` resolves."""
        named: list[Named] = []
        if record.initiator.is_known and (pid := person_id(record.initiator)) is not None:
            named.append(("initiator_email", said(record.initiator), pid))
        for participant in record.participants:
            if (pid := person_id(participant.identity)) is not None:
                named.append(("participant_emails", said(participant.identity), pid))
        return self.interaction(named)

    def stored_interactions(
        self, pks: list[int], participants: dict[int, dict[int, str]] | None = None
    ) -> dict[int, str]:
        """pk -> why the stored interaction may not be changed, for those that may not.
        `participants`: pk -> {person id: role}, when the caller has read them already."""
        if not pks:
            return {}
        if participants is None:
            participants = {}
            for iid, pid in InteractionParticipant.objects.filter(
                interaction_id__in=pks
            ).values_list("interaction_id", "person_id"):
                participants.setdefault(iid, {})[pid] = ""
        problems = {}
        for pk, initiator, relationship in Interaction.objects.filter(pk__in=pks).values_list(
            "pk", "initiator_id", "relationship_id"
        ):
            people = [initiator, *participants.get(pk, {})]
            if problem := self.stored_interaction(people, relationship):
                problems[pk] = problem
        return problems

    def commitment_record(
        self,
        record: CommitmentRecord,
        values: dict[str, Any],
        stored: tuple[int, tuple[Any, ...]] | None,
    ) -> str | None:
        """`commitment` for a record (its people resolved in `values`) and, when it changes a
        stored one (`stored`: pk, compared values starting with promisor and promisee), that
        one too."""
        if stored is not None:
            pk, (promisor_id, promisee_id, *_) = stored
            relationship = Commitment.objects.filter(pk=pk).values_list(
                "relationship_id", flat=True
            )[0]
            if problem := self.stored_commitment(promisor_id, promisee_id, relationship):
                return problem
        return self.commitment(
            ("promisor_email", said(record.promisor), values["promisor_id"]),
            ("promisee_email", said(record.promisee), values["promisee_id"]),
        )

    def stored_interaction(self, people: Iterable[int], relationship_id: int | None) -> str | None:
        """May the stored version of an interaction be changed or removed?"""
        people = [p for p in people if p is not None]
        if (
            any(p in self.forbidden_people for p in people)
            or not any(p in self.own_people for p in people)
            or not self._may_change_relationship(relationship_id)
        ):
            return (
                "field 'external_id': changes an interaction stored for people outside your scope"
            )
        return None

    def stored_commitment(
        self, promisor_id: int, promisee_id: int, relationship_id: int | None
    ) -> str | None:
        if (
            promisor_id not in self.own_people
            or promisee_id in self.forbidden_people
            or not self._may_change_relationship(relationship_id)
        ):
            return "field 'external_id': changes a commitment stored for people outside your scope"
        return None

    def _may_change_relationship(self, relationship_id: int | None) -> bool:
        """Asked once per relationship (an import writes no relationships): a file's rows
        mostly share a few."""
        if relationship_id is None:
            return True
        if relationship_id not in self._changeable:
            found = Relationship.objects.select_related("our_person").filter(pk=relationship_id)
            relationship = found.first()
            self._changeable[relationship_id] = relationship is not None and (
                self.scope.can_change_relationship(relationship)
            )
        return self._changeable[relationship_id]
