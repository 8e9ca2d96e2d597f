"""Mailing lists are not people: which addresses of a message are a list's, and senders that
a list rewrote (`jane@example.com.invalid`) back to the person's own address."""

from __future__ import annotations

import re
from email.message import Message

from trustledger.importers.identity import normalize_email
from trustledger.importers.records import Identity

# Display names lists give themselves: "Maven Developers List", "List: Apache",
# "the dev mailing list". "List" alone at the end is a surname too (Franz List): a word that
# names a list's audience or purpose must come before it.
_LIST_NAME = re.compile(
    r"(?i)^\s*list\s*:|\bmailing[ -]?list\b|\b(users?|developers?|devel|dev|discussion|discuss"
    r"|announce(ments)?|commits?|general|issues|project|community|help|support)\s+list\s*$"
)
# Hosts that only run lists (LISTSERV's LIST.ETSI.ORG, lists.example.org).
_LIST_HOST = re.compile(r"(?i)@lists?\.")
# Local parts lists are named with; at the domain of a message's own list (users@ on a
# dev@maven.apache.org message) they are a sibling list, not a person.
_LIST_LOCAL_PARTS = frozenset(
    [
        "announce",
        "commits",
        "dev",
        "devel",
        "developers",
        "discuss",
        "general",
        "issues",
        "private",
        "user",
        "users",
    ]
)
# ezmlm's "contact dev-help@maven.apache.org; run by ezmlm": the list is dev@maven.apache.org.
_EZMLM_CONTACT = re.compile(r"(?i)contact\s+(\S+?)-help@(\S+?);")
_MAILTO = re.compile(r"(?i)mailto:([^>\s,?]+)")
# A list that rewrites a sender for DMARC (Apache's lists among them) appends ".invalid".
_INVALID = ".invalid"


def list_addresses(message: Message, list_id: str | None) -> frozenset[str]:
    """The addresses that are the list itself, from List-Post, Mailing-List, X-BeenThere,
    the Sender of a list message, and List-Id (label.domain for label@domain)."""
    found: set[str | None] = set()
    for value in message.get_all("List-Post", []):
        found.update(normalize_email(m) for m in _MAILTO.findall(str(value)))
    for value in message.get_all("Mailing-List", []):
        found.update(normalize_email(f"{m[0]}@{m[1]}") for m in _EZMLM_CONTACT.findall(str(value)))
    for name in ("X-BeenThere", "X-Mailing-List"):
        found.update(normalize_email(str(v)) for v in message.get_all(name, []))
    if list_id and "@" not in list_id and "." in list_id:
        found.add("@".join(list_id.lower().strip("<>").split(".", 1)))
    return frozenset(a for a in found if a)


def is_list(identity: Identity, addresses: frozenset[str], list_message: bool) -> bool:
    """Whether an identity of a message is its mailing list rather than a person."""
    if identity.email and identity.email in addresses:
        return True
    if identity.name and _LIST_NAME.search(identity.name):
        return True
    if not (list_message and identity.email):
        return False
    local, _, domain = identity.email.partition("@")
    if local in _LIST_LOCAL_PARTS and any(a.endswith("@" + domain) for a in addresses):
        return True
    return bool(_LIST_HOST.search(identity.email))


def unrewritten(identity: Identity) -> Identity:
    """`jane@example.com.invalid` (a list's DMARC rewrite) → `jane@example.com`."""
    email = identity.email
    if email and email.endswith(_INVALID):
        original = normalize_email(email[: -len(_INVALID)])
        if original and "." in original.rpartition("@")[2]:
            return Identity(original, identity.name)
    return identity
