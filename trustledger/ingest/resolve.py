"""Who is who: identities in imported records → people in the directory.

Rules (docs/importing.md, "Identity rules"):
1. A normalised email address that a person already has is that person.
2. An unknown address whose display name is exactly the normalised full name of one known
   person *and* which belongs to the same organization (the Organization whose
   `email_domains` lists its domain) or the same mail domain (not a public one such as
   gmail.com) is that person: the address is added to them.
3. Otherwise a new person is created (display name from the record, organization from the
   mail domain). If people with the same name exist, the new person is listed as a
   *possible duplicate* of them — never merged on a name alone.
4. An identity with nothing but a name (no address) is the same person as an earlier
   name-only person of that exact name with no organization; it never attaches to a person
   who has an address.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar

import polars as pl
from django.db import connection
from django.utils import timezone

from trustledger.directory.models import Organization, Person, PersonIdentity
from trustledger.domain.folding import person_search_text
from trustledger.history import imports as history
from trustledger.importers.identity import name_key
from trustledger.importers.records import Identity
from trustledger.ingest.summary import ImportSummary, PossibleDuplicate
from trustledger.storage.bulk import ROWS_PER_STATEMENT, defaults, writer_for

if TYPE_CHECKING:
    from trustledger.ingest.permissions import ImportRights

QUERY_CHUNK = 5_000  # values per IN (...) list
LIST_CHUNK = 50_000  # values per JSON list sent as one parameter
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "proton.me",
        "protonmail.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "163.com",
        "fastmail.com",
        "zoho.com",
    }
)
T = TypeVar("T")


def chunked(values: Iterable[T], size: int = QUERY_CHUNK) -> Iterator[list[T]]:
    # Slices of one list: an append per value cost more than the query it feeds.
    listed = values if isinstance(values, list) else list(values)
    for start in range(0, len(listed), size):
        yield listed[start : start + size]


def rows_where_in(query: str, params: list[Any], values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """The rows of `query` + " IN (values)" (plain SQL), the values sent a chunk at a time.

    The values go as one parameter, a JSON array (read by `json_each` on SQLite, by
    `json_array_elements_text` on PostgreSQL), not one placeholder each: placeholders cost
    a rewrite of the query and a binding per value, and psycopg's own list parameter a
    conversion per value in Python, more than the lookups."""
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for chunk in chunked(values, LIST_CHUNK):
            if connection.vendor == "sqlite":
                where = " IN (SELECT value FROM json_each(%s))"
            elif connection.vendor == "postgresql":
                # A subquery, not `= ANY(array)`: the planner can hash the list then, where it
                # compares an array of that kind value by value with every row it scans.
                value = "json_array_elements_text(%s::json)"
                if all(isinstance(v, int) for v in chunk):
                    value = f"CAST({value} AS bigint)"
                where = f" IN (SELECT {value})"
            else:
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"{query} IN ({marks})", [*params, *chunk])
                rows += cursor.fetchall()
                continue
            cursor.execute(query + where, [*params, json.dumps(chunk)])
            rows += cursor.fetchall()
    return rows


# normalized value -> person id of one kind of identity; completed by `rows_where_in`.
_IDENTITIES = "SELECT normalized, person_id FROM {table} WHERE kind = %s AND normalized"


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def domain_of(email: str) -> str:
    return email.rpartition("@")[2]


def organization_domains() -> dict[str, int]:
    """mail domain -> organization id, from every Organization's `email_domains`."""
    found: dict[str, int] = {}
    for org_id, domains in Organization.objects.values_list("id", "email_domains"):
        for domain in domains.replace(";", ",").split(","):
            if domain.strip():
                found.setdefault(domain.strip().lower().lstrip("@"), org_id)
    return found


@dataclass
class _Candidate:
    person_id: int
    organization_id: int | None
    domains: set[str]


class _Draft:
    """A person about to be created: what `create_people` reads and sets. Django's model
    constructor costs 0.1 ms a person (a default looked up per field), more than the insert."""

    __slots__ = ("display_name", "organization_id", "pk", "title")

    def __init__(self, display_name: str, organization_id: int | None = None) -> None:
        self.display_name = display_name
        self.organization_id = organization_id
        self.title = ""
        self.pk: Any = None  # set by create_people, as on a Person


@dataclass
class _NewPerson:
    person: _Draft
    email: str | None
    name: str | None
    key: str | None
    candidates: list[int]
    more_emails: list[str] = field(default_factory=list)
    # Set when rule 2 matched someone the importing user may not change.
    reason: str | None = None


