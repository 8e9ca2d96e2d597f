"""Importing from the web: an upload page that runs the loader as a background job."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from trustledger.analytics.queue import queue
from trustledger.directory.models import Person
from trustledger.ingest.models import ImportJob

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "importers" / "fixtures"


@pytest.fixture
def immediate_queue(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    queue.immediate = True
    yield
    queue.immediate = False


def _files(*names: str) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, (FIXTURES / name).read_bytes()) for name in names]


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/imports/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", ["it_member", "finance_member", "viewer", "outsider"])
def test_only_admins_and_managers_import(client, cast, persona):
    client.force_login(getattr(cast, persona))
    assert client.get("/imports/").status_code == 403
    response = client.post("/imports/", {"files": _files("contacts-3.0.vcf"), "format": "auto"})
    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def test_a_manager_uploads_files_and_sees_the_summary(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    client.force_login(cast.it_manager)
    assert client.get("/imports/").status_code == 200
    # A manager imports what is in their scope (tests/test_import_scope.py): a colleague of
    # their unit, and mail between them.
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nia New\nORG:Testco;IT\nEMAIL:nia@testco.example\nEND:VCARD\n"
    mail = (
        b"From: Nia New <nia@testco.example>\nTo: Ada Manager <ada@testco.example>\n"
        b"Subject: hi\nDate: Mon, 05 May 2025 09:00:00 +0000\nMessage-ID: <m1@testco>\n\nhello\n"
    )
    cast.it_manager.person.identities.create(
        kind="email", value="ada@testco.example", normalized="ada@testco.example"
    )
    files = [SimpleUploadedFile("nia.vcf", card), SimpleUploadedFile("hello.eml", mail)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/imports/", {"files": files, "format": "auto"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"
    assert job.status == "done" and job.records_read > 0
    assert "created:" in job.summary
    assert Person.objects.filter(identities__kind="email").exists()
    page = client.get(f"/imports/{job.pk}/")
    assert b"Status: <strong>done</strong>" in page.content
    assert client.get(f"/imports/{job.pk}/?format=json").json()["job"]["status"] == "done"
    # The uploaded files are gone once imported.
    assert not Path(job.folder).exists()


def test_a_broken_file_is_reported_and_nothing_crashes(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    broken = SimpleUploadedFile("broken.ics", b"BEGIN:VCALENDAR\nthis is not a calendar")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/imports/", {"files": [broken], "format": "ics"})
    job = ImportJob.objects.get()
    assert job.status == "done"
    assert "broken.ics" in job.summary


def test_someone_elses_import_is_not_found(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    client.force_login(cast.it_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/imports/", {"files": _files("contacts-3.0.vcf"), "format": "vcard"})
    job = ImportJob.objects.get()
    other = cast.it_manager.__class__.objects.create_user("other_manager", password="pw")
    from trustledger.accounts.models import Membership

    Membership.objects.create(user=other, unit=cast.finance, role="manager")
    client.force_login(other)
    assert client.get(f"/imports/{job.pk}/").status_code == 404
    client.force_login(cast.admin)
    assert client.get(f"/imports/{job.pk}/").status_code == 200


def test_an_empty_upload_is_refused_on_the_field(client, cast):
    client.force_login(cast.it_manager)
    response = client.post("/imports/", {"format": "auto"})
    assert response.status_code == 200
    assert (
        "Choose at least one file." in response.content.decode()
        or "This field is required." in response.content.decode()
    )
    assert ImportJob.objects.count() == 0


def test_a_file_name_too_long_for_the_disk_is_shortened_and_keeps_its_kind(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    """200 accented letters are 400 bytes: more than a file system allows in one name."""
    client.force_login(cast.it_manager)
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nia New\nORG:Testco;IT\nEMAIL:nia@testco.example\nEND:VCARD\n"
    name = "é" * 200 + ".vcf"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/imports/", {"files": [SimpleUploadedFile(name, card)], "format": "auto"}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    [stored] = job.file_names
    assert len(stored.encode()) <= 255 and stored.endswith(".vcf")
    assert job.status == "done" and Person.objects.filter(display_name="Nia New").exists()


def test_the_job_page_says_why_an_old_calendar_imported_nothing(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    calendar = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:old\r\n"
        b"DTSTART:20040105T100000Z\r\nORGANIZER:mailto:ann@ours.example\r\n"
        b"ATTENDEE:mailto:bo@theirs.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/imports/", {"files": [SimpleUploadedFile("old.ics", calendar)], "format": "auto"}
        )
    job = ImportJob.objects.get()
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Nothing imported: 1 events outside the window " in page
    assert "use --since to import earlier ones (the earliest on 2004-01-05)" in page


def test_an_upload_may_keep_the_bodies_of_mail(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    from trustledger.ledger.models import Interaction

    client.force_login(cast.it_manager)
    cast.it_manager.person.identities.create(
        kind="email", value="ada@testco.example", normalized="ada@testco.example"
    )
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nia New\nORG:Testco;IT\nEMAIL:nia@testco.example\nEND:VCARD\n"
    mail = (
        b"From: Ada Manager <ada@testco.example>\nTo: Nia New <nia@testco.example>\n"
        b"Subject: the list\nDate: Mon, 05 May 2025 09:00:00 +0000\nMessage-ID: <b1@testco>\n\n"
        b"I will send you the list by Friday.\n"
    )
    files = [SimpleUploadedFile("nia.vcf", card), SimpleUploadedFile("list.eml", mail)]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/imports/", {"files": files, "format": "auto", "content": "body"})
    job = ImportJob.objects.get()
    assert job.status == "done" and job.content == "body"
    assert "I will send you the list by Friday." in Interaction.objects.get().notes
    refused = client.post("/imports/", {"files": _files("contacts-3.0.vcf"), "content": "all"})
    assert refused.status_code == 200 and b"Select a valid choice" in refused.content


FOREIGN = (
    "Person,Day,Via,About\n"
    "nia@testco.example,2025-05-05 09:00,meeting,Budget\n"
    "nia@testco.example,2025-05-06 10:00,call,Follow-up\n"
)


def _refused_csv(client, user, capture):  # type: ignore[no-untyped-def]
    client.force_login(user)
    with capture(execute=True):
        client.post(
            "/imports/",
            {"files": [SimpleUploadedFile("crm.csv", FOREIGN.encode())], "format": "auto"},
        )
    return ImportJob.objects.get()


def test_a_csv_in_other_columns_is_mapped_on_the_page_and_imported(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    from trustledger.ledger.models import Interaction

    job = _refused_csv(client, cast.admin, django_capture_on_commit_callbacks)
    assert job.status == "done" and "no column matches" in job.summary
    assert [p.name for p in Path(job.folder).iterdir()] == ["00-crm.csv"]  # kept for mapping
    page = client.get(f"/imports/{job.pk}/?kind=interactions").content.decode()
    assert "Map the columns of 00-crm.csv" in page and "Follow-up" in page
    assert '<option value="initiator_email" selected>' in page  # guessed from the values
    bad = client.post(
        f"/imports/{job.pk}/map/",
        {"file": "00-crm.csv", "kind": "interactions", "column_0": "no_such_field"},
    )
    assert bad.status_code == 400 and b"is not a field of interactions" in bad.content
    forged = client.post(f"/imports/{job.pk}/map/", {"file": "../x.csv", "kind": "people"})
    assert forged.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        mapped = client.post(
            f"/imports/{job.pk}/map/",
            {
                "file": "00-crm.csv",
                "kind": "interactions",
                "column_0": "initiator_email",
                "column_1": "occurred_at",
                "column_2": "channel",
                "column_3": "subject",
            },
        )
    second = ImportJob.objects.exclude(pk=job.pk).get()
    assert mapped["Location"] == f"/imports/{second.pk}/"
    assert second.status == "done" and second.options["kind"] == "interactions"
    # Who and when only (the upload's content): the channels read, the subjects not kept.
    assert sorted(Interaction.objects.values_list("channel", flat=True)) == ["call", "meeting"]
    assert not Path(job.folder).exists() and not Path(second.folder).exists()
    # Mapped once: the first job has nothing left to map.
    assert 'data-testid="map-columns"' not in client.get(f"/imports/{job.pk}/").content.decode()


def test_only_the_uploader_maps_their_files(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    job = _refused_csv(client, cast.it_manager, django_capture_on_commit_callbacks)
    for persona in ("it_member", "viewer", "finance_member"):
        client.force_login(getattr(cast, persona))
        answer = client.post(
            f"/imports/{job.pk}/map/", {"file": "00-crm.csv", "kind": "interactions"}
        )
        assert answer.status_code in (403, 404), persona
    assert ImportJob.objects.count() == 1
