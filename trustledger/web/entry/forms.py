"""Quick entry forms: only what is essential is required; choices come from the user's scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from trustledger.accounts.access import Scope
from trustledger.directory.models import Channel, Person, Unit
from trustledger.domain.limits import LINE_MAX, TEXT_MAX, TITLE_MAX
from trustledger.ledger import models as m
from trustledger.ledger.actions import promisors
from trustledger.ledger.plausible import DUE, HAPPENED, DateKind, date_bounds, date_problem
from trustledger.web.entry.common import changeable_relationships, nameable_people
from trustledger.web.entry.picker import make_picker
from trustledger.web.params import MAX_ID

SUGGESTED = 12  # people of a relationship's units drawn before any search


class RelationshipChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name + (f" ({obj.title})" if obj.title else "")


class DateInput(forms.DateInput):
    """A date picker bounded to the plausible days of its kind (a hint: the field checks)."""

    input_type = "date"
    kind: DateKind = HAPPENED

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # Worked out at each rendering: the bounds move with the date.
        first, last = date_bounds(self.kind)
        attrs = {"min": first.isoformat(), "max": last.isoformat(), **(attrs or {})}
        return super().get_context(name, value, attrs)


class TimeInput(forms.TimeInput):
    input_type = "time"


class DayField(forms.DateField):
    """A plausible day (trustledger/domain/dates.py), the same rule as the API's: a day
    something happened (the default) or a day something is due (`kind=DUE`)."""

    widget = DateInput

    def __init__(self, *args: Any, kind: DateKind = HAPPENED, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if isinstance(self.widget, DateInput):
            self.widget.kind = kind

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and (reason := date_problem(self.kind, value)):
            raise forms.ValidationError(f"This date {reason}.")


class ModelChoices(forms.ModelMultipleChoiceField):
    """Several records by id: a value that cannot be a record id is refused before any query
    (a 30-digit id overflowed the database's integer: a 500)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value or ():
            text = str(pk)
            if (
                not (text.isascii() and text.isdigit())
                or len(text) > len(str(MAX_ID))
                or int(text) > MAX_ID
            ):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


class PeopleChoices(ModelChoices):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name + (f" ({obj.title})" if obj.title else "")


def _people_field(label: str, required: bool = False, help_text: str = "") -> PeopleChoices:
    return PeopleChoices(
        queryset=Person.objects.none(), label=label, required=required, help_text=help_text
    )


class EntryForm(forms.Form):
    """Base: knows the scope, limits people and relationships to it."""

    relationship_required = False

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        if "relationship" in self.fields:
            field = self.fields["relationship"]
            field.queryset = changeable_relationships(scope)
            field.required = self.relationship_required
        people = nameable_people(scope).select_related("organization")
        suggested = self._suggested_people(people)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Person:
                field.queryset = people
                # Only the chosen people and a few suggestions are drawn; picker.js searches
                # `/pick/people/` as you type (all of them would be 50,000 options).
                make_picker(field, "/pick/people/", suggested)

    def _suggested_people(self, people: Any) -> list[int]:
        """The few people drawn as options before any search: oneself and the people of the
        form's relationship (its two sides, the people of its units)."""
        ids = [self.scope.person_id] if self.scope.person_id else []
        raw = self.data.get("relationship") if self.is_bound else self.initial.get("relationship")
        if "relationship" in self.fields and raw and _is_id(str(getattr(raw, "pk", raw))):
            rel = (
                self.fields["relationship"]
                .queryset.filter(pk=int(str(getattr(raw, "pk", raw))))  # type: ignore[attr-defined]
                .first()
            )
            if rel is not None:
                ids += [p for p in (rel.our_person_id, rel.counterpart_person_id) if p]
                units = [u for u in (rel.our_unit_id, rel.counterpart_unit_id) if u]
                ids += list(
                    people.filter(unit_id__in=units)
                    .order_by("display_name")
                    .values_list("pk", flat=True)[:SUGGESTED]
                )
        return list(dict.fromkeys(ids))

    def prefill(self, query: Any) -> None:
        """Initial values from a query (`?what=…&due_on=…`, the next actions' buttons): each
        value goes through its field's own cleaning, so one the form would refuse (a person
        out of scope, a day out of range, an id too long) is left out rather than shown.
        `relationship` is not taken here: the view reads it (404/403 outside reach)."""
        if self.is_bound:
            return
        if "promisee" in self.fields and "promisee" not in query and "person" in query:
            # `person` names whom the next action is about: the promisee of a commitment too.
            query = query.copy()
            query["promisee"] = query["person"]
        for name, field in self.fields.items():
            if name == "relationship" or name not in query:
                continue
            multiple = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            raw = query.getlist(name) if multiple else query.get(name)
            if isinstance(field, forms.ModelChoiceField) and not multiple and not _is_id(raw):
                continue
            try:
                value = field.clean(raw)
            except forms.ValidationError:
                continue
            if value not in (None, "", [], ()) or isinstance(field, forms.BooleanField):
                self.initial[name] = value

    def default_to_own(self, data: dict[str, Any], field: str) -> None:
        """An empty person field means the user's own person; without one, the field must be set."""
        if data.get(field) is not None or field in self.errors:
            return
        if self.scope.person_id is None:
            self.add_error(field, "You have no person of your own: choose one.")
        else:
            data[field] = Person.objects.get(pk=self.scope.person_id)


def _is_id(raw: Any) -> bool:
    text = str(raw or "")
    return (
        text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)) and int(text) <= MAX_ID
    )


