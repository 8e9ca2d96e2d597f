"""Named actions on a user's nudges. Each is atomic; mark_read, snooze and dismiss act only
on the acting user's own nudges (another's is `StoredNudge.DoesNotExist`: a 404 on the web)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.domain.nudges import Nudge
from trustledger.nudges.gather import nudges_for
from trustledger.nudges.links import url_of
from trustledger.nudges.models import StoredNudge

SNOOZE_DAYS = (1, 7)  # what the centre offers
MAX_SNOOZE_DAYS = 90


@dataclass(frozen=True)
class Refreshed:
    added: int
    updated: int
    resolved: int
    showing: tuple[Nudge, ...]  # the core's nudges now (dismissed ones included)


def _stored(nudge: Nudge, user: User, now: dt.datetime) -> StoredNudge:
    return StoredNudge(
        user=user,
        cause=nudge.cause,
        kind=nudge.kind.value,
        urgency=nudge.urgency.value,
        reason=nudge.reason,
        link=url_of(nudge.link),
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def refresh_nudges(
    user: User, as_of: dt.datetime | None = None, nudges: tuple[Nudge, ...] | None = None
) -> Refreshed:
    """Store the user's nudges now: one row per cause (never two), the wording brought up to
    date ("9 days overdue" becomes "10"), and the causes no longer found resolved. A dismissed
    or snoozed nudge keeps its dismissal or snooze. `nudges`: the user's nudges at `as_of`
    when the caller computed them already (for everyone at once, `batch.everyones_nudges`)."""
    now = as_of or timezone.now()
    if nudges is None:
        nudges = nudges_for(scope_for(user), user.pk, now)
    found = {n.cause: n for n in nudges}
    stored = {s.cause: s for s in StoredNudge.objects.select_for_update().filter(user=user)}
    new = [_stored(n, user, now) for cause, n in found.items() if cause not in stored]
    # Two refreshes at once (the CLI and a page): the unique constraint keeps one row.
    StoredNudge.objects.bulk_create(new, ignore_conflicts=True)
    changed, resolved = [], []
    for cause, row in stored.items():
        nudge = found.get(cause)
        if nudge is None:
            if row.resolved_at is None:
                row.resolved_at = now
                resolved.append(row)
            continue
        fresh = _stored(nudge, user, now)
        if (row.reason, row.link, row.urgency, row.resolved_at) != (
            fresh.reason,
            fresh.link,
            fresh.urgency,
            None,
        ):
            row.reason, row.link, row.urgency = fresh.reason, fresh.link, fresh.urgency
            row.resolved_at = None  # the same cause holds again
            row.updated_at = now
            changed.append(row)
    fields = ["reason", "link", "urgency", "resolved_at", "updated_at"]
    StoredNudge.objects.bulk_update(changed + resolved, fields)
    return Refreshed(len(new), len(changed), len(resolved), tuple(found.values()))


def _own(user: User, pk: int) -> StoredNudge:
    return StoredNudge.objects.select_for_update().get(pk=pk, user_id=user.pk)


def _stamp(user: User, pk: int, field: str) -> StoredNudge:
    """Set `field` to now, once: a second click keeps the first time."""
    nudge = _own(user, pk)
    if getattr(nudge, field) is None:
        setattr(nudge, field, timezone.now())
        nudge.save(update_fields=[field])
    return nudge


@transaction.atomic
def mark_read(user: User, pk: int) -> StoredNudge:
    return _stamp(user, pk, "read_at")


@transaction.atomic
def snooze(user: User, pk: int, days: int) -> StoredNudge:
    """Out of sight for `days` days; it comes back unread if its cause still holds."""
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValidationError({"days": f"Snooze for 1 to {MAX_SNOOZE_DAYS} days."})
    nudge = _own(user, pk)
    nudge.snoozed_until = timezone.now() + dt.timedelta(days=days)
    nudge.read_at = None
    nudge.save(update_fields=["snoozed_until", "read_at"])
    return nudge


@transaction.atomic
def dismiss(user: User, pk: int) -> StoredNudge:
    """Not relevant: remembered, so the same cause never comes back for this user."""
    return _stamp(user, pk, "dismissed_at")
