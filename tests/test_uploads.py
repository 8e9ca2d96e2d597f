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
