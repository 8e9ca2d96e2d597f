"""The `dovecot` fixture: a real IMAP server per test (tests/connections/dovecot.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.connections.dovecot import ABSENT, DOVECOT, Dovecot, running


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if DOVECOT is None:
        pytest.skip(ABSENT)
    with running() as server:
        yield server
