"""The nudge mail job: every quarter of an hour, the digests whose hour has come and the
mails that cannot wait (trustledger/nudges/mail.py). Idempotent: a run that overlaps another,
or one retried after a crash, sends nothing twice."""

from __future__ import annotations

import logging

from django.db import close_old_connections
from huey import crontab

from trustledger.analytics.queue import queue
from trustledger.nudges import mail

log = logging.getLogger(__name__)


@queue.periodic_task(crontab(minute="*/15"))
def send_nudge_mail() -> dict[str, int]:
    if not queue.immediate:
        close_old_connections()
    try:
        report = mail.send_due()
        return {"sent": len(report.sent), "failed": len(report.failed)}
    except mail.NoBaseUrl as error:
        log.warning("%s", error)
        return {"sent": 0, "failed": 0}
    finally:
        if not queue.immediate:
            close_old_connections()
