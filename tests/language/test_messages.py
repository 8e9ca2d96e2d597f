"""A whole message read at once: only the writer's own words give promises."""

import datetime as dt
from zoneinfo import ZoneInfo

from trustledger.language.messages import Message, check_draft, read_message

WRITTEN = dt.datetime(2027, 3, 3, 16, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # Wed 3 Mar 2027

REPLY = """Hi Dana,

Thanks for the call this morning. I will send the signed contract by Friday.
Omar from our legal team has the draft.

Could you send me the invoice numbers?

Best regards,
Tobias Weber
Head of IT | Acme GmbH
+49 30 1234 5678

On Tue, Mar 2, 2027 at 9:12 AM, Dana Reyes <dana@example.com>
wrote:
> We will pay the invoice next week.
> I'll also call the bank tomorrow.
"""


def test_it_finds_the_writers_promise_with_due_date_and_parties_and_not_the_quoted_ones() -> None:
    reading = read_message(Message(REPLY, WRITTEN, writer=7, recipients=(3, 7, 3, 4)))
    assert "We will pay" not in reading.zoned.body
    assert "Best regards" not in reading.zoned.body
    assert [p.sentence for p in reading.promises] == ["I will send the signed contract by Friday."]
    promise = reading.promises[0]
    assert promise.promisor == 7
    assert promise.promisees == (3, 4)
    assert promise.due is not None and promise.due.on == dt.date(2027, 3, 5)
    assert reading.zoned.body[promise.start : promise.end] == promise.sentence
    assert len(reading.sentences) == len(reading.readings) == 4


def test_it_measures_the_orientation_of_the_writers_sentences() -> None:
    reading = read_message(Message(REPLY, WRITTEN, writer=7))
    assert reading.orientation is not None
    assert reading.orientation.sentences == 4
    assert reading.orientation.questions == 1
    assert reading.orientation.about_us >= 1


def test_numeric_dates_follow_the_message_day_first_setting() -> None:
    body = "I will send the report on 5/4."
    us = read_message(Message(body, WRITTEN, writer=1, time_zone="America/Chicago"))
    eu = read_message(Message(body, WRITTEN, writer=1, time_zone="America/Chicago", day_first=True))
    assert us.promises[0].due is not None and us.promises[0].due.on == dt.date(2027, 5, 4)
    assert eu.promises[0].due is not None and eu.promises[0].due.on == dt.date(2027, 4, 5)


def test_a_message_that_only_forwards_has_no_promises() -> None:
    body = "\n---------- Forwarded message ---------\nFrom: Dana\n\nI will pay tomorrow."
    reading = read_message(Message(body, WRITTEN, writer=1, recipients=(2,)))
    assert reading.zoned.body == ""
    assert reading.promises == ()


def test_check_draft_gives_each_sentence_with_its_offsets_due_date_and_suggestion() -> None:
    draft = "Hi Dana,\n\nI will send the contract tomorrow.\nThe weather is nice."
    checked = check_draft(draft, WRITTEN)
    first, second = checked.sentences
    assert first.due is not None and first.due.on == dt.date(2027, 3, 4)
    assert checked.zoned.body[first.start : first.end] == "I will send the contract tomorrow."
    assert second.due is None
    assert second.reading.is_promise is False
    assert checked.orientation is not None and checked.orientation.sentences == 2
