"""Serve Plotly's bundled JavaScript from the installed package as static/vendor/plotly.min.js.

Only that one file is exposed (the package folder also holds datasets and a widget bundle),
so collectstatic copies it and whitenoise serves it: no CDN, no file pasted into the repo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PUBLIC_PATH = "vendor/plotly.min.js"


def plotly_bundle() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        if path == PUBLIC_PATH and plotly_bundle().exists():
            found = str(plotly_bundle())
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns: Any) -> Any:
        bundle = plotly_bundle()
        storage = FileSystemStorage(location=str(bundle.parent))
        storage.prefix = "vendor"  # type: ignore[attr-defined]
        yield bundle.name, storage
