"""iCalendar (.ics) meetings → InteractionRecord, parsed by icalendar and expanded by
recurring-ical-events.

Events are handled one series (one UID) at a time, so a broken event or rule is rejected on
its own and the rest of the calendar still imports.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events

from trustledger.importers import recurrence
from trustledger.importers.identity import clean_name, normalize_email
from trustledger.importers.records import (
    Identity,
    InteractionRecord,
    ParseResult,
    Participant,
    RejectedRecord,
    SkippedRecord,
    UnreadableFile,
)
from trustledger.importers.sources import check_content_option, content_hash, read_bytes, to_utc

SOURCE = "ics"
DEFAULT_LOOKBACK = timedelta(days=365)
DEFAULT_LOOKAHEAD = timedelta(days=90)
# The meaningful-interaction rule: with more than this many other people in the room, a
# meeting is a presentation to an audience rather than a conversation (see docs/importing.md).
DEFAULT_BROADCAST_THRESHOLD = 5
# Properties whose breakage makes an event impossible to place in time.
_ESSENTIAL = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
_NOT_PEOPLE = {"ROOM", "RESOURCE"}
_ACCEPTED = {"ACCEPTED", "TENTATIVE"}
NO_EVENTS = "calendars with no events (no VEVENT in the file)"
_LOOSE_COMPONENTS = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"}


def parse_ics(
    path: os.PathLike[str] | str,
    *,
    now: datetime | None = None,
    since: datetime | date | None = None,
    until: datetime | date | None = None,
    broadcast_threshold: int = DEFAULT_BROADCAST_THRESHOLD,
    content: str = "metadata",
    default_timezone: str = "UTC",
    max_occurrences_per_event: int = recurrence.DEFAULT_MAX_PER_EVENT,
    max_occurrences_per_file: int = recurrence.DEFAULT_MAX_PER_FILE,
    **_options: Any,
) -> Iterator[ParseResult]:
    """Yield one InteractionRecord per meeting occurrence between `since` and `until`.

    Defaults: the window runs from `now` - 365 days to `now` + 90 days; floating times
    (no time zone) are read in `default_timezone`. A recurring event yields at most
    `max_occurrences_per_event` occurrences (the earliest), a file at most
    `max_occurrences_per_file`; what is dropped is reported as a rejection of that event.
    """
    check_content_option(content)
    return parse_ics_data(
        read_bytes(path),
        str(path),
        now=now,
        since=since,
        until=until,
        broadcast_threshold=broadcast_threshold,
        content=content,
        default_timezone=default_timezone,
        max_occurrences_per_event=max_occurrences_per_event,
        max_occurrences_per_file=max_occurrences_per_file,
    )


def parse_ics_data(
    data: bytes,
    path: str,
    *,
    now: datetime | None = None,
    since: datetime | date | None = None,
    until: datetime | date | None = None,
    broadcast_threshold: int = DEFAULT_BROADCAST_THRESHOLD,
    content: str = "metadata",
    default_timezone: str = "UTC",
    max_occurrences_per_event: int = recurrence.DEFAULT_MAX_PER_EVENT,
    max_occurrences_per_file: int = recurrence.DEFAULT_MAX_PER_FILE,
    source: str = SOURCE,
    **_options: Any,
) -> Iterator[ParseResult]:
    """`parse_ics` of calendar data read elsewhere (a CalDAV server's event), named `path`
    in what it reports; `source` is the records' source (a connection's own)."""
    check_content_option(content)
    try:
        components = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as error:  # icalendar raises ValueError and friends on garbage
        raise UnreadableFile(path, f"not a valid iCalendar file: {error}") from error
    loose = [c for c in components if c.name in _LOOSE_COMPONENTS]
    calendars = [c for c in components if c.name == "VCALENDAR"]
    if loose:  # a bare VEVENT (as some tools export one event) gets a calendar around it
        wrapper = icalendar.Calendar()
        for component in loose:
            wrapper.add_component(component)
        calendars.append(wrapper)
    if not calendars:
        found = ", ".join(sorted({c.name for c in components})) or "nothing"
        raise UnreadableFile(path, f"no VCALENDAR or VEVENT in the file (found: {found})")
    try:
        zone: tzinfo = ZoneInfo(default_timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown default_timezone {default_timezone!r}") from error
    moment = now or datetime.now(UTC)
    window = (
        to_utc(since, zone) if since else moment - DEFAULT_LOOKBACK,
        to_utc(until, zone) if until else moment + DEFAULT_LOOKAHEAD,
    )
    reader = _CalendarReader(
        path,
        window,
        since is not None,
        broadcast_threshold,
        content,
        zone,
        (max_occurrences_per_event, max_occurrences_per_file),
        source,
    )
    return reader.read(calendars)


class _CalendarReader:
    def __init__(
        self,
        file: str,
        window: tuple[datetime, datetime],
        since_given: bool,
        broadcast_threshold: int,
        content: str,
        zone: tzinfo,
        caps: tuple[int, int],  # occurrences per event, per file
        source: str = SOURCE,
    ) -> None:
        self.file = file
        self.source = source
        self.window = window
        self.outside = outside_reasons(window, since_given)
        self.broadcast_threshold = broadcast_threshold
        self.content = content
        self.zone = zone
        self.per_event, self.per_file = caps
        self.file_left, self.steps_left = self.per_file, recurrence.STEPS_PER_FILE

    def read(self, calendars: list[Any]) -> Iterator[ParseResult]:
        number = 0
        for calendar in calendars:
            timezones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
            series: dict[str, list[tuple[int, Any]]] = {}
            for component in calendar.subcomponents:
                if component.name == "VTIMEZONE":
                    continue
                number += 1
                if component.name != "VEVENT":
                    reason = f"{component.name} components (not meetings)"
                    yield SkippedRecord(self.file, f"component {number}", reason)
                    continue
                uid = str(component.get("UID", "")).strip() or _event_hash(component)
                series.setdefault(uid, []).append((number, component))
            for uid, members in series.items():
                yield from self._series(uid, members, timezones)
        if not number:  # an empty calendar, or one of time zones only: say so, not "0"
            yield SkippedRecord(self.file, "file", NO_EVENTS)

    def _series(
        self, uid: str, events: list[tuple[int, Any]], timezones: list[Any]
    ) -> Iterator[ParseResult]:
        sound = []
        for number, event in events:
            broken = [f"{name}: {message}" for name, message in event.errors if name in _ESSENTIAL]
            if broken or "DTSTART" not in event:
                reason = "; ".join(broken) or "event has no DTSTART"
                location = f"event {number} (UID {uid})"
                yield RejectedRecord(self.file, location, reason, tuple(_names(event.errors)))
            else:
                sound.append(event)
        if not sound:
            return
        calendar = icalendar.Calendar()
        for component in [*timezones, *sound]:
            calendar.add_component(component)
        location = f"event {events[0][0]} (UID {uid})"
        cap = min(self.per_event, self.file_left)
        if cap <= 0:
            reason = (
                f"not imported: the file reached its per-file cap of {self.per_file:,} occurrences"
            )
            yield RejectedRecord(self.file, location, reason)
            return
        try:
            query = recurring_ical_events.of(calendar)
            steps = min(recurrence.STEPS_PER_EVENT, self.steps_left)
            expansion = recurrence.plan(query, self.window, cap, steps)
            self.steps_left -= expansion.steps
            if expansion.refused:
                yield RejectedRecord(self.file, location, expansion.refused)
                return
            found = sorted(query.between(self.window[0], expansion.stop), key=_start)
        except Exception as error:  # a bad rule or time zone must not stop the calendar
            reason = f"cannot expand the event: {type(error).__name__}: {error}"
            yield RejectedRecord(self.file, location, reason[:500])
            return
        if not found and not expansion.capped:
            start = _start(sound[0])
            after = start >= self.window[1]
            yield SkippedRecord(self.file, location, self.outside[after], uid, start)
            return
        occurrences = found[:cap]
        self.file_left -= len(occurrences)
        dropped = expansion.dropped if expansion.capped else len(found) - len(occurrences)
        if dropped or expansion.capped:
            which = (
                f"the cap per event of {self.per_event:,}"
                if cap == self.per_event
                else f"the per-file cap of {self.per_file:,} is reached"
            )
            reason = recurrence.dropped_reason(len(occurrences), dropped, expansion.exact, which)
            yield RejectedRecord(self.file, location, reason)
        recurring = any(("RRULE" in e or "RDATE" in e or "RECURRENCE-ID" in e) for e in sound)
        for occurrence in occurrences:
            try:
                yield self._interaction(uid, occurrence, recurring, location)
            except Exception as error:  # noqa: BLE001 - each occurrence stands alone
                reason = f"bad occurrence: {type(error).__name__}: {error}"
                yield RejectedRecord(self.file, location, reason[:500])

    def _interaction(
        self, uid: str, event: Any, recurring: bool, location: str
    ) -> InteractionRecord | SkippedRecord:
        start_value = event.decoded("DTSTART")
        all_day = not isinstance(start_value, datetime)
        start = to_utc(start_value, self.zone)
        external_id = uid
        if recurring:
            recurrence = event.get("RECURRENCE-ID")
            original = to_utc(recurrence.dt, self.zone) if recurrence is not None else start
            external_id = f"{uid}#{original.strftime('%Y%m%dT%H%M%SZ')}"
        organizer = _identity(event.get("ORGANIZER"))
        participants, answered = self._attendees(event, organizer)
        if not participants and organizer.email is None:
            return SkippedRecord(
                self.file, location, "events with no organizer and no attendees", external_id
            )
        if not participants:
            reason = (
                "events with no participant besides the organizer (all declined or none invited)"
            )
            return SkippedRecord(self.file, location, reason, external_id)
        duration = None
        if not all_day and ("DTEND" in event or "DURATION" in event):
            duration = max((event.end - event.start).total_seconds() / 60, 0.0)
        status = str(event.get("STATUS", "")).upper()
        return InteractionRecord(
            source=self.source,
            external_id=external_id,
            occurred_at=start,
            channel="meeting",
            initiator=organizer,
            participants=participants,
            duration_minutes=duration,
            subject=_text(event.get("SUMMARY")) if self.content != "metadata" else None,
            body=_text(event.get("DESCRIPTION")) if self.content == "body" else None,
            answered=answered,
            is_broadcast=all_day or len(participants) > self.broadcast_threshold,
            thread_id=uid,
            excluded_reason="cancelled" if status == "CANCELLED" else None,
        )

    def _attendees(
        self, event: Any, organizer: Identity
    ) -> tuple[tuple[Participant, ...], bool | None]:
        raw = event.get("ATTENDEE", [])
        attendees = raw if isinstance(raw, list) else [raw]
        participants: list[Participant] = []
        seen: set[str | None] = {organizer.email} if organizer.email else set()
        answered = None
        for attendee in attendees:
            params = getattr(attendee, "params", {})
            if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
                continue
            if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
                continue
            identity = _identity(attendee)
            if not identity.is_known or (identity.email and identity.email in seen):
                continue
            seen.add(identity.email)
            if str(params.get("PARTSTAT", "")).upper() in _ACCEPTED:
                answered = True
            participants.append(Participant(identity, "attendee"))
        return tuple(participants), answered


def outside_reasons(window: tuple[datetime, datetime], since_given: bool) -> tuple[str, str]:
    """The skip reasons of an event with no occurrence in the window: (before it, after it).

    One text per run (not per event), so the summary counts them on one line: "39 events
    outside the window …".
    """
    span = f"{window[0]:%Y-%m-%d}…{window[1]:%Y-%m-%d}"
    before = f"events outside the window {span}"
    if not since_given:
        before += "; use --since to import earlier ones"
    return before, f"events outside the window {span} (after its end)"


def _identity(address: Any) -> Identity:
    if address is None:
        return Identity(None, None)
    params = getattr(address, "params", {})
    return Identity(normalize_email(str(address)), clean_name(params.get("CN")))


def _start(event: Any) -> datetime:
    return to_utc(event.decoded("DTSTART"), UTC)


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _names(errors: list[tuple[str, str]]) -> list[str]:
    return list(dict.fromkeys(name for name, _ in errors))


def _event_hash(event: Any) -> str:
    """An id for an event without UID, from what identifies a meeting."""
    parts = []
    for name in ("DTSTART", "SUMMARY", "ORGANIZER"):
        value = event.get(name)
        parts.append(value.to_ical() if hasattr(value, "to_ical") else value)
    return content_hash(*parts)
