"""The visual check of the PDF reports: each report's pages rendered to PNG with pdftoppm
(poppler-utils, installed by `scripts/system-libs`), each page drawn (not blank), the first
page in A4's proportions. `make report-pngs` keeps the PNGs in test-results/reports/ (or
TRUSTLEDGER_REPORT_PNGS) to look at; a plain test run writes them to a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from trustledger.directory.models import Unit
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


def pngs(pdf: bytes, folder: Path, stem: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{stem}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", str(source), str(folder / stem)], check=True, timeout=60
    )
    return sorted(folder.glob(f"{stem}-*.png"))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_each_report_renders_to_drawn_a4_pages(demo_client, tmp_path):
    folder = Path(os.environ.get("TRUSTLEDGER_REPORT_PNGS") or tmp_path)
    client = demo_client("tobias")
    rel = next(r for r in m.Relationship.objects.all() if str(r) == "IT ↔ Finance")
    it = Unit.objects.get(name="IT")
    for stem, path in (
        ("review-pack", f"/relationships/{rel.pk}/review-pack.pdf"),
        ("unit-report", f"/units/{it.pk}/trust-report.pdf"),
    ):
        response = client.get(path)
        assert response.status_code == 200
        pages = pngs(response.content, folder, stem)
        assert pages, f"{stem}: no page rendered"
        for page in pages:
            with Image.open(page) as image:
                grey = image.convert("L")
                assert ImageStat.Stat(grey).stddev[0] > 5, f"{page.name} is blank"
                if page == pages[0]:
                    ratio = image.height / image.width
                    assert 1.38 < ratio < 1.45, f"{page.name} is not A4 ({ratio:.2f})"