class PeopleResolver:
    """Resolves identities to person ids for one import run, creating people in bulk.

    The caches live as long as the run: a batch that fails ends the run, so they never
    hold ids of rows that were rolled back.
    """

    def __init__(self, summary: ImportSummary, rights: ImportRights | None = None) -> None:
        self.summary = summary
        self.rights = rights
        self.by_email: dict[str, int] = {}
        self.by_name_only: dict[str, int] = {}
        self.domains = organization_domains()

    def organization_for(self, email: str | None) -> int | None:
        if not email:
            return None
        domain = domain_of(email)
        # sub.example.com belongs to the organization of example.com
        while domain:
            if domain in self.domains:
                return self.domains[domain]
            domain = domain.partition(".")[2]
        return None

    def person_id(self, identity: Identity) -> int | None:
        if identity.email:
            return self.by_email.get(identity.email)
        key = name_key(identity.name)
        return self.by_name_only.get(key) if key else None

    def find_emails(self, emails: Iterable[str]) -> None:
        """Fill the cache with the known people of these addresses (rule 1)."""
        missing = [e for e in dict.fromkeys(emails) if e not in self.by_email]
        if missing:
            self.by_email.update(
                rows_where_in(_IDENTITIES.format(table=_table(PersonIdentity)), ["email"], missing)
            )

    def name_candidates(self, keys: Iterable[str]) -> dict[str, list[_Candidate]]:
        """Known people per normalised full name, with their organization and mail domains."""
        keys = set(keys)
        by_key: dict[str, list[int]] = {}
        identities = _table(PersonIdentity)
        if keys:
            for key, person_id in rows_where_in(
                _IDENTITIES.format(table=identities), ["name"], list(keys)
            ):
                by_key.setdefault(key, []).append(person_id)
        ids = list({pid for pids in by_key.values() for pid in pids})
        people: dict[int, _Candidate] = {}
        if ids:
            for pid, org_id in rows_where_in(
                f"SELECT id, organization_id FROM {_table(Person)} WHERE id", [], ids
            ):
                people[pid] = _Candidate(pid, org_id, set())
            for pid, email in rows_where_in(
                f"SELECT person_id, normalized FROM {identities} WHERE kind = %s AND person_id",
                ["email"],
                ids,
            ):
                people[pid].domains.add(domain_of(email))
        return {
            key: sorted((people[p] for p in set(pids) if p in people), key=lambda c: c.person_id)
            for key, pids in by_key.items()
        }

    def same_person(self, candidate: _Candidate, email: str) -> bool:
        """Rule 2: same organization (by mail domain) or same non-public mail domain."""
        org = self.organization_for(email)
        domain = domain_of(email)
        return (org is not None and candidate.organization_id == org) or (
            domain not in PUBLIC_MAIL_DOMAINS and domain in candidate.domains
        )

    def may_add_to(self, person_id: int) -> bool:
        """Rule 2 adds an address only to someone the importing user may change."""
        return self.rights is None or person_id < 0 or self.rights.may_change_person(person_id)

    def resolve(self, identities: Iterable[Identity]) -> None:
        """Make sure every identity with an email or a name has a person id."""
        emails: dict[str, str | None] = {}
        names: dict[str, str] = {}
        for identity in identities:
            if identity.email:
                if identity.email not in self.by_email and not emails.get(identity.email):
                    emails[identity.email] = identity.name
            elif (
                identity.name and (key := name_key(identity.name)) and key not in self.by_name_only
            ):
                names.setdefault(key, identity.name)
        if emails:
            self.find_emails(emails)
            emails = {e: n for e, n in emails.items() if e not in self.by_email}
        if not emails and not names:
            return
        keys = {name_key(n) for n in emails.values() if n} | set(names)
        candidates = self.name_candidates(k for k in keys if k)
        new: list[_NewPerson] = []
        attach: list[tuple[int, str, str, str]] = []
        for email, name in emails.items():
            key = name_key(name) if name else None
            found = candidates.get(key, []) if key else []
            matching = [c for c in found if self.same_person(c, email)]
            outside = len(matching) == 1 and not self.may_add_to(matching[0].person_id)
            if len(matching) == 1 and not outside:
                target = matching[0]
                target.domains.add(domain_of(email))
                if target.person_id < 0:  # created earlier in this same batch
                    new[-target.person_id - 1].more_emails.append(email)
                else:
                    self.by_email[email] = target.person_id
                    attach.append(_identity(target.person_id, "email", email, email))
                continue
            person = _Draft((name or email)[:200], self.organization_for(email))
            entry = _NewPerson(person, email, name, key, [c.person_id for c in found])
            if outside:
                entry.reason = "same name and organization, outside your scope: not merged"
            new.append(entry)
            if key:  # a later address of the same name and domain in this batch joins it
                candidates.setdefault(key, []).append(
                    _Candidate(-len(new), person.organization_id, {domain_of(email)})
                )
        for key, name in names.items():
            found = candidates.get(key, [])
            bare = [c for c in found if c.organization_id is None and not c.domains]
            if len(bare) == 1:
                self.by_name_only[key] = bare[0].person_id
                continue
            new.append(_NewPerson(_Draft(name[:200]), None, name, key, []))
            new[-1].candidates = [c.person_id for c in found]
        self._create(new, attach)

    def _create(self, new: list[_NewPerson], attach: list[tuple[int, str, str, str]]) -> None:
        # Placeholders (negative ids) point at people created earlier in this same list.
        if new:
            create_people([n.person for n in new])
            self.summary.created["people"] += len(new)
        identities = list(attach)
        for entry in new:
            pid = entry.person.pk
            if entry.email:
                self.by_email[entry.email] = pid
                identities.append(_identity(pid, "email", entry.email, entry.email))
            elif entry.key:
                self.by_name_only[entry.key] = pid
            for email in entry.more_emails:
                self.by_email[email] = pid
                identities.append(_identity(pid, "email", email, email))
            if entry.key and entry.name:
                identities.append(_identity(pid, "name", entry.name, entry.key))
            for existing in entry.candidates:
                if existing < 0:
                    # Same name, different domain than the one created just before.
                    existing = new[-existing - 1].person.pk
                if existing != pid:
                    self.summary.possible_duplicates.append(
                        PossibleDuplicate(
                            pid,
                            existing,
                            entry.name or "",
                            entry.email or entry.name or "",
                            entry.reason or "same name, different organization and mail domain"
                            if entry.email
                            else "same name, no address to tell them apart",
                        )
                    )
        insert_identities(identities)


