"""Forms for the directory's records: choices limited to what the user may name; text limits
from `domain/limits.py`. The forms validate input; the named actions decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils import timezone

from trustledger.accounts.access import Scope
from trustledger.directory import actions as d
from trustledger.directory.models import Organization, OrganizationKind, Person, Unit
from trustledger.domain.limits import TEXT_MAX
from trustledger.engine.sides import unit_subtree_ids
from trustledger.ledger import models as m
from trustledger.web.entry.forms import DayField, ModelChoices
from trustledger.web.entry.picker import make_picker


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        path = " › ".join(u.name for u in reversed([obj, *obj.ancestors()]))
        return f"{path} ({obj.organization.name})"


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        where = obj.organization.name if obj.organization else ""
        return obj.display_name + (f" ({where})" if where else "")


def _limit_text(form: forms.Form) -> None:
    """Every free-text field takes at most TEXT_MAX characters, as on the API."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field.max_length = TEXT_MAX
            field.validators.append(MaxLengthValidator(TEXT_MAX))
            field.widget.attrs["maxlength"] = str(TEXT_MAX)
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = "3"


class RecordForm(forms.ModelForm):
    """Base: knows the scope; fields the action would refuse are not offered."""

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        _limit_text(self)

    def values(self) -> dict[str, Any]:
        """What the action takes: the cleaned fields of the model."""
        return {k: v for k, v in self.cleaned_data.items() if k in self._meta.fields}


def _with_current(queryset: Any, current: Any) -> Any:
    """A picker's choices, plus the value the record already has (kept when saved as is)."""
    if current is None:
        return queryset
    return queryset.model.objects.filter(
        pk__in=[*queryset.values_list("pk", flat=True), current.pk]
    ).select_related(*([] if queryset.model is Organization else ["organization"]))


def _keep_current(field: Any, current: Any) -> None:
    """A picker also accepts the value the record already has (kept when saved as is)."""
    queryset = field.queryset
    field.queryset = queryset.model.objects.filter(
        Q(pk__in=queryset.values("pk")) | Q(pk=current.pk)
    ).select_related(*([] if queryset.model is Organization else ["organization"]))


