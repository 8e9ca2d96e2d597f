"""Named actions on the directory; each runs in one transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import Q

from trustledger.audit.log import record
from trustledger.directory.models import Person

# Person fields copied from the person merged away when the kept person leaves them empty.
FILLED_FIELDS = (
    "given_name",
    "family_name",
    "organization",
    "unit",
    "title",
    "role",
    "responsibilities",
    "concerns",
    "corporate_culture",
    "country",
    "language",
    "time_zone",
    "preferred_channels",
    "important_to_them",
    "wants_next",
    "bad_outcome",
    "notes",
)


class MergeRefused(ValueError):
    """The two people cannot be merged as they are; the message says why and what to fix."""


@dataclass
class MergeReport:
    keep_id: int
    other_id: int
    moved: Counter[str] = field(default_factory=Counter)  # "model.field" -> rows
    dropped: Counter[str] = field(default_factory=Counter)  # duplicates removed
    filled: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"moved {n} {what}" for what, n in sorted(self.moved.items())]
        lines += [
            f"dropped {n} {what} (already on the kept person)"
            for what, n in sorted(self.dropped.items())
        ]
        if self.filled:
            lines.append(f"filled in from person {self.other_id}: {', '.join(self.filled)}")
        lines.append(f"deleted person {self.other_id}")
        return lines


@transaction.atomic
def merge_people(keep: Person, other: Person) -> MergeReport:
    """Move everything that points at `other` to `keep`, then delete `other`.

    Every relation to Person is followed (identities, interactions as initiator and as
    participant, commitments, relationship sides, feedback, goals, decisions, survey links,
    the user login…), so records added by later models move too. Where both were in the
    same interaction, one participant row is kept. Refused (MergeRefused, nothing changed)
    when the two are the same person, when they made commitments to each other or share a
    relationship (one person cannot promise to or relate to themself), or when both have a
    login.
    """
    if keep.pk == other.pk:
        raise MergeRefused("cannot merge a person with themself")
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    other = Person.objects.select_for_update().get(pk=other.pk)
    _check_mergeable(keep, other)
    report = MergeReport(keep.pk, other.pk)
    _merge_identities(keep, other, report)
    _merge_participations(keep, other, report)
    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            _move_many_to_many(relation, keep, other, report)
        elif relation.related_model._meta.label not in _SPECIAL:
            rows = relation.related_model._base_manager.filter(
                **{relation.field.name: other}
            ).update(**{relation.field.name: keep})
            if rows:
                report.moved[_name(relation)] += rows
    for name in FILLED_FIELDS:
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
            report.filled.append(name)
    if report.filled:
        keep.save(update_fields=report.filled)
    other.delete()
    record(
        None,
        "person.merged",
        keep,
        merged_id=report.other_id,
        moved=report.moved,
        dropped=report.dropped,
    )
    return report


_SPECIAL = {"directory.PersonIdentity", "ledger.InteractionParticipant"}


def _name(relation: models.ForeignObjectRel) -> str:
    model = relation.related_model._meta
    return f"{model.verbose_name_plural} ({relation.field.name})"


def _check_mergeable(keep: Person, other: Person) -> None:
    from trustledger.ledger.models import Commitment, Relationship

    pair = Q(promisor=keep, promisee=other) | Q(promisor=other, promisee=keep)
    promises = list(Commitment.objects.filter(pair).values_list("pk", flat=True)[:10])
    if promises:
        raise MergeRefused(
            f"persons {keep.pk} and {other.pk} made commitments to each other "
            f"(commitment ids {promises}); a person cannot promise to themself"
        )
    sides = Q(our_person=keep, counterpart_person=other) | Q(
        our_person=other, counterpart_person=keep
    )
    related = list(Relationship.objects.filter(sides).values_list("pk", flat=True)[:10])
    if related:
        raise MergeRefused(
            f"persons {keep.pk} and {other.pk} are the two sides of relationships {related}"
        )
    user_links = [r for r in Person._meta.related_objects if r.one_to_one]
    for relation in user_links:
        model = relation.related_model._base_manager
        if (
            model.filter(**{relation.field.name: keep}).exists()
            and model.filter(**{relation.field.name: other}).exists()
        ):
            raise MergeRefused(
                f"persons {keep.pk} and {other.pk} both have a "
                f"{relation.related_model._meta.verbose_name}; unlink one first"
            )


def _merge_identities(keep: Person, other: Person, report: MergeReport) -> None:
    from trustledger.directory.models import PersonIdentity

    have = set(keep.identities.values_list("kind", "normalized"))
    duplicate = [i.pk for i in other.identities.all() if (i.kind, i.normalized) in have]
    if duplicate:
        PersonIdentity.objects.filter(pk__in=duplicate).delete()
        report.dropped["identities"] += len(duplicate)
    moved = PersonIdentity.objects.filter(person=other).update(person=keep)
    if moved:
        report.moved["identities"] += moved


def _merge_participations(keep: Person, other: Person, report: MergeReport) -> None:
    """Participant rows: one per person and interaction, never the initiator's own."""
    from trustledger.ledger.models import Interaction, InteractionParticipant

    rows = InteractionParticipant.objects
    both = rows.filter(person=other, interaction__participants__person=keep)
    initiated = rows.filter(person=other, interaction__initiator=keep)
    dropped = rows.filter(
        pk__in=[*both.values_list("pk", flat=True), *initiated.values_list("pk", flat=True)]
    ).delete()[0]
    # other initiated what keep received: after the merge keep is the initiator
    ours = Interaction.objects.filter(initiator=other).values("pk")
    dropped += rows.filter(person=keep, interaction__in=ours).delete()[0]
    if dropped:
        report.dropped["interaction participations"] += dropped
    moved = rows.filter(person=other).update(person=keep)
    if moved:
        report.moved["interaction participations"] += moved


