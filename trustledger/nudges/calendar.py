"""Keep-in-touch dates and quality reviews due as all-day items of the user's private calendar
feed (api/feed.py), so they land in the calendar people already use."""

from __future__ import annotations

import datetime as dt

from icalendar import Event

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.domain.nudges import cadence_of, contact_due_at, review_due_at
from trustledger.engine.reports import engine_settings
from trustledger.nudges.gather import kept_relationships, latest_reviews, relationship_facts


def keep_in_touch_events(user: User, now: dt.datetime) -> list[Event]:
    """One all-day item per relationship the user keeps, on the day two-way contact falls due
    (in the past when it is overdue: the centre nudges about those)."""
    cfg = engine_settings()
    rels = kept_relationships(scope_for(user))
    events = []
    for facts in relationship_facts(rels, now):
        due = contact_due_at(facts, cfg)
        if due is None:
            continue
        event = Event()
        # The date in the UID: a new contact moves the item, and the old one goes.
        event.add("uid", f"keep-in-touch-{facts.id}-{due.date().isoformat()}@trustledger")
        event.add("dtstamp", now)
        event.add("dtstart", due.date())  # a date, not a time: an all-day item
        event.add("summary", f"Keep in touch with {facts.counterpart}")
        event.add(
            "description",
            f"Two-way contact falls due: every {cadence_of(facts, cfg):g} days for this "
            "relationship. Log it in trustledger once you have talked.",
        )
        event.add("categories", ["keep_in_touch"])
        event.add("x-trustledger-relationship", str(facts.id))
        events.append(event)
    return events


def reviews_due_events(user: User, now: dt.datetime) -> list[Event]:
    """One all-day item per relationship the user keeps, on the day its next quality review
    falls due (the date set at the last review, else the last one plus the review interval)."""
    cfg = engine_settings()
    events = []
    for review in latest_reviews(kept_relationships(scope_for(user)), now):
        due = review_due_at(review, cfg)
        event = Event()
        event.add(
            "uid", f"review-due-{review.relationship_id}-{due.date().isoformat()}@trustledger"
        )
        event.add("dtstamp", now)
        event.add("dtstart", due.date())
        event.add("summary", f"Quality review with {review.counterpart}")
        how = (
            "the date set at the last review"
            if review.next_due_at
            else f"every {cfg.health.review_interval_days:g} days"
        )
        event.add(
            "description",
            f"The next quality review falls due ({how}; the last was "
            f"{review.held_at.date().isoformat()}): review the agreed measures together, "
            "then record it in trustledger.",
        )
        event.add("categories", ["review_due"])
        event.add("x-trustledger-relationship", str(review.relationship_id))
        events.append(event)
    return events
