"""Users of trustledger and their roles.

An *admin* (superuser) sees everything. Otherwise a user's reach comes from memberships: the
manager of a unit sees the unit's people and relationships, a member sees their own
relationships and their unit's aggregates, a viewer only reads.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    person = models.OneToOneField(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        help_text="The person this user is in the ledger, if any.",
    )

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.is_superuser

    def role_in(self, unit_id: int) -> str | None:
        membership = self.memberships.filter(unit_id=unit_id).first()
        return membership.role if membership else None


class Role(models.TextChoices):
    MANAGER = "manager", "Manager of the unit"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer (read only)"


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("directory.Unit", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=8, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role} of {self.unit}"


class RateCounter(models.Model):
    """One fixed-window counter of a rate limit (when no Redis is configured).

    One row per limited subject (a token, a user, an address), reused window after window:
    the row holds the current window's number and its count, raised by one atomic upsert.
    """

    key = models.CharField(max_length=200, unique=True)
    slot = models.BigIntegerField(help_text="Window number: seconds since the epoch // window.")
    count = models.PositiveIntegerField(default=0)
    expires = models.BigIntegerField(db_index=True, help_text="Epoch second the window ends.")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
