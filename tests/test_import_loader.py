"""The import loader: parser results into the database, idempotent, resumable, nothing lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trustledger.directory.models import Organization, Person, PersonIdentity, Unit
from trustledger.importers.records import Identity, InteractionRecord, Participant
from trustledger.ingest.loader import Loader, import_files
from trustledger.ledger.models import Commitment, Interaction, InteractionParticipant

FIXTURES = Path(__file__).parent / "importers" / "fixtures"
SINCE_2025 = dt.date(2025, 1, 1)  # the fixtures are from 2025; calendars default to a year back
ALL_FIXTURES = [
    FIXTURES / "contacts-3.0.vcf",
    FIXTURES / "meetings.ics",
    FIXTURES / "thread.mbox",
    FIXTURES / "maildir",
    FIXTURES / "single.eml",
    FIXTURES / "interactions.csv",
    FIXTURES / "commitments.csv",
]
pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "identities": PersonIdentity.objects.count(),
        "interactions": Interaction.objects.count(),
        "participants": InteractionParticipant.objects.count(),
        "commitments": Commitment.objects.count(),
        "organizations": Organization.objects.count(),
        "units": Unit.objects.count(),
    }


def snapshot() -> set[tuple]:
    """Everything an import writes, by value (ids of people replaced by their emails)."""
    email = dict(PersonIdentity.objects.filter(kind="email").values_list("person_id", "normalized"))
    rows = {
        ("interaction", i.source, i.external_id, i.occurred_at, email.get(i.initiator_id))
        for i in Interaction.objects.all()
    }
    rows |= {
        ("participant", p.interaction.external_id, email.get(p.person_id), p.role)
        for p in InteractionParticipant.objects.select_related("interaction")
    }
    rows |= {("person", p.display_name, email.get(p.pk)) for p in Person.objects.all()}
    return rows


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def interaction(external_id: str, sender: str, *to: str, day: int = 5) -> InteractionRecord:
    return InteractionRecord(
        source="mbox",
        external_id=external_id,
        occurred_at=dt.datetime(2025, 5, day, 9, tzinfo=dt.UTC),
        channel="email",
        initiator=Identity(sender, None),
        participants=tuple(Participant(Identity(e, None), "to") for e in to),
    )


def test_it_loads_every_fixture_format():
    summary = import_files(ALL_FIXTURES, since=SINCE_2025)
    assert not summary.unreadable
    assert summary.created["interactions"] >= 8
    assert summary.created["people"] >= 4
    jane = PersonIdentity.objects.get(normalized="jane.doe@example.com").person
    assert jane.display_name == "Jane Doe"
    assert jane.title == "CIO" and jane.organization.name == "Example Ltd"
    assert jane.unit.name == "IT"
    assert Interaction.objects.filter(initiator=jane, channel="meeting").exists()
    assert Commitment.objects.filter(external_id="c-1", promisee=jane, state="kept").exists()


def test_reimporting_the_same_files_changes_nothing():
    first = import_files(ALL_FIXTURES, since=SINCE_2025)
    before, rows = counts(), snapshot()
    again = import_files(ALL_FIXTURES, since=SINCE_2025)
    assert counts() == before and snapshot() == rows
    assert not again.created and not again.updated
    assert again.unchanged["interactions"] == first.created["interactions"]
    assert again.unchanged["commitments"] == first.created["commitments"]
    assert again.rejected_count == first.rejected_count


def test_an_overlapping_file_adds_only_what_is_new(tmp_path):
    header = "external_id,occurred_at,channel,initiator_email,participant_emails\n"
    rows = [
        f"x-{i},2025-05-{1 + i:02d}T10:00:00Z,call,a@acme.example,b@acme.example\n"
        for i in range(6)
    ]
    write(tmp_path, "first.csv", header + "".join(rows[:4]))
    write(tmp_path, "second.csv", header + "".join(rows[2:]))
    import_files([tmp_path / "first.csv"])
    summary = import_files([tmp_path / "second.csv"])
    assert summary.unchanged["interactions"] == 2 and summary.created["interactions"] == 2
    assert Interaction.objects.count() == 6 and Person.objects.count() == 2


@pytest.mark.parametrize("content", ["metadata", "subject"])
def test_a_reimport_updates_exactly_the_rows_that_changed(tmp_path, content, monkeypatch):
    header = (
        "external_id,occurred_at,channel,initiator_email,participant_emails,"
        "duration_minutes,answered,subject\n"
    )
    rows = {
        "same": "same,2025-05-01T10:00:00Z,call,a@x.example,b@x.example; c@x.example,30,yes,Hi",
        "time": "time,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,30,yes,Hi",
        "channel": "channel,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,30,yes,Hi",
        "minutes": "minutes,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,30,yes,Hi",
        "answered": "answered,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,30,,Hi",
        "initiator": "initiator,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,30,yes,Hi",
        "people": "people,2025-05-01T10:00:00Z,call,a@x.example,b@x.example; c@x.example,,,Hi",
        "subject": "subject,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,30,yes,Hi",
    }
    path = write(tmp_path, "calls.csv", header + "\n".join(rows.values()) + "\n")
    import_files([path], content=content)
    again = dict(rows)
    again["time"] = again["time"].replace("10:00:00Z", "10:00:01Z")
    again["channel"] = again["channel"].replace(",call,", ",meeting,")
    again["minutes"] = again["minutes"].replace(",30,", ",30.5,")
    again["answered"] = again["answered"].replace(",30,,", ",30,no,")
    again["initiator"] = again["initiator"].replace(",a@x.example,b", ",c@x.example,b")
    again["people"] = again["people"].replace(
        "b@x.example; c@x.example", "c@x.example; b@x.example"
    )
    again["subject"] = again["subject"].replace(",Hi", ",Hello")
    write(tmp_path, "calls.csv", header + "\n".join(again.values()) + "\n")
    compared: list[str] = []  # what the columnar path hands to the record path
    real = Loader.write_interactions

    def record_path(self, items):  # type: ignore[no-untyped-def]
        compared.extend(record.external_id for _, _, record in items)
        return real(self, items)

    monkeypatch.setattr(Loader, "write_interactions", record_path)
    summary = import_files([path], content=content)
    # Participants are a set: the same people in another order are no change; the subject
    # is only compared when it is kept.
    unchanged = {"same", "people"} | ({"subject"} if content == "metadata" else set())
    assert summary.unchanged["interactions"] == len(unchanged)
    assert summary.updated["interactions"] == len(rows) - len(unchanged)
    assert sorted(compared) == sorted(set(rows) - unchanged)
    compared.clear()
    third = import_files([path], content=content)
    assert third.unchanged["interactions"] == len(rows) and not third.updated
    assert compared == []


def test_a_changed_record_is_updated_not_duplicated(tmp_path):
    header = "external_id,occurred_at,channel,initiator_email,participant_emails,duration_minutes\n"
    path = write(
        tmp_path, "calls.csv", header + "c-1,2025-05-01T10:00:00Z,call,a@x.example,b@x.example,30\n"
    )
    import_files([path])
    write(
        tmp_path, "calls.csv", header + "c-1,2025-05-01T10:00:00Z,call,a@x.example,c@x.example,45\n"
    )
    summary = import_files([path])
    assert summary.updated["interactions"] == 1 and not summary.created["interactions"]
    stored = Interaction.objects.get()
    assert stored.duration_minutes == 45
    assert [p.person.display_name for p in stored.participants.all()] == ["c@x.example"]


def test_a_run_stopped_half_way_finishes_on_the_rerun_with_one_runs_records(
    tmp_path, stop_after_batch
):
    header = "external_id,occurred_at,channel,initiator_email,participant_emails\n"
    rows = [
        f"r-{i},2025-05-01T10:{i % 60:02d}:00Z,call,p{i % 7}@acme.example,p{(i + 1) % 7}@acme.example; p{(i + 3) % 7}@acme.example\n"
        for i in range(50)
    ]
    path = write(tmp_path, "calls.csv", header + "".join(rows))
    import_files([path], batch_size=10)
    complete = snapshot()
    Interaction.objects.all().delete()
    Person.objects.all().delete()

    with pytest.raises(stop_after_batch.error):
        import_files([path], batch_size=10, after_batch=stop_after_batch(2))
    assert Interaction.objects.count() == 20  # two whole batches, nothing of the third
    summary = import_files([path], batch_size=10)
    assert summary.unchanged["interactions"] == 20 and summary.created["interactions"] == 30
    assert snapshot() == complete
    assert InteractionParticipant.objects.count() == 100


def test_a_failing_batch_leaves_no_partial_rows(monkeypatch):
    from trustledger.ingest import loader as loader_module

    real = loader_module.insert_rows

    def participants_fail(model, fields, rows):  # interactions go in, then their participants fail
        if model is InteractionParticipant:
            raise RuntimeError("disk full")
        real(model, fields, rows)

    monkeypatch.setattr(loader_module, "insert_rows", participants_fail)
    records = [interaction(f"m-{i}", "a@x.example", "b@x.example") for i in range(3)]
    with pytest.raises(RuntimeError):
        Loader().write([("f", f"record {i}", r) for i, r in enumerate(records)])
    assert counts() == dict.fromkeys(counts(), 0)


def test_bad_rows_are_rejected_with_their_line_and_good_rows_still_load(tmp_path):
    path = write(
        tmp_path,
        "calls.csv",
        "occurred_at,channel,initiator_email,participant_emails\n"
        "2025-05-01T10:00:00Z,call,a@x.example,b@x.example\n"
        "tomorrow,call,a@x.example,b@x.example\n"
        "2025-05-02T10:00:00Z,telepathy,a@x.example,b@x.example\n"
        "2025-05-03T10:00:00Z,chat,a@x.example,b@x.example\n",
    )
    summary = import_files([path])
    assert summary.created["interactions"] == 2 and summary.rejected_count == 2
    assert [r.location for r in summary.rejections] == ["line 3", "line 4"]
    assert "occurred_at" in summary.rejections[0].reason
    assert all(r.file == str(path) for r in summary.rejections)


def test_an_unreadable_file_changes_nothing(tmp_path):
    garbage = tmp_path / "notes.csv"
    garbage.write_bytes(b"")
    summary = import_files([garbage, tmp_path / "missing.mbox"])
    assert [r.file for r in summary.unreadable] == [str(garbage), str(tmp_path / "missing.mbox")]
    assert counts() == dict.fromkeys(counts(), 0)


def test_people_are_found_by_email_whatever_its_spelling():
    import_files([FIXTURES / "thread.mbox"])
    jane = Person.objects.get(identities__normalized="jane.doe@example.com")
    assert jane.display_name == "Jane Doe"
    import_files([FIXTURES / "contacts-3.0.vcf"])  # Jane.Doe@Example.com in the card
    assert Person.objects.filter(display_name="Jane Doe").count() == 1
    assert set(jane.identities.filter(kind="email").values_list("normalized", flat=True)) == {
        "jane.doe@example.com",
        "jane@home.example",
    }


def test_an_unknown_address_gets_the_organization_of_its_mail_domain():
    acme = Organization.objects.create(name="Acme", kind="customer", email_domains="acme.example")
    loader = Loader()
    loader.write(
        [("f", "record 1", interaction("m-1", "ann@acme.example", "bo@mail.acme.example"))]
    )
    assert {p.organization for p in Person.objects.all()} == {acme}


def test_two_people_are_never_merged_on_a_name_alone(tmp_path):
    Organization.objects.create(name="Acme", kind="customer", email_domains="acme.example")
    path = write(
        tmp_path,
        "people.csv",
        "full_name,email\nJane Doe,jane@acme.example\nJane Doe,jane@other.example\n"
        "Jane Doe,j.doe@acme.example\n",
    )
    summary = import_files([path], kind="people")
    janes = Person.objects.filter(display_name="Jane Doe").order_by("id")
    assert janes.count() == 2  # the acme.example addresses are one person, other.example not
    first, second = janes
    assert set(first.identities.filter(kind="email").values_list("normalized", flat=True)) == {
        "jane@acme.example",
        "j.doe@acme.example",
    }
    assert [(d.person_id, d.existing_id) for d in summary.possible_duplicates] == [
        (second.pk, first.pk)
    ]
    assert "people merge" in summary.text()


def test_a_sender_with_a_known_name_on_a_public_domain_is_a_new_person():
    loader = Loader()
    first = InteractionRecord(
        source="mbox",
        external_id="m-1",
        occurred_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
        channel="email",
        initiator=Identity("jd1@gmail.com", "Jane Doe"),
        participants=(Participant(Identity("jd2@gmail.com", "Jane Doe"), "to"),),
    )
    loader.write([("f", "record 1", first)])
    assert Person.objects.filter(display_name="Jane Doe").count() == 2
    assert len(loader.summary.possible_duplicates) == 1
    assert InteractionParticipant.objects.count() == 1


def test_since_leaves_out_older_interactions_of_every_format(tmp_path):
    since = dt.date(2025, 5, 6)
    summary = import_files(
        [FIXTURES / "thread.mbox", FIXTURES / "interactions.csv", FIXTURES / "meetings.ics"],
        since=since,
    )
    assert summary.skipped["before --since"] >= 2
    assert not Interaction.objects.filter(
        occurred_at__lt=dt.datetime(2025, 5, 6, tzinfo=dt.UTC)
    ).exists()
    assert Interaction.objects.exists()


def test_content_decides_whether_subject_and_body_are_kept():
    import_files([FIXTURES / "thread.mbox"])
    assert set(Interaction.objects.values_list("subject", "notes")) == {("", "")}
    summary = import_files([FIXTURES / "thread.mbox"], content="subject")
    assert summary.updated["interactions"] >= 1
    assert Interaction.objects.filter(subject="Budget für Q3", notes="").exists()
    import_files([FIXTURES / "thread.mbox"], content="body")
    assert Interaction.objects.filter(notes__contains="revised budget").exists()


def test_dry_run_leaves_no_rows():
    summary = import_files(ALL_FIXTURES, since=SINCE_2025, dry_run=True)
    assert summary.dry_run and summary.created["interactions"] >= 8
    assert counts() == dict.fromkeys(counts(), 0)
    assert summary.text().startswith("Dry run")


def test_csv_organizations_units_and_people_land_in_their_tables(tmp_path):
    orgs = write(
        tmp_path,
        "orgs.csv",
        "name,kind,domain\nExample Ltd,customer,example.com\nOurco,own,ourco.example\n",
    )
    units = write(
        tmp_path,
        "units.csv",
        "name,organization,parent\nPayroll,Example Ltd,Finance\nFinance,Example Ltd,\n"
        "Ghost,Nowhere Inc,\nOrphan,,\nLost,Example Ltd,Atlantis\n",
    )
    people = write(
        tmp_path, "people.csv", "full_name,email,unit\nJane Doe,jane@example.com,Payroll\n"
    )
    summary = import_files([orgs], kind="organizations")
    summary = import_files([units], kind="units")
    assert summary.created["units"] == 2
    assert sorted(r.reason for r in summary.rejections) == [
        "field 'organization': is required to place a unit",
        "field 'organization': no organization named 'Nowhere Inc'",
        "field 'parent': no unit named 'Atlantis' in 'Example Ltd'",
    ]
    assert Unit.objects.get(name="Payroll").parent.name == "Finance"
    assert Organization.objects.get(name="Ourco").kind == "ours"
    import_files([people], kind="people")
    jane = Person.objects.get(display_name="Jane Doe")
    assert jane.organization.name == "Example Ltd"  # from the mail domain
    assert jane.unit.name == "Payroll"


def test_csv_commitments_need_two_people_and_a_due_date():
    summary = import_files([FIXTURES / "commitments.csv"])
    assert summary.created["commitments"] == 1
    reasons = " | ".join(r.reason for r in summary.rejections)
    assert "due_at" in reasons and "strength" in reasons
    kept = Commitment.objects.get(external_id="c-1")
    assert kept.closed_at == kept.due_at and kept.what.startswith("I will send")


def test_a_cancelled_meeting_removes_the_one_imported_before(tmp_path):
    event = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:review-1\nDTSTART:20250505T090000Z\n"
        "DTEND:20250505T100000Z\n{status}ORGANIZER:mailto:sam@ourco.example\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jane@example.com\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    path = write(tmp_path, "cal.ics", event.format(status=""))
    import_files([path], since=SINCE_2025)
    assert Interaction.objects.count() == 1
    write(tmp_path, "cal.ics", event.format(status="STATUS:CANCELLED\n"))
    summary = import_files([path], since=SINCE_2025)
    assert summary.removed["interactions"] == 1 and not Interaction.objects.exists()


def test_the_columnar_csv_load_writes_what_the_record_path_writes(tmp_path):
    from trustledger.importers.csv_files import parse_csv
    from trustledger.ingest.loader import _columnar

    tricky = FIXTURES / "interactions-tricky.csv"
    assert _columnar(tricky, "auto", {"content": "body"}) is not None
    columnar = import_files([tricky, FIXTURES / "interactions.csv"], content="body", batch_size=3)
    rows, people = snapshot(), counts()
    subjects = set(Interaction.objects.values_list("external_id", "subject", "notes"))
    Interaction.objects.all().delete()
    Person.objects.all().delete()
    loader = Loader(content="body", batch_size=3)
    for path in (tricky, FIXTURES / "interactions.csv"):
        loader.load(parse_csv(path), str(path))
    assert snapshot() == rows and counts() == people
    assert set(Interaction.objects.values_list("external_id", "subject", "notes")) == subjects
    record = loader.summary
    assert columnar.created == record.created and columnar.skipped == record.skipped
    assert columnar.rejections == record.rejections and columnar.batches == record.batches


def test_a_folder_is_walked_and_each_file_imported_or_reported(tmp_path):
    import shutil

    folder = tmp_path / "exports"
    (folder / "calendar").mkdir(parents=True)
    shutil.copy(FIXTURES / "contacts-3.0.vcf", folder / "contacts.vcf")
    shutil.copy(FIXTURES / "meetings.ics", folder / "calendar" / "meetings.ics")
    shutil.copytree(FIXTURES / "maildir", folder / "mail")
    (folder / "README.txt").write_text("exported by hand\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0\1")
    (tmp_path / "empty").mkdir()
    summary = import_files([folder, tmp_path / "empty"], since=SINCE_2025)
    assert summary.files == [
        str(folder / "calendar" / "meetings.ics"),
        str(folder / "contacts.vcf"),
        str(folder / "mail"),
    ]
    assert [(Path(u.file).name, u.reason) for u in summary.unreadable] == [
        ("README.txt", "format not recognised (not vCard, iCalendar, mbox, Maildir, email or CSV)"),
        ("empty", "an empty folder"),
    ]
    alone = import_files(
        [FIXTURES / "contacts-3.0.vcf", FIXTURES / "meetings.ics", FIXTURES / "maildir"],
        since=SINCE_2025,
    )
    assert not alone.created  # the folder's files were those files: nothing new
