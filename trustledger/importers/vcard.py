"""vCard 2.1 / 3.0 / 4.0 → PersonRecord, parsed by vobject.

The file is streamed and cut into cards at BEGIN:VCARD / END:VCARD (nested AGENT cards stay
inside their parent), so one broken card is rejected alone, with its line number. Photos,
logos, sounds and keys are dropped before parsing: we never import them, and broken base64
in a photo must not cost us the person.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import vobject

from trustledger.importers.identity import clean_name, normalize_email
from trustledger.importers.records import ParseResult, PersonRecord, RejectedRecord, UnreadableFile
from trustledger.importers.sources import content_hash, readable_file

SOURCE = "vcard"
# Binary payloads we never import, and vCard 3.0's PROFILE line, which vobject rejects.
_DROPPED_PROPERTY = re.compile(rb"^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY|PROFILE)[;:]", re.IGNORECASE)
_QUOTED_PRINTABLE = re.compile(rb"^[^:]*QUOTED-PRINTABLE", re.IGNORECASE)
_BEGIN = re.compile(rb"^BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(rb"^END\s*:\s*VCARD\s*$", re.IGNORECASE)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _cards(path: os.PathLike[str] | str) -> Iterator[tuple[int, bytes]]:
    """Yield (first line number, card bytes) with binary properties removed."""
    with open(path, "rb") as stream:
        yield from _cut(stream)


def _cut(stream: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """(first line number, card bytes) of each card in a stream of lines."""
    depth = 0
    start = 0
    lines: list[bytes] = []
    dropping = soft_breaks = previous_soft_break = False
    for number, line in enumerate(stream, start=1):
        bare = line.rstrip(b"\r\n")
        if dropping and not _END.match(bare.strip()):
            if bare[:1] in (b" ", b"\t") or not bare.strip() or previous_soft_break:
                previous_soft_break = soft_breaks and bare.endswith(b"=")
                continue
            dropping = False
        if _BEGIN.match(bare.strip()):
            if depth == 0:
                start, lines = number, []
            depth += 1
        if depth == 0:
            continue  # text between cards is ignored
        if _DROPPED_PROPERTY.match(bare):
            # A quoted-printable value continues on lines after a trailing "=".
            soft_breaks = bool(_QUOTED_PRINTABLE.match(bare))
            dropping, previous_soft_break = True, soft_breaks and bare.endswith(b"=")
            continue
        lines.append(bare)
        if _END.match(bare.strip()):
            depth -= 1
            if depth == 0:
                yield start, b"\r\n".join(lines) + b"\r\n"
    if depth > 0:
        yield start, b"\r\n".join(lines) + b"\r\n"  # unterminated: vobject will say why


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(t for t in (_text(v) for v in value) if t)
    return "" if value is None else str(value).strip()


def _first(card: Any, name: str) -> str | None:
    for line in card.contents.get(name, []):
        text = _text(line.value)
        if text:
            return text
    return None


def _all(card: Any, name: str) -> list[str]:
    return [t for t in (_text(line.value) for line in card.contents.get(name, [])) if t]


def _organization(card: Any) -> tuple[str | None, str | None]:
    """ORG is "organization;unit;sub-unit": split into organization and unit."""
    for line in card.contents.get("org", []):
        value = line.value if isinstance(line.value, list) else [line.value]
        parts = [_text(v) for v in value]
        parts = [p for p in parts if p]
        if parts:
            return parts[0], " / ".join(parts[1:]) or None
    return None, None


def _person(card: Any) -> PersonRecord | str:
    """A PersonRecord, or the reason the card cannot be one."""
    given = family = None
    name_line = card.contents.get("n", [None])[0]
    if name_line is not None and hasattr(name_line.value, "given"):
        given = clean_name(_text(name_line.value.given))
        family = clean_name(_text(name_line.value.family))
    written_name = clean_name(_first(card, "fn"))
    full_name = written_name or clean_name(" ".join(p for p in (given, family) if p))
    emails = tuple(dict.fromkeys(e for e in map(normalize_email, _all(card, "email")) if e))
    phones = tuple(dict.fromkeys(_all(card, "tel")))
    if not full_name and not emails:
        return "card has neither a name nor a valid email address"
    organization, unit = _organization(card)
    countries = [_text(getattr(line.value, "country", "")) for line in card.contents.get("adr", [])]
    uid = _first(card, "uid")
    external_id = uid or content_hash(full_name, *emails, *phones)
    return PersonRecord(
        source=SOURCE,
        external_id=external_id,
        full_name=full_name,
        full_name_derived=written_name is None,
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        organization=organization,
        unit=unit,
        title=clean_name(_first(card, "title")),
        role=clean_name(_first(card, "role")),
        notes=_first(card, "note"),
        country=next((c for c in countries if c), None),
        language=_first(card, "lang"),
        time_zone=_first(card, "tz"),
    )


def parse_vcard(path: os.PathLike[str] | str, **_options: Any) -> Iterator[ParseResult]:
    """Yield one PersonRecord per card, or a RejectedRecord naming the card's line."""
    source = readable_file(path)
    with open(source, "rb") as stream:
        head = stream.read(1 << 16)
    if not re.search(rb"BEGIN\s*:\s*VCARD", head, re.IGNORECASE):
        raise UnreadableFile(source, "no BEGIN:VCARD in the first 64 KiB: not a vCard file")
    return _parse(source)


def parse_vcard_data(
    data: bytes, path: str, *, source: str = SOURCE, **_options: Any
) -> Iterator[ParseResult]:
    """`parse_vcard` of cards read elsewhere (a CardDAV server's card), named `path` in what
    it reports; `source` is the records' source (a connection's own)."""
    if not re.search(rb"BEGIN\s*:\s*VCARD", data[: 1 << 16], re.IGNORECASE):
        raise UnreadableFile(path, "no BEGIN:VCARD: not a vCard")
    return _parse(path, _cut(io.BytesIO(data)), source)


def _parse(
    source: os.PathLike[str] | str,
    cards: Iterable[tuple[int, bytes]] | None = None,
    record_source: str = SOURCE,
) -> Iterator[ParseResult]:
    for line_number, raw in _cards(source) if cards is None else cards:
        location = f"line {line_number}"
        try:
            card = vobject.readOne(_decode(raw), allowQP=True)
            person = _person(card)
        except Exception as error:  # vobject raises many kinds on bad input
            reason = f"vCard cannot be parsed: {type(error).__name__}: {error}"
            yield RejectedRecord(str(source), location, reason[:500])
            continue
        if isinstance(person, str):
            yield RejectedRecord(str(source), location, person)
        elif record_source != SOURCE:
            yield replace(person, source=record_source)
        else:
            yield person
