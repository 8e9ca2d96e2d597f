"""Trust surveys: campaigns that ask the other side, stored so answers cannot be traced to raters.

Invitations know who was asked; responses know only the rater's unit and organization (for
breakdowns that are themselves suppressed under the anonymity threshold). The two are joined
by nothing stored: a response carries a keyed hash of the invitation token, which only the
holder of the token can reproduce.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Component(models.TextChoices):
    CREDIBILITY = "credibility", "Credibility"
    RELIABILITY = "reliability", "Reliability"
    INTIMACY = "intimacy", "Intimacy"
    TRANSPARENCY = "transparency", "Transparency"
    CHARACTER = "character", "Character"
    SELF_ORIENTATION = "self_orientation", "Self-orientation"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Campaign(models.Model):
    title = models.CharField(max_length=300)
    subject_person = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="campaigns_about",
    )
    subject_unit = models.ForeignKey(
        "directory.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="campaigns_about",
    )
    status = models.CharField(
        max_length=6, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_person__isnull=False) & Q(subject_unit__isnull=True))
                | (Q(subject_person__isnull=True) & Q(subject_unit__isnull=False)),
                name="campaign_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values), name="campaign_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    rater_person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.SET_NULL
    )
    email = models.EmailField()
    is_self = models.BooleanField(default=False, help_text="The subject assessing themselves.")
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded = models.BooleanField(default=False)
    counted = models.BooleanField(
        default=True,
        help_text="Whether the answers count in the aggregates: false for an address whose "
        "identity the one who added it controls (see docs/surveys.md, independent raters).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"], name="invitation_once_per_campaign"
            )
        ]


class ServiceLevelChoice(models.IntegerChoices):
    """The optional indicator section: which comes closest to how the rater works with them."""

    VENDOR = 1, "Transactional: we buy a service from them, mostly on price"
    PROBLEM_SOLVER = 2, "Problem-focused: we call them for one kind of problem"
    CONSULTANT = 3, "Advisory: we ask them to think with us across problems"
    PARTNER = 4, "A partnership: we succeed together and speak up for each other"
    TRUSTED_ADVISOR = 5, "Personal: we share personal concerns and they reach out first"


class Response(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    response_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    is_self = models.BooleanField(default=False)
    # Copied from the invitation: answers of a rater the campaign's owner controls are kept
    # (the rater may change them) but count in no aggregate.
    counted = models.BooleanField(default=True)
    rater_unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL
    )
    rater_organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL
    )
    comment = models.TextField(blank=True)
    # Rounded down to the day, so answers cannot be lined up with mail or reminder times.
    submitted_at = models.DateTimeField()
    service_level = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The rater's view of the relationship: 1 vendor … 5 trusted advisor; empty = no answer",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(service_level__isnull=True)
                | Q(service_level__gte=1, service_level__lte=5),
                name="response_service_level_valid",
            )
        ]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=40)
    component = models.CharField(max_length=16, choices=Component.choices)
    value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1–10; empty = don't know"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item"),
            models.CheckConstraint(
                condition=Q(component__in=Component.values), name="answer_component_valid"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=10),
                name="answer_value_in_scale",
            ),
        ]
