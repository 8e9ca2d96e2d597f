"""Zoning: keep what the writer wrote in this message, drop what they did not.

Quoted replies, forwarded messages, signatures and legal disclaimers are not the writer's new
words: a promise quoted from someone else's mail must never be read as the writer's own. So
the rules lean one way: everything from the first reply or forward header to the end is
quoted (inline answers written between quoted lines are lost with it; a quoted promise read
as the writer's own would be worse), while a signature needs a closing line followed by a
short block of name and contact lines, so that "Thanks, I will send it tomorrow." stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# "greeting" and "forward" were added beside the first three: a greeting ("Hi Ana,") is no
# sentence of the message, and a forwarded message is someone else's words like a quote.
ZoneKind = Literal["quote", "forward", "signature", "disclaimer", "greeting"]


@dataclass(frozen=True)
class Zone:
    kind: ZoneKind
    text: str
    first_line: int  # 1-based, in the message body as given
    last_line: int


@dataclass(frozen=True)
class Zoned:
    body: str  # the writer's own words
    removed: tuple[Zone, ...] = ()


_I = re.I

# Headers after which everything is someone else's message.
_ORIGINAL = re.compile(
    r"^\s*[-_=*]{2,}\s*(?:original message|ursprüngliche nachricht)\s*[-_=*]*\s*$", _I
)
_FORWARD = re.compile(
    r"^\s*(?:[-_=*]{2,}\s*(?:forwarded by\b.*|forwarded message\b.*|weitergeleitete nachricht.*)"
    r"|begin forwarded message:?\s*$|forwarded message:?\s*$)",
    _I,
)
_ON_WROTE = re.compile(
    r"^\s*(?:on|am|le|el|op)\s\S.*\s(?:wrote|schrieb|a écrit|escribió|schreef)\s*:\s*$", _I
)
_ON_START = re.compile(r"^\s*(?:on|am|le|el|op)\s+(?:\d|[a-z]{3,}\b)", _I)
_DATE_OR_ADDRESS = re.compile(r"\d|@")
_WROTE_END = re.compile(r"\b(?:wrote|schrieb|a écrit|escribió|schreef)\s*:\s*$", _I)
# "Jane Doe <jane@example.com> wrote:" (no date): an address makes it an attribution.
_ADDRESS_WROTE = re.compile(r"^\s*\S.*(?:<[^<>\s]+@[^<>\s]+>|\S+@\S+)\s+wrote\s*:\s*$", _I)
_NAME_WROTE = re.compile(r"^\s*\S.{0,70}\swrote(?: on \S.{0,40})?\s*:\s*$", _I)
# Outlook and Lotus header blocks: From: then Sent/Date/To/Cc/Subject within a few lines.
_FROM = re.compile(r"^\s*\*?(?:from|von|de|van)\s*:\*?\s*\S", _I)
_HEADER_FIELD = re.compile(
    r"^\s*\*?(sent|date|to|cc|bcc|subject|gesendet|an|betreff|datum|envoyé|à|objet)\s*:", _I
)
_FLAT_HEADER = re.compile(r"^\s*from:\s.*\b(?:sent|date):\s.*\b(?:to|subject):", _I)
# Lotus Notes / Enron: "Jane Doe@ECT on 05/04/2001 10:15 AM", or the name@org line with the
# date on the next line, or '"Doe, Jane" <jane@x.com> on 05/04/2001 10:15:22 AM'.
_LOTUS_ON = re.compile(r"^\s*\S.*@\S*\s+on\s+\d{1,2}/\d{1,2}/\d{2,4}\b", _I)
_LOTUS_NAME = re.compile(r"^\s*[\w .,'\"-]{2,60}@[\w.-]{2,40}\s*$")
_LOTUS_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}")

_QUOTED = re.compile(r"^\s*>")
_SEPARATOR = re.compile(r"^\s*[-_=*~]{3,}\s*$")

_SIG_DELIMITER = re.compile(r"^--\s*$")
_MOBILE = re.compile(
    r"^\s*(?:sent (?:from|with|via|using) (?:my |the )?\S.{0,40}"
    r"|get outlook for \S+|von meinem \S.{0,30} gesendet|envoyé de mon \S.{0,30})\s*$",
    _I,
)
_CLOSING = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|many|with|all the)?\s*(?:regards|wishes|thanks|best)"
    r"|thanks(?: again| a lot| so much)?|thank you(?: again| so much)?|thx|tia|cheers|sincerely"
    r"|yours(?: truly| sincerely| faithfully)?|(?:very )?truly yours|best|br|rgds|regards"
    r"|talk soon|speak soon|take care|ciao|thanks in advance|many thanks|respectfully"
    r"|mit freundlichen grüßen|(?:viele|beste|liebe) grüße|grüße|lg|vg|cordialement"
    r"|met vriendelijke groet)(?:\s*[,.!]*\s+(?-i:[A-Z][\w'-]*(?: [A-Z][\w'-]*)?))?\s*[,.!]*\s*$",
    _I,
)
_DASH_NAME = re.compile(r"^\s*[-–—~]\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*$")
_NAME = re.compile(r"^\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*$")
_CONTACT = re.compile(
    r"(?:\+?\d[\d ()./-]{6,}\d|\S+@\S+\.\w+|https?://|www\.|\b(?:tel|phone|mobile|cell|fax|"
    r"direct|office|m|t|p|e|w)\s*[.:]|\b(?:inc|ltd|llc|gmbh|corp|ag|plc|s\.a)\b\.?)",
    _I,
)

_GREETING = re.compile(
    r"^\s*(?:(?:hi|hello|hey|dear|hallo|hiya|greetings|good (?:morning|afternoon|evening)|"
    r"morning|liebe[rs]?|bonjour)\b[^!?\n]{0,40}|all|team|folks|everyone)\s*[,!:]\s*$",
    _I,
)
_ONE_WORD_GREETING = re.compile(r"^\s*[A-Z][\w'-]*(?: (?:and|&) [A-Z][\w'-]*)?\s*,\s*$")
_GREETING_PREFIX = re.compile(
    r"^(\s*(?i:hi|hello|hey|dear)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s*,\s+)(?=\S)"
)

_DISCLAIMER_OPENING = re.compile(
    r"^\s*(?:disclaimer|confidentiality(?: notice| note)?|legal notice|NOTICE)\s*[:.-]",
    _I,
)
_DISCLAIMER_KEYS = (
    "confidential", "intended", "privileged", "disclaim", "unsubscribe", "liab", "virus",
    "prohibit", "environment", "notice", "received this message", "registered",
)  # fmt: skip
_LIST_FOOTER = re.compile(r"^\s*(?:to unsubscribe|you received this message because)\b", _I)
_DISCLAIMER_CUES = re.compile(
    r"intended (?:solely |only )?(?:for the|recipient|addressee)|confidential|privileged|"
    r"legally|prohibited|unauthori[sz]ed|dissemination|distribution|disclos|copying|"
    r"notify (?:the sender|us)|delete (?:it|this|the (?:e-?mail|message|original))|virus|"
    r"liab(?:le|ility)|views (?:or opinions )?expressed|do not necessarily|"
    r"(?:e-?mail|message|transmission|communication) and any (?:attachments|files)|"
    r"consider the environment before printing|registered (?:office|in)|"
    r"^to unsubscribe\b|unsubscribe",
    _I,
)


def zone(text: str) -> Zoned:
    """The writer's own words of a message body, and what was taken out and why."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    removed: list[Zone] = []
    header = _reply_header(lines)
    if header is not None:
        kind: ZoneKind = "forward" if _FORWARD.match(lines[header]) else "quote"
        cut = header
        while cut > 0 and _SEPARATOR.match(lines[cut - 1]):  # Outlook's "_____" rule above
            cut -= 1
        removed.append(_zone(kind, lines, cut, len(lines) - 1))
        lines = lines[:cut]
    keep = [True] * len(lines)
    _drop_quoted(lines, keep, removed)
    _drop_mobile_footers(lines, keep, removed)
    _drop_disclaimers(lines, keep, removed)
    _drop_signature(lines, keep, removed)
    _drop_greeting(lines, keep, removed)
    # Rules left behind ("-----" above a removed footer) are no words of the writer's.
    for i in range(len(lines) - 1, -1, -1):
        if keep[i] and lines[i].strip() and not _SEPARATOR.match(lines[i]):
            break
        keep[i] = False
    body = "\n".join(line for i, line in enumerate(lines) if keep[i]).strip()
    removed.sort(key=lambda z: z.first_line)
    return Zoned(body, tuple(removed))


