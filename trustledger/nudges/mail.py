"""Nudges by mail: a weekly digest per user, at their day and hour in their time zone, and an
immediate mail for what cannot wait (a disputed promise, one due tomorrow).

Sending is idempotent: a mail's row (`NudgeMail`, one per user and key) is claimed in its own
transaction before the mail goes out, so two workers, or a job retried after a crash, never
send the same digest twice. A failed send is kept with its error and retried by later runs up
to `MAX_ATTEMPTS`; a claim left behind by a killed worker is retried after `STALE_CLAIM`.
Each run sends at most `TRUSTLEDGER_NUDGE_MAILS_PER_RUN` mails, and a user receives at most
`IMMEDIATE_PER_DAY` immediate mails a day (the rest wait for the digest).

Every mail has a plain-text and an HTML part and one-click unsubscribe links (RFC 8058
`List-Unsubscribe` and `List-Unsubscribe-Post` headers): signed, for one user and one kind
of mail, and void once used (they carry the preference's version).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.domain.digest import WEEKDAYS, DigestSlot, digest_due, next_slot
from trustledger.domain.nudges import Nudge, NudgeKind, Urgency
from trustledger.nudges import actions
from trustledger.nudges.labels import ACT_LABELS, CHANGING
from trustledger.nudges.models import MailPreference, MailStatus, NudgeMail, StoredNudge, showing

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_CLAIM = dt.timedelta(minutes=30)
IMMEDIATE_PER_DAY = 5
SALT = "trustledger.nudges.unsubscribe"
DIGEST = "digest"  # the unsubscribe "kind" of the weekly digest itself
KIND_WORDS = {
    "keep_in_touch": "people to keep in touch with",
    "promise_due": "promises due",
    "promise_overdue": "promises overdue",
    "answer_dispute": "disputed promises",
    "confirm_outcome": "outcomes to confirm",
    "owed_to_you": "what is owed to you",
    "feedback_unanswered": "feedback waiting for an answer",
    "review_due": "quality reviews due",
    "promises_found": "promises found in mail",
    "answer_unseen": "answers the other side has not seen",
    "measures_missing": "work without agreed measures",
    "health_band": "relationships below green health",
    "trend_down": "health falling",
    "blind_spot": "blind spots in how others see your unit",
    "survey_ready": "survey results ready",
    "team_overdue": "your team's overdue promises",
}


def preference_of(user: User) -> MailPreference:
    found, _ = MailPreference.objects.get_or_create(user=user)
    return found


def zone_of(user: User, pref: MailPreference) -> ZoneInfo:
    """The preference's zone, else the user's person's, else the site's."""
    person = getattr(user, "person", None)
    for name in (pref.time_zone, getattr(person, "time_zone", ""), settings.TIME_ZONE):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def address_of(user: User) -> str | None:
    if user.email:
        return user.email
    person = getattr(user, "person", None)
    if person is None:
        return None
    identity = person.identities.filter(kind="email").order_by("pk").first()
    return identity.normalized if identity else None


# unsubscribe links ----------------------------------------------------------------------


def unsubscribe_token(user: User, kind: str, pref: MailPreference) -> str:
    return signing.dumps({"u": user.pk, "k": kind, "v": pref.version}, salt=SALT, compress=True)


def unsubscribe_url(user: User, kind: str, pref: MailPreference) -> str:
    path = reverse("nudge_unsubscribe", args=[unsubscribe_token(user, kind, pref)])
    return settings.TRUSTLEDGER_BASE_URL.rstrip("/") + path


class NoBaseUrl(Exception):
    """Mail needs absolute links (RFC 8058 asks for an https one-click address)."""

    def __str__(self) -> str:
        return (
            "TRUSTLEDGER_BASE_URL is not set: nudge mails need the site's address for their "
            "links and one-click unsubscribe (e.g. https://trust.example.org); nothing was sent"
        )


class LinkUsed(Exception):
    """The link is void: used already, or older than a later change of preferences."""


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    kind: str  # DIGEST, "immediate", or a NudgeKind value

    @property
    def words(self) -> str:
        if self.kind == DIGEST:
            return "the weekly digest"
        if self.kind == "immediate":
            return "mails that cannot wait for the digest"
        return f"mails about {KIND_WORDS.get(self.kind, self.kind)}"


def read_token(token: str) -> Unsubscribe:
    """The link's user and kind; `signing.BadSignature` when forged, LinkUsed when void."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict) or {"u", "k", "v"} - set(data):
        raise signing.BadSignature("not an unsubscribe link")
    kind = str(data["k"])
    if kind not in (DIGEST, "immediate", *KIND_WORDS):
        raise signing.BadSignature("not an unsubscribe link")
    pref = MailPreference.objects.filter(user_id=data["u"]).first()
    if pref is None or pref.version != data["v"]:
        raise LinkUsed
    return Unsubscribe(int(data["u"]), kind)