def _move_many_to_many(
    relation: models.ManyToManyRel, keep: Person, other: Person, report: MergeReport
) -> None:
    through = relation.through
    source = relation.field.m2m_field_name()  # the model holding the field
    target = relation.field.m2m_reverse_field_name()  # the person
    rows = through._base_manager
    already = rows.filter(**{target: keep}).values(source)
    dropped = rows.filter(**{target: other, f"{source}__in": already}).delete()[0]
    moved = rows.filter(**{target: other}).update(**{target: keep})
    if dropped:
        report.dropped[_name(relation)] += dropped
    if moved:
        report.moved[_name(relation)] += moved


# -- erasure ----------------------------------------------------------------------------------

from trustledger.accounts.models import User  # noqa: E402 - kept with the action that uses it

ERASED = "[erased]"
# Free text counted by local-context completeness: filled fields become ERASED, empty stay
# empty, so the completeness share (an aggregate) is the same after erasure.
CONTEXT_TEXT = (
    "role",
    "responsibilities",
    "concerns",
    "corporate_culture",
    "important_to_them",
    "wants_next",
    "bad_outcome",
)
BLANKED = ("given_name", "family_name", "title", "notes")


@transaction.atomic
def erase_person(actor: User, person: Person) -> dict[str, int]:
    """Remove a person's personal data, keep the shape of the evidence; admins only.

    Names, identities (addresses, phones, spellings), notes and free text go; ids, dates,
    channels, states and counts stay, so every score and aggregate is the same afterwards.
    Writes an ErasureAudit (who, whom by id, when, how many values of which fields).
    Returns the counts of removed values by "model.field".
    """
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from trustledger.api.models import ErasureAudit
    from trustledger.directory.models import PersonIdentity
    from trustledger.history.scrub import names_of, scrub_person
    from trustledger.ledger.models import Commitment, FeedbackItem, Interaction
    from trustledger.surveys.models import Invitation

    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied("Only an admin may erase a person.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    names = names_of(person)  # for the history's scrub, before they are blanked
    removed: Counter[str] = Counter()
    for name in BLANKED:
        if getattr(person, name):
            removed[f"person.{name}"] += 1
            setattr(person, name, "")
    for name in CONTEXT_TEXT:
        if getattr(person, name).strip():
            removed[f"person.{name}"] += 1
            setattr(person, name, ERASED)
    removed["person.display_name"] += 1
    person.display_name = f"Erased person #{person.pk}"
    person.erased_at = timezone.now()
    person.save()
    removed["identity"] += PersonIdentity.objects.filter(person=person).delete()[0]

    initiated = Interaction.objects.filter(initiator=person)
    removed["interaction.subject"] += initiated.exclude(subject="").update(subject="")
    removed["interaction.notes"] += initiated.exclude(notes="").update(notes="")
    made = Commitment.objects.filter(promisor=person)
    removed["commitment.statement"] += made.exclude(statement="").update(statement="")
    removed["commitment.what"] += made.exclude(what=ERASED).update(what=ERASED)
    removed["feedback.summary"] += (
        FeedbackItem.objects.filter(from_person=person)
        .exclude(summary=ERASED)
        .update(summary=ERASED)
    )
    for invitation in Invitation.objects.filter(rater_person=person).only("pk"):
        Invitation.objects.filter(pk=invitation.pk).update(email=f"erased-{invitation.pk}@invalid")
        removed["invitation.email"] += 1
    removed["history"] += scrub_person(person, names)
    counts = {key: n for key, n in sorted(removed.items()) if n}
    ErasureAudit.objects.create(
        erased_by=actor,
        erased_by_username=actor.get_username(),
        person_id=person.pk,
        erased_at=person.erased_at,
        removed=counts,
    )
    record(actor, "person.erased", ("person", person.pk), removed=counts)
    return counts


# -- entering and changing the directory from the web ---------------------------------------
#
# Who may do what (pages and tests ask the `may_*` functions; the actions check them again):
# - an admin: everything;
# - a unit's manager: people of the units they manage, contacts of other organizations, units
#   under the units they manage, and relationships whose our side is their unit or its people;
# - a member: their own person's local context, contacts of other organizations, and
#   relationships of their own (our side: their person);
# - a viewer (and a user with no unit and no person): nothing.

from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.db.models import QuerySet  # noqa: E402
from django.db.models.deletion import Collector, ProtectedError  # noqa: E402

from trustledger.accounts.access import Scope, scope_for  # noqa: E402
from trustledger.directory.models import Organization, OrganizationKind, Unit  # noqa: E402
from trustledger.domain.limits import TEXT_MAX  # noqa: E402

# The fields of a person that make up their local context (and their script).
LOCAL_CONTEXT = (
    "role",
    "responsibilities",
    "concerns",
    "corporate_culture",
    "country",
    "language",
    "time_zone",
    "preferred_channels",
)
THEIR_SCRIPT = ("important_to_them", "wants_next", "bad_outcome")
CONTEXT_FIELDS = LOCAL_CONTEXT + THEIR_SCRIPT
PERSON_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "organization",
    "unit",
    "title",
    *CONTEXT_FIELDS,
    "notes",
)
ORGANIZATION_FIELDS = ("name", "kind", "email_domains", "culture", "notes")
UNIT_FIELDS = ("organization", "parent", "name", "kind")
RELATIONSHIP_FIELDS = (
    "our_person",
    "our_unit",
    "counterpart_person",
    "counterpart_unit",
    "counterpart_organization",
    "purpose",
    "business_behaviours",
    "desired_outcomes",
    "started_on",
    "cadence_days",
    "status",
)

