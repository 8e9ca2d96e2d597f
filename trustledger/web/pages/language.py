"""/language/: the language check of a draft message, and `/language/strength/?sentence=…`,
the reading of one sentence for the commitment form's hint (web/static/web/strength.js).

Any logged-in user may check a draft: nothing is stored and nothing of the ledger is read,
so there is no scope to ask. The page's JSON twin (`?format=json` or `Accept:
application/json`) answers the same dict; a bad value is 422 with the API's error shape.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from trustledger.accounts.access import scope_for
from trustledger.domain.limits import TEXT_MAX
from trustledger.engine import drafts
from trustledger.web.pages.common import wants_json

SAMPLE = "e.g. Thanks for the call. I will send the export by Friday. We'll try to fix the report."


class DraftForm(forms.Form):
    text = forms.CharField(
        label="Your draft message",
        required=False,  # read_input names the empty text in its own words
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": SAMPLE}),
        help_text=f"Paste the whole mail: quoted replies and signatures are set aside. "
        f"At most {TEXT_MAX:,} characters.",
    )
    written_at = forms.CharField(
        label="When it will be sent",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Empty: now. Due dates like “by Friday” are read from this moment.",
    )
    time_zone = forms.CharField(
        label="Time zone",
        required=False,
        max_length=64,
        help_text="An IANA zone such as Europe/Vienna.",
    )

    def __init__(self, *args: Any, default_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_zone = default_zone
        self.fields["time_zone"].widget.attrs["placeholder"] = default_zone
        self.checked: tuple[Any, ...] | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            self.checked = drafts.read_input(
                data.get("text"), data.get("written_at"), data.get("time_zone"), self.default_zone
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return data


def _errors(form: forms.Form) -> list[dict[str, str]]:
    """The API's error shape (docs/api.md), so one client reads both."""
    return [
        {"field": field, "reason": str(reason)}
        for field, reasons in form.errors.items()
        for reason in reasons
    ]


@login_required
@require_http_methods(["GET", "POST"])
def language_check(request: HttpRequest) -> HttpResponse:
    default_zone = drafts.zone_of(scope_for(request.user).person_id)  # type: ignore[arg-type]
    data = request.POST if request.method == "POST" else None
    form = DraftForm(data, default_zone=default_zone, initial={"time_zone": ""})
    page: dict[str, Any] = {
        "title": "Language check",
        "default_zone": default_zone,
        "text_max": TEXT_MAX,
        "check": None,
        "errors": [],
    }
    status = 200
    if form.is_bound:
        if form.is_valid() and form.checked:
            page["check"] = drafts.checked(*form.checked)
        else:
            page["errors"] = _errors(form)
            status = 422
    if wants_json(request):
        if page["errors"]:
            return JsonResponse({"errors": page["errors"]}, status=422)
        return JsonResponse(page, json_dumps_params={"indent": 1})
    return render(request, "web/language.html", {"page": page, "form": form}, status=status)


@login_required
@require_GET
def strength_reading(request: HttpRequest) -> HttpResponse:
    """JSON only: the reading of `?sentence=`, for the commitment form's hint."""
    sentence = request.GET.get("sentence", "")
    if len(sentence) > TEXT_MAX:
        reason = f"is longer than {TEXT_MAX:,} characters"
        return JsonResponse({"errors": [{"field": "sentence", "reason": reason}]}, status=400)
    return JsonResponse(drafts.strength_of(sentence))
