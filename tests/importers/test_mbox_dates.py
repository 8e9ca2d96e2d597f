"""A message is never dropped for its date without a word: an mbox of timeless "From " lines
splits into its messages, a message without a Date header is dated from the "From " line or
its Received headers, and one with none of them is rejected with its line and reason."""

from __future__ import annotations

from datetime import UTC, datetime

from trustledger.importers.mail import parse_mbox
from trustledger.importers.records import InteractionRecord, RejectedRecord

TIMELESS = b"""From alice@example.com
From: Alice <alice@example.com>
To: Bob <bob@example.org>
Subject: no date at all
Message-ID: <nodate@example.com>

From here on, this is the body.

From bob@example.org
From: Bob <bob@example.org>
To: Alice <alice@example.com>
Subject: Re: no date at all
Date: Mon, 05 May 2025 09:00:00 +0000
Message-ID: <dated@example.org>
In-Reply-To: <nodate@example.com>

hello

From carol@example.net
From: Carol <carol@example.net>
To: Alice <alice@example.com>
Subject: received only
Message-ID: <received@example.net>
Received: from relay.example.net by mx.example.com; Tue, 06 May 2025 10:00:00 +0000
Received: from carol-laptop by relay.example.net; Tue, 06 May 2025 09:59:58 +0000

hi
"""


def test_timeless_from_lines_split_the_messages_and_an_undated_one_is_rejected(tmp_path):
    path = tmp_path / "timeless.mbox"
    path.write_bytes(TIMELESS)
    results = list(parse_mbox(path))
    rejected = [r for r in results if isinstance(r, RejectedRecord)]
    assert [(r.location, r.reason) for r in rejected] == [
        (
            "line 1",
            "missing Date header, and neither an mbox 'From ' line with a time nor a "
            "Received header dates the message",
        )
    ]
    records = {r.external_id: r for r in results if isinstance(r, InteractionRecord)}
    assert records["dated@example.org"].occurred_at == datetime(2025, 5, 5, 9, tzinfo=UTC)
    assert not records["dated@example.org"].time_estimated
    # The earliest hop (the last Received header) dates a message without a Date header.
    received = records["received@example.net"]
    assert received.occurred_at == datetime(2025, 5, 6, 9, 59, 58, tzinfo=UTC)
    assert received.time_estimated


def test_a_from_line_time_dates_a_message_without_date_and_says_it_is_an_estimate(tmp_path):
    path = tmp_path / "dated-line.mbox"
    path.write_bytes(
        b"From jjl at pobox.com  Thu Nov  1 11:19:12 2001\n"
        b"From: jjl at pobox.com (John J. Lee)\nTo: list@example.org\n"
        b"Message-ID: <x@pobox.com>\n\nbody\n"
    )
    (record,) = parse_mbox(path)
    assert record.occurred_at == datetime(2001, 11, 1, 11, 19, 12, tzinfo=UTC)
    assert record.time_estimated
