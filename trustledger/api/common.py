"""Small helpers every router uses: the caller, their scope, a visible object or 404."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.models import User
from trustledger.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from trustledger.api.schemas import MAX_ID

M = TypeVar("M", bound=Model)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Cursor = Annotated[
    str | None,
    Query(
        max_length=2000,
        description="Opaque: the next_cursor of the previous page; any other value answers 400.",
    ),
]
IdFilter = Annotated[int | None, Query(ge=1, le=MAX_ID)]
DEFAULT = DEFAULT_LIMIT
Search = Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$")]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


def caller(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def scope(request: HttpRequest) -> Scope:
    cached = getattr(request, "_tl_scope", None)
    if cached is None:
        cached = scope_for(caller(request))
        request._tl_scope = cached  # type: ignore[attr-defined]
    return cached


def filed_under(qs: QuerySet[M], request: HttpRequest, relationship_id: int | None) -> QuerySet[M]:
    """`?relationship_id=`: records filed under a relationship the caller may open, and none
    under one they may not (the records of it they are a party to leave it unnamed)."""
    if not relationship_id:
        return qs
    if scope(request).shown_relationship_id(relationship_id) is None:
        return qs.none()
    return qs.filter(relationship_id=relationship_id)


def visible(qs: QuerySet[M], pk: int) -> M:
    """The object if it is in the caller's scope; 404 otherwise, existing or not."""
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def visible_all(qs: QuerySet[M], pks: Any) -> list[M]:
    wanted = list(dict.fromkeys(pks))
    found = qs.in_bulk(wanted)
    if len(found) != len(wanted):
        raise Http404
    return [found[pk] for pk in wanted]
