"""PDF files of the reports, made by WeasyPrint from the same template the page uses.

WeasyPrint lays out HTML and CSS with Pango and writes the PDF itself: no browser, in the
web process or the worker. Charts are inline SVG (`charts.py`). Nothing is fetched: the one
stylesheet is read from this app's static folder and links resolve to nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).parent / "static" / "reviewpacks" / "pdf.css"


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"a report fetches nothing ({url})")


def render_pdf(template: str, page: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML  # imported when a PDF is asked for: it loads Pango

    markup = render_to_string(template, {"page": page, "pdf": True})
    document = HTML(string=markup, base_url="/", url_fetcher=_no_fetch)
    return bytes(document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))]))
