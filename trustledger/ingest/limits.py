"""The upload size cap (TRUSTLEDGER_UPLOAD_MAX_MB), enforced before the body is stored.

A request that announces more than the cap is refused before anything is read; one that does
not announce its size (chunked) is cut off by an upload handler as soon as it passes the cap.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

# Room for the form fields and multipart boundaries around the files themselves.
FORM_OVERHEAD = 64 * 1024


def max_bytes() -> int:
    return int(settings.TRUSTLEDGER_UPLOAD_MAX_MB) * 1024 * 1024


def refusal(size: int | None = None) -> str:
    told = f"{size / 1024 / 1024:.1f} MB; " if size else ""
    return (
        f"The upload is too large: {told}the limit is {settings.TRUSTLEDGER_UPLOAD_MAX_MB} MB "
        "for all files together (TRUSTLEDGER_UPLOAD_MAX_MB). Nothing was stored."
    )


def announced_too_large(request: HttpRequest) -> int | None:
    """The announced body size when it is over the cap, else None."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length if length > max_bytes() + FORM_OVERHEAD else None


class SizeCap(FileUploadHandler):
    """Stops reading the body once the files together pass the cap."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > max_bytes():
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None


def install(request: HttpRequest) -> SizeCap:
    cap = SizeCap(request)
    request.upload_handlers.insert(0, cap)
    return cap
