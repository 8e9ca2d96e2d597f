"""The task queue: huey over a SQLite file in the data dir, or Redis when configured."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from huey import Huey, RedisHuey, SqliteHuey


def make_queue() -> Huey:
    url = getattr(settings, "TRUSTLEDGER_REDIS_URL", "")
    if url:
        return RedisHuey("trustledger", url=url)
    path = Path(settings.DATA_DIR) / "queue.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("trustledger", filename=str(path))


queue = make_queue()
