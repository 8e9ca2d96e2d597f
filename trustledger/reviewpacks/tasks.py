"""A review recorded from the web or the API gets its pack stored on the worker: the pack of
the review's period, as the one who recorded it may read it (`store.store_with_review`), so the
next review's pack can say what moved since without anyone pressing "Store". Making the PDF
takes about a second, which is why it does not happen in the form's request."""

from __future__ import annotations

from django.db import close_old_connections

from trustledger.analytics.queue import queue


@queue.task()
def store_pack_of_new_review(review_id: int, user_id: int) -> bool:
    """Store the pack of a new review; False when there is nothing to do (the review is gone,
    a pack is already stored, or the user may no longer change the relationship)."""
    from trustledger.accounts.access import scope_for
    from trustledger.accounts.models import User
    from trustledger.audit.log import record
    from trustledger.audit.models import Action
    from trustledger.history.context import acting
    from trustledger.ledger.models import QualityReview
    from trustledger.reviewpacks.models import StoredPack
    from trustledger.reviewpacks.store import store_with_review

    if not queue.immediate:
        close_old_connections()
    try:
        review = QualityReview.objects.select_related("relationship").filter(pk=review_id).first()
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if review is None or user is None or StoredPack.objects.filter(review=review).exists():
            return False
        scope = scope_for(user)
        if not scope.can_change_relationship(review.relationship):
            return False
        with acting(user, "worker"):
            stored = store_with_review(review, user, scope)
            record(
                user,
                Action.REVIEW_PACK_STORED,
                review,
                None,
                pdf_bytes=len(stored.pdf),
                automatic=True,
            )
        return True
    finally:
        if not queue.immediate:
            close_old_connections()