@transaction.atomic
def unsubscribe(token: str) -> Unsubscribe:
    """Turn the link's kind of mail off; the link (and every older one) is then void."""
    found = read_token(token)
    pref = MailPreference.objects.select_for_update().get(user_id=found.user_id)
    if pref.version != signing.loads(token, salt=SALT)["v"]:
        raise LinkUsed  # a second click raced the first
    if found.kind == DIGEST:
        pref.digest = False
    elif found.kind == "immediate":
        pref.immediate = False
    elif found.kind not in pref.kinds_off:
        pref.kinds_off = [*pref.kinds_off, found.kind]
    pref.version += 1
    pref.updated_at = timezone.now()
    pref.save()
    return found


# what is due -----------------------------------------------------------------------------


@dataclass
class Planned:
    user: User
    key: str
    subject: str
    nudges: list[StoredNudge]
    immediate: bool
    slot: DigestSlot | None = None
    retry: NudgeMail | None = None  # a failed or abandoned earlier try of the same key


@dataclass
class Report:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)


def _mailed_kinds(pref: MailPreference) -> Q:
    return ~Q(kind__in=list(pref.kinds_off)) if pref.kinds_off else Q()


def _earlier(user: User, key: str, now: dt.datetime) -> tuple[bool, NudgeMail | None]:
    """(may send, the earlier row to retry): a sent key is never sent again."""
    row = NudgeMail.objects.filter(user=user, key=key).first()
    if row is None:
        return True, None
    if row.status == MailStatus.SENT or row.attempts >= MAX_ATTEMPTS:
        return False, None
    if row.status == MailStatus.SENDING and now - row.claimed_at < STALE_CLAIM:
        return False, None  # another worker holds it
    return True, row


def plan_for(
    user: User,
    now: dt.datetime,
    refresh: bool = True,
    found: tuple[Nudge, ...] | None = None,
) -> list[Planned]:
    """The mails due for one user now (the digest if its slot came, immediate ones).
    `found`: the user's nudges now, when computed for everyone at once."""
    pref = preference_of(user)
    if address_of(user) is None or not (pref.digest or pref.immediate):
        return []
    if refresh:
        actions.refresh_nudges(user, now, found)
    live = StoredNudge.objects.filter(showing(now), _mailed_kinds(pref), user=user)
    planned: list[Planned] = []
    if pref.immediate:
        today = now - dt.timedelta(days=1)
        room = (
            IMMEDIATE_PER_DAY
            - NudgeMail.objects.filter(user=user, key__startswith="now:", claimed_at__gte=today)
            .exclude(status=MailStatus.FAILED)
            .count()
        )
        for nudge in live.filter(urgency=Urgency.IMMEDIATE.value).order_by("created_at", "pk"):
            key = f"now:{nudge.cause}"[:240]
            may, retry = _earlier(user, key, now)
            if not may:
                continue
            if room <= 0 and retry is None:
                break  # the rest wait for the digest
            room -= 0 if retry is not None else 1
            subject = f"Cannot wait: {nudge.reason[:120]}"
            planned.append(Planned(user, key, subject, [nudge], True, retry=retry))
    if pref.digest:
        slot = digest_due(now, pref.weekday, pref.hour, zone_of(user, pref))
        if slot is not None:
            may, retry = _earlier(user, slot.key, now)
            nudges = list(live.order_by("-urgency", "kind", "created_at", "pk"))
            if may and nudges:
                count = len(nudges)
                subject = f"Your week in trustledger: {count} thing{'s' if count != 1 else ''}"
                planned.append(Planned(user, slot.key, subject, nudges, False, slot, retry))
    return planned


# composing and sending ----------------------------------------------------------------


def _site() -> str:
    return settings.TRUSTLEDGER_BASE_URL.rstrip("/")


