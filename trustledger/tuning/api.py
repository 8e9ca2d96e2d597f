"""/api/v1/settings: the settings in force (GET), a preview of a change (POST .../preview)
and the change itself (POST, with a reason). Admins only: everyone else gets 404, as on the
pages; a read-only token writing gets 403. A value outside its range: 422 naming the field;
values that each fit but that the core refuses together (amber above green, k below the
server's floor): 409 naming the field. Nothing is saved in either case."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import BeforeValidator, ConfigDict, create_model

from trustledger.api.common import caller
from trustledger.api.schemas import Errors
from trustledger.tuning import store, views
from trustledger.tuning.catalog import BY_NAME, Setting
from trustledger.tuning.preview import preview

router = Router(tags=["settings"])


def _whole(value: Any) -> Any:
    """JSON says 4.0 is the integer 4; text and true/false are no numbers."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _field(setting: Setting) -> Any:
    bounded: Any
    if setting.whole:
        # The range before the validator: so the document says minimum and maximum (after
        # it, pydantic wrote "ge"/"le", which JSON Schema does not know: clients and the fuzz
        # tests then sent any integer).
        bounded = Annotated[
            int, Field(ge=setting.low, le=setting.high, strict=True), BeforeValidator(_whole)
        ]
    else:
        bounded = Annotated[
            float, Field(ge=setting.low, le=setting.high, strict=True, allow_inf_nan=False)
        ]
    described = Field(
        None,
        alias=setting.name,
        description=f"{setting.label}: {setting.meaning} Default {setting.default}.",
    )
    return (bounded | None, described)


# Every setting by its dotted name, each optional, with its range; no other name.
Values = create_model(  # type: ignore[call-overload]
    "SettingValues",
    __config__=ConfigDict(extra="forbid", populate_by_name=False),
    **{name.replace(".", "__"): _field(s) for name, s in BY_NAME.items()},
)


class PreviewIn(Schema):
    values: Values = Field(description="Dotted name → new value; leave out what stays.")  # type: ignore[valid-type]


class ChangeIn(PreviewIn):
    reason: str = Field(
        min_length=1,
        max_length=store.MAX_REASON,
        pattern=r"^[^\x00]*\S[^\x00]*$",
        description="Why (kept in the settings history).",
    )


def _admin(request: HttpRequest) -> None:
    user = caller(request)
    if not (user.is_active and user.is_superuser):
        raise Http404


def _given(body: PreviewIn) -> dict[str, object]:
    return {k: v for k, v in body.values.model_dump(by_alias=True).items() if v is not None}


def _refused(refused: store.Refused) -> Any:
    errors = [{"field": name, "reason": reason} for name, reason in refused.errors.items()]
    if refused.conflict:
        return Status(409, {"errors": errors})
    raise ValidationError({name: [reason] for name, reason in refused.errors.items()})


@router.get("/settings", response=dict[str, Any], summary="The settings in force (admins)")
def read_settings(request: HttpRequest) -> dict[str, Any]:
    _admin(request)
    found = store.in_force()
    return {"in_force": views.version_line(found.version), "groups": views.groups()}


@router.post(
    "/settings/preview",
    response={200: dict[str, Any], 409: Errors},
    summary="What a change would do, without saving it (admins)",
)
def preview_settings(request: HttpRequest, body: PreviewIn) -> Any:
    _admin(request)
    try:
        proposal = store.propose(_given(body))
    except store.Refused as refused:
        return _refused(refused)
    return preview(proposal)


@router.post(
    "/settings", response={200: dict[str, Any], 409: Errors}, summary="Change settings (admins)"
)
def change_settings(request: HttpRequest, body: ChangeIn) -> Any:
    _admin(request)
    try:
        version = store.save(_given(body), body.reason, caller(request), request)
    except store.Refused as refused:
        return _refused(refused)
    found = store.in_force()
    return {"saved": version is not None, "in_force": views.version_line(found.version)}
