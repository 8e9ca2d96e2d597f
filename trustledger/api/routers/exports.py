"""CSV and JSON exports of what the caller may see, in the import templates' columns."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router

from trustledger.api import exports
from trustledger.api.common import caller, scope
from trustledger.audit.log import record

router = Router(tags=["exports"])
Kind = Literal["people", "organizations", "units", "interactions", "commitments"]


@router.get(
    "/export/{kind}.csv",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def export_csv(request: HttpRequest, kind: Kind) -> HttpResponse:
    response = HttpResponse(exports.as_csv(kind, scope(request)), content_type="text/csv")
    record(caller(request), "export.api", ("export", kind), request, format="csv")
    response["Content-Disposition"] = f'attachment; filename="{kind}.csv"'
    return response


@router.get("/export/{kind}.json", response=list[dict[str, str]])
def export_json(request: HttpRequest, kind: Kind) -> list[dict[str, str]]:
    rows = exports.as_json(kind, scope(request))
    record(caller(request), "export.api", ("export", kind), request, format="json", rows=len(rows))
    return rows
