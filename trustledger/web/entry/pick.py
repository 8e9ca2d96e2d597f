"""`/pick/people/?q=…&relationship=…&among=…` and `/pick/units/?q=…&among=…`: the records a
user may name in a form, for picker.js (search as you type).

People match when every word of `q` starts a word of their name or title, accents and case
ignored ("esterhazy" finds Esterházy, "osk wen" Oskar Wendt); the stored `search_name` is
read, so no row is folded at query time. `among` names the form field's own set (the same
queryset the form validates against): `named` (default: `nameable_people`), `ours` (our side
of a relationship), `readable` (the people one reads, a relationship's counterpart),
`promisors`. With `relationship`, that relationship's people come first. At most PICK_LIMIT
records answer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse

from trustledger.accounts.access import Scope, scope_for
from trustledger.directory import actions as d
from trustledger.directory.models import Person, Unit
from trustledger.domain.folding import SEARCH_SEPARATOR, WORD_STARTS, fold
from trustledger.ledger.actions import promisors
from trustledger.web import params
from trustledger.web.entry.common import nameable_people
from trustledger.web.folded import Folded

PICK_LIMIT = 20
QUERY_MAX = 100

PEOPLE: dict[str, Callable[[Scope], QuerySet[Person]]] = {
    "named": nameable_people,
    "ours": d.our_side_people,
    "readable": lambda scope: scope.people(),
    "promisors": lambda scope: promisors(scope, nameable_people(scope)),
}
UNITS: dict[str, Callable[[Scope], QuerySet[Unit]]] = {
    "all": lambda scope: Unit.objects.all(),
    "readable": lambda scope: scope.units(),
    "ours": d.our_side_units,
    "homes": d.unit_homes,
    "named": d.nameable_units,
}


# A word this long is rare enough in names that looking for it anywhere first pays.
PREFILTER_LENGTH = 3


def word_prefixes(words: list[str]) -> Q:
    """Every word starts a word of the folded search text (no fold per row).

    The test runs in a subquery that reads only the `search_name` index, never the rows, and
    a word of three letters or more is first looked for anywhere (one test) before the five
    ways it may start a word: "mor" among 50,000 people, 19 ms → 5 ms in SQLite. A shorter
    word is in most names, so there the first test would only add work.
    """
    condition = Q()
    for word in words:
        starts = [Q(search_name__startswith=word)]
        starts += [Q(search_name__contains=mark + word) for mark in WORD_STARTS]
        anywhere = Q(search_name__contains=word) if len(word) >= PREFILTER_LENGTH else Q()
        condition &= anywhere & reduce(or_, starts)
    return Q(pk__in=Person.objects.filter(condition).values("pk"))


def _refused(error: params.BadQuery) -> JsonResponse:
    """The API's error shape (docs/api.md): this endpoint answers JSON only."""
    return JsonResponse(
        {"errors": [{"field": error.parameter, "reason": error.reason}]}, status=400
    )


def _words(request: HttpRequest) -> list[str]:
    q = request.GET.get("q", "")
    if len(q) > QUERY_MAX:
        raise params.BadQuery("q", f"is longer than {QUERY_MAX} characters")
    return fold(q.replace(SEARCH_SEPARATOR, " ")).split()


def _among(request: HttpRequest, choices: dict[str, Any], default: str) -> Any:
    among = request.GET.get("among", "") or default
    if among not in choices:
        raise params.BadQuery("among", f"is one of {', '.join(choices)}")
    return choices[among]


def _first_people(request: HttpRequest, scope: Scope, people: QuerySet[Person]) -> list[int]:
    raw = request.GET.get("relationship", "").strip()
    if not raw:
        return []
    rel = scope.relationships().filter(pk=params.record_id("relationship", raw)).first()
    if rel is None:
        return []
    first = [p for p in (rel.our_person_id, rel.counterpart_person_id) if p]
    units = [u for u in (rel.our_unit_id, rel.counterpart_unit_id) if u]
    first += list(
        people.filter(unit_id__in=units)
        .order_by("display_name", "pk")
        .values_list("pk", flat=True)[:PICK_LIMIT]
    )
    return list(dict.fromkeys(first))


def _answer(request: HttpRequest, kind: str, shown: list[dict[str, Any]], more: bool) -> Any:
    return JsonResponse({"q": request.GET.get("q", ""), kind: shown, "more": more})


@login_required
def pick_people(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    try:
        words = _words(request)
        people = _among(request, PEOPLE, "named")(scope)
        first = _first_people(request, scope, people)
    except params.BadQuery as error:
        return _refused(error)
    found = people.filter(word_prefixes(words)) if words else people
    fields = ("pk", "display_name", "title", "organization__name", "unit__name")
    leading = list(found.filter(pk__in=first).values_list(*fields)) if first else []
    leading.sort(key=lambda row: first.index(row[0]))
    rest = found.exclude(pk__in=first).order_by("display_name", "pk").values_list(*fields)
    # One more than shown tells whether there are more; counting them all costs a scan.
    rows = [*leading, *rest[: PICK_LIMIT + 1 - min(len(leading), PICK_LIMIT)]]
    shown = [
        {
            "id": pk,
            "name": name,
            "label": name + (f" ({title})" if title else ""),
            "where": " · ".join(x for x in (unit, organization) if x),
        }
        for pk, name, title, organization, unit in rows[:PICK_LIMIT]
    ]
    return _answer(request, "people", shown, len(rows) > PICK_LIMIT)


@login_required
def pick_units(request: HttpRequest) -> HttpResponse:
    """Units by name, accents ignored (a few hundred rows: folded at query time)."""
    try:
        words = _words(request)
        units = _among(request, UNITS, "readable")(scope_for(request.user))
    except params.BadQuery as error:
        return _refused(error)
    found = units.alias(_folded=Folded("name"))
    for word in words:
        found = found.filter(_folded__contains=word)
    rows = list(
        found.order_by("name", "pk").values_list("pk", "name", "organization__name")[
            : PICK_LIMIT + 1
        ]
    )
    shown = [
        {"id": pk, "name": name, "label": f"{name} ({organization})", "where": organization}
        for pk, name, organization in rows[:PICK_LIMIT]
    ]
    return _answer(request, "units", shown, len(rows) > PICK_LIMIT)