def _relationship_field(help_text: str = "") -> RelationshipChoice:
    return RelationshipChoice(queryset=m.Relationship.objects.none(), help_text=help_text)


def _person_field(label: str, required: bool = False, help_text: str = "") -> PersonChoice:
    return PersonChoice(
        queryset=Person.objects.none(), label=label, required=required, help_text=help_text
    )


# Whether an interaction carried a request, and whether its intent was said: one question.
ASKED: dict[str, tuple[bool, bool | None]] = {
    "": (False, None),
    "declared": (True, True),
    "undeclared": (True, False),
    "unknown": (True, None),
}
ASKED_CHOICES = [
    ("", "No request"),
    ("declared", "Yes, and said why"),
    ("undeclared", "Yes, without saying why"),
    ("unknown", "Yes, not known if they said why"),
]


def asked_choice(is_request: bool, intent_declared: bool | None) -> str:
    """The form's answer for a stored interaction (the reverse of ASKED)."""
    return next(
        k for k, v in ASKED.items() if v == (is_request, intent_declared if is_request else None)
    )


class InteractionForm(EntryForm):
    person = _people_field(
        "With whom", required=True, help_text="One or more people: everyone who took part."
    )
    channel = forms.ChoiceField(choices=Channel.choices)
    occurred_on = DayField(label="Date", initial=timezone.localdate)
    occurred_time = forms.TimeField(
        label="Time", required=False, widget=TimeInput, help_text="Empty: now if today, else noon."
    )
    relationship = _relationship_field()
    initiator = _person_field(
        "Who started it", help_text="Empty: you. Choose them if they reached out first."
    )
    answered = forms.NullBooleanField(
        label="Did they answer?",
        required=False,
        widget=forms.Select(choices=[("unknown", "Not known"), ("true", "Yes"), ("false", "No")]),
    )
    focus = forms.ChoiceField(choices=m.Focus.choices, initial=m.Focus.UNKNOWN, required=False)
    request = forms.ChoiceField(
        label="Did the one who started it ask for something?",
        choices=ASKED_CHOICES,
        initial="",
        required=False,
        help_text="Saying why you ask (“I ask because…”) before asking shows your intent.",
    )
    duration_minutes = forms.FloatField(label="Duration (minutes)", required=False, min_value=0)
    subject = forms.CharField(max_length=LINE_MAX, required=False)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.default_to_own(data, "initiator")
        data["is_request"], data["intent_declared"] = ASKED[data.get("request") or ""]
        return data


