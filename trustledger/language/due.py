"""The due date a sentence names, read relative to when and where it was written.

Plain rules, no date-parsing library (dateparser costs tens of MB and a slow start-up, and
still needs these rules for "end of quarter" or "next week"). Every date is worked out on the
writer's calendar: the day the message was written in its time zone, so a message sent at
00:30 in Berlin on 28 March (23:30 UTC the day before) means 29 March by "tomorrow".

Readings where words are vague take the latest day they can mean, since a promise kept by
then was kept: "next week" is the Friday of next week, "end of the week" is Friday, "in March"
the 31st. "Next Tuesday" is the Tuesday of next week; a bare weekday ("by Friday") is the next
such day after the day of writing. Numeric dates like 5/3 are read month/day (US style) unless
the writer's time zone is in Europe, Africa or Australia, or `day_first` says otherwise, or
only day/month is possible. A date before the day of writing ("yesterday", "last Friday",
"March 2" in mid-March) is no due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class DueDate:
    on: dt.date
    words: str  # the words that named it, as written
    rule: str  # how they were read, e.g. "a weekday: the next Friday after Tue 3 Mar"


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14,
    "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3,
    "several": 5,
}  # fmt: skip

_WEEKDAY = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?"
)
_MONTH = (
    r"(?P<mo>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?:,?\s*(?P<y>(?:19|20)\d\d)\b)?"
_COUNT = (
    r"(?P<n>\d{1,3}|a couple(?: of)?|couple(?: of)?|a few|few|several|an?|"
    + "|".join(k for k in _NUMBERS if " " not in k and len(k) > 2)
    + ")"
)
_UNIT = r"(?P<unit>(?:business |working )?days?|weeks?|fortnights?|months?|hours?)"

Handler = Callable[["re.Match[str]", dt.date, bool], "tuple[dt.date, str] | None"]
Rule = tuple["re.Pattern[str]", Handler, tuple[str, ...]]
_RULES: list[Rule] = []
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DIGIT = "#"  # in a rule's needs: any digit


def _rule(pattern: str, needs: tuple[str, ...] = ()) -> Callable[[Handler], Handler]:
    """Register a rule. `needs`: lower-case words of which the sentence must hold one for the
    rule to have a chance (a plain substring test, far cheaper than the pattern); () = always."""

    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern, re.I), handler, needs))
        return handler

    return register


def due_date(
    sentence: str,
    written_at: dt.datetime,
    time_zone: str | None = None,
    *,
    day_first: bool | None = None,
) -> DueDate | None:
    """The first date ahead that the sentence names, or None (past dates are no due dates)."""
    low, has_digit = sentence.lower(), _HAS_DIGIT.search(sentence) is not None
    # Most sentences name no date: one cheap look instead of every rule. On ASCII text the
    # case-blind pattern finds a stem exactly where the plain one finds it in the lower-cased
    # text, at a sixth of the cost (the case-blind alternation is tried letter by letter);
    # other text keeps the case-blind look (it also matches "ſ" as "s", "K" as "k").
    if sentence.isascii():
        if not has_digit and not _A_DATE_STEM.search(low):
            return None
    elif not _MAY_NAME_A_DATE.search(sentence):
        return None
    # Each need word looked for once (rules share them: twelve month stems in three rules).
    needs, words = _needs()
    present = {n for n in words if n in low}
    rules = [
        rule
        for rule, always, digit, wanted in needs
        if always or digit and has_digit or not wanted.isdisjoint(present)
    ]
    return _read(sentence, written_at, time_zone, day_first, rules)


@functools.cache
def _needs() -> tuple[list[tuple[Rule, bool, bool, frozenset[str]]], tuple[str, ...]]:
    """Per rule (in order): whether it is always tried, whether a digit lets it, the words
    that let it (one of them in the sentence lets the rule be tried); and every such word once."""
    shaped = [
        (rule, not rule[2], DIGIT in rule[2], frozenset(rule[2]) - {DIGIT}) for rule in _RULES
    ]
    return shaped, tuple(sorted({n for rule in _RULES for n in rule[2] if n != DIGIT}))


def by_every_rule(
    sentence: str,
    written_at: dt.datetime,
    time_zone: str | None = None,
    *,
    day_first: bool | None = None,
) -> DueDate | None:
    """The same reading with every rule tried (what the cheap looks of due_date must match)."""
    return _read(sentence, written_at, time_zone, day_first, _RULES)


def _read(
    sentence: str,
    written_at: dt.datetime,
    time_zone: str | None,
    day_first: bool | None,
    rules: list[Rule],
) -> DueDate | None:
    local = written_at.astimezone(ZoneInfo(time_zone)) if time_zone else written_at
    today = local.date()
    if day_first is None:
        zone_name = time_zone or str(getattr(written_at.tzinfo, "key", ""))
        day_first = zone_name.startswith(("Europe/", "Africa/", "Australia/"))
    found: list[tuple[int, int, dt.date, str, str]] = []
    for pattern, handler, _ in rules:
        for match in pattern.finditer(sentence):
            if _PAST_BEFORE.search(sentence, max(0, match.start() - 12), match.start()):
                continue  # "last Friday", "since Monday"
            read = handler(match, today, day_first)
            if read is not None and read[0] >= today:
                found.append(
                    (match.start(), -len(match.group(0)), read[0], match.group(0), read[1])
                )
    if not found:
        return None
    _, _, on, words, rule = min(found, key=lambda f: (f[0], f[1]))
    return DueDate(on, words.strip().rstrip(".,;"), f"{rule} (written {today:%a %-d %b %Y})")


# Every rule's pattern holds a digit or one of these stems, so a sentence without any of them
# names no date (tests/language/test_due.py checks the rules against this list).
DATE_STEMS = (
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec", "today", "tonight", "tomorrow", "eod", "cob",
    "eob", "end", "close", "day", "week", "month", "quarter", "year", "fortnight", "hour",
    "noon", "morning", "afternoon", "evening", "night", "asap", "tmr", "eow", "eom", "eoq",
    "eoy",
)  # fmt: skip
_HAS_DIGIT = re.compile(r"\d")
_MAY_NAME_A_DATE = re.compile(r"\d|" + "|".join(DATE_STEMS), re.I)
_A_DATE_STEM = re.compile("|".join(DATE_STEMS))  # in lower-cased ASCII text

_PAST_BEFORE = re.compile(r"\b(?:last|past|previous|since|ago|earlier)\s+(?:the\s+)?$", re.I)


def _weekday(name: str) -> int:
    return next(i for i, day in enumerate(_WEEKDAYS) if day.startswith(name.lower()[:3]))


def _month(name: str) -> int:
    return next(i for i, month in enumerate(_MONTHS, 1) if month.startswith(name.lower()[:3]))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# An abbreviated weekday or "May" is only a date word when capitalised ("I sat", "we may").
def _proper(word: str) -> bool:
    return word[:1].isupper() or len(word) > 3 and word.lower() != "may"


@_rule(
    r"\b(?:eod|cob|eob|end of (?:the )?(?:business )?day|close of business)"
    r"(?:\s+(?:on\s+)?(?P<next>tomorrow|today))?",
    needs=("eod", "cob", "eob", "end of", "close of"),
)
def _end_of_day(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str]:
    if m.group("next") and m.group("next").lower() == "tomorrow":
        return today + dt.timedelta(days=1), "the end of the day after it was written"
    return today, "the end of the day it was written"


@_rule(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|later today|asap today)\b",
    needs=("today", "tonight", "this "),
)
def _today(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str]:
    return today, "the day it was written"


@_rule(r"\b(?:(?P<after>the day after )?tomorrow|tmrw|tmr)\b", needs=("tom", "tmr"))
def _tomorrow(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str]:
    if m.group("after"):
        return today + dt.timedelta(days=2), "two days after it was written"
    return today + dt.timedelta(days=1), "the day after it was written"


@_rule(
    r"\b(?:(?P<which>next|this|coming|this coming)\s+)?"
    + _WEEKDAY
    + r"(?P<nw>\s+next week)?(?!\s+(?:last|past) week)",
    needs=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
)
def _weekday_rule(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str] | None:
    if not _proper(m.group("wd")):
        return None
    weekday = _weekday(m.group("wd"))
    name = _WEEKDAYS[weekday].title()
    which = (m.group("which") or "").lower()
    if which == "next" or m.group("nw"):
        on = _monday(today) + dt.timedelta(days=7 + weekday)
        return on, f"“next {name}”: the {name} of the week after the one it was written in"
    if which in ("this", "this coming", "coming"):
        ahead = (weekday - today.weekday()) % 7
        return today + dt.timedelta(days=ahead), f"“this {name}”: the coming {name}"
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=ahead), f"a weekday: the next {name} after the day written"


@_rule(
    r"\b(?:(?:by |before |until |till |at )?(?:the )?end of (?:the |this )?week|eow|"
    r"this week|within the week|later this week)\b",
    needs=("week", "eow"),
)
def _end_of_week(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str]:
    friday = _monday(today) + dt.timedelta(days=4)
    if friday < today:
        return _monday(today) + dt.timedelta(days=6), "the end of this week: Sunday, Friday passed"
    return friday, "the end of this week: its Friday"


@_rule(
    r"\b(?:(?P<part>early|beginning of|start of|mid|middle of|end of)\s+)?next week\b",
    needs=("next week",),
)
def _next_week(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str]:
    monday = _monday(today) + dt.timedelta(days=7)
    part = (m.group("part") or "").lower()
    if part in ("early", "beginning of", "start of"):
        return monday + dt.timedelta(days=1), "early next week: read as its Tuesday"
    if part in ("mid", "middle of"):
        return monday + dt.timedelta(days=2), "the middle of next week: its Wednesday"
    return monday + dt.timedelta(days=4), "next week: its Friday, the latest working day meant"


@_rule(
    r"\b(?:(?:the )?weekend|this weekend|over the weekend|before the weekend)\b", needs=("weekend",)
)
def _weekend(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str]:
    if m.group(0).lower().startswith("before"):
        friday = _monday(today) + dt.timedelta(days=4)
        return max(friday, today), "before the weekend: Friday"
    return _monday(today) + dt.timedelta(days=6), "the weekend: its Sunday"


@_rule(
    r"\b(?:(?:the )?end of (?P<which>the |this |next )?(?P<p>month|quarter|year)|"
    r"(?P<which2>this |next )(?P<p2>month|quarter|year)|(?P<p3>month|quarter|year)[- ]end|"
    r"(?P<abbr>eom|eoq|eoy))\b",
    needs=("month", "quarter", "year", "eom", "eoq", "eoy"),
)
def _period_end(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str]:
    abbr = (m.group("abbr") or "").lower()
    period = (
        m.group("p")
        or m.group("p2")
        or m.group("p3")
        or {"eom": "month", "eoq": "quarter"}.get(abbr, "year")
    )
    ahead = "next" in (m.group("which") or m.group("which2") or "").lower()
    period = period.lower()
    if period == "month":
        return _month_end(
            today.year, today.month + ahead
        ), f"the last day of {'next' if ahead else 'this'} month"
    if period == "quarter":
        last_month = (today.month - 1) // 3 * 3 + 3 + 3 * ahead
        return _month_end(
            today.year, last_month
        ), f"the last day of {'next' if ahead else 'this'} quarter"
    return dt.date(
        today.year + ahead, 12, 31
    ), f"the last day of {'next' if ahead else 'this'} year"


@_rule(r"\b(?:on |by |before |until |till )?the " + _DAY + r"(?!\s*(?:of\b|[a-z]))", needs=(DIGIT,))
def _day_of_month(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str] | None:
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    for ahead in range(0, 13):
        on = _date(
            today.year + (today.month - 1 + ahead) // 12, (today.month - 1 + ahead) % 12 + 1, day
        )
        if on and on >= today:
            return (
                on,
                f"the {day}{_ordinal(day)}: the next such day of a month, on or after the day written",
            )
    return None


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _dated(
    year: str | None, month: int, day: int, today: dt.date, words: str
) -> tuple[dt.date, str] | None:
    if year:
        on = _date(int(year), month, day)
        return (on, f"{words}: an explicit date") if on else None
    on = _date(today.year, month, day)
    if on is None:
        return None
    if on >= today:
        return on, f"{words}: this year's, the next one on or after the day written"
    if (today - on).days <= 60:
        return None  # a date just gone is the past, not next year's
    on = _date(today.year + 1, month, day)
    return (on, f"{words}: next year's, this year's has gone") if on else None


@_rule(r"\b" + _MONTH + r"\s+" + _DAY + _YEAR, needs=_MONTH_STEMS)
def _month_day(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str] | None:
    if not _proper(m.group("mo")):
        return None
    return _dated(m.group("y"), _month(m.group("mo")), int(m.group("d")), today, "month and day")


@_rule(r"\b" + _DAY + r"(?:\s+of)?\s+" + _MONTH + _YEAR, needs=_MONTH_STEMS)
def _day_month(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str] | None:
    if not _proper(m.group("mo")):
        return None
    return _dated(m.group("y"), _month(m.group("mo")), int(m.group("d")), today, "day and month")


@_rule(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b", needs=(DIGIT,))
def _iso(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str] | None:
    on = _date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return (on, "an ISO date (year-month-day)") if on else None


@_rule(
    r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)"
    r"(?:(?P=sep)(?P<y>(?:19|20)?\d\d))?(?![\d/]|\.\d)"
    r"(?!\s*(?:hours?|days?|weeks?|months?|of\b|cups?|miles?|km|%))",  # "1/2 hour" is a half
    needs=(DIGIT,),
)
def _numeric(m: re.Match[str], today: dt.date, day_first: bool) -> tuple[dt.date, str] | None:
    a, b = int(m.group("a")), int(m.group("b"))
    year = m.group("y")
    if m.group("sep") == ".":
        if not year:
            return None  # "3.5" is a number, not a date; "5.3.2027" is one
        day_first = True
    if m.group(0) == "24/7":
        return None
    if year and len(year) == 2:
        year = "20" + year
    if day_first:
        day, month, style = a, b, "day/month"
    else:
        day, month, style = b, a, "month/day (US style)"
    if month > 12 and day <= 12:
        day, month, style = month, day, "day/month (the only reading possible)"
    if month > 12:
        return None
    return _dated(year, month, day, today, f"{m.group(0)} read as {style}")


@_rule(
    r"\b(?:in|within|over) (?:the next |the coming |about |around )?"
    + _COUNT
    + r"\s+"
    + _UNIT
    + r"(?: or (?:so|two|three))?"
)
def _in_duration(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str] | None:
    count_words = m.group("n").lower()
    count = int(count_words) if count_words.isdigit() else _NUMBERS.get(count_words, 0)
    said = m.group(0).lower()
    if said.endswith(" or two"):  # "a week or two": the latest meant
        count = max(count, 2)
    elif said.endswith(" or three"):
        count = max(count, 3)
    unit = m.group("unit").lower()
    if not count:
        return None
    if unit.startswith(("business", "working")):
        on, left = today, count
        while left:
            on += dt.timedelta(days=1)
            left -= on.weekday() < 5
        return on, f"{count} working days after the day written"
    if unit.startswith("hour"):
        return today + dt.timedelta(days=count // 24), f"{count} hours after it was written"
    if unit.startswith("month"):
        end = _month_end(today.year, today.month + count)
        same_day = end.replace(day=min(today.day, end.day))
        return same_day, f"{count} months after the day written"
    days = count * {"d": 1, "w": 7, "f": 14}[unit[0]]
    return today + dt.timedelta(days=days), f"{days} days after the day written"


@_rule(
    r"\b(?:(?:by |before |until |in |during |end of |the end of |late )(?:this |next )?)"
    + _MONTH
    + _YEAR
    + r"(?!\s*\d)",
    needs=_MONTH_STEMS,
)
def _month_only(m: re.Match[str], today: dt.date, _: bool) -> tuple[dt.date, str] | None:
    if not _proper(m.group("mo")):
        return None
    month = _month(m.group("mo"))
    year = int(m.group("y")) if m.group("y") else today.year
    on = _month_end(year, month)
    if not m.group("y") and on < today:
        on = _month_end(year + 1, month)
    if m.group(0).lower().startswith("before"):
        on = dt.date(on.year, month, 1) - dt.timedelta(days=1)
        return on, f"before {_MONTHS[month - 1].title()}: the last day of the month before"
    return on, f"{_MONTHS[month - 1].title()}: its last day, the latest day meant"
