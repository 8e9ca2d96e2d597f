"""Storing a review pack with its review, and sending it to the review's attendees.

The stored pack covers the review's period (since the review before it) as of the end of
the review's day, so the next review's pack can say what moved since. Each attendee is sent
the pack as their own login may read it (`scope_for` of their user): the serving side's
attendees its figures, the other side's the records both sides keep. An attendee without a
login or an address is named in the answer and sent nothing: no scope says what they may read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.disclosure import disclose
from trustledger.accounts.models import User
from trustledger.ledger import models as m
from trustledger.nudges.mail import address_of
from trustledger.reviewpacks import build
from trustledger.reviewpacks.models import StoredPack
from trustledger.reviewpacks.pdf import render_pdf

TEMPLATE = "reviewpacks/review_pack.html"


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)


def pack_for_review(review: m.QualityReview, scope: Scope) -> tuple[dict[str, Any], bytes]:
    """The pack of the review's period as `scope` may read it, and its PDF."""
    as_of = _end_of(review.held_on)
    before = build.last_review_before(review.relationship, review.held_on)
    since = before.held_on if before else review.relationship.started_on
    found = build.review_pack(scope, review.relationship_id, as_of, as_of.date().isoformat(), since)
    found = disclose(found, scope)
    found.setdefault("as_of", as_of.isoformat())
    return found, render_pdf(TEMPLATE, found)


def store_with_review(review: m.QualityReview, user: User, scope: Scope) -> StoredPack:
    data, pdf = pack_for_review(review, scope)
    with transaction.atomic():
        stored, _ = StoredPack.objects.update_or_create(
            review=review,
            defaults={
                "stored_at": timezone.now(),
                "stored_by": user,
                "since": dt.date.fromisoformat(data["period"]["since"]),
                "as_of": _end_of(review.held_on),
                "data": data,
                "pdf": pdf,
            },
        )
    return stored


def send_to_attendees(review: m.QualityReview, user: User, scope: Scope) -> dict[str, Any]:
    """Store the pack (the sender's), then mail each attendee who has a login and an address
    the pack their own scope reads. Returns the names sent to and those skipped, with why."""
    store_with_review(review, user, scope)
    rel = review.relationship
    sent: list[str] = []
    skipped: list[tuple[str, str]] = []
    users = {
        u.person_id: u
        for u in get_user_model().objects.filter(person__in=review.attendees.all(), is_active=True)
    }
    for person in review.attendees.order_by("display_name", "pk"):
        name = person.display_name
        login = users.get(person.pk)
        if login is None:
            skipped.append((name, "no login"))
            continue
        address = address_of(login)
        if address is None:
            skipped.append((name, "no e-mail address"))
            continue
        theirs = scope_for(login)
        if theirs.side_of(rel) is None:
            skipped.append((name, "on neither side of the relationship"))
            continue
        data, pdf = pack_for_review(review, theirs)
        body = render_to_string(
            "reviewpacks/mail.txt",
            {"page": data, "name": name, "site": settings.TRUSTLEDGER_BASE_URL, "review": review},
        )
        mail = EmailMessage(
            subject=f"{data['title']} — review of {review.held_on}",
            body=body,
            to=[address],
        )
        mail.attach(f"review-pack-{rel.pk}-{review.held_on}.pdf", pdf, "application/pdf")
        mail.send()
        sent.append(name)
    StoredPack.objects.filter(review=review).update(
        sent_at=timezone.now(),
        sent_by=user,
        sent_to=sent,
        not_sent=[list(pair) for pair in skipped],
    )
    return {"sent": sent, "skipped": skipped}


def send_and_log(
    review: m.QualityReview, user: User, scope: Scope, request: HttpRequest | None
) -> dict[str, Any]:
    """`send_to_attendees`, and its line in the audit log (counts only: names stay out of the
    append-only log, which erasing a person could not rewrite)."""
    from trustledger.audit.log import record
    from trustledger.audit.models import Action

    result = send_to_attendees(review, user, scope)
    record(
        user,
        Action.REVIEW_PACK_SENT,
        review,
        request,
        sent=len(result["sent"]),
        not_sent=len(result["skipped"]),
    )
    return result


def sent_words(result: dict[str, Any]) -> str:
    """What a sending did, in a sentence."""
    sent = ", ".join(result["sent"]) or "nobody"
    skipped = "; ".join(f"{name}: {why}" for name, why in result["skipped"])
    return f"Pack sent to {sent}." + (f" Not sent — {skipped}." if skipped else "")
