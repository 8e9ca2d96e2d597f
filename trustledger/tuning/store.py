"""The settings in force: `current()` (what `engine.reports.engine_settings()` returns),
`propose()` (check a change without saving) and `save()` (a new version, its audit row, a full
recompute on the worker, and no report cached under the old settings).

Cheap per request: the settings are kept per process with the id of the version they came
from; the shared cache holds the id of the latest version, read at most once per request (and
on every call outside requests: the worker, commands). Saving sets it after the commit, so
every process builds the new settings on its next request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from trustledger.domain.settings import (
    DEFAULT_SETTINGS,
    EngineSettings,
    SettingsError,
    Value,
    flatten,
    from_overrides,
)
from trustledger.tuning.catalog import ANONYMITY, BY_NAME
from trustledger.tuning.models import SettingsVersion

TOKEN_KEY = "trustledger:settings-version"
MAX_REASON = 500


@dataclass(frozen=True)
class InForce:
    settings: EngineSettings
    version: SettingsVersion | None  # None: the defaults, never changed


_lock = threading.Lock()
_memo: dict[str, Any] = {"token": None, "in_force": None}
_request = threading.local()


def connect() -> None:
    request_started.connect(_started, dispatch_uid="trustledger-tuning-started")
    request_finished.connect(_finished, dispatch_uid="trustledger-tuning-finished")


def _started(**kwargs: Any) -> None:
    _request.active, _request.checked = True, False


def _finished(**kwargs: Any) -> None:
    _request.active, _request.checked = False, False


def survey_floor() -> int:
    """The server's floor for k (TRUSTLEDGER_SURVEY_MIN_RATERS); never below 3."""
    return max(3, int(getattr(django_settings, "TRUSTLEDGER_SURVEY_MIN_RATERS", 3)))


def _with_floor(settings: EngineSettings) -> EngineSettings:
    """k as stored, raised to the server's floor: the stricter of the two always holds."""
    floor = survey_floor()
    if settings.trust.min_raters >= floor and settings.perception.min_other_raters >= floor:
        return settings
    return replace(
        settings,
        trust=replace(settings.trust, min_raters=max(floor, settings.trust.min_raters)),
        perception=replace(
            settings.perception,
            min_other_raters=max(floor, settings.perception.min_other_raters),
        ),
    )


def _token_of(version: SettingsVersion | None) -> str:
    if version is None:
        return "defaults"
    overrides = json.dumps(version.overrides, sort_keys=True)
    digest = hashlib.sha256(overrides.encode()).hexdigest()[:16]
    return f"{version.pk}:{version.at.isoformat()}:{digest}"


def _latest() -> SettingsVersion | None:
    return SettingsVersion.objects.order_by("-at", "-id").first()


def in_force() -> InForce:
    """The settings in force now and the version they come from."""
    found: InForce | None = _memo["in_force"]
    if found is not None and getattr(_request, "active", False) and _request.checked:
        return found
    token = cache.get(TOKEN_KEY)
    if found is None or token is None or _memo["token"] != token:
        version = _latest()
        token = _token_of(version)
        if found is None or _memo["token"] != token:
            overrides = version.overrides if version is not None else {}
            found = InForce(_with_floor(from_overrides(overrides)), version)
            with _lock:
                _memo.update(token=token, in_force=found)
        cache.set(TOKEN_KEY, token, None)
    if getattr(_request, "active", False):
        _request.checked = True
    return found


def current() -> EngineSettings:
    return in_force().settings


def in_force_at(moment: dt.datetime) -> InForce:
    """The settings that were in force at `moment` (from the history)."""
    version = SettingsVersion.objects.filter(at__lte=moment).order_by("-at", "-id").first()
    overrides = version.overrides if version is not None else {}
    return InForce(_with_floor(from_overrides(overrides)), version)


def forget() -> None:
    """Drop this process's copy and the shared token (after a save, or in tests)."""
    with _lock:
        _memo.update(token=None, in_force=None)
    cache.delete(TOKEN_KEY)


# --- proposing and saving ----------------------------------------------------------------------


class Refused(Exception):
    """Values the core or the page refuse: `errors` maps a dotted name (or "reason",
    or "settings") to the reason."""

    def __init__(self, errors: dict[str, str], conflict: bool = False) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        # Each value fits its range, but together with the others (or the server's floor
        # for k) the core refuses them: the API answers 409 rather than 422.
        self.conflict = conflict


@dataclass(frozen=True)
class Proposal:
    settings: EngineSettings
    overrides: dict[str, Value]
    changes: list[dict[str, Any]]  # [{"name", "before", "after"}], only what moves