def _zone(kind: ZoneKind, lines: list[str], first: int, last: int) -> Zone:
    while last > first and not lines[last].strip():
        last -= 1
    return Zone(kind, "\n".join(lines[first : last + 1]).strip("\n"), first + 1, last + 1)


def _reply_header(lines: list[str]) -> int | None:
    """The index of the first line of the first reply or forward header."""
    for i, line in enumerate(lines):
        if line and not line.isspace() and _is_header(lines, i):
            return i
    return None


def _is_header(lines: list[str], i: int) -> bool:
    line = lines[i]
    # Every header holds a colon, an "@" or a dash, or opens "On …" wrapped before its colon:
    # most lines of prose are turned away here, before the dozen patterns below.
    if ":" not in line and "@" not in line and "-" not in line and not _ON_START.match(line):
        return False
    if _ORIGINAL.match(line) or _FORWARD.match(line):
        return True
    if _ON_WROTE.match(line):
        # Mail programs put a date or an address in it; "On Monday, as Omar wrote:" is prose.
        return bool(_DATE_OR_ADDRESS.search(line))
    if _ON_START.match(line) and not _QUOTED.match(line):
        # "On Mon, 3 Mar 2027 at 10:15, Jane Doe <jane@" / "example.com> wrote:"
        joined = line
        for nxt in lines[i + 1 : i + 3]:
            joined += " " + nxt.strip()
            if _WROTE_END.search(nxt):
                return bool(_ON_WROTE.match(joined) and _DATE_OR_ADDRESS.search(joined))
    if _ADDRESS_WROTE.match(line) or _LOTUS_ON.match(line) or _FLAT_HEADER.match(line):
        return True
    if _NAME_WROTE.match(line) and _next_text_is_quoted(lines, i):
        return True
    if _FROM.match(line):
        fields = {
            m.group(1).lower()
            for nxt in lines[i + 1 : i + 7]
            if (m := _HEADER_FIELD.match(nxt)) is not None
        }
        return len(fields) >= 2
    following = lines[i + 1] if i + 1 < len(lines) else ""
    return bool(_LOTUS_NAME.match(line) and _LOTUS_DATE.match(following))


