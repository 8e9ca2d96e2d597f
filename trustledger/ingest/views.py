"""/imports/: upload files to import; the import runs as a background job with its progress shown."""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from trustledger.accounts.access import scope_for
from trustledger.analytics import leases
from trustledger.audit.log import record
from trustledger.config.env import private_dir, private_file
from trustledger.importers import FORMATS
from trustledger.ingest import limits
from trustledger.ingest.models import ImportJob, JobStatus
from trustledger.ingest.permissions import may_import

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items if item]
        if not cleaned:
            raise forms.ValidationError("Choose at least one file.")
        if len(cleaned) > MAX_FILES:
            raise forms.ValidationError(f"At most {MAX_FILES} files at a time.")
        return cleaned


class UploadForm(forms.Form):
    files = MultipleFileField(help_text="vCard, iCalendar, mbox, .eml or CSV files.")
    format = forms.ChoiceField(
        choices=[("auto", "Detect from the file")] + [(f, f) for f in FORMATS if f != "auto"]
    )
    since = forms.DateField(
        required=False, help_text="Only interactions from this day on (YYYY-MM-DD)."
    )
    content = forms.ChoiceField(
        label="Of each message, keep",
        choices=[
            ("metadata", "who and when only"),
            ("subject", "also the subject"),
            ("body", "also the body"),
        ],
        initial="metadata",
        required=False,
        help_text="Mail and calendar files. Keep only what you need: bodies are stored with the "
        "interaction and read for promises our side wrote (proposed for review) and for the "
        "language our side uses.",
    )


def _may_import(request: HttpRequest) -> None:
    if not may_import(scope_for(request.user)):  # type: ignore[arg-type]
        raise PermissionDenied("Only admins and unit managers import files.")


def _job_dict(job: ImportJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "status": job.status,
        "files": job.file_names,
        "format": job.format,
        "since": job.since.isoformat() if job.since else None,
        "content": job.content,
        "options": job.options,
        "records_read": job.records_read,
        "current_file": job.current_file,
        "summary": job.summary,
        "error": job.error,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "running": job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
        "can_retry": job.status == JobStatus.FAILED and Path(job.folder).is_dir(),
    }


# CSRF is checked in _upload, after the size cap is in place: the CSRF check reads the body.
@csrf_exempt
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    cap = None
    if request.method == "POST":
        size = limits.announced_too_large(request)
        if size is not None:
            return _too_large(request, size)
        cap = limits.install(request)
    return _upload(request, cap)


# A file system takes 255 bytes per name; accented or CJK names reach that well before
# Django's 255-character cap on uploaded names.
NAME_MAX_BYTES = 200
SUFFIX_MAX_BYTES = 16


def _stored_name(index: int, uploaded: str) -> str:
    """Our own file name: the uploaded name kept only as a readable tail, cut to fit the disk
    but with its extension (the importer reads the format from it)."""
    base = Path(uploaded).name
    suffix = Path(base).suffix
    if len(suffix.encode()) > SUFFIX_MAX_BYTES:
        suffix = ""
    stem = base[: len(base) - len(suffix)] if suffix else base
    room = NAME_MAX_BYTES - len(suffix.encode())
    stem = stem.encode()[:room].decode(errors="ignore")
    return f"{index:02d}-{stem}{suffix}"


def _too_large(request: HttpRequest, size: int | None = None) -> HttpResponse:
    refusal = limits.refusal(size)
    context = {"title": "Import files", "jobs": [], "error": refusal}
    if request.GET.get("format") == "json":
        return JsonResponse(context, status=413)
    page = {**context, "max_upload_mb": settings.TRUSTLEDGER_UPLOAD_MAX_MB}
    return render(request, "uploads/upload.html", {"page": page, "form": UploadForm()}, status=413)


