"""The plausible-date rule as the parsers apply it (trustledger/domain/dates.py).

The ingest layer passes the rule with the horizon from the settings (`dates=` among the
parser options); a parser called without one uses today's date in UTC and the default
horizon, so a parser reads neither Django's settings nor its clock.
"""

from __future__ import annotations

from datetime import UTC, datetime

from trustledger.domain.dates import DateKind, DateRule

HAPPENED = DateKind.HAPPENED
DUE = DateKind.DUE

__all__ = ["DUE", "HAPPENED", "DateKind", "DateRule", "rule_or_today"]


def rule_or_today(rule: DateRule | None) -> DateRule:
    return rule if rule is not None else DateRule(datetime.now(UTC).date())