def _next_text_is_quoted(lines: list[str], i: int) -> bool:
    for nxt in lines[i + 1 : i + 4]:
        if nxt.strip():
            return bool(_QUOTED.match(nxt))
    return False


def _runs(keep: list[bool], hits: list[int]) -> list[tuple[int, int]]:
    """Consecutive indices grouped into (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for i in hits:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    for first, last in runs:
        for j in range(first, last + 1):
            keep[j] = False
    return runs


def _drop_quoted(lines: list[str], keep: list[bool], removed: list[Zone]) -> None:
    hits = [i for i, line in enumerate(lines) if _QUOTED.match(line)]
    removed.extend(_zone("quote", lines, a, b) for a, b in _runs(keep, hits))


def _drop_mobile_footers(lines: list[str], keep: list[bool], removed: list[Zone]) -> None:
    hits = [i for i, line in enumerate(lines) if keep[i] and _MOBILE.match(line)]
    removed.extend(_zone("signature", lines, a, b) for a, b in _runs(keep, hits))


def _paragraphs(lines: list[str], keep: list[bool]) -> list[tuple[int, int]]:
    """(first, last) of each run of kept, non-blank lines."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate([*lines, ""]):
        filled = i < len(lines) and keep[i] and bool(line.strip())
        if filled and start is None:
            start = i
        elif not filled and start is not None:
            found.append((start, i - 1))
            start = None
    return found


