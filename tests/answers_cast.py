"""The demo's personas around IT ↔ Finance, for the answering-back tests: tobias (IT
manager), priya (IT member), margit (Finance manager), oskar (Finance member), ines (IT
viewer), mo (Marketing member, a third unit) and the admin."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from trustledger.accounts.actions import create_user
from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger import models as m

AT = datetime(2026, 9, 1, 10, tzinfo=UTC)


def build() -> SimpleNamespace:
    ours = Organization.objects.create(name="Testco", kind="ours")
    units = {
        name: Unit.objects.create(organization=ours, name=name)
        for name in ("IT", "Finance", "Marketing")
    }
    users = {}
    for username, name, unit, role in [
        ("tobias", "Tobias Berg", "IT", "manager"),
        ("priya", "Priya Nair", "IT", "member"),
        ("margit", "Margit Esterházy", "Finance", "manager"),
        ("oskar", "Oskar Lind", "Finance", "member"),
        ("mo", "Mo Mark", "Marketing", "member"),
    ]:
        person = Person.objects.create(display_name=name, organization=ours, unit=units[unit])
        users[username] = create_user(
            username=username, password="pw", check_password=False, unit_name=unit, role=role,
            person_id=person.pk,
        )  # fmt: skip
    users["ines"] = create_user(
        username="ines", password="pw", check_password=False, unit_name="IT", role="viewer"
    )
    users["admin"] = create_user(username="admin", password="pw", check_password=False, admin=True)
    rel = m.Relationship.objects.create(
        our_unit=units["IT"], counterpart_unit=units["Finance"], started_on=AT.date()
    )
    return SimpleNamespace(rel=rel, units=units, **users)
