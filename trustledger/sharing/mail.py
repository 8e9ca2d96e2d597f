"""The mail that carries a link to the other side: plain text and HTML, through Django's mail
backend (the same as survey invitations), sent after the action commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from trustledger.directory.models import Person
from trustledger.sharing.models import SharedLink


def address_of(person: Person) -> str | None:
    identity = person.identities.filter(kind="email").order_by("pk").first()
    return identity.normalized if identity else None


def link_url(token: str, base_url: str = "") -> str:
    base = (settings.TRUSTLEDGER_BASE_URL or base_url).rstrip("/")
    return base + reverse("sharing:open", args=[token])


def send_link(link: SharedLink, token: str, address: str, base_url: str) -> None:
    relationship = link.relationship
    context = {
        "person": link.person,
        "our_side": relationship.our_side,
        "their_side": relationship.counterpart,
        "link": link_url(token, base_url),
        "expires_on": link.expires_at.date().isoformat(),
    }
    subject = f"{relationship.our_side}: the promises we made you, to confirm"
    text = render_to_string("sharing/link_email.txt", context)
    html = render_to_string("sharing/link_email.html", context)
    message = EmailMultiAlternatives(subject, text, to=[address])
    message.attach_alternative(html, "text/html")
    # Mail after the commit: a rolled-back action sends nothing.
    transaction.on_commit(lambda: get_connection().send_messages([message]))
