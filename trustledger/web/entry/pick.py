"""`/pick/people/?q=…&relationship=…`: the people a user may name in a record, for picker.js.

Matches every word of `q` at the start of a word of the name, title or organization, accents
and case ignored ("esterhazy" finds Esterházy). With `relationship`, that relationship's people
come first. Answers at most PICK_LIMIT people, only those `nameable_people` allows.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse

from trustledger.accounts.access import scope_for
from trustledger.web import params
from trustledger.web.entry.common import nameable_people

PICK_LIMIT = 20
QUERY_MAX = 100


def folded(text: str) -> str:
    """Lower case without accents: the form both sides of a match are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _matches(words: list[str], haystack: str) -> bool:
    parts = haystack.replace("-", " ").split()
    return all(any(part.startswith(word) for part in parts) for word in words)


def _refused(error: params.BadQuery) -> JsonResponse:
    """The API's error shape (docs/api.md): this endpoint answers JSON only."""
    return JsonResponse(
        {"errors": [{"field": error.parameter, "reason": error.reason}]}, status=400
    )


@login_required
def pick_people(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    q = request.GET.get("q", "")
    if len(q) > QUERY_MAX:
        return _refused(params.BadQuery("q", f"is longer than {QUERY_MAX} characters"))
    first: set[int] = set()
    raw = request.GET.get("relationship", "").strip()
    if raw:
        try:
            pk = params.record_id("relationship", raw)
        except params.BadQuery as error:
            return _refused(error)
        rel = scope.relationships().filter(pk=pk).first()
        if rel is not None:
            first = {p for p in (rel.our_person_id, rel.counterpart_person_id) if p}
            units = {u for u in (rel.our_unit_id, rel.counterpart_unit_id) if u}
            first |= set(
                nameable_people(scope).filter(unit_id__in=units).values_list("pk", flat=True)
            )
    words = folded(q).split()
    rows = (
        nameable_people(scope)
        .order_by("display_name", "pk")
        .values_list("pk", "display_name", "title", "organization__name", "unit__name")
    )
    found: list[dict[str, Any]] = []
    for pk, name, title, organization, unit in rows.iterator():
        if words and not _matches(words, folded(f"{name} {title} {organization or ''}")):
            continue
        found.append(
            {
                "id": pk,
                "name": name,
                "label": name + (f" ({title})" if title else ""),
                "where": " · ".join(x for x in (unit, organization) if x),
            }
        )
    found.sort(key=lambda p: p["id"] not in first)  # stable: by name within each group
    return JsonResponse(
        {"q": q, "people": found[:PICK_LIMIT], "more": max(0, len(found) - PICK_LIMIT)}
    )
