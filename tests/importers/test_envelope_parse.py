"""A whole single-part message parsed as its header block plus the rest as its payload must be
the message the email package makes of it whole (`envelope._parsed`)."""

from __future__ import annotations

from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from hypothesis import given
from hypothesis import strategies as st

from trustledger.importers.envelope import _parsed, body_text
from trustledger.importers.mailboxes import Mbox

HEADER = b"From: Ann <ann@example.com>\nTo: bo@example.org\nSubject: plan\n"
ODD = [
    HEADER + b"\nI will send it by Friday.\n",
    HEADER.replace(b"\n", b"\r\n") + b"\r\nI will send it.\r\n\r\n> quoted\r\n",
    HEADER + b"Content-Type: text/plain; charset=latin-1\n\nd\xe9j\xe0 vu\n",
    HEADER + b"Content-Transfer-Encoding: base64\n\nSSB3aWxsIHNlbmQgaXQu\n",
    HEADER + b"Content-Transfer-Encoding: quoted-printable\n\nI will=\n send it=3D\n",
    HEADER + b"not a header line\n\nbody\n",  # no separator before the body: parsed whole
    HEADER + b"X-A: b\r\r\nX-B: c\n\nbody\n",  # a lone CR line ends the header early
    HEADER + b" folded on\n\tand on\n\nbody",
    b"From ann@example.com Mon May  5 10:00:00 2025\n" + HEADER + b"\nbody\n",
    HEADER + b"Content-Type: multipart/mixed; boundary=XX\n\n--XX\n\nI will.\n--XX--\n",
    HEADER + b"Content-Type: multipart/mixed\n\nno boundary\n",
    HEADER + b"Content-Type: message/rfc822\n\nFrom: c@d\n\ninner\n",
    HEADER + b"Content-Type: message/delivery-status\n\nA: b\n\nC: d\n",
    HEADER + b"Content-Type: text/html\n\n<p>I will</p>\n",
    HEADER + b"Content-Type: \n\nempty type\n",
    HEADER + b"\n",
    HEADER,
    HEADER + b"\n\n\nafter blank lines\n",
]


def _same(raw: bytes) -> None:
    whole = BytesParser(policy=compat32).parsebytes(raw)
    fast = _parsed(raw, headers_only=False)
    assert _state(fast) == _state(whole)
    assert body_text(fast) == body_text(whole)


def _state(message: Message) -> tuple[object, ...]:
    parts = message.get_payload() if message.is_multipart() else []
    return (
        message._headers,  # type: ignore[attr-defined]
        message.get_unixfrom(),
        [type(d) for d in message.defects],
        message.preamble,
        message.epilogue,
        message.get_default_type(),
        message.get_payload() if not message.is_multipart() else None,
        [_state(p) for p in parts] if isinstance(parts, list) else parts,
    )


def test_odd_messages_parse_the_same():
    for raw in ODD:
        _same(raw)


def test_the_fixture_mailboxes_parse_the_same(fixtures):
    for _, raw in Mbox(fixtures / "thread.mbox", 10_000_000):
        assert isinstance(raw, bytes)
        _same(raw)
    _same((fixtures / "single.eml").read_bytes())
    for path in sorted((fixtures / "maildir").rglob("*")):
        if path.is_file():
            _same(path.read_bytes())


LINES = st.sampled_from(
    [b"", b" ", b"\t", b"X-A: b", b"x", b":", b"From x", b"Content-Type: text/plain",
     b"Content-Type: multipart/alternative; boundary=b", b"--b", b"\xe9t\xe9", b"> quoted"]
)  # fmt: skip


@given(st.lists(LINES, max_size=12), st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_any_header_and_body_parse_the_same(lines, end):
    _same(HEADER + end.join(lines) + end)
