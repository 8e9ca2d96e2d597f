"""One CSV row (already mapped to our field names) → one record, or RowError saying why."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from trustledger.importers.dates import DUE, HAPPENED, DateKind, DateRule, rule_or_today
from trustledger.importers.identity import clean_name, normalize_email, parse_identity
from trustledger.importers.records import (
    CHANNELS,
    COMMITMENT_STATES,
    ORGANIZATION_KINDS,
    STRENGTHS,
    CommitmentRecord,
    Identity,
    InteractionRecord,
    OrganizationRecord,
    Participant,
    PersonRecord,
    Record,
    UnitRecord,
)
from trustledger.importers.sources import content_hash, to_utc

SOURCE = "csv"
# Our field names per kind, each with the example value the template shows.
FIELDS: dict[str, dict[str, str]] = {
    "people": {
        "external_id": "crm-1042",
        "full_name": "Jane Doe",
        "given_name": "Jane",
        "family_name": "Doe",
        "email": "jane.doe@example.com",
        "phone": "+44 20 7946 0000",
        "organization": "Example Ltd",
        "unit": "Finance",
        "title": "CFO",
        "role": "budget owner",
        "notes": "Prefers a call to an email",
    },
    "units": {
        "external_id": "unit-it",
        "name": "IT",
        "organization": "Example Ltd",
        "parent": "Operations",
        "notes": "",
    },
    "organizations": {
        "external_id": "org-7",
        "name": "Example Ltd",
        "kind": "customer",
        "domain": "example.com",
        "notes": "",
    },
    "interactions": {
        "external_id": "",
        "occurred_at": "2025-03-04T10:30:00+01:00",
        "channel": "call",
        "initiator_email": "jane.doe@example.com",
        "initiator_name": "Jane Doe",
        "participant_emails": "sam@ourco.example; lee@ourco.example",
        "duration_minutes": "30",
        "subject": "Quarter close",
        "answered": "yes",
        "notes": "",
    },
    "commitments": {
        "external_id": "",
        "promisor_email": "sam@ourco.example",
        "promisor_name": "Sam Lee",
        "promisee_email": "jane.doe@example.com",
        "promisee_name": "Jane Doe",
        "statement": "I will send the revised budget by Friday",
        "strength": "commitment",
        "made_at": "2025-03-04",
        "due_at": "2025-03-07",
        "state": "open",
    },
}
KINDS: tuple[str, ...] = tuple(FIELDS)
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}


class RowError(ValueError):
    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.fields = tuple(field for field, _ in problems)
        super().__init__("; ".join(f"field '{field}': {reason}" for field, reason in problems))


class _Row:
    """Typed access to a row's values that collects every problem before failing."""

    def __init__(self, values: dict[str, list[str]], zone: ZoneInfo, dates: DateRule) -> None:
        self.values = values
        self.zone = zone
        self.dates = dates
        self.problems: list[tuple[str, str]] = []

    def text(self, field: str) -> str | None:
        found = self.values.get(field)
        return " ".join(found) if found else None

    def required(self, field: str) -> str:
        value = self.text(field)
        if not value:
            self.problems.append((field, "is required"))
        return value or ""

    def choice(self, field: str, choices: tuple[str, ...], default: str) -> str:
        value = (self.text(field) or default).strip().lower().replace(" ", "_").replace("-", "_")
        if value not in choices:
            self.problems.append((field, f"{value!r} is not one of {', '.join(choices)}"))
        return value

    def emails(self, field: str) -> tuple[str, ...]:
        found = []
        for cell in self.values.get(field, []):
            for part in cell.replace(",", ";").split(";"):
                if not part.strip():
                    continue
                email = normalize_email(part) or parse_identity(part).email
                if email is None:
                    self.problems.append((field, f"{part.strip()!r} is not an email address"))
                else:
                    found.append(email)
        return tuple(dict.fromkeys(found))

    def moment(
        self, field: str, *, required: bool = False, kind: DateKind = HAPPENED
    ) -> datetime | None:
        """A plausible moment (trustledger/domain/dates.py): the forms' and the API's rule."""
        value = self.text(field)
        if not value:
            if required:
                self.problems.append((field, "is required"))
            return None
        try:
            moment = to_utc(datetime.fromisoformat(value.replace("Z", "+00:00")), self.zone)
        except ValueError:
            self.problems.append((field, f"{value!r} is not an ISO 8601 date or time"))
            return None
        if reason := self.dates.problem(kind, moment):
            self.problems.append((field, reason))
            return None
        return moment

    def number(self, field: str) -> float | None:
        value = self.text(field)
        if not value:
            return None
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            self.problems.append((field, f"{value!r} is not a number"))
            return None
        if number < 0:
            self.problems.append((field, f"{value!r} is negative"))
        return number

    def flag(self, field: str) -> bool | None:
        value = self.text(field)
        if value is None:
            return None
        if value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        self.problems.append((field, f"{value!r} is not yes or no"))
        return None

    def identity(self, prefix: str) -> Identity:
        emails = self.emails(f"{prefix}_email")
        name = clean_name(self.text(f"{prefix}_name"))
        if not emails and not name and not any(f.startswith(prefix) for f, _ in self.problems):
            self.problems.append((f"{prefix}_email", "an email or a name is required"))
        return Identity(emails[0] if emails else None, name)

    def external_id(self, kind: str) -> str:
        given = self.text("external_id")
        if given:
            return given
        content = sorted((k, tuple(v)) for k, v in self.values.items())
        return content_hash(kind, *content)

    def check(self) -> None:
        if self.problems:
            raise RowError(self.problems)


