"""/connections/: the mail, calendar and contacts servers the ledger reads in the background (docs/connections.md).

Admins see and manage every connection and may mark one as shared (a team mailbox); a unit
manager manages their own; members, viewers and people without a unit are refused (403), and
someone else's connection is not found (404), as for imports. The secret is asked for once,
tried at once and stored encrypted: no page, JSON answer, log line or audit event shows it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from trustledger.accounts.access import scope_for
from trustledger.audit.log import record
from trustledger.config.env import ConfigurationError
from trustledger.ingest import dav, imap, secrets
from trustledger.ingest.models import Connection, ConnectionContent, ConnectionKind
from trustledger.ingest.sync import remove, try_connection
from trustledger.ingest.views import _may_import

MAX_FOLDERS = 20


class ConnectionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ConnectionKind.choices,
        help_text="Mail brings messages; a calendar, meetings; contacts, people.",
    )
    url = forms.CharField(
        label="Server",
        max_length=500,
        help_text=(
            "Mail: imaps://mail.example.org (TLS), or imap://host:143 with STARTTLS. "
            "Calendar or contacts: https://dav.example.org/ (the server, your home or one "
            "calendar or address book)."
        ),
    )
    username = forms.CharField(label="User name", max_length=254)
    secret = forms.CharField(
        label="Password or app password",
        max_length=1000,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Stored encrypted; never shown again.",
    )
    folders = forms.CharField(
        label="Folders, calendars or address books",
        required=False,
        max_length=2000,
        help_text=(
            "Comma-separated. Left empty: INBOX and Sent for mail; every calendar or address "
            "book the server lists for you."
        ),
    )
    content = forms.ChoiceField(choices=ConnectionContent.choices, initial="metadata")
    interval_minutes = forms.IntegerField(
        label="Sync every (minutes)", initial=15, min_value=1, max_value=7 * 24 * 60
    )
    shared = forms.BooleanField(
        required=False, help_text="A team mailbox (admins only): its mail is everyone's evidence."
    )

    def __init__(self, *args: Any, admin: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not admin:
            del self.fields["shared"]

    def clean_url(self) -> str:
        value = self.cleaned_data["url"].strip()
        try:
            if self.cleaned_data.get("kind", ConnectionKind.IMAP) == ConnectionKind.IMAP:
                imap.address(value)
            else:
                dav.address(value)
        except imap.ConnectionProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return value

    def clean_folders(self) -> list[str]:
        names = list(dict.fromkeys(f.strip() for f in self.cleaned_data["folders"].split(",")))
        names = [n for n in names if n]
        mail = self.cleaned_data.get("kind", ConnectionKind.IMAP) == ConnectionKind.IMAP
        if not names and mail:
            names = ["INBOX", "Sent"]
        if len(names) > MAX_FOLDERS:
            raise forms.ValidationError(f"At most {MAX_FOLDERS} folders.")
        for name in names if mail else ():
            try:
                imap.quoted(name)
            except imap.ConnectionProblem as problem:
                raise forms.ValidationError(str(problem)) from None
        return names


def _visible(request: HttpRequest) -> Any:
    found = Connection.objects.select_related("owner")
    if scope_for(request.user).is_admin:  # type: ignore[arg-type]
        return found
    return found.filter(owner=request.user)


def _own(request: HttpRequest, pk: int) -> Connection:
    _may_import(request)
    found = _visible(request).filter(pk=pk).first()
    if found is None:
        raise Http404("No such connection.")
    return found


def _row(connection: Connection, *, with_owner: bool) -> dict[str, Any]:
    """What a page or JSON answer shows of a connection: never the secret."""
    return {
        "id": connection.pk,
        "kind": connection.kind,
        "kind_label": connection.get_kind_display(),
        "url": connection.url,
        "username": connection.username,
        "folders": connection.folders,
        "content": connection.content,
        "shared": connection.shared,
        "paused": connection.paused,
        "interval_minutes": connection.interval_minutes,
        "syncing": connection.syncing_since is not None,
        "last_sync_at": connection.last_sync_at.isoformat() if connection.last_sync_at else None,
        "last_attempt_at": (
            connection.last_attempt_at.isoformat() if connection.last_attempt_at else None
        ),
        "last_counts": connection.last_counts,
        "last_error": connection.last_error,
        "items": connection.items.count(),
        **({"owner": connection.owner.get_username()} if with_owner else {}),
    }


def _queue_sync(connection_id: int) -> None:
    from trustledger.ingest.tasks import sync_connection

    transaction.on_commit(lambda: sync_connection(connection_id))


@sensitive_post_parameters("secret")  # an error report never carries the password
@login_required
def connections(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    scope = scope_for(request.user)  # type: ignore[arg-type]
    admin = scope.is_admin
    form = ConnectionForm(request.POST or None, admin=admin)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            secrets.check_keys()  # production without a key: say so before trying anything
            found = try_connection(
                data["kind"],
                data["url"],
                data["username"],
                data["secret"],
                data["folders"],
                admin=admin,
            )
        except (imap.ConnectionProblem, ConfigurationError) as error:
            problem = str(error)
        else:
            connection = Connection.objects.create(
                owner=request.user,
                kind=data["kind"],
                url=data["url"],
                username=data["username"],
                secret_encrypted=secrets.encrypt(data["secret"]),
                folders=data["folders"],
                content=data["content"],
                interval_minutes=data["interval_minutes"],
                shared=bool(data.get("shared")) and admin,
            )
            record(
                request.user,
                "connection.added",
                connection,
                request,
                kind=connection.kind,
                folders=len(connection.folders),
            )
            _queue_sync(connection.pk)
            messages.success(
                request, f"Connected ({found}). The first sync is under way; its result shows here."
            )
            return redirect("connections")
    rows = [_row(c, with_owner=admin) for c in _visible(request)]
    context = {"title": "Connections", "connections": rows, "admin": admin, "problem": problem}
    if request.GET.get("format") == "json":
        return JsonResponse(context)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "uploads/connections.html", {"page": context, "form": form}, status=status
    )


@login_required
@require_POST
def sync_now(request: HttpRequest, pk: int) -> HttpResponse:
    connection = _own(request, pk)
    _queue_sync(connection.pk)
    messages.success(request, f"Sync of {connection.url} queued; its result shows here.")
    return redirect("connections")


@login_required
@require_POST
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    connection = _own(request, pk)
    wanted = request.POST.get("paused")
    if wanted not in ("0", "1"):
        return HttpResponse("Field 'paused': send 1 to pause or 0 to resume.", status=400)
    connection.paused = wanted == "1"
    connection.save(update_fields=["paused"])
    record(request.user, "connection.changed", connection, request, paused=connection.paused)
    said = "paused: no sync until resumed" if connection.paused else "resumed"
    messages.success(request, f"{connection.url}: {said}.")
    return redirect("connections")


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    connection = _own(request, pk)
    with_records = request.POST.get("remove_records") == "1"
    url, brought = connection.url, connection.items.count()
    record(request.user, "connection.removed", connection, request, records=with_records)
    removed = remove(connection, with_records=with_records)
    if connection.kind == ConnectionKind.CARDDAV:
        said = "the people it brought stay in the directory"
    elif with_records:
        said = f"{removed} interaction(s) it brought were removed (those also brought by another connection stay)"
    else:
        said = f"the {brought} interaction(s) it brought stay in the ledger"
    messages.success(request, f"Connection to {url} deleted; {said}.")
    return redirect("connections")