class PersonForm(RecordForm):
    class Meta:
        model = Person
        fields = list(d.PERSON_FIELDS)
        labels = {
            "display_name": "Name",
            "responsibilities": "Responsibilities",
            "concerns": "Concerns and worries",
            "corporate_culture": "Culture they work in",
            "important_to_them": "What is important to them",
            "wants_next": "What they want to happen next",
            "bad_outcome": "What a bad outcome would be for them",
        }
        help_texts = {
            "preferred_channels": "Comma-separated, most preferred first: "
            "email, meeting, call, chat, in_person, other.",
            "unit": "Empty for a contact of another organization.",
            **{f: "" for f in d.THEIR_SCRIPT},
        }
        widgets = {
            f: forms.Textarea
            for f in ("responsibilities", "concerns", "corporate_culture", "notes") + d.THEIR_SCRIPT
        }

    def __init__(self, *args: Any, context_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if context_only:
            for name in set(self.fields) - set(d.CONTEXT_FIELDS):
                del self.fields[name]
            return
        current = self.instance if self.instance.pk else None
        self.fields["organization"].queryset = _with_current(
            d.nameable_organizations(self.scope), current and current.organization
        )
        unit = self.fields["unit"]
        unit.__class__ = UnitChoice
        unit.queryset = d.unit_homes(self.scope)
        make_picker(unit, "/pick/units/?among=homes")
        if current and current.unit_id:
            _keep_current(unit, current.unit)

    def context_fields(self) -> list[Any]:
        return [self[n] for n in d.LOCAL_CONTEXT if n in self.fields]

    def script_fields(self) -> list[Any]:
        return [self[n] for n in d.THEIR_SCRIPT if n in self.fields]

    def other_fields(self) -> list[Any]:
        return [self[n] for n in self.fields if n not in d.CONTEXT_FIELDS]


class OrganizationForm(RecordForm):
    class Meta:
        model = Organization
        fields = list(d.ORGANIZATION_FIELDS)
        widgets = {"culture": forms.Textarea, "notes": forms.Textarea}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.scope.is_admin:
            kind = self.fields["kind"]
            kind.choices = [c for c in kind.choices if c[0] != OrganizationKind.OURS]


class UnitForm(RecordForm):
    class Meta:
        model = Unit
        fields = list(d.UNIT_FIELDS)
        labels = {"parent": "Part of"}
        help_texts = {"parent": "The unit it belongs under; empty for a top unit (admins only)."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.__class__ = UnitChoice
        homes = d.unit_homes(self.scope)
        if self.instance.pk:
            # No cycles: a unit cannot go under itself or a unit below it.
            homes = homes.exclude(pk__in=unit_subtree_ids(self.instance.pk))
        parent.queryset = homes
        # A unit is not put under a unit below it: the picker's list may offer one, the
        # queryset refuses it.
        make_picker(parent, "/pick/units/?among=homes")
        if self.instance.pk and self.instance.parent_id:
            _keep_current(parent, self.instance.parent)
        new = self.instance.pk is None
        parent.required = new and not self.scope.is_admin
        organization = self.fields["organization"]
        if self.scope.is_admin:
            organization.queryset = Organization.objects.all()
        else:
            organization.queryset = _with_current(
                Organization.objects.filter(pk__in=homes.values("organization_id")),
                None if new else self.instance.organization,
            )
            organization.required = False
            organization.help_text = "Empty: the organization of the unit it is part of."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parent = data.get("parent")
        if parent is not None and not data.get("organization"):
            data["organization"] = parent.organization
        return data

    def _post_clean(self) -> None:
        data = self.cleaned_data
        new = self.instance.pk is None
        if new and not (self.scope.is_admin or data.get("organization") or data.get("parent")):
            if "parent" not in self.errors:
                self.add_error("parent", "Choose the unit it is part of.")
            return
        super()._post_clean()


class RelationshipForm(RecordForm):
    goals = ModelChoices(
        queryset=m.Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Goals of either side this relationship serves.",
    )
    started_on = DayField(label="Started on", initial=timezone.localdate)

    class Meta:
        model = m.Relationship
        fields = [*d.RELATIONSHIP_FIELDS, "goals"]
        labels = {
            "our_person": "A person",
            "our_unit": "A unit",
            "counterpart_person": "A person",
            "counterpart_unit": "A unit",
            "counterpart_organization": "A whole organization",
            "business_behaviours": "Business behaviours it needs",
            "cadence_days": "Cadence (days between contacts)",
        }
        widgets = {
            "purpose": forms.Textarea,
            "business_behaviours": forms.Textarea,
            "desired_outcomes": forms.Textarea,
        }
        help_texts = {"our_person": "", "counterpart_person": ""}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = self.scope
        rel = self.instance if self.instance.pk else None
        own = [scope.person_id] if scope.person_id else []
        choices = {
            "our_person": (d.our_side_people(scope), PersonChoice, "/pick/people/?among=ours"),
            "our_unit": (d.our_side_units(scope), UnitChoice, "/pick/units/?among=ours"),
            "counterpart_person": (
                scope.people().select_related("organization"),
                PersonChoice,
                "/pick/people/?among=readable",
            ),
            "counterpart_unit": (d.nameable_units(scope), UnitChoice, "/pick/units/?among=named"),
            "counterpart_organization": (d.nameable_organizations(scope), None, ""),
        }
        for name, (queryset, kind, url) in choices.items():
            field = self.fields[name]
            current = getattr(rel, name) if rel else None
            if kind is None:
                field.queryset = _with_current(queryset, current)
                continue
            field.__class__ = kind
            field.queryset = queryset
            # Only the chosen record (and oneself) is drawn; picker.js searches `url`.
            make_picker(field, url, own if kind is PersonChoice else ())
            if current is not None:
                _keep_current(field, current)
        goals = scope.records("goal") if not scope.is_admin else m.Goal.objects.all()
        self.fields["goals"].queryset = goals.order_by("title")
        if rel is None:
            del self.fields["status"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        ours = [f for f in ("our_person", "our_unit") if data.get(f)]
        theirs = [
            f
            for f in ("counterpart_person", "counterpart_unit", "counterpart_organization")
            if data.get(f)
        ]
        if len(ours) != 1:
            self.add_error("our_unit", "Choose our side: one person or one unit.")
        if len(theirs) != 1:
            self.add_error(
                "counterpart_person", "Choose the counterpart: one person, unit or organization."
            )
        return data

    def _post_clean(self) -> None:
        # The check constraints need a complete pair of sides; `clean` has said what is missing.
        if not self.errors:
            super()._post_clean()

    def values(self) -> dict[str, Any]:
        values = super().values()
        values.pop("goals", None)
        return values

    def our_side(self) -> list[Any]:
        return [self["our_person"], self["our_unit"]]

    def counterpart(self) -> list[Any]:
        return [self[n] for n in ("counterpart_person", "counterpart_unit")] + [
            self["counterpart_organization"]
        ]

    def details(self) -> list[Any]:
        sides = {"our_person", "our_unit", "counterpart_person", "counterpart_unit"}
        return [self[n] for n in self.fields if n not in sides | {"counterpart_organization"}]
