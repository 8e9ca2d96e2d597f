"""Hole 5 on the web: the upload size cap, the calendar bomb through the upload page, archives,
and the uploaded files kept private until imported."""

from __future__ import annotations

import io
import stat
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from trustledger.analytics.queue import queue
from trustledger.directory.models import Person
from trustledger.ingest.models import ImportJob
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "importers" / "fixtures"


@pytest.fixture
def immediate_queue(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    queue.immediate = True
    yield
    queue.immediate = False


def _stored_uploads(settings) -> list[Path]:
    folder = Path(settings.DATA_DIR) / "uploads"
    return list(folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("extra_bytes", [2 * 1024 * 1024, 10 * 1024])
def test_an_upload_over_the_size_cap_is_refused_with_413_and_nothing_is_stored(
    client, cast, settings, immediate_queue, django_capture_on_commit_callbacks, extra_bytes
):
    # 2 MB over: refused from the announced length; 10 kB over: cut off while reading.
    settings.TRUSTLEDGER_UPLOAD_MAX_MB = 1
    client.force_login(cast.it_manager)
    big = SimpleUploadedFile("big.csv", b"x" * (1024 * 1024 + extra_bytes))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/imports/", {"files": [big], "format": "auto"})
    assert response.status_code == 413
    assert b"The upload is too large" in response.content
    assert b"the limit is 1 MB" in response.content
    assert ImportJob.objects.count() == 0
    assert _stored_uploads(settings) == []


def test_an_upload_under_the_cap_still_needs_its_csrf_token(cast, settings, immediate_queue):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.it_manager)
    files = [SimpleUploadedFile("a.vcf", (FIXTURES / "contacts-3.0.vcf").read_bytes())]
    response = strict.post("/imports/", {"files": files, "format": "auto"})
    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def test_the_upload_page_states_the_cap(client, cast, settings):
    settings.TRUSTLEDGER_UPLOAD_MAX_MB = 7
    client.force_login(cast.it_manager)
    assert b"At most 7 MB per upload" in client.get("/imports/").content
    assert client.get("/imports/?format=json").json()["max_upload_mb"] == 7


def test_the_minutely_calendar_bomb_uploaded_stays_under_the_cap_and_finishes_fast(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    bomb = SimpleUploadedFile("tick.ics", (FIXTURES / "minutely-forever.ics").read_bytes())
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/imports/", {"files": [bomb], "format": "auto", "since": "2025-01-01"})
    assert time.perf_counter() - started < 60
    job = ImportJob.objects.get()
    assert job.status == "done"
    assert Interaction.objects.count() == 1000
    assert "event 1 (UID tick@attacker.example)" in job.summary
    assert "1,000 occurrences imported (the cap per event of 1,000)" in job.summary
    assert "later occurrences dropped" in job.summary


def test_an_archive_is_refused_by_name_and_nothing_is_imported(
    client, cast, immediate_queue, django_capture_on_commit_callbacks
):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("people.csv", "name,email\nZed,zed@x.example\n")
    client.force_login(cast.admin)
    before = Person.objects.count()
    for format in ("auto", "csv"):
        upload = SimpleUploadedFile("people.csv", packed.getvalue())
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/imports/", {"files": [upload], "format": format})
    for job in ImportJob.objects.all():
        assert "a zip archive: archives are not read; unpack it" in job.summary
    assert Person.objects.count() == before


def test_uploaded_files_wait_readable_by_the_owner_only(
    client, cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DATA_DIR = tmp_path
    client.force_login(cast.admin)
    files = [SimpleUploadedFile("a.vcf", (FIXTURES / "contacts-3.0.vcf").read_bytes())]
    with django_capture_on_commit_callbacks(execute=False):  # the job has not run yet
        client.post("/imports/", {"files": files, "format": "auto"})
    folder = Path(ImportJob.objects.get().folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "00-a.vcf").stat().st_mode) == 0o600