def _drop_disclaimers(lines: list[str], keep: list[bool], removed: list[Zone]) -> None:
    for first, last in _paragraphs(lines, keep):
        paragraph = " ".join(lines[first : last + 1])
        lowered = paragraph.lower()
        if not any(key in lowered for key in _DISCLAIMER_KEYS):
            continue  # a cheap look before the slow one: every disclaimer has one of these
        cues = {m.group(0).lower()[:12] for m in _DISCLAIMER_CUES.finditer(paragraph)}
        head = first
        while head < last and _SEPARATOR.match(lines[head]):  # a rule drawn above it
            head += 1
        opening = bool(_DISCLAIMER_OPENING.match(lines[head]))
        if _LIST_FOOTER.match(lines[head]):  # a mailing list's footer, not the writer's
            cues.add("list footer")
            opening = True
        strong = "intended recipient" in paragraph.lower() and len(cues) >= 2
        if strong or (len(cues) >= 3 and len(paragraph) >= 100) or (opening and len(cues) >= 2):
            for j in range(first, last + 1):
                keep[j] = False
            removed.append(_zone("disclaimer", lines, first, last))


def _last_kept(keep: list[bool], lines: list[str]) -> int:
    for i in range(len(lines) - 1, -1, -1):
        if keep[i] and lines[i].strip():
            return i
    return -1


def _drop_signature(lines: list[str], keep: list[bool], removed: list[Zone]) -> None:
    end = _last_kept(keep, lines)
    if end < 0:
        return
    for i in range(end + 1):
        if keep[i] and _SIG_DELIMITER.match(lines[i]):
            _cut_signature(lines, keep, removed, i, end)
            return
    tail = [i for i in range(end + 1) if keep[i] and lines[i].strip()]
    # A closing line ("Best regards,") followed by at most a few short name/contact lines.
    for back, i in enumerate(reversed(tail[-10:])):
        if _CLOSING.match(lines[i]):
            after = tail[len(tail) - back :]
            if not after or _NAME.match(lines[after[0]]) or _DASH_NAME.match(lines[after[0]]):
                _cut_signature(lines, keep, removed, i, end)
            return
        if back >= 8 or not _signature_line(lines[i]):
            break
    # No closing: "-Ana", or a last paragraph of a name and its contact lines.
    last_block = _paragraphs(lines, keep)[-1]
    block = list(range(last_block[0], last_block[1] + 1))
    if len(tail) > len(block) and (
        (
            _DASH_NAME.match(lines[block[0]])
            and len(block) <= 4
            and not any(_DASH_NAME.match(lines[j]) for j in block[1:])
        )
        or (
            _NAME.match(lines[block[0]])
            and len(block) <= 8
            and (len(block) == 1 or any(_CONTACT.search(lines[j]) for j in block))
            and _all_signature_lines(lines, block)
        )
    ):
        _cut_signature(lines, keep, removed, block[0], end)


def _signature_line(line: str) -> bool:
    """Short and not sentence-like: a name, a title, a company, a phone number, an address."""
    stripped = line.strip()
    words = stripped.split()
    if _CONTACT.search(stripped) and len(stripped) <= 120 and not stripped.endswith("?"):
        return True  # an address or a phone line may run long
    if len(stripped) > 80 or len(words) > 9 or stripped.endswith("?"):
        return False
    return not (len(words) >= 4 and stripped[-1:] in ".!" and not _CONTACT.search(stripped))


def _all_signature_lines(lines: list[str], indices: list[int]) -> bool:
    return all(_signature_line(lines[j]) for j in indices)


def _cut_signature(
    lines: list[str], keep: list[bool], removed: list[Zone], first: int, last: int
) -> None:
    for j in range(first, last + 1):
        keep[j] = False
    removed.append(_zone("signature", lines, first, last))


def _drop_greeting(lines: list[str], keep: list[bool], removed: list[Zone]) -> None:
    """Drop a greeting line, or a greeting that opens the first line ("Hi Ana, I will …")."""
    first = _first_kept_filled(lines, keep)
    if first < 0:
        return
    line = lines[first]
    if (_GREETING.match(line) or _ONE_WORD_GREETING.match(line)) and len(line.split()) <= 6:
        keep[first] = False
        removed.append(_zone("greeting", lines, first, first))
        return
    prefix = _GREETING_PREFIX.match(line)
    if prefix:
        removed.append(Zone("greeting", prefix.group(1).strip(), first + 1, first + 1))
        lines[first] = line[prefix.end(1) :]


def _first_kept_filled(lines: list[str], keep: list[bool]) -> int:
    for i, line in enumerate(lines):
        if keep[i] and line.strip():
            return i
    return -1
