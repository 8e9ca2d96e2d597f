"""The page behind a link, for a person of the other side without a login.

As with survey links (`trustledger.surveys.views.respond`): the link from the mail proves the
token once, moves it into a signed, HttpOnly cookie valid only under /shared/<link id>/ and
sends the browser there, so the token is in no later request line, referrer or history entry
(`surveys.logs` keeps it out of the log line of the first). No session is made and no user
logged in: the cookie opens this one page and its answers, nothing else. An unknown,
expired or revoked token, a missing cookie and a link of someone else all get the same 404.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from trustledger.accounts.client import client_address
from trustledger.sharing import actions, answers, page
from trustledger.sharing.models import SharedLink
from trustledger.surveys import ratelimit

COOKIE_SALT = "trustledger.sharing.page"


def _cookie_name(pk: int) -> str:
    return f"shared_{pk}"


def _page_url(pk: int) -> str:
    return reverse("sharing:page", args=[pk])


def _private(response: HttpResponse, *, token_in_url: bool = False) -> HttpResponse:
    """Never cached. Where the token is in the URL it is kept out of referrers; the page
    itself keeps the site's same-origin policy so its forms pass the CSRF origin check."""
    if token_in_url:
        response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def unavailable(request: HttpRequest, *, token_in_url: bool = False) -> HttpResponse:
    response = render(request, "sharing/unavailable.html", status=404)
    return _private(response, token_in_url=token_in_url)


def _limited(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "sharing/limited.html", status=429), token_in_url=True)


@require_GET
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the mail. Wrong tokens are counted per address, as for survey links
    (one shared counter, so a guesser gains nothing by switching between the two)."""
    try:
        link = actions.link_for(token)
    except actions.LinkUnavailable:
        if not ratelimit.hit("ip_invalid", client_address(request)):
            return _limited(request)
        return unavailable(request, token_in_url=True)
    response = redirect(_page_url(link.pk))
    response.set_signed_cookie(
        _cookie_name(link.pk),
        token,
        salt=COOKIE_SALT,
        path=_page_url(link.pk),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return _private(response, token_in_url=True)


def _held_link(request: HttpRequest, pk: int) -> tuple[SharedLink, str] | None:
    """The live link whose token this browser holds for /shared/<pk>/, with the token."""
    token = request.get_signed_cookie(_cookie_name(pk), default=None, salt=COOKIE_SALT)
    if token is None:
        return None
    try:
        link = actions.link_for(token)
    except actions.LinkUnavailable:
        return None
    return (link, token) if link.pk == pk else None


@require_GET
def link_page(request: HttpRequest, pk: int) -> HttpResponse:
    held = _held_link(request, pk)
    if held is None:
        return unavailable(request)
    link, _ = held
    actions.note_use(link, "link.viewed")
    context = page.context(link) | {
        "can": answers.offered(),
        "done": answers.done_message(request.GET.get("done", "")),
        "pk": link.pk,
    }
    return _private(render(request, "sharing/page.html", context))


@require_POST
def answer(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    held = _held_link(request, pk)
    if held is None:
        return unavailable(request)
    link, token = held
    # Each token is limited by its own counter only: nobody else can block its holder.
    if not ratelimit.hit("token_posts", token):
        return _private(render(request, "sharing/limited.html", status=429))
    try:
        answers.give(link, verb, request.POST)
    except answers.UnknownAnswer:
        return unavailable(request)
    except answers.AnswerRefused as refused:
        context = page.context(link) | {
            "can": answers.offered(),
            "error": refused.message,
            "error_field": refused.field,
            "pk": link.pk,
        }
        return _private(render(request, "sharing/page.html", context, status=400))
    return _private(redirect(f"{_page_url(pk)}?done={verb}"))
