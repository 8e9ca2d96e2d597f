"""Review packs on the worker: making a PDF takes about a second at the demo's size and
several at 20M interactions, so neither storing the pack of a new review nor mailing one to
each attendee happens in a request.

- A review recorded from the web or the API gets its pack stored: the pack of the review's
  period, as the one who recorded it may read it (`store.store_with_review`), so the next
  review's pack can say what moved since without anyone pressing "Store".
- "Send to the review's attendees" queues `send_pack_of_review`: each attendee is mailed the
  pack their own login reads, and the stored pack keeps who was mailed and who was not, which
  the pack's page then shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import close_old_connections

from trustledger.analytics.queue import queue


def _as_user(review_id: int, user_id: int, work: Callable[[Any, Any, Any], bool]) -> bool:
    """Run `work(review, user, scope)` as the user who asked, on the worker: False when the
    review is gone, the user is no longer active, or may no longer change the relationship."""
    from trustledger.accounts.access import scope_for
    from trustledger.accounts.models import User
    from trustledger.history.context import acting
    from trustledger.ledger.models import QualityReview

    if not queue.immediate:
        close_old_connections()
    try:
        review = QualityReview.objects.select_related("relationship").filter(pk=review_id).first()
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if review is None or user is None:
            return False
        scope = scope_for(user)
        if not scope.can_change_relationship(review.relationship):
            return False
        with acting(user, "worker"):
            return work(review, user, scope)
    finally:
        if not queue.immediate:
            close_old_connections()


@queue.task()
def store_pack_of_new_review(review_id: int, user_id: int) -> bool:
    """Store the pack of a new review; False when there is nothing to do (see `_as_user`, or
    a pack is already stored)."""
    from trustledger.audit.log import record
    from trustledger.audit.models import Action
    from trustledger.reviewpacks.models import StoredPack
    from trustledger.reviewpacks.store import store_with_review

    def store(review: Any, user: Any, scope: Any) -> bool:
        if StoredPack.objects.filter(review=review).exists():
            return False
        stored = store_with_review(review, user, scope)
        record(
            user, Action.REVIEW_PACK_STORED, review, None, pdf_bytes=len(stored.pdf), automatic=True
        )
        return True

    return _as_user(review_id, user_id, store)


@queue.task()
def send_pack_of_review(review_id: int, user_id: int) -> bool:
    """Mail each attendee of the review the pack their own login reads (`store.send_and_log`)."""
    from trustledger.reviewpacks.store import send_and_log

    def send(review: Any, user: Any, scope: Any) -> bool:
        send_and_log(review, user, scope, None)
        return True

    return _as_user(review_id, user_id, send)
