"""`record(...)`: the one way into the audit log.

Call it from inside the action it records, so the row commits or rolls back with the action.
`detail` is for small facts (counts, ids, names of files and fields); the log refuses keys that
could carry a secret or a survey answer, and values too long to be a small fact.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpRequest

from trustledger.accounts.client import address_from, valid_address
from trustledger.audit.models import Action, AuditEvent

MAX_TEXT = 200  # characters of one string in the detail
MAX_ITEMS = 25  # items of one list in the detail
MAX_DETAIL = 8000  # characters of the whole detail as JSON
# Keys that would carry a secret or an answer. A hook that wants one of these is wrong.
FORBIDDEN_KEYS = frozenset(
    {"password", "token", "plain", "secret", "answer", "answers", "comment", "response", "key"}
)

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "audit_request", default=None
)
# The address of the web request being served (set from `request_started`), so actions that
# get no request still record where the request came from.
_address: contextvars.ContextVar[str | None] = contextvars.ContextVar("audit_address", default=None)


def serving(remote_addr: str | None) -> None:
    _address.set(valid_address(remote_addr or ""))


@contextmanager
def acting(request: HttpRequest) -> Iterator[None]:
    """Attribute events recorded without a request (model signals) to this request's user."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def current_request() -> HttpRequest | None:
    return _request.get()


def record(
    actor: Any,
    action: str,
    target: models.Model | tuple[str, object] | None = None,
    request: HttpRequest | None = None,
    **detail: Any,
) -> AuditEvent:
    """Append one event. `actor` is a user, or None for the system (then the request's user)."""
    if action not in Action.values:
        raise ValueError(f"audit: unknown action {action!r}")
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    kind, target_id = _target(target)
    return AuditEvent.objects.create(
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        action=action,
        target_kind=kind,
        target_id=target_id,
        remote_addr=_address_of(request),
        detail=_small(detail),
    )


def import_counts(summary: Any) -> dict[str, Any]:
    """What an import did, in numbers (an `ImportSummary`): never a value from the files."""
    return {
        **{name: dict(getattr(summary, name)) for name in ("created", "updated", "removed")},
        "rejected": summary.rejected_count,
        "unreadable": len(summary.unreadable),
        "dry_run": summary.dry_run,
    }


def _target(target: models.Model | tuple[str, object] | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, models.Model):
        return target._meta.model_name or "", str(target.pk)
    kind, pk = target
    return kind, "" if pk is None else str(pk)


def _address_of(request: HttpRequest | None) -> str | None:
    if request is None:
        return _address.get()
    return valid_address(address_from(request.META))


def _small(detail: dict[str, Any]) -> dict[str, Any]:
    for key in detail:
        if key.lower() in FORBIDDEN_KEYS:
            raise ValueError(f"audit: the detail key {key!r} may carry a secret; leave it out")
    clean = json.loads(json.dumps(detail, cls=DjangoJSONEncoder), object_hook=_clip)
    text = json.dumps(clean)
    if len(text) > MAX_DETAIL:
        # Never fail the action over its audit row: keep the start, say it was cut.
        return {"truncated": text[:MAX_DETAIL]}
    return clean  # type: ignore[no-any-return]


def _clip(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: _clip_value(v) for k, v in obj.items()}


def _clip_value(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + "…"
    if isinstance(value, list):
        kept = [_clip_value(v) for v in value[:MAX_ITEMS]]
        return kept + [f"… {len(value) - MAX_ITEMS} more"] if len(value) > MAX_ITEMS else kept
    return value