FULL = "full"
CONTEXT = "context"


def _writer(scope: Scope) -> bool:
    """Someone who may enter anything at all: not a viewer, with a unit or a person."""
    if scope.is_admin:
        return True
    return not scope.read_only and (scope.person_id is not None or bool(scope.managed_unit_ids))


def _is_ours(organization: Organization | None) -> bool:
    return organization is not None and organization.kind == OrganizationKind.OURS


def is_outside_contact(person: Person) -> bool:
    """A person of another organization (or of none), with no unit of ours and no login."""
    if _is_ours(person.organization) or (person.unit_id and _is_ours(person.unit.organization)):
        return False
    return person.pk is None or not User.objects.filter(person_id=person.pk).exists()


# Who may name what in a form.


def nameable_organizations(scope: Scope) -> QuerySet[Organization]:
    """Organizations one may choose: every one for who may enter records (names are unique,
    so adding "Halvard Logistics" again would tell anyway), else those one reads."""
    from trustledger.api.scoping import organizations

    if scope.is_admin or _writer(scope):
        return Organization.objects.all()
    return organizations(scope)


def nameable_units(scope: Scope) -> QuerySet[Unit]:
    """Units one may choose as a counterpart: every unit of an organization one may name."""
    units = Unit.objects.select_related("organization")
    if scope.is_admin:
        return units
    return units.filter(organization__in=nameable_organizations(scope))