def parse(name: str, raw: object) -> Value:
    """A value from a form or JSON as the setting's type; Refused naming the field."""
    setting = BY_NAME.get(name)
    if setting is None:
        raise Refused({name: "not a setting anyone may change here"})
    if setting.choices:
        if raw not in setting.choices:
            raise Refused({name: f"must be one of {', '.join(setting.choices)}"})
        return str(raw)
    if isinstance(raw, bool):
        raise Refused({name: "must be a number"})
    if isinstance(raw, str):
        text = raw.strip().replace(",", ".")
        if not text or len(text) > 30:
            raise Refused({name: "must be a number"})
        try:
            raw = float(text)
        except ValueError:
            raise Refused({name: f"must be a number, not {raw[:30]!r}"}) from None
    if not isinstance(raw, int | float) or raw != raw or abs(raw) == float("inf"):
        raise Refused({name: "must be a number"})
    assert setting.low is not None and setting.high is not None
    if setting.whole and float(raw) != int(raw):
        raise Refused({name: "must be a whole number"})
    if not setting.low <= raw <= setting.high:
        raise Refused({name: f"must be within {setting.range_text}"})
    return int(raw) if setting.whole else float(raw)


def propose(values: dict[str, object]) -> Proposal:
    """The settings if `values` (dotted name → new value) were saved over those in force;
    checked by the page's ranges and the core's rules. Nothing is saved."""
    errors: dict[str, str] = {}
    parsed: dict[str, Value] = {}
    for name, raw in values.items():
        try:
            parsed[name] = parse(name, raw)
        except Refused as refused:
            errors.update(refused.errors)
    floor, floor_errors = survey_floor(), {}
    for name in ANONYMITY:
        value = parsed.get(name)
        if isinstance(value, int) and value < floor and name not in errors:
            floor_errors[name] = (
                f"must be at least {floor}, the server's floor (TRUSTLEDGER_SURVEY_MIN_RATERS)"
            )
    if errors:
        raise Refused(errors)
    if floor_errors:
        raise Refused(floor_errors, conflict=True)
    now = in_force()
    stored = dict(now.version.overrides) if now.version is not None else {}
    defaults = flatten(DEFAULT_SETTINGS)
    merged = {**stored, **parsed}
    overrides = {k: v for k, v in merged.items() if defaults.get(k) != v}
    try:
        proposed = from_overrides(overrides)
    except SettingsError as error:
        raise Refused({_field_of(error.field, parsed): error.reason}, conflict=True) from None
    before, after = flatten(now.settings), flatten(proposed)
    changes = [
        {"name": name, "before": before[name], "after": after[name]}
        for name in parsed
        if before[name] != after[name]
    ]
    return Proposal(_with_floor(proposed), overrides, changes)


def _field_of(core_name: str, parsed: dict[str, Value]) -> str:
    """The changed field a core error is about ("health.amber_from/green_from" and
    "bands.trust" name several)."""
    if core_name in parsed:
        return core_name
    section = core_name.split(".", 1)[0]
    parts = core_name.replace("/", ".").split(".")
    for name in parsed:
        if name.startswith(core_name + ".") or (
            name.startswith(section + ".") and name.rsplit(".", 1)[-1] in parts
        ):
            return name
    return "settings"


def save(values: dict[str, object], reason: str, actor: Any, request: HttpRequest | None = None):  # type: ignore[no-untyped-def]
    """Save `values` with `reason` (required): a new version, its audit row; after the
    commit every process drops the old settings, cached reports are not served again, and a
    full recompute is queued on the worker. Returns the version (None: nothing changed)."""
    from trustledger.audit.log import record
    from trustledger.audit.models import Action

    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "say why (it goes into the settings history)"
    elif len(reason) > MAX_REASON:
        errors["reason"] = f"at most {MAX_REASON} characters"
    elif "\x00" in reason:
        errors["reason"] = "must not hold NUL characters"
    try:
        proposal = propose(values)
    except Refused as refused:
        raise Refused({**refused.errors, **errors}, refused.conflict and not errors) from None
    if errors:
        raise Refused(errors)
    if not proposal.changes:
        return None
    with transaction.atomic():
        version = SettingsVersion.objects.create(
            at=timezone.now(),
            actor_id=actor.pk if actor is not None else None,
            actor_username=actor.get_username() if actor is not None else "",
            reason=reason,
            overrides=proposal.overrides,
            changes=proposal.changes,
        )
        record(
            actor,
            Action.SETTINGS_CHANGED,
            version,
            request=request,
            changed=[c["name"] for c in proposal.changes],
            version=version.pk,
            reason=reason,
        )
        transaction.on_commit(_after_save)
    return version


def _after_save() -> None:
    from trustledger.analytics.models import RunKind
    from trustledger.analytics.tasks import enqueue
    from trustledger.web.pages.reports import bump_data_version

    forget()
    bump_data_version()  # reports cached under the old settings are never read again
    enqueue(RunKind.FULL)  # an incremental run would roll old sums with the new half-life