def compose(planned: Planned) -> EmailMultiAlternatives:
    user = planned.user
    pref = preference_of(user)
    address = address_of(user)
    assert address is not None
    stop_kind = "immediate" if planned.immediate else DIGEST
    stop_url = unsubscribe_url(user, stop_kind, pref)
    # A read-only user (a viewer) is sent to their notifications, never to a form they may
    # not use: the centre's rule.
    read_only = scope_for(user).read_only
    sections: dict[str, list[dict[str, str]]] = {}
    for nudge in planned.nudges:
        may_act = nudge.link and not (read_only and nudge.kind in CHANGING)
        sections.setdefault(nudge.kind, []).append(
            {
                "reason": nudge.reason,
                "link": _site() + (nudge.link if may_act else reverse("nudges")),
                "act": ACT_LABELS.get(nudge.kind, "Open") if may_act else "Open notifications",
            }
        )
    zone = zone_of(user, pref)
    person = getattr(user, "person", None)
    context = {
        "name": str(person) if person else (user.get_full_name() or user.username),
        "immediate": planned.immediate,
        "sections": [
            {
                "kind": kind,
                "title": KIND_WORDS.get(kind, kind).capitalize(),
                "items": items,
                "stop_url": unsubscribe_url(user, kind, pref),
            }
            for kind, items in sections.items()
        ],
        "centre_url": _site() + reverse("nudges"),
        "settings_url": _site() + reverse("nudge_mail_settings"),
        "stop_url": stop_url,
        "stop_words": Unsubscribe(user.pk, stop_kind).words,
        "schedule": f"{WEEKDAYS[pref.weekday]}s at {pref.hour:02d}:00 ({zone.key})",
        "next_digest": next_slot(timezone.now(), pref.weekday, pref.hour, zone).strftime(
            "%A %Y-%m-%d %H:%M"
        ),
    }
    text = render_to_string("nudges/mail.txt", context)
    html = render_to_string("nudges/mail.html", context)
    digest = hashlib.sha256(f"{user.pk}:{planned.key}".encode()).hexdigest()[:24]
    host = _site().partition("://")[2].split("/")[0].split(":")[0] or "trustledger.invalid"
    message = EmailMultiAlternatives(
        planned.subject,
        text,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # The same mail has the same id: a duplicate after a crash is seen as one.
            "Message-ID": f"<nudge-{digest}@{host}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _claim(planned: Planned, now: dt.datetime) -> NudgeMail | None:
    """The row this run sends under, or None when another run has it (never two senders)."""
    causes = [n.cause for n in planned.nudges]
    with transaction.atomic():
        if planned.retry is None:
            try:
                with transaction.atomic():
                    return NudgeMail.objects.create(
                        user=planned.user,
                        key=planned.key,
                        status=MailStatus.SENDING,
                        claimed_at=now,
                        attempts=1,
                        causes=causes,
                    )
            except IntegrityError:
                return None
        row = planned.retry
        claimed = NudgeMail.objects.filter(
            pk=row.pk, status=row.status, attempts=row.attempts, claimed_at=row.claimed_at
        ).update(status=MailStatus.SENDING, claimed_at=now, attempts=row.attempts + 1)
        if not claimed:
            return None
        row.refresh_from_db()
        return row


def everyones(users: list[User], now: dt.datetime) -> dict[int, tuple[Nudge, ...]]:
    """Many users' nudges at once from the materialized figures (`trustledger.nudges.batch`),
    when there are at least `TRUSTLEDGER_NUDGE_BATCH_FROM` users and every active
    relationship has its figures; else nothing, and each user's are computed on their own."""
    from trustledger.nudges import batch

    if len(users) < settings.TRUSTLEDGER_NUDGE_BATCH_FROM or not batch.figures_cover_everything():
        return {}
    return dict(batch.everyones_nudges(now, users))


def send_due(
    users: list[User] | None = None,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    limit: int | None = None,
) -> Report:
    """Send what is due now to each active user (or `users`); `dry_run` plans only."""
    now = now or timezone.now()
    if not dry_run and not _site():
        raise NoBaseUrl
    limit = settings.TRUSTLEDGER_NUDGE_MAILS_PER_RUN if limit is None else limit
    report = Report()
    people = users if users is not None else list(User.objects.filter(is_active=True))
    found = everyones(people, now)
    connection = None
    try:
        for user in people:
            mine = found.get(user.pk)
            if dry_run:  # planned on fresh nudges, none of them kept
                with transaction.atomic():
                    report.planned.extend(plan_for(user, now, found=mine))
                    transaction.set_rollback(True)
                continue
            for planned in plan_for(user, now, found=mine):
                label = f"{user.username} {planned.key}"
                if len(report.sent) + len(report.failed) >= limit:
                    report.skipped.append(f"{label} (rate limit: next run)")
                    continue
                row = _claim(planned, now)
                if row is None:
                    report.skipped.append(f"{label} (another run has it)")
                    continue
                try:
                    if connection is None:
                        connection = get_connection(fail_silently=False)
                        connection.open()
                    connection.send_messages([compose(planned)])
                except Exception as error:  # noqa: BLE001 - kept, logged, retried
                    reason = f"{type(error).__name__}: {error}"[:500]
                    NudgeMail.objects.filter(pk=row.pk).update(
                        status=MailStatus.FAILED, error=reason
                    )
                    log.warning(
                        "nudge mail %s failed (try %s of %s): %s",
                        label,
                        row.attempts,
                        MAX_ATTEMPTS,
                        reason,
                    )
                    report.failed.append(f"{label}: {reason}")
                    connection = None  # a broken connection is opened anew
                    continue
                NudgeMail.objects.filter(pk=row.pk).update(
                    status=MailStatus.SENT, sent_at=timezone.now(), error=""
                )
                report.sent.append(label)
    finally:
        if connection is not None:
            with contextlib.suppress(Exception):  # closing a dead connection
                connection.close()
    return report


def kinds_mailed() -> list[tuple[str, str]]:
    return [(k.value, KIND_WORDS[k.value]) for k in NudgeKind]
