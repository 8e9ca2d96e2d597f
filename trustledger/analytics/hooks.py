"""What the ledger calls after interactions are recorded: enqueue, never compute inline."""

from __future__ import annotations

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def _enqueue() -> None:
    from trustledger.analytics.tasks import enqueue

    try:
        enqueue()
    except Exception:  # a queue that is down must not lose the recorded interaction
        log.exception("could not enqueue an incremental recompute")


def interactions_recorded() -> None:
    """Queue an incremental recompute once the current transaction commits.

    For forms (`record_interaction`) and importers' loaders alike."""
    transaction.on_commit(_enqueue)
