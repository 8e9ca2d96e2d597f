"""The task queue: huey over a SQLite file in the data dir, or Redis when configured."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from huey import Huey, RedisHuey, SqliteHuey

from trustledger.config.env import sqlite_file


def make_queue() -> Huey:
    url = getattr(settings, "TRUSTLEDGER_REDIS_URL", "")
    if url:
        return RedisHuey("trustledger", url=url)
    path = sqlite_file(Path(settings.DATA_DIR) / "queue.sqlite3")
    return SqliteHuey("trustledger", filename=path)


queue = make_queue()
