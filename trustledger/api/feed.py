"""A user's private iCalendar feed of open commitments: made by them and made to them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from trustledger.accounts.access import scope_for
from trustledger.api.models import CalendarFeed
from trustledger.api.tokens import find_feed
from trustledger.ledger.models import CommitmentState, Strength
from trustledger.nudges.calendar import keep_in_touch_events, reviews_due_events

DURATION = dt.timedelta(minutes=15)
STRENGTH_LABELS = dict(Strength.choices)


def calendar_for(feed: CalendarFeed) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//trustledger//commitments//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Commitments of {feed.user.get_username()}")
    person_id = feed.user.person_id
    if person_id is None:
        return calendar
    now = timezone.now()
    # The same rule as every page: one reads the promises one made or received.
    open_ones = (
        scope_for(feed.user)
        .commitments()
        .filter(state=CommitmentState.OPEN)
        .filter(Q(promisor_id=person_id) | Q(promisee_id=person_id))
        .select_related("promisor", "promisee")
        .order_by("due_at", "pk")
    )
    for c in open_ones:
        mine = c.promisor_id == person_id
        counterpart = c.promisee if mine else c.promisor
        strength = STRENGTH_LABELS.get(c.strength, c.strength)
        event = Event()
        event.add("uid", f"commitment-{c.pk}@trustledger")
        event.add("dtstamp", now)
        event.add("dtstart", c.due_at)
        event.add("duration", DURATION)
        event.add(
            "summary",
            f"I promised {counterpart}: {c.what}"
            if mine
            else f"{counterpart} promised me: {c.what}",
        )
        lines = [
            f"Strength: {strength}",
            f"{'Promised to' if mine else 'Promised by'}: {counterpart}",
            f"Made: {c.made_at:%Y-%m-%d}",
        ]
        if c.statement:
            lines.append(f"In their words: {c.statement}")
        event.add("description", "\n".join(lines))
        event.add("categories", [c.strength])
        event.add("x-trustledger-strength", c.strength)
        event.add("x-trustledger-counterpart", str(counterpart))
        event.add("x-trustledger-direction", "made" if mine else "received")
        calendar.add_component(event)
    # Keep-in-touch dates as all-day items (docs/nudges.md).
    for item in keep_in_touch_events(feed.user, now) + reviews_due_events(feed.user, now):
        calendar.add_component(item)
    return calendar


def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = find_feed(token)
    if found is None:
        raise Http404("No such feed.")
    CalendarFeed.objects.filter(pk=found.pk).update(last_fetched_at=timezone.now())
    response = HttpResponse(
        calendar_for(found).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response
