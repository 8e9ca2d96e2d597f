"""The pure entry for mail read elsewhere (a server's folder): (location, bytes) pairs in, the
same records as an mbox; and the parents a run must read again."""

from __future__ import annotations

from trustledger.importers.mail import parents_elsewhere, parse_messages
from trustledger.importers.records import InteractionRecord, RejectedRecord

HEAD = "From: {frm}\r\nTo: {to}\r\nMessage-ID: <{mid}>\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n"


def raw(mid: str, frm: str, to: str, parent: str | None = None) -> bytes:
    text = HEAD.format(frm=frm, to=to, mid=mid)
    if parent:
        text += f"In-Reply-To: <{parent}>\r\n"
    return (text + "Subject: x\r\n\r\nHello.\r\n").encode()


def test_messages_read_elsewhere_become_records_with_threads():
    messages = [
        ("INBOX UID 1", raw("a@x", "bea@p.example", "ada@o.example")),
        ("Sent UID 1", raw("b@x", "ada@o.example", "bea@p.example", parent="a@x")),
        ("INBOX UID 2", "message of 99 bytes is over the limit of 10 bytes"),
    ]
    results = list(parse_messages(messages, "connection 1", source="imap"))
    records = [r for r in results if isinstance(r, InteractionRecord)]
    assert [(r.source, r.external_id, r.answered) for r in records] == [
        ("imap", "a@x", True),
        ("imap", "b@x", False),
    ]
    rejected = [r for r in results if isinstance(r, RejectedRecord)]
    assert [(r.file, r.location) for r in rejected] == [("connection 1", "INBOX UID 2")]


def test_parents_elsewhere_are_those_answered_but_not_read():
    messages = [
        ("INBOX UID 3", raw("c@x", "bea@p.example", "ada@o.example", parent="old@x")),
        ("Sent UID 2", raw("d@x", "ada@o.example", "bea@p.example", parent="c@x")),
        ("Sent UID 3", raw("e@x", "ada@o.example", "bea@p.example", parent="old@x")),
        ("INBOX UID 4", "unreadable"),
    ]
    assert parents_elsewhere(messages) == ["old@x"]
