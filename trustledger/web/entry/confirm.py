"""The other side's buttons: the promisee's side confirms a commitment kept, kept late or
broken, releases it, or disputes the recorded outcome with a comment; the other side of a
relationship agrees a measure.

POST only, with the CSRF token. Out of scope → 404; readable but not the user's to confirm
(the promisor's side, a viewer) → 403; a bad value → 400 naming the field. The writes are
`trustledger.ledger.confirmations`, which check the rights again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from trustledger.accounts.access import Scope, scope_for
from trustledger.domain.limits import TEXT_MAX
from trustledger.domain.reliability import silence_confirms
from trustledger.engine.reports import engine_settings
from trustledger.ledger import confirmations as confirm
from trustledger.ledger import models as m
from trustledger.web.entry.common import not_found, safe_next, wants_json

# verb in the URL → (button label, outcome)
VERBS = {
    "kept": ("Confirm kept", m.CommitmentState.KEPT),
    "kept-late": ("Confirm kept late", m.CommitmentState.KEPT_LATE),
    "broken": ("Confirm broken", m.CommitmentState.BROKEN),
    "release": ("Release", m.CommitmentState.RELEASED),
}
DISPUTE = "dispute"
CLOSED = (*confirm.OUTCOMES,)


def _first_name(person: Any) -> str:
    return person.given_name or person.display_name.split(" ")[0]


def _day(moment: Any) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}" if moment else ""


def confirmation_words(c: m.Commitment, now: Any = None) -> str:
    """Who stands behind the outcome, in the words both sides read (empty while open)."""
    if c.state not in CLOSED:
        return ""
    by = c.confirmation_by.display_name if c.confirmation_by_id else "the promisee's side"
    if c.confirmation == m.Confirmation.CONFIRMED:
        return f"confirmed by {by} on {_day(c.confirmation_at)}"
    if c.confirmation == m.Confirmation.DISPUTED:
        return f"disputed by {by} on {_day(c.confirmation_at)}: {c.confirmation_comment}"
    if confirmed_by_silence(c, now):
        days = engine_settings().reliability.claim_confirms_after_days
        return f"claimed — confirmed by silence after {days:g} days"
    return f"claimed — awaiting {_first_name(c.promisee)}'s confirmation"


def confirmed_by_silence(c: m.Commitment, now: Any = None) -> bool:
    """A kept claim nobody objected to within `claim_confirms_after_days`."""
    if c.state not in (m.CommitmentState.KEPT, m.CommitmentState.KEPT_LATE):
        return False
    if c.confirmation != m.Confirmation.CLAIMED:
        return False
    return silence_confirms(c.closed_at, now or timezone.now(), engine_settings().reliability)


def confirm_url(pk: int, verb: str) -> str:
    return f"/commitments/{pk}/confirm/{verb}/"


def confirmation_of(scope: Scope, c: m.Commitment) -> dict[str, Any]:
    """The commitment's confirmation and the buttons this scope gets (for the partial
    `web/both/_confirm_buttons.html` and the JSON twins). Select promisor, promisee and
    confirmation_by with the row."""
    may = confirm.may_confirm(scope, c) and c.state != m.CommitmentState.RENEGOTIATED
    may = may and c.confirmation != m.Confirmation.CONFIRMED
    return {
        "id": c.pk,
        "state": c.confirmation if c.state in CLOSED else "",
        "words": confirmation_words(c),
        "by": c.confirmation_by.display_name if c.confirmation_by_id else None,
        "at": c.confirmation_at,
        "comment": c.confirmation_comment,
        # An outcome recorded by the promisor's side that still waits for this reader's word.
        "awaiting": bool(may)
        and c.state in CLOSED
        and c.confirmation == m.Confirmation.CLAIMED
        and not confirmed_by_silence(c),
        "buttons": [
            {"verb": verb, "label": label, "url": confirm_url(c.pk, verb)}
            for verb, (label, _) in VERBS.items()
        ]
        if may
        else [],
        "dispute_url": confirm_url(c.pk, DISPUTE)
        if may and c.state in CLOSED and c.confirmation == m.Confirmation.CLAIMED
        else None,
    }


def refused(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """400, naming the field: JSON for a JSON client, else a short page."""
    fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    rows = [{"field": f, "reason": " ".join(msgs)} for f, msgs in fields.items()]
    if wants_json(request) or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"errors": rows}, status=400)
    back = safe_next(request, "/commitments/")
    return render(request, "web/both/refused.html", {"errors": rows, "back": back}, status=400)


def readable_commitment(scope: Scope, pk: Any) -> m.Commitment | None:
    """The commitment if this scope reads it, with what its confirmation names."""
    qs = scope.commitments().select_related("promisor__unit", "promisee", "confirmation_by")
    return qs.filter(pk=pk).first()


def _commitment(scope: Scope, pk: int) -> m.Commitment:
    found = readable_commitment(scope, pk)
    if found is None:
        raise not_found()
    return found


def _acting_person(request: HttpRequest, fallback: Any) -> Any:
    """One confirms in one's own name; an admin without a person acts for `fallback`."""
    return request.user.person if request.user.person_id else fallback  # type: ignore[union-attr]


@login_required
@require_POST
def commitment_confirm(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in VERBS and verb != DISPUTE:
        raise not_found()
    scope = scope_for(request.user)
    c = _commitment(scope, pk)
    if not confirm.may_confirm(scope, c):
        raise PermissionDenied("Only the promisee or a manager of their unit confirms this.")
    person = _acting_person(request, c.promisee)
    try:
        if verb == DISPUTE:
            comment = request.POST.get("comment", "")
            if len(comment) > TEXT_MAX:
                raise ValidationError({"comment": f"Keep it under {TEXT_MAX} characters."})
            done = confirm.dispute_commitment(c, person=person, user=request.user, comment=comment)
            said = f"Disputed: {c.promisor.display_name}'s side sees your comment."
        else:
            note = request.POST.get("note", "")[:TEXT_MAX]
            done = confirm.confirm_commitment(
                c, VERBS[verb][1], person=person, user=request.user, note=note
            )
            said = f"“{c.what}”: {done.get_state_display().lower()}, confirmed by you."
    except ValidationError as error:
        return refused(request, error)
    if wants_json(request):
        return JsonResponse(confirmation_of(scope, done), json_dumps_params={"indent": 1})
    messages.success(request, said)
    return redirect(safe_next(request, f"/records/commitment/{c.pk}/"))


@login_required
@require_POST
def measure_agree(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    measure = scope.measures().select_related("relationship").filter(pk=pk).first()
    if measure is None:
        raise not_found()
    if measure.agreed_by_other_id is not None:
        return refused(
            request, ValidationError({"measure": "The other side agreed this measure already."})
        )
    if not confirm.may_agree(scope, measure):
        raise PermissionDenied("Only the other side of the relationship agrees a measure.")
    person = request.user.person  # type: ignore[union-attr]
    if person is None:
        return refused(request, ValidationError({"person": "Agree in a person's name."}))
    try:
        confirm.agree_measure(measure, person=person, user=request.user)
    except ValidationError as error:
        return refused(request, error)
    messages.success(request, f"“{measure.name}” is now agreed by both sides.")
    return redirect(safe_next(request, f"/records/measure/{measure.pk}/"))
