"""One error shape for every failure: {"errors": [{"field": …, "reason": …}]}."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import (
    FieldError,
    ObjectDoesNotExist,
    PermissionDenied,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from trustledger.api.auth import RateLimited

log = logging.getLogger(__name__)
# Rules on the stored record rather than the request: a commitment already closed, a new due
# date not after the current one, a relationship already at the asked level, a closing moment
# before the record's own (a commitment made, feedback received, later), a review status for a
# measure of another relationship.
STATE_FIELDS = {"state", "new_due_at", "to_level", "at", "statuses"}


class BadRequest(Exception):
    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field, self.reason = field, reason


def body(*errors: tuple[str | None, str]) -> dict[str, Any]:
    return {"errors": [{"field": field, "reason": reason} for field, reason in errors]}


def _location(loc: Any) -> str | None:
    # ninja reports ("body", "payload", "due_at") or ("query", "limit"); keep the field path.
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "payload")]
    return ".".join(parts) or None


def _django_errors(error: DjangoValidationError) -> list[tuple[str | None, str]]:
    if hasattr(error, "error_dict"):
        return [
            (None if field == "__all__" else field, message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [(None, message) for message in error.messages]


def install(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, status: int, *errors: tuple[str | None, str]) -> HttpResponse:
        return api.create_response(request, body(*errors), status=status)

    @api.exception_handler(NinjaValidationError)
    def schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [(_location(e.get("loc", ())), str(e.get("msg", "invalid"))) for e in exc.errors]
        return answer(request, 422, *(errors or [(None, "Invalid input.")]))

    @api.exception_handler(DjangoValidationError)
    def rule_broken(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = _django_errors(exc)
        # A request that is valid in itself but clashes with the record's current state.
        clashes = all(field in STATE_FIELDS for field, _ in errors)
        return answer(request, 409 if errors and clashes else 422, *errors)

    @api.exception_handler(BadRequest)
    def bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return answer(request, 400, (exc.field, exc.reason))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = answer(
            request, 401, (None, "Log in, or send a valid token as 'Authorization: Bearer …'.")
        )
        response["WWW-Authenticate"] = 'Bearer realm="trustledger"'
        return response

    @api.exception_handler(AuthorizationError)
    def unauthorized(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return answer(request, 403, (None, str(exc) or "Forbidden."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return answer(request, 403, (None, str(exc) or "You may not do this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 404, (None, "Not found."))

    api.add_exception_handler(ObjectDoesNotExist, not_found)

    @api.exception_handler(IntegrityError)
    def conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return answer(request, 409, (None, "The change conflicts with stored records."))

    @api.exception_handler(DataError)
    def data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
        return answer(request, 422, (None, "A value does not fit the stored field."))

    @api.exception_handler(FieldError)
    def field_error(request: HttpRequest, exc: FieldError) -> HttpResponse:
        return answer(request, 400, ("ordering", "Unknown field."))

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = answer(request, 429, (None, str(exc)))
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return answer(request, exc.status_code, (None, str(exc)))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("API error on %s %s", request.method, request.path)
        return answer(request, 500, (None, "Server error; it has been logged."))
