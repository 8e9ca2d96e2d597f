"""Atomic fixed-window counters for rate limits, shared by every web process.

With TRUSTLEDGER_REDIS_URL set, a counter is a Redis key raised with INCR; otherwise a row of
`RateCounter` raised by one INSERT … ON CONFLICT DO UPDATE … RETURNING statement (SQLite and
PostgreSQL). Either way two requests never read the same count: the count each one gets back
is its own place in the window, so a limit of N lets exactly N through.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection

from trustledger.accounts.models import RateCounter

# Stale rows are deleted at most this often per process (they are also reused in place).
PURGE_EVERY = 300
_last_purge = 0.0
_purge_lock = threading.Lock()
_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


@dataclass(frozen=True)
class Count:
    count: int  # this event's place in the window, 1 for the first
    retry_after: int  # seconds until the window ends


def subject_key(kind: str, subject: str) -> str:
    """A bounded key that does not store the subject (an address or a token) in clear."""
    digest = hashlib.sha256(subject.encode()).hexdigest()[:40]
    return f"{kind}:{digest}"


def hit(key: str, window: int) -> Count:
    """Count one event for `key` in the current `window`-second window."""
    now = time.time()
    slot = int(now // window)
    ends = (slot + 1) * window
    retry_after = max(1, int(ends - now) + 1)
    if settings.TRUSTLEDGER_REDIS_URL:
        return Count(_redis_hit(key, slot, window), retry_after)
    return Count(_database_hit(key, slot, ends), retry_after)


def _redis(url: str) -> Any:
    # One client per process, made under a lock: a second client made by a racing thread
    # would be dropped, and redis-py closes a dropped client's connections under its pipelines.
    with _clients_lock:
        if url not in _clients:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            # INCR is not idempotent: retrying after a timeout could count one event twice.
            _clients[url] = redis.Redis.from_url(url, socket_timeout=5, retry=Retry(NoBackoff(), 0))
        return _clients[url]


def _redis_hit(key: str, slot: int, window: int) -> int:
    name = f"tl-rate:{key}:{slot}"
    pipe = _redis(settings.TRUSTLEDGER_REDIS_URL).pipeline(transaction=True)
    pipe.incr(name)
    pipe.expire(name, window + 1)
    count, _ = pipe.execute()
    return int(count)


def _database_hit(key: str, slot: int, ends: int) -> int:
    q = connection.ops.quote_name
    table, key_, slot_, count_, expires = (
        q(name) for name in (RateCounter._meta.db_table, "key", "slot", "count", "expires")
    )
    # Every SET expression reads the row as it was, so the count restarts in a new window.
    sql = (
        f"INSERT INTO {table} ({key_}, {slot_}, {count_}, {expires}) VALUES (%s, %s, 1, %s) "
        f"ON CONFLICT ({key_}) DO UPDATE SET "
        f"{count_} = CASE WHEN {table}.{slot_} = excluded.{slot_} "
        f"THEN {table}.{count_} + 1 ELSE 1 END, "
        f"{slot_} = excluded.{slot_}, {expires} = excluded.{expires} "
        f"RETURNING {count_}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, slot, ends])
        (count,) = cursor.fetchone()
    _purge_stale()
    return int(count)


def _purge_stale() -> None:
    global _last_purge
    now = time.time()
    if now - _last_purge < PURGE_EVERY or not _purge_lock.acquire(blocking=False):
        return
    try:
        _last_purge = now
        RateCounter.objects.filter(expires__lt=int(now) - 60).delete()
    finally:
        _purge_lock.release()
