"""Parties: organizations, their units (a tree) and people with their identities."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from trustledger.domain.folding import person_search_text


class OrganizationKind(models.TextChoices):
    OURS = "ours", "Our organization"
    CUSTOMER = "customer", "Customer"
    SUPPLIER = "supplier", "Supplier"
    PARTNER = "partner", "Partner"
    REGULATOR = "regulator", "Regulator"


class Organization(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=OrganizationKind.choices)
    email_domains = models.CharField(
        max_length=500,
        blank=True,
        help_text="Comma-separated mail domains, used to place imported people.",
    )
    culture = models.TextField(
        blank=True, help_text="Corporate culture, as a note for those who work with it."
    )
    notes = models.TextField(blank=True)
    added_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who entered it on the web: they may name it before anyone else does.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    TEAM = "team", "Team"
    DEPARTMENT = "department", "Department"
    DIVISION = "division", "Division"


class Unit(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=UnitKind.choices, default=UnitKind.TEAM)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="unit_name_unique_in_organization"
            ),
            models.CheckConstraint(condition=Q(kind__in=UnitKind.values), name="unit_kind_valid"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="unit_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is not None:
            if self.parent.organization_id != self.organization_id:
                raise ValidationError(
                    {"parent": "A unit's parent must belong to the same organization."}
                )
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": "A unit cannot be placed under itself."})
                ancestor = ancestor.parent

    def ancestors(self) -> list[Unit]:
        chain: list[Unit] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    CHAT = "chat", "Chat"
    IN_PERSON = "in_person", "In person"
    OTHER = "other", "Other"


class Person(models.Model):
    display_name = models.CharField(max_length=200)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    title = models.CharField(max_length=200, blank=True)
    # Local context: what this person is responsible for and worried about, how to reach them.
    role = models.CharField(max_length=200, blank=True)
    responsibilities = models.TextField(blank=True)
    concerns = models.TextField(blank=True)
    corporate_culture = models.TextField(blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code")
    language = models.CharField(max_length=35, blank=True, help_text="BCP 47 tag, e.g. en, de-CH")
    time_zone = models.CharField(max_length=64, blank=True)
    preferred_channels = models.CharField(
        max_length=100, blank=True, help_text="Comma-separated channels, most preferred first"
    )
    # Their script: what they would say if we asked (earning the right to answer).
    important_to_them = models.TextField(blank=True, help_text="What is important to them.")
    wants_next = models.TextField(blank=True, help_text="What they want to happen next.")
    bad_outcome = models.TextField(blank=True, help_text="What a bad outcome would be for them.")
    notes = models.TextField(blank=True)
    added_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who entered them on the web: they may see and name them at once.",
    )
    is_active = models.BooleanField(default=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The name and title folded (lower case, no accents), kept by save(): search and the
    # pickers read it instead of folding every row at each query (domain/folding.py).
    search_name = models.CharField(max_length=401, blank=True, default="", editable=False)

    class Meta:
        ordering = ["display_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["unit"], name="person_unit_idx"),
            models.Index(fields=["search_name"], name="person_search_name_idx"),
            # Most people have no notes: search reads the few who do through this index
            # instead of every row (`notes__gt=""`, the index's own condition).
            models.Index(
                fields=["display_name"], name="person_with_notes_idx", condition=Q(notes__gt="")
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = person_search_text(self.display_name, self.title)
        fields = kwargs.get("update_fields")
        if fields is not None and {"display_name", "title"} & set(fields):
            kwargs["update_fields"] = {*fields, "search_name"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if (
            self.unit_id
            and self.organization_id
            and self.unit.organization_id != self.organization_id
        ):
            raise ValidationError(
                {"unit": "The unit belongs to another organization than the person."}
            )
        for channel in self.preferred_channel_list:
            if channel not in Channel.values:
                raise ValidationError(
                    {
                        "preferred_channels": f"{channel!r} is not a channel ({', '.join(Channel.values)})."
                    }
                )
        if self.time_zone:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(self.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValidationError(
                    {"time_zone": f"{self.time_zone!r} is not a known time zone."}
                ) from None

    @property
    def preferred_channel_list(self) -> list[str]:
        return [c.strip() for c in self.preferred_channels.split(",") if c.strip()]


class IdentityKind(models.TextChoices):
    EMAIL = "email", "Email address"
    NAME = "name", "Name spelling"
    PHONE = "phone", "Phone number"


class PersonIdentity(models.Model):
    """One way a person shows up in the evidence: an address, a spelling of the name, a phone."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=8, choices=IdentityKind.choices)
    value = models.CharField(max_length=320)
    normalized = models.CharField(max_length=320, db_index=True)

    class Meta:
        verbose_name_plural = "person identities"
        indexes = [
            # Search reads every address (`value` contains the words): through this index it
            # reads the addresses and their people only, not whole rows (50,000: 11 → 4 ms).
            models.Index(fields=["value", "person"], name="identity_value_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized"], condition=Q(kind="email"), name="identity_email_unique"
            ),
            models.UniqueConstraint(
                fields=["person", "kind", "normalized"], name="identity_unique_per_person"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=IdentityKind.values), name="identity_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"
