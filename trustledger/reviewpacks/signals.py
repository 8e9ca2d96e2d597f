"""When a review is recorded by a signed-in user (web or API), its pack is stored on the
worker after the commit (`tasks.store_pack_of_new_review`). Kept apart from the task so that
starting the app does not open the task queue."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

log = logging.getLogger(__name__)


def _on_review_saved(
    sender: Any, instance: Any, created: bool, raw: bool = False, **_: Any
) -> None:
    """A new review recorded by a signed-in user (web or API): store its pack after commit."""
    from trustledger.history.context import current

    if not created or raw:
        return
    user_id, _name, _via = current()
    if user_id is None:
        return
    review_id = instance.pk

    def enqueue() -> None:
        from trustledger.reviewpacks.tasks import store_pack_of_new_review

        try:
            store_pack_of_new_review(review_id, user_id)
        except Exception:  # the review is saved; a queue that is down costs only the pack
            log.exception("review %s: its pack could not be queued", review_id)

    transaction.on_commit(enqueue)


def connect() -> None:
    post_save.connect(
        _on_review_saved,
        sender="ledger.QualityReview",
        dispatch_uid="reviewpacks-store-pack-of-new-review",
    )
