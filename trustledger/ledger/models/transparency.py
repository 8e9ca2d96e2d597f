"""Transparency records: goals and initiatives, agreed measures, quality reviews, decisions, incidents."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class GoalKind(models.TextChoices):
    GOAL = "goal", "Goal"
    INITIATIVE = "initiative", "Initiative"


class Goal(models.Model):
    kind = models.CharField(max_length=10, choices=GoalKind.choices, default=GoalKind.INITIATIVE)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.CASCADE
    )
    owner_unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    owner_person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    work_started_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=GoalKind.values), name="goal_kind_valid"),
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True)
                | Q(work_started_on__isnull=True)
                | Q(finished_on__gte=models.F("work_started_on")),
                name="goal_finishes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgreedMeasure(models.Model):
    relationship = models.ForeignKey(
        "ledger.Relationship",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="measures",
    )
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    name = models.CharField(max_length=300)
    target = models.CharField(max_length=300)
    owner = models.ForeignKey("directory.Person", null=True, blank=True, on_delete=models.SET_NULL)
    agreed_on = models.DateField(null=True, blank=True)
    agreed_by_both = models.BooleanField(
        default=False, help_text="Did the other side agree to it too?"
    )
    # Who of the other side agreed to it in the product, and when (ledger.confirmations).
    agreed_by_other = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures_agreed",
    )
    agreed_by_other_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relationship__isnull=False) | Q(goal__isnull=False),
                name="measure_belongs_somewhere",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class QualityReview(models.Model):
    relationship = models.ForeignKey(
        "ledger.Relationship", on_delete=models.CASCADE, related_name="reviews"
    )
    held_on = models.DateField()
    attendees = models.ManyToManyField(
        "directory.Person", blank=True, related_name="reviews_attended"
    )
    notes = models.TextField(blank=True)
    next_review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True)
                | Q(next_review_due__gt=models.F("held_on")),
                name="review_next_after_held",
            )
        ]


class MeasureStatus(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    MET = "met", "Met"
    MISSED = "missed", "Missed"


class QualityReviewMeasure(models.Model):
    review = models.ForeignKey(
        QualityReview, on_delete=models.CASCADE, related_name="measure_statuses"
    )
    measure = models.ForeignKey(
        AgreedMeasure, on_delete=models.CASCADE, related_name="review_statuses"
    )
    status = models.CharField(max_length=10, choices=MeasureStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "measure"], name="review_measure_once"),
            models.CheckConstraint(
                condition=Q(status__in=MeasureStatus.values), name="review_measure_status_valid"
            ),
        ]


class Decision(models.Model):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    decided_at = models.DateTimeField()
    deciding_unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    decided_by = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    relationship = models.ForeignKey(
        "ledger.Relationship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return self.title


class StakeholderRole(models.TextChoices):
    AFFECTED = "affected", "Affected"
    INVOLVED_BEFORE = "involved_before", "Involved before"
    TOLD_BEFORE = "told_before", "Told before"
    SURPRISED = "surprised", "Surprised after"


class DecisionStakeholder(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="stakeholders")
    person = models.ForeignKey("directory.Person", null=True, blank=True, on_delete=models.CASCADE)
    unit = models.ForeignKey("directory.Unit", null=True, blank=True, on_delete=models.CASCADE)
    role = models.CharField(max_length=16, choices=StakeholderRole.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=StakeholderRole.values), name="stakeholder_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(unit__isnull=False),
                name="stakeholder_is_someone",
            ),
        ]


class Incident(models.Model):
    """An issue that affects stakeholders; transparency measures how soon they heard of it."""

    title = models.CharField(max_length=300)
    unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    relationship = models.ForeignKey(
        "ledger.Relationship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
    )
    arose_at = models.DateTimeField()
    stakeholders_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-arose_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stakeholders_told_at__isnull=True)
                | Q(stakeholders_told_at__gte=models.F("arose_at")),
                name="incident_told_after_arose",
            )
        ]