def our_side_people(scope: Scope) -> QuerySet[Person]:
    """People one may put on our side of a relationship."""
    people = Person.objects.select_related("unit")
    if scope.is_admin:
        return people.filter(
            models.Q(organization__kind=OrganizationKind.OURS)
            | models.Q(unit__organization__kind=OrganizationKind.OURS)
        )
    if not _writer(scope):
        return people.none()
    return people.filter(
        models.Q(pk=scope.person_id) | models.Q(unit_id__in=scope.managed_unit_ids)
    )


def our_side_units(scope: Scope) -> QuerySet[Unit]:
    units = Unit.objects.select_related("organization")
    if scope.is_admin:
        return units.filter(organization__kind=OrganizationKind.OURS)
    if not _writer(scope):
        return units.none()
    return units.filter(pk__in=scope.managed_unit_ids)


def unit_homes(scope: Scope) -> QuerySet[Unit]:
    """Units one may put a person in (or a new unit under)."""
    if scope.is_admin:
        return Unit.objects.select_related("organization")
    return Unit.objects.select_related("organization").filter(pk__in=scope.managed_unit_ids)


# The rights, asked before a form is offered.


def may_add_person(scope: Scope) -> bool:
    return _writer(scope)


def person_rights(scope: Scope, person: Person) -> str | None:
    """FULL (every field), CONTEXT (only local context and their script) or None."""
    if scope.is_admin:
        return FULL
    if not _writer(scope):
        return None
    if person.unit_id is not None and person.unit_id in scope.managed_unit_ids:
        return FULL
    if person.pk == scope.person_id:
        return CONTEXT
    if is_outside_contact(person) and _contact_in_reach(scope, person):
        return FULL
    return None


def _contact_in_reach(scope: Scope, person: Person) -> bool:
    """A manager changes the outside contacts they see; a member those they entered and the
    counterparts of their own relationships."""
    if scope.managed_unit_ids:
        return scope.people().filter(pk=person.pk).exists()
    if person.added_by_id is not None and person.added_by_id == scope.user_id:
        return True
    from trustledger.ledger.models import Relationship

    return Relationship.objects.filter(
        counterpart_person_id=person.pk, our_person_id=scope.person_id
    ).exists()


def may_delete_person(scope: Scope, person: Person) -> bool:
    """Who may change a person in full, except that a member deletes only contacts they
    entered; never a person with a login (an admin unlinks it first) nor oneself."""
    if person_rights(scope, person) != FULL or person.pk == scope.person_id:
        return False
    if User.objects.filter(person_id=person.pk).exists():
        return False
    if scope.is_admin or (person.unit_id and person.unit_id in scope.managed_unit_ids):
        return True
    return bool(scope.managed_unit_ids) or person.added_by_id == scope.user_id


def may_add_organization(scope: Scope) -> bool:
    return _writer(scope)


def may_change_organization(scope: Scope, organization: Organization) -> bool:
    """An admin any; a manager another organization they may name; a member one they entered."""
    if scope.is_admin:
        return True
    if not _writer(scope) or _is_ours(organization):
        return False
    if organization.added_by_id is not None and organization.added_by_id == scope.user_id:
        return True
    return (
        bool(scope.managed_unit_ids)
        and nameable_organizations(scope).filter(pk=organization.pk).exists()
    )


def may_delete_organization(scope: Scope, organization: Organization) -> bool:
    """An admin; anyone else only an organization they entered that nothing hangs on yet."""
    if scope.is_admin:
        return True
    return (
        may_change_organization(scope, organization)
        and organization.added_by_id == scope.user_id
        and not organization.units.exists()
        and not organization.people.exists()
        and not organization.relationships.exists()
    )


