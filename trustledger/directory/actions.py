"""Named actions on the directory; each runs in one transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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
CONTEXT_TEXT = ("role", "responsibilities", "concerns", "corporate_culture")
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
