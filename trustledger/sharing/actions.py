"""Issuing, mailing, regenerating and revoking links for the other side, and finding a link
by its token. Each action is one transaction, checks that the actor may change the
relationship and writes its audit row; the plain token is returned once and never stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.audit.log import record
from trustledger.directory.models import Person
from trustledger.directory.tree import units_below
from trustledger.ledger.models import Relationship
from trustledger.sharing import mail
from trustledger.sharing.models import SharedLink
from trustledger.surveys import tokens

MAX_DAYS = 365
NOT_THEIR_SIDE = "Choose a person of the other side of this relationship who has no login."


class LinkUnavailable(Exception):
    """Unknown, expired or revoked: one answer for all, so the holder learns nothing."""


def default_days() -> int:
    return int(getattr(settings, "TRUSTLEDGER_SHARED_LINK_DAYS", 60))


def their_side(relationship: Relationship) -> Q:
    """The people of the relationship's other side: the counterpart person, the people of the
    counterpart unit and the units below it, or the people of the counterpart organization."""
    if relationship.counterpart_person_id is not None:
        return Q(pk=relationship.counterpart_person_id)
    if relationship.counterpart_unit_id is not None:
        return Q(unit_id__in=units_below([relationship.counterpart_unit_id]))
    org = relationship.counterpart_organization_id
    return Q(organization_id=org) | Q(unit__organization_id=org)


def other_side_people(relationship: Relationship) -> QuerySet[Person]:
    """Who a link may be issued to: a person of the other side, active, not erased, and
    without a login (a person with a login sees the relationship when they log in)."""
    with_login = User.objects.filter(person__isnull=False).values("person_id")
    return (
        Person.objects.filter(their_side(relationship), is_active=True, erased_at__isnull=True)
        .exclude(pk__in=with_login)
        .order_by("display_name", "pk")
    )


def may_manage(actor: User, relationship: Relationship) -> bool:
    return scope_for(actor).can_change_relationship(relationship)


def _require_manager(actor: User | None, relationship: Relationship) -> None:
    """`actor` None is the command line or the demo loader: the operator, trusted."""
    if actor is not None and not may_manage(actor, relationship):
        raise PermissionDenied("Only those who may change the relationship manage its links.")


def _days(days: int | None) -> int:
    chosen = default_days() if days is None else days
    if not 1 <= chosen <= MAX_DAYS:
        raise ValidationError({"expires_in_days": f"Choose from 1 to {MAX_DAYS} days."})
    return chosen


def _give_token(link: SharedLink, days: int, now: dt.datetime) -> str:
    token = tokens.new_token()
    link.token_hash = tokens.token_hash(token)
    link.issued_at = now
    link.expires_at = now + dt.timedelta(days=days)
    return token


def _facts(link: SharedLink) -> dict[str, Any]:
    return {
        "relationship_id": link.relationship_id,
        "person_id": link.person_id,
        "expires_at": link.expires_at,
    }


@transaction.atomic
def issue_link(
    actor: User | None,
    relationship: Relationship,
    person: Person,
    *,
    days: int | None = None,
    send: bool = False,
    base_url: str = "",
) -> tuple[SharedLink, str]:
    """A new link for `person` of the other side; returns it and its token (shown once)."""
    _require_manager(actor, relationship)
    chosen = _days(days)
    if not other_side_people(relationship).filter(pk=person.pk).exists():
        raise ValidationError({"person": NOT_THEIR_SIDE})
    live = SharedLink.objects.select_for_update().filter(
        relationship=relationship, person=person, revoked_at__isnull=True
    )
    if live.exists():
        raise ValidationError(
            {"person": f"{person} has a link already: make it anew or revoke it first."}
        )
    now = timezone.now()
    link = SharedLink(relationship=relationship, person=person, created_at=now, created_by=actor)
    token = _give_token(link, chosen, now)
    link.save()
    record(actor, "link.created", link, **_facts(link))
    if send:
        _send(actor, link, token, base_url, now)
    return link, token


@transaction.atomic
def regenerate_link(
    actor: User | None,
    link: SharedLink,
    *,
    days: int | None = None,
    send: bool = False,
    base_url: str = "",
) -> tuple[SharedLink, str]:
    """A new token (and expiry) for a live link; the old token stops working at once."""
    link = SharedLink.objects.select_for_update().select_related("relationship").get(pk=link.pk)
    _require_manager(actor, link.relationship)
    chosen = _days(days)
    if link.revoked_at is not None:
        raise ValidationError({"state": "This link was revoked; make a new one."})
    now = timezone.now()
    token = _give_token(link, chosen, now)
    link.save(update_fields=["token_hash", "issued_at", "expires_at"])
    record(actor, "link.regenerated", link, **_facts(link))
    if send:
        _send(actor, link, token, base_url, now)
    return link, token


def _send(
    actor: User | None, link: SharedLink, token: str, base_url: str, now: dt.datetime
) -> None:
    address = mail.address_of(link.person)
    if address is None:
        raise ValidationError({"send": f"{link.person} has no e-mail address on record."})
    mail.send_link(link, token, address, base_url)
    link.last_sent_at = now
    link.save(update_fields=["last_sent_at"])
    record(actor, "link.sent", link, person_id=link.person_id)


@transaction.atomic
def revoke_link(actor: User | None, link: SharedLink) -> SharedLink:
    link = SharedLink.objects.select_for_update().select_related("relationship").get(pk=link.pk)
    _require_manager(actor, link.relationship)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        record(actor, "link.revoked", link, **_facts(link))
    return link


def link_for(token: str, *, at: dt.datetime | None = None) -> SharedLink:
    """The live link this token opens, or LinkUnavailable (unknown, expired, revoked, or
    issued to a person since erased)."""
    if not tokens.plausible(token):
        raise LinkUnavailable
    link = (
        SharedLink.objects.select_related("relationship", "person")
        .filter(token_hash=tokens.token_hash(token))
        .first()
    )
    if link is None or not link.works_at(at or timezone.now()) or link.person.erased_at:
        raise LinkUnavailable
    return link


def note_use(link: SharedLink, action: str, **detail: Any) -> None:
    """One audit row per use of the link (the view, each answer), and its last use."""
    now = timezone.now()
    SharedLink.objects.filter(pk=link.pk).update(last_used_at=now)
    link.last_used_at = now
    record(None, action, link, relationship_id=link.relationship_id, **detail)