def may_add_unit(scope: Scope) -> bool:
    return scope.is_admin or (_writer(scope) and bool(scope.managed_unit_ids))


def may_change_unit(scope: Scope, unit: Unit) -> bool:
    return scope.is_admin or (_writer(scope) and unit.pk in scope.managed_unit_ids)


def may_delete_unit(scope: Scope, unit: Unit) -> bool:
    """An admin any; a manager a unit under one they manage (not the one they were given)."""
    if scope.is_admin:
        return True
    return may_change_unit(scope, unit) and unit.parent_id in scope.managed_unit_ids


def may_add_relationship(scope: Scope) -> bool:
    return _writer(scope)


def may_change_relationship(scope: Scope, relationship: Any) -> bool:
    if scope.is_admin:
        return True
    return _writer(scope) and scope.can_change_relationship(relationship)


# The actions.


def _refuse(allowed: bool, why: str) -> None:
    if not allowed:
        raise PermissionDenied(why)


def _check_text(obj: models.Model, names: tuple[str, ...]) -> None:
    errors = {}
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str) and len(value) > TEXT_MAX:
            errors[name] = f"At most {TEXT_MAX:,} characters (this has {len(value):,})."
    if errors:
        raise ValidationError(errors)


def _assign(obj: models.Model, fields: tuple[str, ...], values: dict[str, Any]) -> list[str]:
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    changed = []
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        field = obj._meta.get_field(name)
        if field.many_to_one:
            # Compared by id: reading an unset foreign key of a new record raises.
            differs = getattr(obj, field.attname) != getattr(value, "pk", value)
        else:
            differs = getattr(obj, name) != value
        if differs:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _check_person(scope: Scope, person: Person) -> None:
    """Where a person may be put: in a unit one manages, or outside our organization."""
    if scope.is_admin:
        return
    if person.unit_id is not None and person.unit_id in scope.managed_unit_ids:
        return
    if (
        person.unit_id is None
        and is_outside_contact(person)
        and (
            person.organization_id is None
            or nameable_organizations(scope).filter(pk=person.organization_id).exists()
        )
    ):
        return
    raise PermissionDenied(
        "You may add people to the units you manage, or contacts of other organizations."
    )


@transaction.atomic
def create_person(actor: User, **values: Any) -> Person:
    scope = scope_for(actor)
    _refuse(may_add_person(scope), "A viewer reads and changes nothing.")
    person = Person(added_by=actor)
    _assign(person, PERSON_FIELDS, values)
    if person.unit_id and not person.organization_id:
        person.organization = person.unit.organization
    _check_person(scope, person)
    _check_text(person, PERSON_FIELDS)
    person.full_clean(exclude=["added_by"])
    person.save()
    return person


