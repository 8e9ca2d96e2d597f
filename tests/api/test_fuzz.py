"""Fuzzing the OpenAPI document with every schemathesis check, not only "no server error".

Valid-by-schema requests must be accepted (or refused only for permission, scope, state or rate),
invalid ones refused; every response fits the schema, its status and content type are documented.
schemathesis generates requests from /api/v1/openapi.json and calls the app in-process
(WSGI) with a read-write admin token and a member's token; it is bounded to a few examples
per operation (derandomized, so every run tries the same inputs). What the schema cannot say
(an opaque cursor, rules across fields) is in tests/api/fuzz_hooks.py, shared with the CLI run
described in docs/api.md.
"""

from __future__ import annotations

import time

import pytest
from django.core import signals
from django.db import close_old_connections

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is not installed (pip install schemathesis==4.32.5)"
)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402

from . import fuzz_hooks  # noqa: E402, F401  (registers the hooks)

pytestmark = pytest.mark.django_db
# Examples per operation: the admin reaches every object, a member is refused often.
EXAMPLES = {"admin": 8, "it_member": 4}
# Under a minute for all four runs on a quiet machine; the limit is a guard against a run that
# grows unnoticed (the directory's twelve writes added about a third).
BUDGET_SECONDS = 180


@pytest.fixture
def wsgi_app(settings):
    """The real WSGI app, on the test's database connection (kept open between requests)."""
    from django.core.wsgi import get_wsgi_application

    settings.TRUSTLEDGER_API_RATE_LIMIT = 1_000_000
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("persona", ["admin", "it_member"])
def test_the_api_does_what_its_schema_says_under_every_check(
    ledger, tokens, wsgi_app, persona, mode
):
    """Valid inputs (positive) and inputs that break the schema (negative), per persona."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {"Authorization": f"Bearer {tokens[persona]}"}
    deadline = time.monotonic() + BUDGET_SECONDS
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    for operation in operations:
        if time.monotonic() > deadline:
            pytest.fail(f"fuzzing ran past its {BUDGET_SECONDS} s budget")

        @given(case=operation.as_strategy(GenerationMode(mode)))
        @settings(
            max_examples=EXAMPLES[persona],
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):  # type: ignore[no-untyped-def]
            response = case.call(headers=headers)
            # Every registered check; the headers tell the auth checks which token was sent.
            case.validate_response(response, headers=headers)

        check()
