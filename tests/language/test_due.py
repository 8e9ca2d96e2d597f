"""Due dates read on the writer's calendar, relative to when the message was written."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustledger.language.due import due_date

NEW_YORK = ZoneInfo("America/New_York")
WEDNESDAY = dt.datetime(2027, 3, 3, 10, 0, tzinfo=NEW_YORK)  # Wed 3 Mar 2027


def on(sentence: str, written_at: dt.datetime = WEDNESDAY, **kwargs: object) -> dt.date | None:
    found = due_date(sentence, written_at, **kwargs)  # type: ignore[arg-type]
    return found.on if found else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I will send it today.", "2027-03-03"),
        ("You'll have it tonight.", "2027-03-03"),
        ("I'll get back to you by EOD.", "2027-03-03"),
        ("We will confirm by COB.", "2027-03-03"),
        ("Done by end of the day, promised.", "2027-03-03"),
        ("I will send it by end of day tomorrow.", "2027-03-04"),
        ("I will send it tomorrow.", "2027-03-04"),
        ("Expect it the day after tomorrow.", "2027-03-05"),
        ("I will send it by Friday.", "2027-03-05"),
        ("We meet on Monday.", "2027-03-08"),
        ("I'll call you on Wednesday.", "2027-03-10"),  # a weekday named on that day: next week
        ("Let's aim for this Friday.", "2027-03-05"),
        ("I will send it next Tuesday.", "2027-03-09"),
        ("I will send it next Friday.", "2027-03-12"),
        ("Friday next week works.", "2027-03-12"),
        ("By the end of the week.", "2027-03-05"),
        ("I will have it next week.", "2027-03-12"),
        ("Early next week at the latest.", "2027-03-09"),
        ("By the end of the month.", "2027-03-31"),
        ("By the end of next month.", "2027-04-30"),
        ("Before the end of the quarter.", "2027-03-31"),
        ("Done by year-end.", "2027-12-31"),
        ("I will pay by the 5th.", "2027-03-05"),
        ("I will pay by the 21st.", "2027-03-21"),
        ("I will pay on the 2nd.", "2027-04-02"),
        ("I will send it on March 5.", "2027-03-05"),
        ("I will send it on 5 March.", "2027-03-05"),
        ("I will send it on the 5th of March.", "2027-03-05"),
        ("I will send it by Mar 5th, 2027.", "2027-03-05"),
        ("Due 2027-03-05.", "2027-03-05"),
        ("Due 5/3.", "2027-05-03"),
        ("Due 13/3.", "2027-03-13"),
        ("Due 05.04.2027.", "2027-04-05"),
        ("I'll have it in two weeks.", "2027-03-17"),
        ("Within 3 days.", "2027-03-06"),
        ("In a couple of days.", "2027-03-05"),
        ("In a week or two.", "2027-03-17"),
        ("Within 10 business days.", "2027-03-17"),
        ("In 3 months.", "2027-06-03"),
        ("I will finish it in April.", "2027-04-30"),
        ("Before May, surely.", "2027-04-30"),
        ("Over the weekend.", "2027-03-07"),
    ],
)
def test_it_reads_the_date_a_sentence_names(sentence: str, expected: str) -> None:
    assert on(sentence) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "I sent it yesterday.",
        "We spoke last Friday.",
        "It was done Friday last week.",
        "As promised on March 1.",
        "I may 5 times have said so.",
        "I sat down with them.",
        "We offer 24/7 support.",
        "I will be there in 1/2 hour.",
        "We will deliver 3/4 of the order.",
        "It costs 3.5 million.",
        "Meet me on the 5th floor.",
        "I will send it as soon as I can.",
    ],
)
def test_past_dates_and_lookalikes_are_no_due_date(sentence: str) -> None:
    assert due_date(sentence, WEDNESDAY) is None


def test_the_first_date_ahead_wins_and_past_ones_are_skipped() -> None:
    assert on("We spoke yesterday and I will send it on Friday.") == dt.date(2027, 3, 5)
    assert on("I will send it tomorrow, or by Friday at the latest.") == dt.date(2027, 3, 4)


def test_numeric_dates_follow_the_writers_zone_or_day_first() -> None:
    berlin = dt.datetime(2027, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert on("Due 5/4.", berlin) == dt.date(2027, 4, 5)
    assert on("Due 5/4.", WEDNESDAY, time_zone="Europe/London") == dt.date(2027, 4, 5)
    assert on("Due 5/4.", WEDNESDAY) == dt.date(2027, 5, 4)
    assert on("Due 5/4.", WEDNESDAY, day_first=True) == dt.date(2027, 4, 5)
    assert on("Due 31/31.", WEDNESDAY) is None


def test_a_date_without_a_year_long_gone_is_next_years() -> None:
    november = dt.datetime(2027, 11, 20, 9, 0, tzinfo=NEW_YORK)
    assert on("I will send it by March 5.", november) == dt.date(2028, 3, 5)
    assert on("I will send it by the end of January.", november) == dt.date(2028, 1, 31)


def test_the_rule_says_how_the_words_were_read() -> None:
    found = due_date("I will send it next Tuesday.", WEDNESDAY)
    assert found is not None
    assert found.words == "next Tuesday"
    assert "the Tuesday of the week after" in found.rule
    assert "Wed 3 Mar 2027" in found.rule


def test_tomorrow_across_the_daylight_saving_change_is_read_on_the_local_calendar() -> None:
    # 27 March 2027 23:30 UTC is already 28 March 00:30 in Berlin (CET, UTC+1); the clocks go
    # to summer time at 02:00 that night. "Tomorrow" is the 29th, not the 28th.
    written = dt.datetime(2027, 3, 27, 23, 30, tzinfo=dt.UTC)
    assert on("I will send it tomorrow.", written, time_zone="Europe/Berlin") == dt.date(
        2027, 3, 29
    )
    assert on("I will send it tomorrow.", written) == dt.date(2027, 3, 28)
    assert on("I will send it today.", written, time_zone="Europe/Berlin") == dt.date(2027, 3, 28)


PHRASES = [
    "today", "tomorrow", "by Friday", "next Monday", "this Sunday", "end of the week",
    "next week", "end of the month", "end of quarter", "year-end", "the 1st", "the 31st",
    "March 1", "29 February", "12/31", "1/1", "in two weeks", "within 3 business days",
    "in 3 months", "in March", "before January", "over the weekend", "EOD tomorrow",
]  # fmt: skip


@given(
    st.sampled_from(PHRASES),
    st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2090, 12, 31),
        timezones=st.sampled_from(
            [dt.UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("Pacific/Auckland")]
        ),
    ),
    st.sampled_from([None, "America/Los_Angeles", "Asia/Kolkata"]),
)
def test_a_due_date_is_never_before_the_day_written_in_its_zone(
    phrase: str, written_at: dt.datetime, time_zone: str | None
) -> None:
    found = due_date(f"I will send it {phrase}.", written_at, time_zone)
    local = written_at.astimezone(ZoneInfo(time_zone)) if time_zone else written_at
    if found is not None:
        assert found.on >= local.date()


# Every phrase the rules read, and words around them: the cheap first look of due_date must
# never skip a sentence that the rules would read a date in.
DATE_PHRASES = [
    "tomorrow", "tmrw", "tmr", "today", "tonight", "EOD", "COB", "close of business",
    "end of day", "by Friday", "next Tuesday", "this coming Mon", "end of the week", "EOW",
    "next week", "early next week", "the weekend", "end of the month", "EOQ", "year-end",
    "next quarter", "the 5th", "by the 21st", "March 5", "5 March 2027", "Mar 5th, 2027",
    "2027-03-05", "5/3", "13/3", "3.5.", "in two weeks", "within 3 days", "in a couple of days",
    "in a fortnight", "by end of March", "in June", "later this week", "mid next week",
]  # fmt: skip
FILLER = ["I", "will", "send", "it", "by", "the", "report", "we", "on", "before", "and", "then"]


@given(
    st.lists(st.sampled_from(DATE_PHRASES + FILLER), min_size=1, max_size=8),
    st.sampled_from([None, "Europe/Berlin", "America/New_York"]),
)
def test_the_first_look_never_skips_a_sentence_the_rules_would_read(words, zone):
    from trustledger.language.due import by_every_rule

    sentence = " ".join(words) + "."
    written = dt.datetime(2027, 3, 2, 15, tzinfo=dt.UTC)
    assert due_date(sentence, written, zone) == by_every_rule(sentence, written, zone)


@given(
    st.lists(
        st.sampled_from(
            [*DATE_PHRASES, *FILLER, "FRIDAY", "SatURday", "ſat", "\u212aey", "wEEk", "Close"]
        ),
        min_size=1,
        max_size=6,
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzMTWFSJANODEYQ0 ſ\u212aı", max_size=12),
)
def test_the_first_look_on_ascii_text_is_the_case_blind_pattern(words, noise):
    """ASCII text takes the plain pattern on its lower case; it must answer as the case-blind
    pattern does (other text keeps the case-blind one, which also reads "ſ" as "s")."""
    from trustledger.language import due

    sentence = " ".join(words) + " " + noise
    first_look = due._MAY_NAME_A_DATE.search(sentence) is not None
    if sentence.isascii():
        plain = (
            due._HAS_DIGIT.search(sentence) is not None
            or due._A_DATE_STEM.search(sentence.lower()) is not None
        )
        assert plain == first_look
    written = dt.datetime(2027, 3, 2, 15, tzinfo=dt.UTC)
    assert due_date(sentence, written) == due.by_every_rule(sentence, written)