@csrf_protect
def _upload(request: HttpRequest, cap: limits.SizeCap | None) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if cap is not None and cap.exceeded:
        return _too_large(request)
    if request.method == "POST" and form.is_valid():
        folder = private_dir(Path(settings.DATA_DIR) / "uploads" / uuid.uuid4().hex)
        names = []
        for index, upload in enumerate(form.cleaned_data["files"]):
            name = _stored_name(index, upload.name)
            with open(private_file(folder / name), "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            names.append(name)
        job = ImportJob.objects.create(
            created_by=request.user,
            folder=str(folder),
            file_names=names,
            format=form.cleaned_data["format"],
            since=form.cleaned_data["since"],
            content=form.cleaned_data["content"] or "metadata",
        )
        record(request.user, "import.uploaded", job, request, files=names, format=job.format)
        from trustledger.ingest.tasks import import_uploaded_files

        transaction.on_commit(lambda: import_uploaded_files(job.pk))
        return redirect("import_job", pk=job.pk)
    leases.reap()
    jobs = ImportJob.objects.filter(created_by=request.user)[:10]
    context = {
        "title": "Import files",
        "jobs": [_job_dict(j) for j in jobs],
        "max_upload_mb": settings.TRUSTLEDGER_UPLOAD_MAX_MB,
    }
    if request.GET.get("format") == "json":
        return JsonResponse(context)
    return render(request, "uploads/upload.html", {"page": context, "form": form})


def _own_job(request: HttpRequest, pk: int) -> ImportJob:
    _may_import(request)
    leases.reap()  # a job whose worker died shows as failed, not running forever
    found = ImportJob.objects.filter(pk=pk).first()
    if found is None or (found.created_by_id != request.user.pk and not request.user.is_superuser):
        raise Http404("No such import.")
    return found


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a failed import again; what the failed run wrote is recognised, not doubled."""
    from trustledger.ingest.tasks import retry as queue_again

    found = _own_job(request, pk)
    if not queue_again(found):
        return HttpResponse("Only a failed import whose files are kept can be retried.", status=409)
    return redirect("import_job", pk=found.pk)


def _to_map(found: ImportJob, kind: str | None = None) -> list[dict[str, Any]]:
    """The job's CSV files refused for their columns, with their first rows and a guess."""
    from trustledger.importers.csv_files import preview
    from trustledger.importers.csv_rows import FIELDS, KINDS
    from trustledger.importers.records import UnreadableFile

    folder = Path(found.folder)
    if found.status != JobStatus.DONE or not folder.is_dir():
        return []
    files = []
    for name in found.file_names:
        path = folder / name
        if not path.is_file():
            continue
        try:
            seen = preview(path, kind=kind)
        except UnreadableFile:
            continue
        files.append(
            {
                "name": name,
                "kind": seen.kind,
                "kinds": list(KINDS),
                "columns": [
                    {"index": i, "header": h, "guess": seen.guess.get(h, "")}
                    for i, h in enumerate(seen.headers)
                ],
                "rows": seen.rows,
                "fields": list(FIELDS[seen.kind]),
            }
        )
    return files


class MappingError(Exception):
    pass


def _mapping_from(request: HttpRequest, found: ImportJob) -> tuple[str, str, dict[str, str]]:
    """(file name, kind, header -> field) from the mapping form, checked against the file."""
    from trustledger.importers.csv_files import preview
    from trustledger.importers.csv_rows import FIELDS

    name = request.POST.get("file", "")
    if name not in found.file_names or not (Path(found.folder) / name).is_file():
        raise MappingError("That file is not waiting for a mapping in this import.")
    kind = request.POST.get("kind", "")
    if kind not in FIELDS:
        raise MappingError(f"kind: one of {', '.join(FIELDS)}.")
    headers = preview(Path(found.folder) / name, rows=1).headers
    mapping: dict[str, str] = {}
    for index, header in enumerate(headers):
        field = request.POST.get(f"column_{index}", "")
        if field and field not in FIELDS[kind]:
            raise MappingError(f"column {header!r}: {field!r} is not a field of {kind}.")
        mapping[header] = field  # "" leaves the column out
    if not any(mapping.values()):
        raise MappingError("Choose a field for at least one column.")
    return name, kind, mapping


@login_required
@require_POST
def map_columns(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a refused CSV file again with the columns mapped on the page: a new job of its
    own (the file moves to it), under the same rights as any upload."""
    found = _own_job(request, pk)
    try:
        name, kind, mapping = _mapping_from(request, found)
    except MappingError as error:
        context = {
            "title": f"Import {found.pk}",
            "job": _job_dict(found),
            "to_map": _to_map(found),
            "map_error": str(error),
        }
        return render(request, "uploads/job.html", {"page": context}, status=400)
    folder = private_dir(Path(settings.DATA_DIR) / "uploads" / uuid.uuid4().hex)
    (Path(found.folder) / name).rename(folder / name)
    with contextlib.suppress(OSError):
        Path(found.folder).rmdir()  # gone once its last waiting file has moved
    mapped = ImportJob.objects.create(
        created_by=request.user,
        folder=str(folder),
        file_names=[name],
        format="csv",
        since=found.since,
        content=found.content,
        options={"kind": kind, "mapping": mapping},
    )
    record(request.user, "import.uploaded", mapped, request, files=[name], format="csv")
    from trustledger.ingest.tasks import import_uploaded_files

    transaction.on_commit(lambda: import_uploaded_files(mapped.pk))
    return redirect("import_job", pk=mapped.pk)


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own_job(request, pk)
    context = {
        "title": f"Import {found.pk}",
        "job": _job_dict(found),
        "to_map": _to_map(found, request.GET.get("kind")),
    }
    if request.GET.get("format") == "json":
        return JsonResponse(context)
    return render(request, "uploads/job.html", {"page": context})
