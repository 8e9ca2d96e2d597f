"""A link is drawn only where the viewer may open it.

Every persona of the demo walks every page it can reach from home, following every same-site
link drawn on them (GET only); any link that answers 403 or 404 (or a 500) fails the test, and
the message names the page that drew it. JSON twins are left out (test_pages.py reads them).

Explanation pages are dear (each recomputes a score): of each shape (/explain/person/<id>/
reliability/) a few are walked, the first ones drawn, which are those of the persona's own
pages. Every other link is followed.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "tobias", "priya", "margit", "oskar", "ines", "lena"]
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.IGNORECASE)
# Not pages of the app: the admin site (its own links, its own rules), files, log-out.
NOT_FOLLOWED = ("/admin/", "/static/", "/logout/", "/api/v1/docs", "/feeds/")
# Pages whose many variants (dates, filters, pages of a list) add nothing to the walk.
MAX_VARIANTS_PER_PATH = 3
EXPLAIN_PER_SHAPE = 3
DIGITS = re.compile(r"\d+")


def same_site_links(html: str, base: str) -> list[str]:
    found = []
    for raw in HREF.findall(html):
        href = unescape(raw).strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def walk(client, start: str = "/") -> tuple[int, list[str]]:
    """Visit every page reachable from `start`; return (pages visited, dead links)."""
    seen = {start}
    variants: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    dead: list[str] = []
    visited = 0
    while queue:
        url, source = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code in (403, 404) or response.status_code >= 500:
            dead.append(f"{response.status_code} {url}  (drawn on {source})")
            continue
        if response.status_code != 200:
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in same_site_links(response.content.decode(), url):
            path = urlsplit(link).path
            if link in seen or path.startswith(NOT_FOLLOWED) or "format=json" in link:
                continue
            seen.add(link)
            if "?" in link:
                variants[path] = variants.get(path, 0) + 1
                if variants[path] > MAX_VARIANTS_PER_PATH:
                    continue
            if path.startswith("/explain/"):
                shape = DIGITS.sub("#", path)
                variants[shape] = variants.get(shape, 0) + 1
                if variants[shape] > EXPLAIN_PER_SHAPE:
                    continue
            queue.append((link, url))
    return visited, dead


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_drawn_link_leads_to_a_refusal(demo_client, persona):
    visited, dead = walk(demo_client(persona))
    assert visited > 20, f"{persona} reached only {visited} pages: the walk is broken"
    assert not dead, f"{persona} reached {len(dead)} dead links:\n" + "\n".join(sorted(dead))


def test_the_walk_reports_a_dead_link(demo_client, settings, tmp_path):
    """The walk itself can fail: a page that draws a link to a missing page is caught."""
    (tmp_path / "web").mkdir()
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "web" / "search.html").write_text('<a href="/people/999999/">ghost</a>')
    _, dead = walk(demo_client("tobias"), "/search/")
    assert dead == ["404 /people/999999/  (drawn on /search/)"]