class CommitmentForm(EntryForm):
    what = forms.CharField(label="What is promised", max_length=LINE_MAX)
    promisee = _person_field("To whom", required=True)
    due_on = DayField(label="Due on", kind=DUE)
    strength = forms.ChoiceField(
        choices=m.Strength.choices, initial=m.Strength.COMMITMENT, widget=forms.RadioSelect
    )
    promisor = _person_field("Who promises", help_text="Empty: you.")
    relationship = _relationship_field()
    statement = forms.CharField(
        label="The sentence it was made in",
        # strength.js reads it as typed and offers the strength it reads (issue 15).
        widget=forms.Textarea(attrs={"rows": 2, "data-strength-check": "/language/strength/"}),
        max_length=TEXT_MAX,
        required=False,
        help_text="As said, e.g. “You will have the export by Friday.”",
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        field = self.fields["promisor"]
        field.queryset = promisors(scope, field.queryset)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.default_to_own(data, "promisor")
        return data


class FeedbackForm(EntryForm):
    relationship_required = True
    relationship = _relationship_field()
    summary = forms.CharField(
        label="What they said", widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX
    )
    sentiment = forms.ChoiceField(choices=m.Sentiment.choices, initial=m.Sentiment.NEUTRAL)
    from_person = _person_field("From")
    received_on = DayField(label="Received on", initial=timezone.localdate)
    our_response = forms.CharField(
        label="Our response: what we changed",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX,
        required=False,
    )
    loop_closed = forms.BooleanField(
        label="We told them what changed (the loop is closed)", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("loop_closed") and not (data.get("our_response") or "").strip():
            self.add_error("our_response", "Say what changed before closing the loop.")
        return data


class NeedForm(EntryForm):
    relationship_required = True
    relationship = _relationship_field()
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX)
    kind = forms.ChoiceField(choices=m.NeedKind.choices, initial=m.NeedKind.NEED)


class DecisionForm(EntryForm):
    title = forms.CharField(label="The decision", max_length=TITLE_MAX)
    relationship = _relationship_field()
    deciding_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        help_text="Needed when no relationship is chosen: a manager records the unit's decisions.",
    )
    decided_on = DayField(label="Decided on", initial=timezone.localdate)
    affected = ModelChoices(queryset=Unit.objects.none(), required=False, label="Units affected")
    involved = ModelChoices(
        queryset=Unit.objects.none(), required=False, label="Involved or told before"
    )
    surprised = ModelChoices(queryset=Unit.objects.none(), required=False, label="Surprised after")
    involved_people = _people_field("People involved before")
    told_people = _people_field("People told before")
    surprised_people = _people_field("People surprised after")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX, required=False
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        self.fields["deciding_unit"].queryset = scope.units()
        make_picker(self.fields["deciding_unit"], "/pick/units/?among=readable")
        # Stakeholders may be any unit of any organization: a decision reaches beyond one's scope.
        for name in ("affected", "involved", "surprised"):
            self.fields[name].queryset = Unit.objects.select_related("organization")
            make_picker(self.fields[name], "/pick/units/?among=all")


class MeasureForm(EntryForm):
    relationship_required = True
    relationship = _relationship_field()
    goal = forms.ModelChoiceField(
        queryset=m.Goal.objects.none(),
        required=False,
        label="For the initiative",
        help_text="The goal or initiative of the relationship whose success it measures.",
    )
    name = forms.CharField(label="Measure", max_length=TITLE_MAX)
    target = forms.CharField(max_length=TITLE_MAX)
    owner = _person_field("Owner")
    agreed_on = DayField(label="Agreed on", initial=timezone.localdate)
    # "Agreed by both" is the other side's to say, in the product (ledger.confirmations):
    # the serving side no longer ticks it for them.

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        relationships = self.fields["relationship"].queryset  # type: ignore[attr-defined]
        self.fields["goal"].queryset = m.Goal.objects.filter(
            relationships__in=relationships
        ).distinct()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        goal, relationship = data.get("goal"), data.get("relationship")
        if goal and relationship and not relationship.goals.filter(pk=goal.pk).exists():
            self.add_error("goal", "Choose a goal of this relationship.")
        return data


class ReviewForm(EntryForm):
    relationship_required = True
    relationship = _relationship_field()
    held_on = DayField(label="Held on", initial=timezone.localdate)
    attendees = _people_field("Attendees")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX, required=False
    )
    next_review_due = DayField(label="Next review due", required=False, kind=DUE)

    def __init__(
        self, *args: Any, scope: Scope, measures: tuple[m.AgreedMeasure, ...] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        self.measure_fields: list[str] = []
        for measure in measures:
            name = f"measure_{measure.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{measure.name} (target {measure.target})",
                choices=[("", "Not reviewed"), *m.MeasureStatus.choices],
                required=False,
            )
            self.measure_fields.append(name)

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix("measure_")): self.cleaned_data[name]
            for name in self.measure_fields
            if self.cleaned_data.get(name)
        }


class LevelForm(EntryForm):
    relationship_required = True
    relationship = _relationship_field()
    to_level = forms.TypedChoiceField(
        label="New level", choices=m.ServiceLevel.choices, coerce=int, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Why it moved", widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT_MAX
    )
