"""/api/v1/settings: the settings in force (GET), a preview of a change (POST .../preview)
and the change itself (POST, with a reason). Admins only: everyone else gets 404, as on the
pages; a read-only token writing gets 403; a bad value 422 naming the field (nothing saved)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from trustledger.api.common import caller
from trustledger.tuning import store, views
from trustledger.tuning.preview import preview

router = Router(tags=["settings"])

Values = dict[str, float | int | str]


class PreviewIn(Schema):
    values: Values = Field(
        description='Dotted name → new value, e.g. {"attention.half_life_days": 60}.',
        max_length=100,
    )


class ChangeIn(PreviewIn):
    reason: str = Field(min_length=1, max_length=store.MAX_REASON)


def _admin(request: HttpRequest) -> None:
    user = caller(request)
    if not (user.is_active and user.is_superuser):
        raise Http404


def _refused(refused: store.Refused) -> ValidationError:
    """422 naming each refused field (the API's error shape)."""
    return ValidationError({name: [reason] for name, reason in refused.errors.items()})


@router.get("/settings", response=dict[str, Any], summary="The settings in force (admins)")
def read_settings(request: HttpRequest) -> dict[str, Any]:
    _admin(request)
    found = store.in_force()
    return {"in_force": views.version_line(found.version), "groups": views.groups()}


@router.post(
    "/settings/preview",
    response={200: dict[str, Any]},
    summary="What a change would do, without saving it (admins)",
)
def preview_settings(request: HttpRequest, body: PreviewIn) -> Any:
    _admin(request)
    try:
        proposal = store.propose(dict(body.values))
    except store.Refused as refused:
        raise _refused(refused) from None
    return preview(proposal)


@router.post("/settings", response={200: dict[str, Any]}, summary="Change settings (admins)")
def change_settings(request: HttpRequest, body: ChangeIn) -> Any:
    _admin(request)
    try:
        version = store.save(dict(body.values), body.reason, caller(request), request)
    except store.Refused as refused:
        raise _refused(refused) from None
    found = store.in_force()
    return {"saved": version is not None, "in_force": views.version_line(found.version)}
