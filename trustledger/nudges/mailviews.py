"""/nudges/mail/: when and what a user hears by mail; /nudges/unsubscribe/<token>/: the
one-click link of every nudge mail (no login: the signed token names the user and the kind).

A GET of the link shows what it stops and a button; a POST stops it (RFC 8058: mail
programs POST `List-Unsubscribe=One-Click` without a session or a CSRF token). A link works
once: stopping a kind changes the preference's version, which voids every earlier link.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from trustledger.domain.digest import WEEKDAYS, next_slot
from trustledger.nudges import mail
from trustledger.nudges.models import MailPreference


class MailForm(forms.Form):
    digest = forms.BooleanField(required=False, label="Send me a weekly digest")
    weekday = forms.TypedChoiceField(
        coerce=int, choices=list(enumerate(WEEKDAYS)), label="Day of the digest"
    )
    hour = forms.TypedChoiceField(
        coerce=int, choices=[(h, f"{h:02d}:00") for h in range(24)], label="Hour"
    )
    time_zone = forms.CharField(
        required=False,
        max_length=64,
        label="Time zone",
        help_text="An IANA name such as Europe/Berlin; empty: your person's, else the site's.",
    )
    immediate = forms.BooleanField(
        required=False, label="Mail me at once what cannot wait (a dispute, a promise due tomorrow)"
    )
    kinds_off = forms.MultipleChoiceField(
        required=False,
        choices=mail.kinds_mailed(),
        widget=forms.CheckboxSelectMultiple,
        label="Leave these out of my mails",
    )

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                raise forms.ValidationError(
                    f"{name!r} is not a known time zone (e.g. Europe/Berlin, America/New_York)."
                ) from None
        return name


FIELDS = ("digest", "weekday", "hour", "time_zone", "immediate", "kinds_off")


@login_required
@require_http_methods(["GET", "POST"])
def mail_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    pref = mail.preference_of(user)  # type: ignore[arg-type]
    initial = {f: getattr(pref, f) for f in FIELDS}
    form = MailForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            pref = MailPreference.objects.select_for_update().get(pk=pref.pk)
            before = {f: getattr(pref, f) for f in FIELDS}
            for f in FIELDS:
                setattr(pref, f, form.cleaned_data[f])
            after = {f: getattr(pref, f) for f in FIELDS}
            if after != before:
                pref.version += 1  # earlier unsubscribe links are void
                pref.updated_at = timezone.now()
                pref.save()
        messages.success(request, "Saved: your mail settings.")
        return redirect("nudge_mail_settings")
    zone = mail.zone_of(user, pref)  # type: ignore[arg-type]
    context: dict[str, Any] = {
        "title": "Mail settings",
        "address": mail.address_of(user),  # type: ignore[arg-type]
        "zone": zone.key,
        "next_digest": next_slot(timezone.now(), pref.weekday, pref.hour, zone).strftime(
            "%A %Y-%m-%d %H:%M"
        )
        if pref.digest
        else None,
    }
    return render(request, "nudges/mail_settings.html", {"page": context, "form": form})


@csrf_exempt  # RFC 8058: the mail program POSTs without a session; the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    context: dict[str, Any] = {"title": "Stop these mails", "token": token}
    try:
        found = mail.read_token(token)
    except signing.BadSignature:
        context["problem"] = "This link is not one of ours, or it was cut short."
        return render(request, "nudges/unsubscribe.html", {"page": context}, status=404)
    except mail.LinkUsed:
        context["problem"] = (
            "This link has been used, or your mail settings changed after it was sent: "
            "it no longer works. Log in and open your mail settings to change what you receive."
        )
        return render(request, "nudges/unsubscribe.html", {"page": context}, status=410)
    context["words"] = found.words
    if request.method == "POST":
        try:
            mail.unsubscribe(token)
        except mail.LinkUsed:
            context["problem"] = "This link has just been used: it no longer works."
            return render(request, "nudges/unsubscribe.html", {"page": context}, status=410)
        context["done"] = True
    return render(request, "nudges/unsubscribe.html", {"page": context})
