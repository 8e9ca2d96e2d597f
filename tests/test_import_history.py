"""Imports write the history of what they create and change: who ran them, how (an import
job, the command line), from which file; a re-import that changes a field says before → after,
one that changes nothing adds nothing; the history is read where the record is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.test_uploads import immediate_queue  # noqa: F401 - a fixture
from trustledger.accounts.access import scope_for
from trustledger.directory.models import Organization, Person
from trustledger.history.context import acting
from trustledger.history.models import Change
from trustledger.history.query import changes_of, history_for
from trustledger.ingest.loader import import_files
from trustledger.ingest.models import ImportJob
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "importers" / "fixtures"
HEADER = "external_id,occurred_at,channel,initiator_email,participant_emails,answered\n"


def calls(tmp_path: Path, *rows: str, name: str = "calls.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows))
    return path


def imported(kind: str, origin: str) -> list[Change]:
    return list(Change.objects.filter(kind=kind, origin=origin).order_by("id"))


def test_a_csv_import_records_who_and_which_file_created_each_interaction_and_person(
    cast, tmp_path
):
    path = calls(
        tmp_path,
        "c-1,2025-05-01T10:00:00Z,call,ann@x.example,bob@x.example,yes",
        "c-2,2025-05-02T10:00:00Z,email,bob@x.example,ann@x.example,no",
    )
    with acting(cast.admin, "import job 7"):
        import_files([path])
    # One row for the block of interactions the batch wrote, found from each of them.
    (block,) = imported("interaction", "calls.csv")
    assert (block.action, block.actor_username, block.via, block.mentions) == (
        "created",
        "admin",
        "import job 7",
        "",
    )
    for pk in Interaction.objects.values_list("pk", flat=True):
        assert list(changes_of("interaction", pk)) == [block]
    ann = Person.objects.get(display_name="ann@x.example")
    (created,) = imported("person", "calls.csv")[:1]
    assert created.record_id == ann.pk and created.mentions == f" person:{ann.pk} "
    assert created.changes == [
        {"field": "display_name", "label": "Display name", "before": None, "after": "ann@x.example"}
    ]
    first = Interaction.objects.get(external_id="c-1")
    (entry,) = history_for(first, scope_for(cast.admin))
    assert entry["imported"] == "Imported from calls.csv by admin, import job 7"
    assert (entry["action"], entry["origin"], entry["changes"]) == ("created", "calls.csv", [])


def test_a_reimport_that_changes_a_field_says_before_and_after(cast, tmp_path):
    row = "c-1,2025-05-01T10:00:00Z,call,ann@x.example,{},{}"
    with acting(cast.admin, "import job 1"):
        import_files([calls(tmp_path, row.format("bob@x.example", "yes"))])
    with acting(cast.admin, "import job 2"):
        summary = import_files([calls(tmp_path, row.format("cy@x.example", "no"))])
    assert summary.updated["interactions"] == 1
    interaction = Interaction.objects.get()
    newest = history_for(interaction, scope_for(cast.admin))[0]
    assert newest["imported"] == "Changed by an import of calls.csv by admin, import job 2"
    assert {(c["label"], c["before"], c["after"]) for c in newest["changes"]} == {
        ("Answered", "yes", "no"),
        ("Participants", "bob@x.example · To", None),
        ("Participants", None, "cy@x.example · To"),
    }
    change = Change.objects.filter(kind="interaction", action="changed").get()
    bob, cy = (Person.objects.get(display_name=f"{n}@x.example").pk for n in ("bob", "cy"))
    assert f" person:{bob} " in change.mentions and f" person:{cy} " in change.mentions


def test_a_reimport_that_changes_nothing_adds_nothing(cast, tmp_path):
    path = calls(tmp_path, "c-1,2025-05-01T10:00:00Z,call,ann@x.example,bob@x.example,yes")
    import_files([path])
    before = Change.objects.count()
    assert import_files([path]).unchanged["interactions"] == 1
    assert Change.objects.count() == before


def test_a_dry_run_leaves_no_history(cast, tmp_path):
    before = Change.objects.count()
    import_files(
        [calls(tmp_path, "c-1,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,")], dry_run=True
    )
    assert Change.objects.count() == before


def test_a_block_row_covers_at_most_its_span_and_only_its_own_ids(cast, tmp_path, monkeypatch):
    from trustledger.history import imports, query

    monkeypatch.setattr(imports, "RANGE_SPAN", 2)
    monkeypatch.setattr(query, "RANGE_SPAN", 2)
    assert imports._blocks([9, 3, 5, 4]) == [(3, 5), (9, 9)]
    rows = [f"c-{i},2025-05-0{i}T10:00:00Z,call,ann@x.example,bob@x.example," for i in (1, 2, 3)]
    import_files([calls(tmp_path, *rows)])
    blocks = imported("interaction", "calls.csv")
    assert [(b.last_record_id or b.record_id) - b.record_id for b in blocks] == [1, 0]
    stored = sorted(Interaction.objects.values_list("pk", flat=True))
    for pk in stored:
        assert changes_of("interaction", pk).count() == 1
    assert not changes_of("interaction", stored[-1] + 1).exists()


@pytest.mark.parametrize(
    "name", ["thread.mbox", "meetings.ics", "contacts-3.0.vcf", "commitments.csv"]
)
def test_mail_calendar_and_card_imports_record_every_record_they_create(cast, name):
    with acting(cast.admin, "import job 3"):
        summary = import_files([FIXTURES / name], since=dt.date(2000, 1, 1))
    made = {r.record_id for r in imported("person", name) if r.action == "created"}
    assert len(made) == summary.created["people"]
    assert made <= set(Person.objects.values_list("pk", flat=True))
    for interaction in Interaction.objects.all():  # each in one created block
        (row,) = changes_of("interaction", interaction.pk)
        assert (row.action, row.origin, row.via) == ("created", name, "import job 3")
    if name == "contacts-3.0.vcf":  # "ORG:Example Ltd": its organization is new
        org = Organization.objects.get(name="Example Ltd")
        (row,) = imported("organization", name)
        assert (row.record_id, row.action, row.via) == (org.pk, "created", "import job 3")
    if name == "commitments.csv":
        assert len(imported("commitment", name)) == summary.created["commitments"] > 0


def test_a_card_that_names_a_person_known_by_address_changes_their_name(cast, tmp_path):
    import_files(
        [calls(tmp_path, "c-1,2025-05-01T10:00:00Z,call,jane.doe@example.com,b@x.example,")]
    )
    jane = Person.objects.get(display_name="jane.doe@example.com")
    with acting(cast.admin, "import job 9"):
        import_files([FIXTURES / "contacts-3.0.vcf"])
    change = Change.objects.get(kind="person", record_id=jane.pk, action="changed")
    named = {c["field"]: (c["before"], c["after"]) for c in change.changes}
    assert named["display_name"] == ("jane.doe@example.com", "Jane Doe")
    assert named["title"] == (None, "CIO")
    assert change.origin == "contacts-3.0.vcf"
    # Erasure reaches what the import wrote about her.
    from trustledger.directory.actions import erase_person

    erase_person(cast.admin, jane)
    change.refresh_from_db()
    assert {c["after"] for c in change.changes if c["field"] == "display_name"} == {"[erased]"}


def upload(client, callbacks, name: str, data: bytes):  # type: ignore[no-untyped-def]
    with callbacks(execute=True):
        client.post("/imports/", {"files": [SimpleUploadedFile(name, data)], "format": "auto"})
    return ImportJob.objects.latest("pk")


@pytest.mark.usefixtures("immediate_queue")
def test_an_upload_shows_its_history_on_the_record_pages_within_scope(
    client, cast, django_capture_on_commit_callbacks
):
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Omar Okafor\nORG:Testco;IT\nEMAIL:omar@testco.example\nEND:VCARD\n"
    cast.it_manager.person.identities.create(
        kind="email", value="a@testco.example", normalized="a@testco.example"
    )
    row = "o-1,2025-05-01T10:00:00Z,call,omar@testco.example,a@testco.example,{}\n"
    client.force_login(cast.it_manager)
    cards = upload(client, django_capture_on_commit_callbacks, "omar.vcf", card)
    first = upload(
        client,
        django_capture_on_commit_callbacks,
        "calls.csv",
        (HEADER + row.format("yes")).encode(),
    )
    again = upload(
        client,
        django_capture_on_commit_callbacks,
        "calls.csv",
        (HEADER + row.format("no")).encode(),
    )
    assert (cards.status, first.status, again.status) == ("done", "done", "done")
    interaction = Interaction.objects.get()
    omar = Person.objects.get(display_name="Omar Okafor")
    page = client.get(f"/records/interaction/{interaction.pk}/").content.decode()
    assert f"Imported from calls.csv by it_manager, import job {first.pk}" in page
    twin = client.get(f"/records/interaction/{interaction.pk}/?format=json").json()
    changed, created = twin["history"]["changes"]
    assert (
        changed["imported"]
        == f"Changed by an import of calls.csv by it_manager, import job {again.pk}"
    )
    assert [(c["label"], c["before"], c["after"]) for c in changed["changes"]] == [
        ("Answered", "yes", "no")
    ]
    assert created["action"] == "created" and created["via"] == f"import job {first.pk}"
    person = client.get(f"/people/{omar.pk}/?format=json").json()
    assert person["history"]["changes"][0]["imported"] == (
        f"Imported from omar.vcf by it_manager, import job {cards.pk}"
    )
    for persona in ("finance_member", "outsider"):
        client.force_login(getattr(cast, persona))
        assert client.get(f"/records/interaction/{interaction.pk}/").status_code == 404
        assert client.get(f"/history/interaction/{interaction.pk}/").status_code == 404
        assert client.get(f"/history/person/{omar.pk}/?format=json").status_code == 404
    assert history_for(interaction, scope_for(cast.outsider)) == []


def test_the_command_line_names_the_user_it_imports_as(cast, tmp_path, capsys):
    from trustledger.cli import main

    path = calls(tmp_path, "c-1,2025-05-01T10:00:00Z,call,ann@x.example,bob@x.example,yes")
    assert main(["import", "--no-progress", "--as", "admin", str(path)]) == 0
    (row,) = imported("interaction", "calls.csv")
    assert (row.actor_username, row.via) == ("admin", "command line (import)")
    other = calls(
        tmp_path, "d-1,2025-05-01T10:00:00Z,call,ann@x.example,bob@x.example,", name="d.csv"
    )
    assert main(["import", "--no-progress", str(other)]) == 0
    (row,) = imported("interaction", "d.csv")
    assert history_for(("interaction", row.record_id), scope_for(cast.admin))[0]["imported"] == (
        "Imported from d.csv, command line (import)"
    )
