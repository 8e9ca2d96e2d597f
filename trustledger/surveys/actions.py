"""Named actions on survey campaigns. Each runs in one transaction and checks its actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.audit.log import record
from trustledger.directory.models import Organization, Person, Unit
from trustledger.surveys import independence, tokens
from trustledger.surveys.instrument import ITEMS_BY_CODE, items_for
from trustledger.surveys.models import (
    Answer,
    Campaign,
    CampaignStatus,
    Invitation,
    Response,
)
from trustledger.surveys.permissions import can_manage_subject


class SurveyError(Exception):
    """An action that does not fit the campaign's state; the message is for the user."""


def _require_manager(actor: User, campaign: Campaign) -> None:
    if not can_manage_subject(scope_for(actor), campaign.subject_unit, campaign.subject_person):
        raise PermissionDenied("Only a manager of the subject's unit or an admin may do this.")


@transaction.atomic
def create_campaign(
    actor: User,
    *,
    title: str,
    subject_unit: Unit | None = None,
    subject_person: Person | None = None,
) -> Campaign:
    if (subject_unit is None) == (subject_person is None):
        raise SurveyError("A campaign is about one person or one unit.")
    if not can_manage_subject(scope_for(actor), subject_unit, subject_person):
        raise PermissionDenied("Only a manager of the subject's unit or an admin may do this.")
    campaign = Campaign.objects.create(
        title=title.strip() or "Trust survey",
        subject_unit=subject_unit,
        subject_person=subject_person,
        created_by=actor,
    )
    record(actor, "survey.campaign_created", campaign)
    return campaign


def _email_of(person: Person) -> str | None:
    identity = person.identities.filter(kind="email").order_by("pk").first()
    return identity.normalized if identity else None


def _is_self(campaign: Campaign, person: Person | None) -> bool:
    if person is None:
        return False
    if campaign.subject_person_id is not None:
        return person.pk == campaign.subject_person_id
    unit = person.unit
    while unit is not None:
        if unit.pk == campaign.subject_unit_id:
            return True
        unit = unit.parent
    return False


@dataclass
class RatersAdded:
    invited: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "address: reason"
    not_counted: list[str] = field(default_factory=list)  # invited, but the inviter controls them
    sent: int = 0


