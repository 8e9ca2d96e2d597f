"""Identity normalisation shared by every importer.

Rules (see docs/importing.md): emails are lowercased and stripped of "mailto:" and angle
brackets; list-archive obfuscations ("jane at example.com") are undone; a display name is
cleaned but never used on its own to merge two people: `name_key` only suggests.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Callable
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr
from typing import Any, TypeVar

from trustledger.importers.records import Identity

_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]+$")
# "jane at example.com", "jane at example dot com" (pipermail / hyperkitty archives)
_OBFUSCATED = re.compile(
    r"^\s*(?P<local>[^\s@<>()]+)\s+at\s+(?P<domain>[^\s@<>()]+(?:\s+dot\s+[^\s@<>()]+)*)\s*$",
    re.IGNORECASE,
)
# The same addresses and names come back in message after message and row after row; the
# functions below are pure, so their results are cached (bounded, so memory stays flat).
CACHE_SIZE = 16_384
F = TypeVar("F", bound=Callable[[Any], Any])


def _cached(function: F) -> F:
    """`function` with its results for strings cached; other arguments are not cached."""
    cached = functools.lru_cache(maxsize=CACHE_SIZE)(function)

    @functools.wraps(function)
    def wrapper(value: Any) -> Any:
        return cached(value) if value is None or type(value) is str else function(value)

    return wrapper  # type: ignore[return-value]


_BARE_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_OBFUSCATED_INLINE = re.compile(r"([^\s@<>()\"]+)\s+at\s+([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


def decode_words(value: str | None) -> str | None:
    """Decode RFC 2047 encoded words ("=?utf-8?q?J=C3=B6rg?=") leniently."""
    if value is None:
        return None
    text = str(value)
    if "=?" in text:
        with contextlib.suppress(ValueError, LookupError, UnicodeError, AssertionError):
            text = str(make_header(decode_header(text)))
    return text


@_cached
def normalize_email(raw: str | None) -> str | None:
    """Return the canonical form of an email address, or None if it is not one."""
    if not raw:
        return None
    text = str(raw).strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :].strip()
    text = text.split("?", 1)[0] if "@" in text.split("?", 1)[0] else text
    match = _OBFUSCATED.match(text)
    if match and "@" not in text:
        domain = re.sub(r"\s+dot\s+", ".", match["domain"], flags=re.IGNORECASE)
        text = f"{match['local']}@{domain}"
    text = text.strip().strip(".").lower()
    return text if _EMAIL.match(text) else None


@_cached
def clean_name(raw: str | None) -> str | None:
    """Collapse whitespace, strip quotes; None for empty names or names that are emails."""
    if raw is None:
        return None
    text = decode_words(raw) or ""
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.replace("\u3000", " ").split()).strip("\"' ")
    if not text or normalize_email(text) == text.lower():
        return None
    return text


@_cached
def name_key(name: str | None) -> str | None:
    """A comparison key for a person's name: "Doe, Jane" and "jane  DOE" give "jane doe".

    Accents are folded and punctuation dropped. Use it to *suggest* that two identities may
    be the same person; never merge on it.
    """
    text = clean_name(name)
    if not text:
        return None
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        if family and given:
            text = f"{given} {family}"
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"[^\w\s]", " ", folded.casefold())
    key = " ".join(folded.split())
    return key or None


def _deobfuscate(value: str) -> str:
    return _OBFUSCATED_INLINE.sub(r"\1@\2", value)


@_cached
def parse_identity(raw: str | None) -> Identity:
    """Parse one address: "Jane Doe <jane@x.com>", "jane at x.com (Jane Doe)", "mailto:…"."""
    if not raw:
        return Identity(None, None)
    text = decode_words(str(raw)) or ""
    if "@" not in text:
        text = _deobfuscate(text)
    name, address = parseaddr(text)
    email = normalize_email(address) or normalize_email(text)
    if email is None and (found := _BARE_ADDRESS.search(text)):
        # 'Doe, Jane   jane@x.com' (no angle brackets, as some list servers write it)
        email = normalize_email(found.group(0))
        name = (text[: found.start()] + text[found.end() :]).strip(" ,\"'()")
    cleaned = clean_name(name)
    if email is None and not cleaned:
        cleaned = clean_name(text)
    return Identity(email, cleaned)


def parse_identities(values: list[str] | tuple[str, ...] | None) -> list[Identity]:
    """Parse address-list header values (To, Cc): one Identity per address, in order."""
    return list(_parse_identities(tuple(str(v) for v in values or ())))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _parse_identities(values: tuple[str, ...]) -> tuple[Identity, ...]:
    found: list[Identity] = []
    seen: set[tuple[str | None, str | None]] = set()
    for name, address in getaddresses([_deobfuscate(str(v)) for v in values or ()]):
        if not name and not address:
            continue
        identity = Identity(normalize_email(address), clean_name(name))
        if not identity.is_known:
            continue
        key = (identity.email, None if identity.email else identity.name)
        if key not in seen:
            seen.add(key)
            found.append(identity)
    return tuple(found)
