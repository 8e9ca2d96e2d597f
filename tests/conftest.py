"""Shared test set-up: a cheap password hasher, and the personas every access test uses."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests judge what a function returns, not how fast: on a shared 2-core machine a
# run can be slow for reasons of its own, so no per-example deadline.
hypothesis_settings.register_profile("trustledger", deadline=None)
hypothesis_settings.load_profile("trustledger")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FROZEN_NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test process keeps its own cache, so tests never see each other's counters.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The manifest storage needs collectstatic; tests serve static files without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class Cast:
    """A small organization and one user per persona."""

    ours: object
    it: object
    finance: object
    admin: object
    it_manager: object
    it_member: object
    finance_member: object
    viewer: object
    outsider: object


@pytest.fixture
def cast(db):  # type: ignore[no-untyped-def]
    from trustledger.accounts.actions import create_user
    from trustledger.directory.models import Organization, Person, Unit

    ours = Organization.objects.create(name="Testco", kind="ours")
    it = Unit.objects.create(organization=ours, name="IT")
    finance = Unit.objects.create(organization=ours, name="Finance")
    people = {
        key: Person.objects.create(display_name=name, organization=ours, unit=unit)
        for key, name, unit in [
            ("it_manager", "Ada Manager", it),
            ("it_member", "Ben Member", it),
            ("finance_member", "Cleo Finance", finance),
        ]
    }

    def user(name: str, **kwargs: object) -> object:
        return create_user(username=name, password="pw", check_password=False, **kwargs)  # type: ignore[arg-type]

    return Cast(
        ours=ours,
        it=it,
        finance=finance,
        admin=user("admin", admin=True),
        it_manager=user(
            "it_manager", unit_name="IT", role="manager", person_id=people["it_manager"].pk
        ),
        it_member=user(
            "it_member", unit_name="IT", role="member", person_id=people["it_member"].pk
        ),
        finance_member=user(
            "finance_member",
            unit_name="Finance",
            role="member",
            person_id=people["finance_member"].pk,
        ),
        viewer=user("viewer", unit_name="IT", role="viewer"),
        outsider=user("outsider"),
    )


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if SHARED_DATA.is_dir():
        return
    skip = pytest.mark.skip(
        reason=f"../shared/data is absent ({SHARED_DATA}); the real-file sweep needs it"
    )
    for item in items:
        if "shared_data" in item.keywords:
            item.add_marker(skip)


class ImportStopped(Exception):
    """An import stopped half-way (as if killed), raised by `stop_after_batch`."""


@pytest.fixture
def stop_after_batch():  # type: ignore[no-untyped-def]
    """An `after_batch` hook that stops the import when batch N is committed."""

    def hook_for(last: int):  # type: ignore[no-untyped-def]
        def after_batch(batch: int) -> None:
            if batch == last:
                raise ImportStopped(f"stopped after batch {batch}")

        return after_batch

    hook_for.error = ImportStopped  # type: ignore[attr-defined]
    return hook_for


class _RequestsInFlight:
    """How many requests the live server is still answering.

    A browser test can end while a request it started (a picker's search, a poll) is still
    being answered in the server's thread; the flush that ends the test then finds a table
    locked on SQLite. Django's request signals count them, and the flush waits for none."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    # The test client answers in the test's own thread: only the server's threads count.
    def started(self, **_: object) -> None:
        if threading.current_thread() is threading.main_thread():
            return
        with self.changed:
            self.count += 1

    def finished(self, **_: object) -> None:
        if threading.current_thread() is threading.main_thread():
            return
        with self.changed:
            self.count = max(0, self.count - 1)
            self.changed.notify_all()

    def wait_for_none(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.count and time.monotonic() < deadline:
                self.changed.wait(timeout=max(0.0, deadline - time.monotonic()))
            self.count = 0  # a request that never ended must not slow every later test


_IN_FLIGHT = _RequestsInFlight()


def _count_requests() -> None:
    from django.core.signals import request_finished, request_started

    request_started.connect(_IN_FLIGHT.started, dispatch_uid="tests-requests-in-flight-start")
    request_finished.connect(_IN_FLIGHT.finished, dispatch_uid="tests-requests-in-flight-end")


@pytest.fixture(autouse=True)
def _audit_log_emptied_before_flush(request):  # type: ignore[no-untyped-def]
    """A transactional test ends with a flush, which the append-only trigger of the audit log
    refuses on SQLite (a DELETE per table): empty the log first, the trigger kept."""
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    _count_requests()
    yield
    from tests.audit_log import empty_audit_log

    # The browser is closed by now; let the server finish what it was still answering.
    _IN_FLIGHT.wait_for_none()

    empty_audit_log()