@transaction.atomic
def update_person(actor: User, person: Person, **values: Any) -> list[str]:
    """Change a person; returns the names of the fields that changed."""
    scope = scope_for(actor)
    rights = person_rights(scope, person)
    _refuse(rights is not None, "You may not change this person.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = _assign(person, PERSON_FIELDS, values)
    if rights == CONTEXT and set(changed) - set(CONTEXT_FIELDS):
        raise PermissionDenied("You may change your own local context, not your name or unit.")
    if person.unit_id and not person.organization_id:
        person.organization = person.unit.organization
    if rights == FULL and {"unit", "organization"} & set(changed):
        _check_person(scope, person)
    _check_text(person, PERSON_FIELDS)
    person.full_clean(exclude=["added_by"])
    person.save()
    return changed


def kept_after_deletion(obj: models.Model) -> list[tuple[str, int]]:
    """Records that stay when `obj` goes, no longer pointing at it (kind and field, count)."""
    collector = Collector(using="default")
    try:
        collector.collect([obj])
    except ProtectedError:
        return []
    kept: Counter[str] = Counter()
    for (pointer, _), batches in collector.field_updates.items():
        kind = f"{pointer.model._meta.verbose_name_plural} (no longer {pointer.verbose_name})"
        for batch in batches:
            kept[kind] += len(batch) if isinstance(batch, list | set) else batch.count()
    return sorted((kind, n) for kind, n in kept.items() if n)


def deletion_effects(obj: models.Model) -> tuple[list[tuple[str, int]], list[str]]:
    """What deleting `obj` takes with it (kind, count), and why it cannot be deleted if not."""
    collector = Collector(using="default")
    try:
        collector.collect([obj])
    except ProtectedError as error:
        blocking = sorted({str(o) for o in error.protected_objects})
        return [], [f"first move or delete: {', '.join(blocking[:10])}"]
    counts: Counter[str] = Counter()
    for model, instances in collector.data.items():
        counts[str(model._meta.verbose_name_plural)] += len(instances)
    for queryset in collector.fast_deletes:
        n = queryset.count()
        if n:
            counts[str(queryset.model._meta.verbose_name_plural)] += n
    own = str(obj._meta.verbose_name_plural)
    counts[own] -= 1
    return [(kind, n) for kind, n in sorted(counts.items()) if n > 0], []


def _delete(obj: models.Model) -> None:
    effects, blocked = deletion_effects(obj)
    if blocked:
        raise ValidationError(f"{obj} cannot be deleted: {blocked[0]}.")
    obj.delete()


@transaction.atomic
def delete_person(actor: User, person: Person) -> None:
    _refuse(may_delete_person(scope_for(actor), person), "You may not delete this person.")
    _delete(person)


@transaction.atomic
def create_organization(actor: User, **values: Any) -> Organization:
    scope = scope_for(actor)
    _refuse(may_add_organization(scope), "A viewer reads and changes nothing.")
    organization = Organization(added_by=actor)
    _assign(organization, ORGANIZATION_FIELDS, values)
    _refuse(
        scope.is_admin or not _is_ours(organization),
        "Only an admin adds an organization of our own.",
    )
    _check_text(organization, ORGANIZATION_FIELDS)
    organization.full_clean(exclude=["added_by"])
    organization.save()
    return organization


@transaction.atomic
def update_organization(actor: User, organization: Organization, **values: Any) -> list[str]:
    scope = scope_for(actor)
    _refuse(may_change_organization(scope, organization), "You may not change it.")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changed = _assign(organization, ORGANIZATION_FIELDS, values)
    _refuse(
        scope.is_admin or not _is_ours(organization),
        "Only an admin makes an organization our own.",
    )
    _check_text(organization, ORGANIZATION_FIELDS)
    organization.full_clean(exclude=["added_by"])
    organization.save()
    return changed


@transaction.atomic
def delete_organization(actor: User, organization: Organization) -> None:
    _refuse(may_delete_organization(scope_for(actor), organization), "You may not delete it.")
    _delete(organization)


def _check_unit(scope: Scope, unit: Unit) -> None:
    if unit.parent_id is not None and unit.organization_id is None:
        unit.organization = unit.parent.organization
    if scope.is_admin:
        return
    _refuse(
        unit.parent_id is not None and unit.parent_id in scope.managed_unit_ids,
        "A new unit goes under a unit you manage.",
    )


@transaction.atomic
def create_unit(actor: User, **values: Any) -> Unit:
    scope = scope_for(actor)
    _refuse(may_add_unit(scope), "Only a unit's manager or an admin adds units.")
    unit = Unit()
    _assign(unit, UNIT_FIELDS, values)
    _check_unit(scope, unit)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def update_unit(actor: User, unit: Unit, **values: Any) -> list[str]:
    scope = scope_for(actor)
    _refuse(may_change_unit(scope, unit), "You may not change this unit.")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    changed = _assign(unit, UNIT_FIELDS, values)
    if not scope.is_admin and {"parent", "organization"} & set(changed):
        _check_unit(scope, unit)
        _refuse(unit.parent_id != unit.pk, "A unit cannot be placed under itself.")
    unit.full_clean()  # refuses a parent below the unit itself (no cycles)
    unit.save()
    return changed


@transaction.atomic
def delete_unit(actor: User, unit: Unit) -> None:
    _refuse(may_delete_unit(scope_for(actor), unit), "You may not delete this unit.")
    _delete(unit)


def _check_relationship(scope: Scope, relationship: Any) -> None:
    from trustledger.ledger.models import Relationship

    errors: dict[str, str] = {}
    ours = [f for f in ("our_person", "our_unit") if getattr(relationship, f"{f}_id")]
    theirs = [
        f
        for f in ("counterpart_person", "counterpart_unit", "counterpart_organization")
        if getattr(relationship, f"{f}_id")
    ]
    if len(ours) != 1:
        errors["our_unit"] = "Choose our side: one person or one unit."
    if len(theirs) != 1:
        errors["counterpart_person"] = "Choose the counterpart: one person, unit or organization."
    if (
        relationship.our_person_id
        and relationship.our_person_id == relationship.counterpart_person_id
    ):
        errors["counterpart_person"] = "A person has no relationship with themself."
    if relationship.our_unit_id and relationship.our_unit_id == relationship.counterpart_unit_id:
        errors["counterpart_unit"] = "A unit has no relationship with itself."
    if relationship.cadence_days is not None and not 1 <= relationship.cadence_days <= 3660:
        errors["cadence_days"] = "Days between contacts: from 1 to 3660."
    if errors:
        raise ValidationError(errors)
    if not scope.is_admin:
        if relationship.our_person_id:
            allowed = our_side_people(scope).filter(pk=relationship.our_person_id).exists()
        else:
            allowed = our_side_units(scope).filter(pk=relationship.our_unit_id).exists()
        _refuse(allowed, "Our side must be you, a unit you manage or one of its people.")
        _refuse(
            _nameable_counterpart(scope, relationship),
            "You may not name this counterpart.",
        )
    _check_text(relationship, ("purpose", "business_behaviours", "desired_outcomes"))
    relationship.full_clean(exclude=["goals"])
    assert isinstance(relationship, Relationship)


def _nameable_counterpart(scope: Scope, relationship: Any) -> bool:
    if relationship.counterpart_person_id:
        return scope.people().filter(pk=relationship.counterpart_person_id).exists()
    if relationship.counterpart_unit_id:
        return nameable_units(scope).filter(pk=relationship.counterpart_unit_id).exists()
    return (
        nameable_organizations(scope).filter(pk=relationship.counterpart_organization_id).exists()
    )


def _set_goals(scope: Scope, relationship: Any, goals: Any) -> None:
    if goals is None:
        return
    goals = list(goals)
    if not scope.is_admin:
        readable = set(scope.records("goal").values_list("pk", flat=True))
        _refuse(all(g.pk in readable for g in goals), "You may not name one of these goals.")
    relationship.goals.set(goals)


@transaction.atomic
def create_relationship(actor: User, goals: Any = None, **values: Any) -> Any:
    from trustledger.ledger.models import Relationship

    scope = scope_for(actor)
    _refuse(may_add_relationship(scope), "A viewer reads and changes nothing.")
    relationship = Relationship()
    _assign(relationship, RELATIONSHIP_FIELDS, values)
    _check_relationship(scope, relationship)
    relationship.save()
    _set_goals(scope, relationship, goals)
    return relationship


@transaction.atomic
def update_relationship(
    actor: User, relationship: Any, goals: Any = None, **values: Any
) -> list[str]:
    from trustledger.ledger.models import Relationship

    scope = scope_for(actor)
    _refuse(may_change_relationship(scope, relationship), "You may not change it.")
    relationship = Relationship.objects.select_for_update().get(pk=relationship.pk)
    changed = _assign(relationship, RELATIONSHIP_FIELDS, values)
    _check_relationship(scope, relationship)
    relationship.save()
    if goals is not None and set(goals) != set(relationship.goals.all()):
        _set_goals(scope, relationship, goals)
        changed.append("goals")
    return changed


@transaction.atomic
def delete_relationship(actor: User, relationship: Any) -> None:
    scope = scope_for(actor)
    _refuse(may_change_relationship(scope, relationship), "You may not delete it.")
    _delete(relationship)
