"""The record history on the demo, as each demo persona: shown where the record is, 404 and
no history elsewhere."""

from __future__ import annotations

import pytest

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.history.context import acting
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db

# IT ↔ Finance is IT's relationship: IT's manager and the admin read it; priya (a member of an
# IT sub-team), margit (Finance, the other side: she reads her own view) and ines (viewer of
# Executive) do not.
READS = {"admin": True, "tobias": True, "priya": False, "margit": False, "ines": False}


@pytest.fixture
def changed(demo):  # type: ignore[no-untyped-def]
    rel = m.Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")
    with acting(User.objects.get(username="tobias"), "web"):
        rel.purpose = "Month-end close in three days"
        rel.save()
    return rel


@pytest.mark.parametrize("persona", sorted(READS))
def test_each_persona_sees_the_history_only_of_records_they_read(demo_client, changed, persona):
    client = demo_client(persona)
    reads = READS[persona]
    assert scope_for(User.objects.get(username=persona)).can_read_relationship(changed) is reads
    page = client.get(f"/history/relationship/{changed.pk}/")
    twin = client.get(f"/relationships/{changed.pk}/", {"format": "json"})
    if persona == "margit":
        # The other side reads its own view of the relationship, never its history
        # (docs/both-sides.md).
        assert page.status_code == 404 and twin.status_code == 200
        assert twin.json()["side"] == "theirs" and "history" not in twin.json()
        assert "Month-end close in three days" not in page.content.decode()
        return
    assert page.status_code == twin.status_code == (200 if reads else 404)
    if reads:
        newest = twin.json()["history"]["changes"][0]
        assert (newest["actor"], newest["via"]) == ("tobias", "web")
        assert newest["changes"][0]["after"] == "Month-end close in three days"
        assert "Month-end close in three days" in page.content.decode()
    else:
        assert "Month-end close in three days" not in page.content.decode()
        assert "Month-end close in three days" not in twin.content.decode()


def test_a_person_page_shows_its_history_to_its_readers(demo_client, demo):
    from trustledger.directory.models import Person

    tobias = Person.objects.get(display_name="Tobias Reinholt")
    with acting(User.objects.get(username="admin"), "web"):
        tobias.title = "Chief Information Officer"
        tobias.save()
    page = demo_client("tobias").get(f"/people/{tobias.pk}/").content.decode()
    assert "Chief Information Officer" in page and "History" in page
    assert demo_client("margit").get(f"/history/person/{tobias.pk}/").status_code == 404