def create_people(people: Sequence[Person | _Draft]) -> None:
    """Insert unsaved people (display name and organization set; a `Person` or a `_Draft`)
    with ids taken in a block, through the bulk writer; sets their `pk`. Django's `bulk_create` costs about half a
    millisecond a person on SQLite, most of it preparing values."""
    writer = writer_for(connection)
    first = writer.reserve(Person, len(people))
    frame = pl.DataFrame(
        {
            "id": range(first, first + len(people)),
            "display_name": [p.display_name for p in people],
            "organization": [p.organization_id for p in people],
            "search_name": [person_search_text(p.display_name, p.title) for p in people],
        },
        schema={
            "id": pl.Int64,
            "display_name": pl.String,
            "organization": pl.Int64,
            "search_name": pl.String,
        },
    )
    writer.write(Person, frame, defaults(Person, frame.columns, timezone.now()))
    history.created_people(first, first + len(people) - 1)
    for pk, person in enumerate(people, first):
        person.pk = pk
        if isinstance(person, Person):
            person._state.adding = False


def _identity(person_id: int, kind: str, value: str, normalized: str) -> tuple[int, str, str, str]:
    return (person_id, kind, value[:320], normalized[:320])


_IDENTITY_KEYS = ("person_id", "kind", "value", "normalized")


def insert_identities(rows: list[tuple[int, str, str, str]]) -> None:
    """(person id, kind, value, normalized) rows; one already stored is left as it is."""
    if not rows:
        return
    table = connection.ops.quote_name(PersonIdentity._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement with the rows as JSON: psycopg's executemany costs a round of
            # Python per row (SQLite's runs in C).
            cursor.execute(
                f"INSERT INTO {table} (person_id, kind, value, normalized) "
                "SELECT * FROM json_to_recordset(%s::json) "
                "AS r(person_id bigint, kind text, value text, normalized text) "
                "ON CONFLICT DO NOTHING",
                [json.dumps([dict(zip(_IDENTITY_KEYS, row, strict=True)) for row in rows])],
            )
            return
        if connection.vendor == "sqlite":
            # Many rows per statement: an executemany runs the statement once per row
            # (5,000 new people: 27 ms → 9 ms).
            raw = connection.connection
            head = f"INSERT INTO {table} (person_id, kind, value, normalized) VALUES "
            for start in range(0, len(rows), ROWS_PER_STATEMENT):
                chunk = rows[start : start + ROWS_PER_STATEMENT]
                raw.execute(
                    head + ", ".join(["(?, ?, ?, ?)"] * len(chunk)) + " ON CONFLICT DO NOTHING",
                    list(chain.from_iterable(chunk)),
                )
            return
        cursor.executemany(
            f"INSERT INTO {table} (person_id, kind, value, normalized) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            rows,
        )
