"""Engine reports for pages, cached per (object, as-of date, data version) for a short time.

A relationship report takes 50–170 ms on the demo (health is computed now, 30 and 90 days
ago), so a home page over a manager's relationships would pass its 300 ms budget without a
cache. The data version is a token that changes whenever a ledger, directory or survey row
is saved or deleted in this process; the TTL bounds staleness from writers that send no
signals (bulk imports, other processes when the cache is per process).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from trustledger.directory.models import Person, Unit
from trustledger.engine import reports as engine
from trustledger.engine import team
from trustledger.ledger.models import Relationship
from trustledger.web.pages.attention import attention_series

TTL_SECONDS = 120
VERSION_KEY = "trustledger:data-version"
WATCHED_APPS = {"directory", "ledger", "surveys"}


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return str(version)


def bump_data_version(sender: Any = None, **kwargs: Any) -> None:
    if sender is None or getattr(sender._meta, "app_label", None) in WATCHED_APPS:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_data_version, dispatch_uid=f"trustledger-pages-{signal!r}")


_connect()


def _day_key(as_of: dt.datetime, as_of_param: str | None) -> str:
    # "Now" is cached for the day (and the TTL); an explicit date is exact.
    return as_of_param or f"now-{as_of.date().isoformat()}"


def _key(kind: str, pk: int, as_of: dt.datetime, as_of_param: str | None, version: str) -> str:
    return f"trustledger:report:{kind}:{pk}:{_day_key(as_of, as_of_param)}:{version}"


def _cached(kind: str, pk: int, as_of: dt.datetime, as_of_param: str | None, build: Any) -> Any:
    key = _key(kind, pk, as_of, as_of_param, data_version())
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, TTL_SECONDS)
    return found


def relationship(
    rel: Relationship, as_of: dt.datetime, as_of_param: str | None = None
) -> dict[str, Any]:
    return _cached(  # type: ignore[no-any-return]
        "relationship",
        rel.pk,
        as_of,
        as_of_param,
        lambda: engine.relationship_report(rel, as_of).to_dict(),
    )


def relationships(
    rels: Iterable[Relationship], as_of: dt.datetime, as_of_param: str | None = None
) -> list[dict[str, Any]]:
    """`relationship` of each, in order: one cache round trip, and the missing reports
    computed together (the engine then rates each side's survey trust once)."""
    rels = list(rels)
    version = data_version()
    keys = {rel.pk: _key("relationship", rel.pk, as_of, as_of_param, version) for rel in rels}
    found = cache.get_many(list(keys.values()))
    missing = [rel for rel in rels if keys[rel.pk] not in found]
    built = {
        report.relationship_id: report.to_dict()
        for report in engine.relationship_reports(missing, as_of)
    }
    if built:
        cache.set_many({keys[pk]: report for pk, report in built.items()}, TTL_SECONDS)
    return [found.get(keys[rel.pk]) or built[rel.pk] for rel in rels]


def unit(u: Unit, as_of: dt.datetime, as_of_param: str | None = None) -> dict[str, Any]:
    return _cached(  # type: ignore[no-any-return]
        "unit", u.pk, as_of, as_of_param, lambda: engine.unit_report(u, as_of).to_dict()
    )


def person(p: Person, as_of: dt.datetime, as_of_param: str | None = None) -> dict[str, Any]:
    return _cached(  # type: ignore[no-any-return]
        "person", p.pk, as_of, as_of_param, lambda: engine.person_report(p, as_of).to_dict()
    )


def member_trust(u: Unit, as_of: dt.datetime, as_of_param: str | None = None) -> dict[str, Any]:
    """Each member's survey trust (for the team gap), cached as the unit's report is."""
    return _cached(  # type: ignore[no-any-return]
        "unit-members", u.pk, as_of, as_of_param, lambda: team.member_trust(u.pk, as_of).to_dict()
    )


def attention(p: Person, as_of: dt.datetime, as_of_param: str | None = None) -> dict[str, Any]:
    """The person's attention month by month (`attention.attention_series`), cached as the
    reports are: it reads every interaction of the person's last year."""
    return _cached(  # type: ignore[no-any-return]
        "attention", p.pk, as_of, as_of_param, lambda: attention_series(p.pk, as_of)
    )


def orientation_of_relationship(
    rel: Relationship, as_of: dt.datetime, as_of_param: str | None = None
) -> dict[str, Any]:
    """Our side's words to theirs (engine/language.py), cached as the reports are: the
    bodies are read once per day and data version, not on every view of the page."""
    from trustledger.engine.language import relationship_orientation

    return _cached(  # type: ignore[no-any-return]
        "orientation-relationship",
        rel.pk,
        as_of,
        as_of_param,
        lambda: relationship_orientation(rel, as_of),
    )


def orientation_of_person(
    p: Person, as_of: dt.datetime, as_of_param: str | None = None
) -> dict[str, Any]:
    from trustledger.engine.language import person_orientation

    return _cached(  # type: ignore[no-any-return]
        "orientation-person", p.pk, as_of, as_of_param, lambda: person_orientation(p, as_of)
    )
