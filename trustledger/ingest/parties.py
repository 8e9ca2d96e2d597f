"""Writing organizations, units and people records (the directory side of an import).

Matching: an organization by its name (case-insensitive), a unit by its organization and
name, a person by the identity rules in `resolve.py`. Fields the record gives overwrite the
stored ones; fields it leaves empty are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trustledger.directory.models import Organization, Person, PersonIdentity, Unit
from trustledger.domain.folding import person_search_text
from trustledger.history import imports as history
from trustledger.history.context import one_by_one
from trustledger.importers.identity import name_key, normalize_email
from trustledger.importers.records import PersonRecord, UnitRecord
from trustledger.ingest.resolve import PeopleResolver, _Candidate, insert_identities
from trustledger.ingest.summary import ImportSummary, PossibleDuplicate

if TYPE_CHECKING:
    from trustledger.ingest.permissions import ImportRights

Located = tuple[str, str, Any]  # file, location, record

# The directory has no "other" kind; an organization of unknown kind becomes a partner.
ORGANIZATION_KIND = {"own": "ours", "other": "partner"}
PERSON_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "organization_id",
    "unit_id",
    "title",
    "role",
    "notes",
    "country",
    "language",
    "time_zone",
)
_LIMITS = {"display_name": 200, "given_name": 100, "family_name": 100, "title": 200, "role": 200}


def phone_key(phone: str) -> str:
    return ("+" if phone.strip().startswith("+") else "") + re.sub(r"\D", "", phone)


@dataclass
class _Plan:
    """One person to create or update, from one or more records of the batch."""

    records: list[PersonRecord]
    person_id: int | None
    values: dict[str, Any]
    same_name: list[int]
    created_pk: int | None = None
    where: list[tuple[str, str]] = field(default_factory=list)  # file, location per record


class Directory:
    """Caches of organizations and units by name for one import run."""

    def __init__(
        self, summary: ImportSummary, resolver: PeopleResolver, rights: ImportRights | None = None
    ) -> None:
        self.summary = summary
        self.resolver = resolver
        # None: full rights; else nothing is created or changed outside the user's scope.
        self.rights = rights
        self._pending: list[tuple[int, str, str, str]] = []
        self.orgs = {
            name.casefold(): pk for pk, name in Organization.objects.values_list("id", "name")
        }
        self.units = {
            (org, name.casefold()): pk
            for pk, org, name in Unit.objects.values_list("id", "organization_id", "name")
        }

    # organizations -----------------------------------------------------------------------

    def organization(self, name: str | None, *, create: bool) -> int | None:
        if not name:
            return None
        found = self.orgs.get(name.strip().casefold())
        if found is None and create:
            with one_by_one():  # few: the signals write their history
                org = Organization.objects.create(name=name.strip()[:200], kind="partner")
            self.orgs[name.strip().casefold()] = found = org.pk
            self.summary.created["organizations"] += 1
        return found

    def write_organizations(self, items: list[Located]) -> None:
        for file, location, record in items:
            kind = ORGANIZATION_KIND.get(record.kind, record.kind)
            pk = self.orgs.get(record.name.strip().casefold())
            if pk is None and self.rights is not None:
                self.rights.refuse(self.summary, file, location, self.rights.organization(new=True))
                continue
            if pk is None:
                with one_by_one():
                    org = Organization.objects.create(
                        name=record.name.strip()[:200],
                        kind=kind,
                        email_domains=record.domain or "",
                        notes=record.notes or "",
                    )
                self.orgs[record.name.strip().casefold()] = org.pk
                self.summary.created["organizations"] += 1
                self._learn_domain(record.domain, org.pk)
                continue
            org = Organization.objects.get(pk=pk)
            changed = []
            if record.kind != "other" and org.kind != kind:
                org.kind = kind
                changed.append("kind")
            domains = [d.strip() for d in org.email_domains.split(",") if d.strip()]
            if record.domain and record.domain not in domains:
                org.email_domains = ", ".join([*domains, record.domain])[:500]
                changed.append("email_domains")
            if record.notes and org.notes != record.notes:
                org.notes = record.notes
                changed.append("notes")
            if changed and self.rights is not None:
                self.rights.refuse(
                    self.summary, file, location, self.rights.organization(new=False)
                )
                continue
            if changed:
                with one_by_one():
                    org.save(update_fields=changed)
                self.summary.updated["organizations"] += 1
            else:
                self.summary.unchanged["organizations"] += 1
            self._learn_domain(record.domain, org.pk)

    def _learn_domain(self, domain: str | None, org_id: int) -> None:
        if domain:
            self.resolver.domains.setdefault(domain.lower().lstrip("@"), org_id)

    # units -------------------------------------------------------------------------------

    def unit(self, org_id: int | None, name: str | None, *, create: bool) -> int | None:
        if not org_id or not name:
            return None
        key = (org_id, name.strip().casefold())
        found = self.units.get(key)
        if found is None and create:
            with one_by_one():
                found = Unit.objects.create(organization_id=org_id, name=name.strip()[:200]).pk
            self.units[key] = found
            self.summary.created["units"] += 1
        return found

    def write_units(self, records: list[tuple[str, str, UnitRecord]]) -> None:
        """Units whose parent comes later in the batch wait for it; unknown names reject."""
        waiting = records
        while waiting:
            later = []
            for file, location, record in waiting:
                problem = self._write_unit(record, (file, location))
                if problem == "wait":
                    later.append((file, location, record))
                elif problem:
                    self.summary.reject(file, location, problem)
            if len(later) == len(waiting):
                for file, location, record in later:
                    self.summary.reject(
                        file,
                        location,
                        f"field 'parent': no unit named {record.parent!r} in {record.organization!r}",
                    )
                return
            waiting = later

    def _write_unit(self, record: UnitRecord, where: tuple[str, str]) -> str | None:
        if not record.organization:
            return "field 'organization': is required to place a unit"
        org_id = self.organization(record.organization, create=False)
        if org_id is None:
            return f"field 'organization': no organization named {record.organization!r}"
        parent_id = None
        if record.parent:
            parent_id = self.unit(org_id, record.parent, create=False)
            if parent_id is None:
                return "wait"
        pk = self.unit(org_id, record.name, create=False)
        if self.rights is not None and (problem := self._unit_problem(pk, parent_id, record)):
            self.rights.refuse(self.summary, *where, problem)
            return None
        if pk is None:
            with one_by_one():
                unit = Unit.objects.create(
                    organization_id=org_id, name=record.name.strip()[:200], parent_id=parent_id
                )
            self.units[(org_id, record.name.strip().casefold())] = unit.pk
            self.summary.created["units"] += 1
            if self.rights is not None:
                self.rights.unit_created(unit.pk)
        elif parent_id is not None and parent_id != pk:
            was = Unit.objects.filter(pk=pk).values_list("parent_id", flat=True).first()
            moved = (
                Unit.objects.filter(pk=pk).exclude(parent_id=parent_id).update(parent_id=parent_id)
            )
            if moved:
                history.changed(Unit, pk, {"parent_id": was}, {"parent_id": parent_id})
            (self.summary.updated if moved else self.summary.unchanged)["units"] += 1
        else:
            self.summary.unchanged["units"] += 1
        return None

    def _unit_problem(
        self, pk: int | None, parent_id: int | None, record: UnitRecord
    ) -> str | None:
        assert self.rights is not None
        if pk is None:
            return self.rights.new_unit(parent_id, record.parent)
        moves = parent_id is not None and parent_id != pk
        if moves and Unit.objects.filter(pk=pk).exclude(parent_id=parent_id).exists():
            return "field 'parent': only an admin moves a unit"
        return None

    # people ------------------------------------------------------------------------------

    def write_people(self, items: list[Located]) -> None:
        resolver = self.resolver
        records = [r for _, _, r in items]
        resolver.find_emails(e for r in records for e in r.emails)
        keys = {k for r in records if (k := name_key(r.full_name))}
        candidates = resolver.name_candidates(keys)
        plans: list[_Plan] = []
        in_batch: dict[str, int] = {}  # email -> index in plans of a person created here
        for file, location, record in items:
            values, problem = self._values(record)
            if problem and self.rights is not None:
                self.rights.refuse(self.summary, file, location, problem)
                continue
            known = [resolver.by_email[e] for e in record.emails if e in resolver.by_email]
            person_id = known[0] if known else None
            same_name: list[int] = []
            if person_id is None:
                here = [in_batch[e] for e in record.emails if e in in_batch]
                if here:
                    person_id = -here[0] - 1
                else:
                    person_id, same_name = self._by_name(record, values, candidates)
            if person_id is not None and person_id < 0:  # a person created in this batch
                plan = plans[-person_id - 1]
                plan.records.append(record)
                plan.where.append((file, location))
                plan.values.update({k: v for k, v in values.items() if v})
                for email in record.emails:
                    in_batch.setdefault(email, -person_id - 1)
                continue
            plans.append(_Plan([record], person_id, values, same_name, where=[(file, location)]))
            if person_id is None:
                for email in record.emails:
                    in_batch[email] = len(plans) - 1
                if key := name_key(record.full_name):
                    candidates.setdefault(key, []).append(
                        _Candidate(
                            -len(plans),
                            values["organization_id"],
                            {e.rpartition("@")[2] for e in record.emails},
                        )
                    )
            for other in set(known) - {person_id}:
                self.summary.possible_duplicates.append(
                    PossibleDuplicate(
                        person_id or 0,
                        other,
                        record.full_name or "",
                        ", ".join(record.emails),
                        "one record lists addresses of two people",
                    )
                )
        self._apply(plans)

    def _values(self, record: PersonRecord) -> tuple[dict[str, Any], str | None]:
        """The person's fields from the record, and (for a user's import) why they may not
        be written: an organization or a unit the user may not create."""
        create = self.rights is None
        named_org = self.organization(record.organization, create=create)
        org_id = named_org or (
            next((o for e in record.emails if (o := self.resolver.organization_for(e))), None)
        )
        unit_id = self.unit(org_id, record.unit, create=create)
        problem = None
        if record.organization and named_org is None:
            problem = (
                f"field 'organization': no organization named {record.organization!r} "
                "(only an admin creates an organization)"
            )
        elif record.unit and unit_id is None:
            problem = (
                f"field 'unit': no unit named {record.unit!r} in the organization "
                "(only an admin creates a unit outside the units you manage)"
            )
        values: dict[str, Any] = {
            # Empty when the record has no name: a new person is then named by their address
            # (in _apply), a known one keeps their name.
            "display_name": record.full_name or "",
            "given_name": record.given_name or "",
            "family_name": record.family_name or "",
            "organization_id": org_id,
            "unit_id": unit_id,
            "title": record.title or "",
            "role": record.role or "",
            "notes": record.notes or "",
            "country": record.country if record.country and len(record.country) == 2 else "",
            "language": (record.language or "")[:35],
            "time_zone": (record.time_zone or "")[:64],
        }
        values = {k: (v[: _LIMITS[k]] if k in _LIMITS and v else v) for k, v in values.items()}
        return values, problem

    def _by_name(
        self, record: PersonRecord, values: dict[str, Any], candidates: dict[str, list[_Candidate]]
    ) -> tuple[int | None, list[int]]:
        key = name_key(record.full_name)
        found = candidates.get(key, []) if key else []
        org_id = values["organization_id"]
        if not record.emails and org_id is None:
            matching = [c for c in found if c.organization_id is None and not c.domains]
        else:
            matching = [
                c
                for c in found
                if (org_id is not None and c.organization_id == org_id)
                or any(self.resolver.same_person(c, e) for e in record.emails)
            ]
        if len(matching) >= 1 and (len(matching) == 1 or not record.emails):
            return matching[0].person_id, []
        return None, [c.person_id for c in found]

    def _apply(self, plans: list[_Plan]) -> None:
        existing_ids = [p.person_id for p in plans if p.person_id is not None]
        stored = Person.objects.in_bulk(existing_ids)
        identities = self._identities(existing_ids)
        to_update: dict[int, Person] = {}
        # person id -> the stored values of the fields an import changes (for the history)
        before: dict[int, dict[str, Any]] = {}
        new_people: list[tuple[_Plan, Person]] = []
        for plan in plans:
            if plan.person_id is None:
                if self._refused(plan, None, {"unit_id": plan.values["unit_id"]}):
                    continue
                values = {k: v for k, v in plan.values.items() if v is not None}
                if not values.get("display_name"):
                    values["display_name"] = next((e for r in plan.records for e in r.emails), "")
                person = Person(**values)
                new_people.append((plan, person))
                continue
            person = to_update.get(plan.person_id) or stored[plan.person_id]
            changes = {
                name: value
                for name in PERSON_FIELDS
                if (value := plan.values.get(name)) not in (None, "")
                and getattr(person, name) != value
            }
            _keep_known(person, changes, plan.records)
            added = self._new_identities(plan.person_id, plan.records, identities)
            if (changes or added) and self._refused(plan, plan.person_id, changes):
                continue
            was = before.setdefault(plan.person_id, {})
            for name, value in changes.items():
                was.setdefault(name, getattr(person, name))
                setattr(person, name, value)
            self._keep_identities(plan.person_id, added, identities)
            if changes:
                to_update[plan.person_id] = person
            (self.summary.updated if changes or added else self.summary.unchanged)["people"] += 1
        # bulk_update and bulk_create do not call save(): the search text is set here.
        for person in [*to_update.values(), *(p for _, p in new_people)]:
            person.search_name = person_search_text(person.display_name, person.title)
        if to_update:
            Person.objects.bulk_update(list(to_update.values()), [*PERSON_FIELDS, "search_name"])
            for pk, person in to_update.items():
                now = {name: getattr(person, name) for name in before[pk]}
                history.changed(Person, pk, before[pk], now, instance=person)
        if new_people:
            Person.objects.bulk_create([p for _, p in new_people])
            self.summary.created["people"] += len(new_people)
            history.created(p for _, p in new_people)
        for plan, person in new_people:
            self._keep_identities(
                person.pk, self._new_identities(person.pk, plan.records, identities), identities
            )
            if self.rights is not None:
                self.rights.person_created(person.pk, person.unit_id)
            record = plan.records[0]
            for other in plan.same_name:
                if other < 0:  # created earlier in this batch
                    other = plans[-other - 1].created_pk or 0
                self.summary.possible_duplicates.append(
                    PossibleDuplicate(
                        person.pk,
                        other,
                        record.full_name or "",
                        ", ".join(record.emails) or record.full_name or "",
                        "same name, different organization and mail domain",
                    )
                )
            plan.created_pk = person.pk
        insert_identities(self._pending)
        self._pending = []

    def _identities(self, person_ids: list[int]) -> dict[int, set[tuple[str, str]]]:
        found: dict[int, set[tuple[str, str]]] = {}
        for pid, kind, normalized in PersonIdentity.objects.filter(
            person_id__in=person_ids
        ).values_list("person_id", "kind", "normalized"):
            found.setdefault(pid, set()).add((kind, normalized))
        return found

    def _refused(self, plan: _Plan, person_id: int | None, changes: dict[str, Any]) -> bool:
        """For a user's import: refuse the plan's records if it creates or changes a person
        the user may not (a stored person not theirs, a unit they do not manage)."""
        if self.rights is None:
            return False
        problem = None
        if person_id is not None and not self.rights.may_change_person(person_id):
            record = plan.records[0]
            said = ", ".join(record.emails) or record.full_name
            problem = f"field 'email': {said} is a person you may not change"
        elif "unit_id" in changes:
            problem = self.rights.person_unit(changes["unit_id"], plan.records[-1].unit)
        for file, location in plan.where if problem else ():
            self.rights.refuse(self.summary, file, location, problem or "")
        return problem is not None

    def _new_identities(
        self, pid: int, records: list[PersonRecord], known: dict[int, set[tuple[str, str]]]
    ) -> list[tuple[str, str, str]]:
        """The identities of the records that person `pid` does not have yet (kind, value,
        normalized); an address that is someone else's is left out (a possible duplicate)."""
        have = known.get(pid, set())
        wanted = []
        for record in records:
            wanted += [("email", e, e) for e in record.emails]
            wanted += [("phone", p, phone_key(p)) for p in record.phones if phone_key(p).strip("+")]
            if (key := name_key(record.full_name)) and record.full_name:
                wanted.append(("name", record.full_name, key))
        new: dict[tuple[str, str], tuple[str, str, str]] = {}
        for kind, value, normalized in wanted:
            if (kind, normalized) in have or (kind, normalized) in new:
                continue
            if kind == "email" and self.resolver.by_email.get(normalized, pid) != pid:
                continue
            new[(kind, normalized)] = (kind, value, normalized)
        return list(new.values())

    def _keep_identities(
        self, pid: int, rows: list[tuple[str, str, str]], known: dict[int, set[tuple[str, str]]]
    ) -> None:
        have = known.setdefault(pid, set())
        for kind, value, normalized in rows:
            have.add((kind, normalized))
            if kind == "email":
                self.resolver.by_email[normalized] = pid
            self._pending.append((pid, kind, value[:320], normalized[:320]))


def _keep_known(person: Person, changes: dict[str, Any], records: list[PersonRecord]) -> None:
    """Take out of `changes` what would replace a known value with a derived one: a name put
    together from other fields, an organization guessed from the mail domain."""
    if "display_name" in changes and not _may_rename(person.display_name, records):
        del changes["display_name"]
    if (
        "organization_id" in changes
        and person.organization_id is not None
        and not any(r.organization for r in records)
    ):
        del changes["organization_id"]
        # The unit belongs to the organization: a new one only with the organization named.
        changes.pop("unit_id", None)


def _may_rename(known: str, records: list[PersonRecord]) -> bool:
    """A name written in a record replaces a known one; a name put together from other
    fields replaces only none at all or an address standing in for a name."""
    if any(r.full_name and not r.full_name_derived for r in records):
        return True
    return not known.strip() or normalize_email(known) is not None