def build_record(
    kind: str,
    values: dict[str, list[str]],
    default_timezone: str,
    dates: DateRule | None = None,
) -> Record:
    row = _Row(values, ZoneInfo(default_timezone), rule_or_today(dates))
    record = _BUILDERS[kind](row)
    row.check()
    return record


def _person(row: _Row) -> Record:
    given, family = clean_name(row.text("given_name")), clean_name(row.text("family_name"))
    full = clean_name(row.text("full_name")) or clean_name(
        " ".join(p for p in (given, family) if p)
    )
    emails = row.emails("email")
    if not full and not emails:
        row.problems.append(("full_name", "a name or an email address is required"))
    phones = tuple(p for cell in row.values.get("phone", []) for p in cell.split(";") if p.strip())
    return PersonRecord(
        source=SOURCE,
        external_id=row.external_id("people"),
        full_name=full,
        given_name=given,
        family_name=family,
        emails=emails,
        phones=tuple(p.strip() for p in phones),
        organization=clean_name(row.text("organization")),
        unit=clean_name(row.text("unit")),
        title=clean_name(row.text("title")),
        role=clean_name(row.text("role")),
        notes=row.text("notes"),
    )


def _unit(row: _Row) -> Record:
    return UnitRecord(
        source=SOURCE,
        external_id=row.external_id("units"),
        name=row.required("name"),
        organization=row.text("organization"),
        parent=row.text("parent"),
        notes=row.text("notes"),
    )


def _organization(row: _Row) -> Record:
    return OrganizationRecord(
        source=SOURCE,
        external_id=row.external_id("organizations"),
        name=row.required("name"),
        kind=row.choice("kind", ORGANIZATION_KINDS, "other"),  # type: ignore[arg-type]
        domain=(row.text("domain") or "").lower() or None,
        notes=row.text("notes"),
    )


def _interaction(row: _Row) -> Record:
    occurred_at = row.moment("occurred_at", required=True)
    participants = tuple(
        Participant(Identity(email, None), "to") for email in row.emails("participant_emails")
    )
    return InteractionRecord(
        source=SOURCE,
        external_id=row.external_id("interactions"),
        occurred_at=occurred_at or datetime.min,
        channel=row.choice("channel", CHANNELS, "other"),  # type: ignore[arg-type]
        initiator=row.identity("initiator"),
        participants=participants,
        duration_minutes=row.number("duration_minutes"),
        subject=row.text("subject"),
        body=row.text("notes"),
        answered=row.flag("answered"),
    )


def _commitment(row: _Row) -> Record:
    made_at = row.moment("made_at", required=True)
    return CommitmentRecord(
        source=SOURCE,
        external_id=row.external_id("commitments"),
        promisor=row.identity("promisor"),
        promisee=row.identity("promisee"),
        statement=row.required("statement"),
        strength=row.choice("strength", STRENGTHS, "commitment"),  # type: ignore[arg-type]
        made_at=made_at or datetime.min,
        due_at=row.moment("due_at", kind=DUE),
        state=row.choice("state", COMMITMENT_STATES, "open"),  # type: ignore[arg-type]
    )


_BUILDERS = {
    "people": _person,
    "units": _unit,
    "organizations": _organization,
    "interactions": _interaction,
    "commitments": _commitment,
}
