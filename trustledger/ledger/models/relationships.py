"""Relationships between our side and a counterpart, their service level and its history."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class ServiceLevel(models.IntegerChoices):
    VENDOR = 1, "Vendor"
    PROBLEM_SOLVER = 2, "Problem solver"
    CONSULTANT = 3, "Consultant"
    PARTNER = 4, "Partner"
    TRUSTED_ADVISOR = 5, "Trusted advisor"


class RelationshipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


def _exactly_one(*fields: str) -> Q:
    """A Q that holds when exactly one of the nullable foreign keys is set."""
    options = Q()
    for chosen in fields:
        clause = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                clause &= Q(**{f"{other}__isnull": True})
        options |= clause
    return options


class Relationship(models.Model):
    # Our side: a person or a unit.
    our_person = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationships_as_ours",
    )
    our_unit = models.ForeignKey(
        "directory.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationships_as_ours",
    )
    # The counterpart: a person, a unit or a whole organization.
    counterpart_person = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationships_as_counterpart",
    )
    counterpart_unit = models.ForeignKey(
        "directory.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationships_as_counterpart",
    )
    counterpart_organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationships",
    )
    purpose = models.TextField(blank=True, help_text="What the relationship is in service of.")
    business_behaviours = models.TextField(
        blank=True, help_text="The behaviours the purpose needs from both sides."
    )
    desired_outcomes = models.TextField(blank=True)
    goals = models.ManyToManyField("ledger.Goal", blank=True, related_name="relationships")
    referred_by = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    referrer_is_senior = models.BooleanField(
        default=False,
        help_text="Introduced by someone at a high level, which suggests a higher starting level.",
    )
    status = models.CharField(
        max_length=8, choices=RelationshipStatus.choices, default=RelationshipStatus.ACTIVE
    )
    service_level = models.PositiveSmallIntegerField(
        choices=ServiceLevel.choices, default=ServiceLevel.VENDOR
    )
    cadence_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Expected days between contacts; empty = the default for the level.",
    )
    started_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one("our_person", "our_unit"), name="relationship_one_our_side"
            ),
            models.CheckConstraint(
                condition=_exactly_one(
                    "counterpart_person", "counterpart_unit", "counterpart_organization"
                ),
                name="relationship_one_counterpart",
            ),
            models.CheckConstraint(
                condition=Q(our_person__isnull=True)
                | Q(counterpart_person__isnull=True)
                | ~Q(our_person=models.F("counterpart_person")),
                name="relationship_sides_differ_person",
            ),
            models.CheckConstraint(
                condition=Q(our_unit__isnull=True)
                | Q(counterpart_unit__isnull=True)
                | ~Q(our_unit=models.F("counterpart_unit")),
                name="relationship_sides_differ_unit",
            ),
            models.CheckConstraint(
                condition=Q(service_level__gte=1, service_level__lte=5),
                name="relationship_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RelationshipStatus.values), name="relationship_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.our_side} ↔ {self.counterpart}"

    @property
    def our_side(self) -> object:
        return self.our_person or self.our_unit

    @property
    def counterpart(self) -> object:
        return self.counterpart_person or self.counterpart_unit or self.counterpart_organization

    def clean(self) -> None:
        if bool(self.our_person_id) == bool(self.our_unit_id):
            raise ValidationError("Choose our side: exactly one of a person or a unit.")
        counterparts = [
            self.counterpart_person_id,
            self.counterpart_unit_id,
            self.counterpart_organization_id,
        ]
        if sum(1 for c in counterparts if c) != 1:
            raise ValidationError(
                "Choose the counterpart: exactly one of a person, a unit or an organization."
            )
        if self.our_person_id and self.our_person_id == self.counterpart_person_id:
            raise ValidationError("A relationship needs two different sides.")
        if self.our_unit_id and self.our_unit_id == self.counterpart_unit_id:
            raise ValidationError("A relationship needs two different sides.")


class ServiceLevelChange(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="level_changes"
    )
    changed_at = models.DateTimeField()
    from_level = models.PositiveSmallIntegerField(
        choices=ServiceLevel.choices, null=True, blank=True
    )
    to_level = models.PositiveSmallIntegerField(choices=ServiceLevel.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["relationship", "changed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_level__gte=1, to_level__lte=5), name="level_change_to_valid"
            ),
            models.CheckConstraint(
                condition=Q(from_level__isnull=True) | Q(from_level__gte=1, from_level__lte=5),
                name="level_change_from_valid",
            ),
            models.CheckConstraint(
                condition=Q(from_level__isnull=True) | ~Q(from_level=models.F("to_level")),
                name="level_change_moves",
            ),
        ]


class Indicator(models.TextChoices):
    """Observed signs of the service level (see DESIGN.md, service relationship level)."""

    CHOSEN_ON_PRICE = "chosen_on_price", "Chosen on price; transactional"
    ONE_KIND_OF_PROBLEM = "one_kind_of_problem", "Called for one kind of problem"
    ASKED_FOR_THINKING = "asked_for_thinking", "Asked for thinking across problems"
    ASKS_WHY = "asks_why", "We ask why, not only what"
    MUTUAL_SUCCESS = "mutual_success", "Success is shared"
    GIVES_REFERRALS = "gives_referrals", "Gives referrals"
    COACHES_ADVOCATES = "coaches_advocates", "Coaches us, advocates for us"
    PERSONAL_MATTERS = "personal_matters", "Personal matters are shared"
    REACHES_OUT_FIRST = "reaches_out_first", "The counterpart reaches out first"


class ServiceLevelIndicator(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="indicators"
    )
    indicator = models.CharField(max_length=24, choices=Indicator.choices)
    observed_on = models.DateField()
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__in=Indicator.values), name="indicator_valid"
            ),
        ]


class ReserveKind(models.TextChoices):
    DEPOSIT = "deposit", "Deposit"
    SELF_ORIENTED_ACT = "self_oriented_act", "Self-oriented act"
    SURPRISE = "surprise", "Surprise"


class ReserveEntry(models.Model):
    """A trust reserve movement not already evidenced by another record (those are derived)."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="reserve_entries"
    )
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=ReserveKind.choices)
    size = models.FloatField(default=1.0)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "reserve entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReserveKind.values), name="reserve_kind_valid"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="reserve_size_positive"),
        ]