@transaction.atomic
def add_raters(
    actor: User,
    campaign: Campaign,
    *,
    people: Iterable[Person] = (),
    units: Iterable[Unit] = (),
    emails: Iterable[str] = (),
    base_url: str = "",
) -> RatersAdded:
    """Invite people, every person of some units, and external addresses. While the campaign is
    open, the new raters get their link at once. Raters whose identity the actor controls are
    invited but do not count (`independence`); the actor cannot rate the others' view."""
    _require_manager(actor, campaign)
    scope = scope_for(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status == CampaignStatus.CLOSED:
        raise SurveyError("The campaign is closed.")
    result = RatersAdded()
    wanted: dict[str, Person | None] = {}
    for person in [*people, *Person.objects.filter(unit__in=list(units), is_active=True)]:
        address = _email_of(person)
        if address is None:
            result.without_email.append(person.display_name)
        else:
            wanted.setdefault(address, person)
    for raw in emails:
        address = raw.strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            raise SurveyError(f"{raw.strip()!r} is not an e-mail address.") from None
        wanted.setdefault(address, independence.person_for_address(address))
    existing = set(campaign.invitations.values_list("email", flat=True))
    fresh = []
    for address, person in wanted.items():
        if address in existing:
            result.already.append(address)
            continue
        is_self = _is_self(campaign, person)
        stands = independence.standing(scope, person, address, is_self=is_self)
        if stands.refused:
            result.refused.append(f"{address}: {stands.refused}")
            continue
        if not stands.counted:
            result.not_counted.append(address)
        fresh.append(
            Invitation.objects.create(
                campaign=campaign,
                rater_person=person,
                email=address,
                is_self=is_self,
                counted=stands.counted,
                # A placeholder nobody holds: the real token is made when the mail is sent.
                token_hash=tokens.token_hash(tokens.new_token()),
            )
        )
        result.invited.append(address)
    if campaign.status == CampaignStatus.OPEN:
        result.sent = _send(campaign, fresh, base_url, reminder=False)
    record(
        actor, "survey.raters_invited", campaign, invited=len(result.invited), mailed=result.sent
    )
    return result


def _link(base_url: str, token: str) -> str:
    base = (settings.TRUSTLEDGER_BASE_URL or base_url).rstrip("/")
    return base + reverse("surveys:respond", args=[token])


def subject_name(campaign: Campaign) -> str:
    subject = campaign.subject_person or campaign.subject_unit
    return str(subject)


def _send(
    campaign: Campaign, invitations: Iterable[Invitation], base_url: str, *, reminder: bool
) -> int:
    """Give each invitation a new token and mail its link. The token is never stored."""
    now = timezone.now()
    messages = []
    for invitation in invitations:
        token = tokens.new_token()
        invitation.token_hash = tokens.token_hash(token)
        if reminder:
            invitation.reminded_at = now
        else:
            invitation.sent_at = now
        invitation.save(update_fields=["token_hash", "sent_at", "reminded_at"])
        context = {
            "campaign": campaign,
            "subject": subject_name(campaign),
            "link": _link(base_url, token),
            "is_self": invitation.is_self,
            "yourselves": "yourself" if campaign.subject_person_id else "yourselves",
            "reminder": reminder,
            "min_raters": settings.TRUSTLEDGER_SURVEY_MIN_RATERS,
        }
        subject = ("Reminder: " if reminder else "") + (
            f"How do you see {context['subject']}? A short anonymous survey"
            if not invitation.is_self
            else f"How do you see {context['yourselves']}, {context['subject']}? A short self-assessment"
        )
        body = render_to_string("surveys/invitation_email.txt", context)
        messages.append(EmailMessage(subject, body, to=[invitation.email]))
    if messages:
        # Mail after the commit: a rolled-back action sends nothing.
        transaction.on_commit(lambda: get_connection().send_messages(messages))
    return len(messages)


@transaction.atomic
def open_campaign(actor: User, campaign: Campaign, *, base_url: str = "") -> int:
    """Open the campaign and mail every rater their link; returns the number of mails."""
    _require_manager(actor, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise SurveyError("Only a draft campaign can be opened.")
    invitations = list(campaign.invitations.all())
    if not invitations:
        raise SurveyError("Add raters before opening the campaign.")
    campaign.status = CampaignStatus.OPEN
    campaign.opened_at = timezone.now()
    campaign.save(update_fields=["status", "opened_at"])
    record(actor, "survey.campaign_opened", campaign, invitations=len(invitations))
    return _send(campaign, invitations, base_url, reminder=False)


@transaction.atomic
def send_reminders(actor: User, campaign: Campaign, *, base_url: str = "") -> int:
    """Mail a fresh link to those who have not answered; the earlier link stops working."""
    _require_manager(actor, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.OPEN:
        raise SurveyError("Reminders go out only while the campaign is open.")
    waiting = list(
        Invitation.objects.select_for_update().filter(campaign=campaign, responded=False)
    )
    record(actor, "survey.reminders_sent", campaign)  # no count: it would tell who answered
    return _send(campaign, waiting, base_url, reminder=True)


@transaction.atomic
def close_campaign(actor: User, campaign: Campaign) -> Campaign:
    _require_manager(actor, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.OPEN:
        raise SurveyError("Only an open campaign can be closed.")
    campaign.status = CampaignStatus.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "closed_at"])
    record(actor, "survey.campaign_closed", campaign)
    return campaign


class InvalidToken(Exception):
    """Unknown, replaced, or for a campaign that is not open: one answer for all."""


def invitation_for(token: str, *, lock: bool = False) -> Invitation:
    if not tokens.plausible(token):
        raise InvalidToken
    qs = Invitation.objects.select_related(
        "campaign", "campaign__subject_person", "campaign__subject_unit"
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.filter(token_hash=tokens.token_hash(token)).first()
    if invitation is None or invitation.campaign.status != CampaignStatus.OPEN:
        raise InvalidToken
    return invitation


def current_answers(token: str) -> tuple[dict[str, int | None], Response | None]:
    response = Response.objects.filter(response_key=tokens.response_key(token)).first()
    if response is None:
        return {}, None
    return {a.item: a.value for a in response.answers.all()}, response


def _organization_for(invitation: Invitation) -> Organization | None:
    person = invitation.rater_person
    if person is not None:
        return person.organization
    domain = invitation.email.rpartition("@")[2]
    for org in Organization.objects.exclude(email_domains=""):
        if domain in {d.strip().lower() for d in org.email_domains.split(",")}:
            return org
    return None


def submit_response(
    token: str,
    answers: Mapping[str, int | None],
    *,
    comment: str = "",
    service_level: int | None = None,
) -> Response:
    """Store the token holder's answers: the first submit creates their one response, later ones
    change it, until the campaign closes. Raises InvalidToken for anything else."""
    for attempt in range(3):
        try:
            return _submit(token, answers, comment, service_level)
        except IntegrityError:
            # Two submits of one token raced past the lock (SQLite without row locks):
            # the loser retries and updates the response the winner created.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _submit(
    token: str, answers: Mapping[str, int | None], comment: str, service_level: int | None
) -> Response:
    invitation = invitation_for(token, lock=True)
    campaign = invitation.campaign
    kind = "person" if campaign.subject_person_id else "unit"
    allowed = {item.code for item in items_for(kind)}
    for code, value in answers.items():
        if code not in allowed or (value is not None and not 1 <= value <= 10):
            raise ValidationError(f"{code}: not an answer to this survey")
    if service_level is not None and not 1 <= service_level <= 5:
        raise ValidationError("service level: not one of the choices")
    person = invitation.rater_person
    today = timezone.now().astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    fields = {
        "campaign": campaign,
        "is_self": invitation.is_self,
        "counted": invitation.counted,
        "rater_unit": person.unit if person is not None else None,
        "rater_organization": _organization_for(invitation),
        "comment": comment.strip()[:4000],
        "service_level": service_level,
        "submitted_at": today,
    }
    key = tokens.response_key(token)
    response, _ = Response.objects.update_or_create(response_key=key, defaults=fields)
    response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(
            response=response,
            item=code,
            component=ITEMS_BY_CODE[code].component,
            value=answers.get(code),
        )
        for code in sorted(allowed)
    )
    if not invitation.responded:
        invitation.responded = True
        invitation.save(update_fields=["responded"])
    return response
