"""Mailing lists are not people, and a list's rewritten sender is the person's own address."""

from __future__ import annotations

from trustledger.importers.mail import parse_mbox
from trustledger.importers.records import InteractionRecord, SkippedRecord

from .conftest import SHARED_DATA

MESSAGES = b"""From a@example.org  Mon May  5 09:00:00 2025
From: Jane Doe <jane@example.com.INVALID>
To: Apache users <users@httpd.apache.org>
Cc: Bo Berg <bo@example.net>
Date: Mon, 05 May 2025 09:00:00 +0000
Message-ID: <one@example.com>
Mailing-List: contact users-help@httpd.apache.org; run by ezmlm

hello

From a@example.org  Mon May  5 10:00:00 2025
From: Jane Doe <jane@example.com>
To: "List: Apache" <announce@example.org>, Maven Developers List <dev@maven.example.org>
Cc: Bo Berg <bo@example.net>, Franz List <franz@example.de>
Date: Mon, 05 May 2025 10:00:00 +0000
Message-ID: <two@example.com>

hello again

From a@example.org  Mon May  5 11:00:00 2025
From: 3GPP_TSG_SA_WG4_EVS <3GPP_TSG_SA_WG4_EVS@LIST.ETSI.ORG>
To: Bo Berg <bo@example.net>
Date: Mon, 05 May 2025 11:00:00 +0000
Message-ID: <three@example.com>
List-Id: <3GPP_TSG_SA_WG4_EVS.LIST.ETSI.ORG>

digest
"""


def test_list_addresses_are_left_out_and_the_rewritten_sender_is_the_person(tmp_path):
    path = tmp_path / "lists.mbox"
    path.write_bytes(MESSAGES)
    results = list(parse_mbox(path))
    records = {r.external_id: r for r in results if isinstance(r, InteractionRecord)}
    one, two = records["one@example.com"], records["two@example.com"]
    # ezmlm's Mailing-List header names the list; Apache's ".INVALID" rewrite is undone.
    assert one.initiator.email == "jane@example.com"
    assert [p.identity.email for p in one.participants] == ["bo@example.net"]
    # Names lists give themselves, with no list header at all; a person named List stays.
    assert [p.identity.email for p in two.participants] == ["bo@example.net", "franz@example.de"]
    assert one.is_broadcast and two.is_broadcast
    (skipped,) = [r for r in results if isinstance(r, SkippedRecord)]
    assert skipped.external_id == "three@example.com"
    assert skipped.reason == "sent by a mailing list itself, not by a person"


def test_no_real_list_archive_makes_its_list_a_person():
    ponymail = SHARED_DATA / "email" / "ponymail"
    if not ponymail.is_dir():
        import pytest

        pytest.skip(f"shared test data not found at {ponymail}")
    for name in ("maven-dev-2017-11-listsao.mbox", "empty_attachment.mbox", "httpd-dev-28428.mbox"):
        for record in parse_mbox(ponymail / name):
            if not isinstance(record, InteractionRecord):
                continue
            for identity in [record.initiator, *(p.identity for p in record.participants)]:
                assert identity.email not in {
                    "dev@maven.apache.org",
                    "users@maven.apache.org",
                    "tomcat-user@jakarta.apache.org",
                    "dev@httpd.apache.org",
                    "users@httpd.apache.org",
                }, (name, record.external_id)
                assert "List" not in (identity.name or ""), (name, identity)


def test_a_reply_to_a_message_the_list_sent_is_not_a_reply_to_a_person(tmp_path):
    path = tmp_path / "notice.mbox"
    path.write_bytes(
        b"From a@example.org  Mon May  5 09:00:00 2025\n"
        b"From: Maven Developers List <dev@maven.example.org>\n"
        b"To: dev@maven.example.org\nList-Id: <dev.maven.example.org>\n"
        b"Date: Mon, 05 May 2025 09:00:00 +0000\nMessage-ID: <notice@example.org>\n\nvote\n\n"
        b"From a@example.org  Mon May  5 10:00:00 2025\n"
        b"From: Jane Doe <jane@example.com>\nTo: dev@maven.example.org\n"
        b"List-Id: <dev.maven.example.org>\nIn-Reply-To: <notice@example.org>\n"
        b"Date: Mon, 05 May 2025 10:00:00 +0000\nMessage-ID: <reply@example.com>\n\n+1\n"
    )
    records = [r for r in parse_mbox(path) if isinstance(r, InteractionRecord)]
    assert [r.external_id for r in records] == ["reply@example.com"]
    assert records[0].participants == ()
