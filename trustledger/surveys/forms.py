"""Input validation for the survey pages."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from trustledger.surveys.instrument import Item
from trustledger.surveys.models import ServiceLevelChoice

DONT_KNOW = "dk"
SCALE = [str(v) for v in range(1, 11)]


class CampaignForm(forms.Form):
    title = forms.CharField(max_length=300)
    subject = forms.ChoiceField(help_text="A unit or a person of a unit you manage.")

    def __init__(self, *args: object, units=(), people=(), **kwargs: object) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [(f"unit:{u.pk}", f"Unit: {u.name}") for u in units]
        choices += [(f"person:{p.pk}", f"Person: {p.display_name}") for p in people]
        self.fields["subject"].choices = choices


class RatersForm(forms.Form):
    people = forms.MultipleChoiceField(required=False)
    units = forms.MultipleChoiceField(required=False)
    emails = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="External raters: one e-mail address per line.",
    )

    def __init__(self, *args: object, units=(), people=(), **kwargs: object) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["people"].choices = [(str(p.pk), p.display_name) for p in people]
        self.fields["units"].choices = [(str(u.pk), u.name) for u in units]

    def email_list(self) -> list[str]:
        raw = self.cleaned_data.get("emails", "")
        return [line.strip() for line in raw.replace(",", "\n").splitlines() if line.strip()]


class ResponseInputError(ValueError):
    pass


def parse_response(
    data: QueryDict, items: tuple[Item, ...]
) -> tuple[dict[str, int | None], int | None, str]:
    """Answers (None = don't know or left out), the service level, the comment."""
    answers: dict[str, int | None] = {}
    for item in items:
        raw = data.get(item.code, DONT_KNOW)
        if raw in ("", DONT_KNOW):
            answers[item.code] = None
        elif raw in SCALE:
            answers[item.code] = int(raw)
        else:
            raise ResponseInputError(f"An answer to “{item.about_others}” is not on the scale.")
    raw_level = data.get("service_level", "")
    level = None
    if raw_level:
        if raw_level not in {str(v) for v in ServiceLevelChoice.values}:
            raise ResponseInputError("The relationship choice is not one of the options.")
        level = int(raw_level)
    comment = data.get("comment", "")
    if len(comment) > 4000:
        raise ResponseInputError("The comment is longer than 4,000 characters.")
    return answers, level, comment
