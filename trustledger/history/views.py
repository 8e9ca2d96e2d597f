"""/history/<kind>/<id>/: every change of one record, newest first, paged; `?format=json` twin.

Readers who may not read the record get 404, as for the record itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from trustledger.accounts.access import scope_for
from trustledger.history.kinds import tracked
from trustledger.history.query import as_dict, changes_of, readable
from trustledger.web import params
from trustledger.web.pages.common import bad_query, refuse, wants_json

PER_PAGE = 50
KIND_WORDS = {
    "level_change": "level change",
    "measure": "agreed measure",
    "review": "quality review",
}


def page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "").strip()
    if not raw:
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise params.BadQuery("page", "must be a page number (a whole number from 1)")
    return int(raw)


@login_required
def record_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if not readable(kind, pk, scope_for(request.user)):  # type: ignore[arg-type]
        raise refuse()
    try:
        number = page_number(request)
    except params.BadQuery as error:
        return bad_query(request, error)
    rows = changes_of(kind, pk)
    total = rows.count()
    start = (number - 1) * PER_PAGE
    if number > 1 and start >= total:
        raise refuse()
    context: dict[str, Any] = {
        "title": f"History of {_name(kind, pk)}",
        "kind": kind,
        "id": pk,
        "record": _name(kind, pk),
        "record_url": _url(kind, pk),
        "total": total,
        "page": number,
        "pages": max(1, -(-total // PER_PAGE)),
        "changes": [as_dict(row) for row in rows[start : start + PER_PAGE]],
    }
    if wants_json(request):
        return JsonResponse(context, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 1})
    return render(request, "history/record.html", {"history": context, "page": context})


def _name(kind: str, pk: int) -> str:
    found = tracked()[kind]._base_manager.filter(pk=pk).first()
    what = KIND_WORDS.get(kind, kind)
    return f"{what} “{found}”" if found is not None else f"deleted {what} #{pk}"


def _url(kind: str, pk: int) -> str | None:
    pages = {"person": "/people/", "unit": "/units/", "relationship": "/relationships/"}
    return f"{pages[kind]}{pk}/" if kind in pages else None
