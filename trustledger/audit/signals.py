"""Events that happen outside the project's actions: logins, and users and memberships changed
in the Django admin or by `createuser`. The admin sets the acting user through `log.acting`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import signals as auth_signals
from django.core import signals as request_signals
from django.db.models import signals as model_signals
from django.http import HttpRequest

from trustledger.accounts.client import address_from
from trustledger.accounts.models import Membership, User
from trustledger.audit.log import record, serving
from trustledger.audit.models import Action

# (field, action when it becomes True, action when it becomes False)
USER_FLAGS = (
    ("is_superuser", Action.ADMIN_GRANTED, Action.ADMIN_REVOKED),
    ("is_staff", Action.STAFF_GRANTED, Action.STAFF_REVOKED),
    ("is_active", Action.USER_ACTIVATED, Action.USER_DEACTIVATED),
)


def request_started(sender: Any, environ: dict[str, Any] | None = None, **_: Any) -> None:
    serving(address_from(environ or {}))


def request_finished(sender: Any, **_: Any) -> None:
    serving(None)


def logged_in(sender: Any, request: HttpRequest | None, user: User, **_: Any) -> None:
    record(user, Action.LOGIN, user, request)


def logged_out(sender: Any, request: HttpRequest | None, user: User | None, **_: Any) -> None:
    if user is not None:
        record(user, Action.LOGOUT, user, request)


def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    # Django has already masked the password in `credentials`; only the name is kept.
    username = str(credentials.get("username", ""))[:150]
    known = User.objects.filter(username=username).values_list("pk", flat=True).first()
    target = ("user", known) if known is not None else None
    record(None, Action.LOGIN_FAILED, target, request, username=username)


def user_before_save(
    sender: Any, instance: User, raw: bool = False, update_fields: Any = None, **_: Any
) -> None:
    instance._audit_before = None  # type: ignore[attr-defined]
    flags = {f for f, _, _ in USER_FLAGS}
    if raw or instance.pk is None or (update_fields is not None and not flags & set(update_fields)):
        return  # e.g. the last_login update on every login: no flag can change
    instance._audit_before = (  # type: ignore[attr-defined]
        User.objects.filter(pk=instance.pk).values(*(f for f, _, _ in USER_FLAGS)).first()
    )


def user_saved(sender: Any, instance: User, created: bool, raw: bool = False, **_: Any) -> None:
    if raw:
        return
    if created:
        flags = {name: getattr(instance, name) for name, _, _ in USER_FLAGS}
        record(None, Action.USER_CREATED, instance, username=instance.username, **flags)
        return
    # set_password() keeps the new password until the save ends; a hash upgrade at login
    # saves without it, so only real changes are recorded.
    if getattr(instance, "_password", None) is not None:
        record(None, Action.PASSWORD_CHANGED, instance)
    before = getattr(instance, "_audit_before", None) or {}
    for name, granted, revoked in USER_FLAGS:
        if name in before and before[name] != getattr(instance, name):
            record(None, granted if getattr(instance, name) else revoked, instance)


def user_deleted(sender: Any, instance: User, **_: Any) -> None:
    record(None, Action.USER_DELETED, ("user", instance.pk), username=instance.username)


def membership_before_save(sender: Any, instance: Membership, raw: bool = False, **_: Any) -> None:
    before = None
    if not raw and instance.pk is not None:
        before = Membership.objects.filter(pk=instance.pk).values("unit_id", "role").first()
    instance._audit_before = before  # type: ignore[attr-defined]


def membership_saved(
    sender: Any, instance: Membership, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw:
        return
    facts = _membership(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(None, Action.MEMBERSHIP_CREATED, instance, **facts)
    elif before != {"unit_id": instance.unit_id, "role": instance.role}:
        record(None, Action.MEMBERSHIP_CHANGED, instance, before=before, **facts)


def membership_deleted(sender: Any, instance: Membership, **_: Any) -> None:
    record(None, Action.MEMBERSHIP_REMOVED, ("membership", instance.pk), **_membership(instance))


def _membership(m: Membership) -> dict[str, Any]:
    return {"user_id": m.user_id, "unit_id": m.unit_id, "role": m.role}


def connect() -> None:
    uid = "trustledger.audit"
    request_signals.request_started.connect(request_started, dispatch_uid=uid)
    request_signals.request_finished.connect(request_finished, dispatch_uid=uid)
    auth_signals.user_logged_in.connect(logged_in, dispatch_uid=uid)
    auth_signals.user_logged_out.connect(logged_out, dispatch_uid=uid)
    auth_signals.user_login_failed.connect(login_failed, dispatch_uid=uid)
    model_signals.pre_save.connect(user_before_save, sender=User, dispatch_uid=uid)
    model_signals.post_save.connect(user_saved, sender=User, dispatch_uid=uid)
    model_signals.post_delete.connect(user_deleted, sender=User, dispatch_uid=uid)
    model_signals.pre_save.connect(membership_before_save, sender=Membership, dispatch_uid=uid)
    model_signals.post_save.connect(membership_saved, sender=Membership, dispatch_uid=uid)
    model_signals.post_delete.connect(membership_deleted, sender=Membership, dispatch_uid=uid)
