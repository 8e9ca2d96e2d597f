"""The `dovecot` fixture: a real IMAP server per test (tests/connections/dovecot.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.connections.dovecot import ABSENT, DOVECOT, Dovecot, running


@pytest.fixture
def dovecot(settings) -> Iterator[Dovecot]:  # type: ignore[no-untyped-def]
    if DOVECOT is None:
        pytest.skip(ABSENT)
    # The test server is on loopback: listed, as an admin lists a company's own mail server.
    settings.TRUSTLEDGER_CONNECTION_HOSTS = ["127.0.0.1", "localhost"]
    with running() as server:
        yield server
