"""Zoning: keep what the writer wrote in this message, drop what they did not.

Quoted replies, forwarded messages, signatures and legal disclaimers are not the writer's new
words: a promise quoted from someone else's mail must never be read as the writer's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ZoneKind = Literal["quote", "signature", "disclaimer"]


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


_REPLY_HEADER = re.compile(
    r"^\s*(?:-{2,}\s*Original Message\s*-{2,}|On .+ wrote:\s*$|-{2,}\s*Forwarded by)", re.I
)
_SIGNATURE = re.compile(r"^-- ?$")


def zone(text: str) -> Zoned:
    """Baseline zoning (replaced by the full rules of docs/language.md)."""
    lines = text.splitlines()
    kept: list[str] = []
    removed: list[Zone] = []
    for i, line in enumerate(lines):
        if _REPLY_HEADER.match(line) or _SIGNATURE.match(line):
            kind: ZoneKind = "signature" if _SIGNATURE.match(line) else "quote"
            removed.append(Zone(kind, "\n".join(lines[i:]), i + 1, len(lines)))
            break
        if line.lstrip().startswith(">"):
            removed.append(Zone("quote", line, i + 1, i + 1))
            continue
        kept.append(line)
    return Zoned("\n".join(kept).strip(), tuple(removed))
