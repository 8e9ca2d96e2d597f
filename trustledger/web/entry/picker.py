"""Pickers that scale: a select of records that draws only the chosen options and a few
suggestions, never every record one may name (50,000 people took 30 s to draw).

picker.js adds a search field that asks `/pick/people/` (or `/pick/units/`) as you type.
Without JavaScript, a text field under the select takes names or ids ("Ana Berg, 12"), each
resolved on the server within the field's own queryset. Either way the field validates the
posted id against its queryset (the scope): a forged id out of reach is refused on the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.html import format_html

from trustledger.directory.models import Person, Unit
from trustledger.domain.folding import SEARCH_SEPARATOR, fold
from trustledger.web.params import MAX_ID

TYPED = "-typed"  # the no-JavaScript text field: `<name>-typed`
INVALID = "“%(value)s” is not one you may name here: choose from the list or search by name."


def _is_id(text: str) -> bool:
    return (
        text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)) and int(text) <= MAX_ID
    )


def _resolve(queryset: QuerySet[Any], token: str) -> str:
    """A typed name or id as the id of the one record of `queryset` it names, else as typed
    (the field then refuses it, naming it)."""
    token = token.strip()
    if not token or _is_id(token):
        return token
    wanted = fold(" ".join(token.split()))
    if queryset.model is Person:
        found = queryset.filter(search_name__startswith=wanted + SEARCH_SEPARATOR)
    else:
        found = queryset.filter(name__iexact=token)
    ids = list(found.values_list("pk", flat=True)[:2])
    return str(ids[0]) if len(ids) == 1 else token


class _Picker:
    """What both picker widgets share: the options drawn and the typed fallback."""

    url: str
    suggested: Iterable[int]
    input_type = "select"

    def picker_options(self, chosen: list[str]) -> list[tuple[str, str]]:
        iterator: Any = self.choices  # type: ignore[attr-defined]
        field = getattr(iterator, "field", None)
        if field is None:  # plain choices (not a model field): draw them all
            return [(str(v), str(label)) for v, label in iterator if str(v) != ""]
        ids = [int(v) for v in chosen if _is_id(v)]
        wanted = [*ids, *(pk for pk in self.suggested if pk not in ids)]
        rows = field.queryset.filter(pk__in=wanted).in_bulk() if wanted else {}
        return [(str(pk), field.label_from_instance(rows[pk])) for pk in wanted if pk in rows]

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        chosen = [str(v) for v in value if v not in (None, "")]
        groups = []
        iterator: Any = self.choices  # type: ignore[attr-defined]
        field = getattr(iterator, "field", None)
        options: list[tuple[str, str]] = []
        multiple = self.allow_multiple_selected  # type: ignore[attr-defined]
        if field is not None and not multiple and field.empty_label is not None:
            options.append(("", str(field.empty_label)))
        options += self.picker_options(chosen)
        for index, (option_value, label) in enumerate(options):
            selected = option_value in chosen
            groups.append(
                (
                    None,
                    [
                        self.create_option(  # type: ignore[attr-defined]
                            name, option_value, label, selected, index, attrs=attrs
                        )
                    ],
                    index,
                )
            )
        return groups

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        picked = super().value_from_datadict(data, files, name)  # type: ignore[misc]
        typed = data.get(name + TYPED, "") if hasattr(data, "get") else ""
        if not typed or not typed.strip():
            return picked
        queryset = getattr(getattr(self.choices, "field", None), "queryset", None)  # type: ignore[attr-defined]
        tokens = typed.split(",") if self.allow_multiple_selected else [typed]  # type: ignore[attr-defined]
        resolved = [_resolve(queryset, t) if queryset is not None else t.strip() for t in tokens]
        resolved = [t for t in resolved if t]
        if self.allow_multiple_selected:  # type: ignore[attr-defined]
            return [*(picked or []), *(t for t in resolved if t not in (picked or []))]
        return resolved[0] if resolved and not picked else picked

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> Any:
        select = super().render(name, value, attrs, renderer)  # type: ignore[misc]
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"  # type: ignore[attr-defined]
        hint = (
            "names or ids, separated by commas"
            if self.allow_multiple_selected
            else "a name or an id"
        )  # type: ignore[attr-defined]
        return format_html(
            '{}<noscript><label class="picker-typed" for="{}">Or type {}'
            '<input type="text" name="{}" id="{}" maxlength="1000" autocomplete="off"></label>'
            "</noscript>",
            select,
            field_id + TYPED,
            hint,
            name + TYPED,
            field_id + TYPED,
        )


class PickerSelect(_Picker, forms.Select):
    def __init__(self, url: str, suggested: Iterable[int] = (), attrs: Any = None) -> None:
        super().__init__({**(attrs or {}), "data-picker": url})
        self.url, self.suggested = url, list(suggested)


class PickerSelectMultiple(_Picker, forms.SelectMultiple):
    def __init__(self, url: str, suggested: Iterable[int] = (), attrs: Any = None) -> None:
        super().__init__({**(attrs or {}), "data-picker": url})
        self.url, self.suggested = url, list(suggested)


def make_picker(field: forms.Field, url: str, suggested: Iterable[int] = ()) -> None:
    """Turn a model choice field into a picker: the same queryset validates, fewer options draw."""
    assert isinstance(field, forms.ModelChoiceField)
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget_class = PickerSelectMultiple if multiple else PickerSelect
    old = field.widget
    widget = widget_class(url, suggested, attrs={**old.attrs})
    widget.attrs.pop("data-picker", None)
    widget.attrs["data-picker"] = url
    widget.is_required = old.is_required
    widget.choices = field.choices
    field.widget = widget
    field.error_messages = {**field.error_messages, "invalid_choice": INVALID}


def picker_url(kind: type[Person] | type[Unit], among: str = "") -> str:
    base = "/pick/people/" if kind is Person else "/pick/units/"
    return base + (f"?among={among}" if among else "")


def is_picker(field: forms.Field) -> bool:
    return isinstance(field.widget, _Picker)


def drawn_choices(field: forms.Field, value: Any) -> list[tuple[str, str]]:
    """The options a picker draws for `value` (the JSON twin lists these, not every record)."""
    widget: Any = field.widget
    chosen = value if isinstance(value, list | tuple) else [value]
    return widget.picker_options([str(v) for v in chosen if v not in (None, "")])
