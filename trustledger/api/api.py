"""The JSON API under /api/v1/: one NinjaAPI, its routers, authentication and error shape."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from trustledger.api import errors
from trustledger.api.auth import SessionUser, TokenAuth
from trustledger.api.docs import LocalDocs
from trustledger.api.routers import (
    answers,
    confirmations,
    directory,
    exports,
    language,
    links,
    parties,
    promises,
    records,
    registers,
    sides,
    surveys,
)
from trustledger.api.schemas import Errors
from trustledger.reviewpacks import api as reviewpacks_api
from trustledger.tuning.api import router as settings_router

ERROR_STATUSES = {
    "400": "Malformed request (bad JSON, bad cursor).",
    "401": "No credentials, or an unknown or revoked token.",
    "403": "Not allowed for this user, or a read-only token writing.",
    "404": "No such object in your scope.",
    "409": "Conflicts with stored records or with the record's current state.",
    "413": "Request body too large.",
    "422": "Input fails validation (including rules across fields, named in descriptions).",
    "429": "Rate limited; see Retry-After.",
}
# Answered by the server (gunicorn) before the app, as a plain page: no JSON body.
PLAIN_STATUSES = {"414": "Request line too long (over 4,094 bytes)."}


class TrustledgerAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Ninja's document, with the one error shape declared on every operation."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Errors"] = Errors.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in components["Errors"].pop("$defs", {}).items():
            components.setdefault(name, definition)
        ref = {"$ref": "#/components/schemas/Errors"}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for status, description in PLAIN_STATUSES.items():
                    responses.setdefault(status, {"description": description})
                for status, description in ERROR_STATUSES.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": ref}},
                        },
                    )
        return schema


api = TrustledgerAPI(
    title="trustledger API",
    version="1",
    description=(
        "The ledger of professional relationships and the trust computed from it. "
        "Authenticate with a session or `Authorization: Bearer <token>`. "
        'Every error is {"errors": [{"field": ..., "reason": ...}]}. See docs/api.md.'
    ),
    auth=[TokenAuth(), SessionUser()],
    urls_namespace="api",
    docs=LocalDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

# `directory` adds the writes to the parties' router.
assert directory.router is parties.router
for module in (
    parties,
    records,
    registers,
    surveys,
    exports,
    answers,
    confirmations,
    links,
    sides,
    promises,
):
    api.add_router("/", module.router)
api.add_router("/", language.router)
api.add_router("/", settings_router)
# Review packs and trust reports (issue 18) live in their own app.
api.add_router("/", reviewpacks_api.router)
