"""Crawl the app as one persona and check each page: width on the screen, and axe-core.

Pages are found, not listed: from home the crawl follows every same-site link, keeps a few
pages per URL pattern (`/people/12/` and `/people/31/` are one pattern), and adds the seeds
(forms and an error page) so pages added later are covered without editing this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

PER_PATTERN = 2  # pages checked per URL pattern and persona on the desktop (1 on the phone)
MAX_PAGES = 80  # per persona: a bound, in case a page links to endless variants
# Not the app's own pages, not HTML, or not a page at all (downloads, JSON twins, the admin).
SKIP_PATH = re.compile(
    r"^/(admin|api|static|media|logout|feeds|healthz)(/|$)|\.(csv|ics|json|pdf)$"
)
SKIP_QUERY = {"format"}
# Pages reached only by a form or a typed address.
SEEDS = ["/", "/password/", "/entry/", "/search/?q=it", "/no-such-page/"]

# The width check, and where a page is wider than the screen, which elements stick out.
MEASURE = """() => {
  const doc = document.documentElement;
  const width = Math.max(doc.scrollWidth, document.body.scrollWidth);
  const out = [];
  if (width > window.innerWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && r.width > 0) {
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (el.className && typeof el.className === 'string' ?
            '.' + el.className.trim().split(/\\s+/).join('.') : '');
        out.push(name + ' (right ' + Math.round(r.right) + ')');
        if (out.length >= 4) break;
      }
    }
  }
  return {width: width, viewport: window.innerWidth, sticking_out: out};
}"""

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')), count: v.nodes.length,
  }));
}"""


def pattern(url: str) -> str:
    """The Django route that serves the address (`people/<int:pk>/`): every explanation, page
    of a timeline or filter of a list is one pattern. Unknown addresses are their own."""
    from django.urls import Resolver404, resolve

    path = urlsplit(url).path
    try:
        return resolve(path).route
    except Resolver404:
        return path


def wanted(url: str, origin: str) -> str | None:
    """The same-site address to visit (no fragment), or None when it is not a page to check."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or SKIP_PATH.search(parts.path):
        return None
    if any(key in SKIP_QUERY for key, _ in parse_qsl(parts.query)):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Result:
    persona: str
    device: str
    url: str
    status: int
    width: int
    viewport: int
    sticking_out: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return self.width <= self.viewport

    @property
    def ok(self) -> bool:
        return self.fits and not self.violations


def check(page: Any, origin: str, address: str, persona: str, device: str) -> Result:
    """Open one page in a context prepared by `with_axe` and check it."""
    response = page.goto(origin + address, wait_until="load")
    status = response.status if response else 0
    # Charts draw after load; let Plotly finish so its markup is checked too.
    page.wait_for_function(
        "Array.from(document.querySelectorAll('[data-chart]'))"
        ".every(el => el.dataset.drawn === 'true' || typeof Plotly === 'undefined')",
        timeout=10_000,
    )
    measured = page.evaluate(MEASURE)
    return Result(
        persona=persona,
        device=device,
        url=address,
        status=status,
        width=measured["width"],
        viewport=measured["viewport"],
        sticking_out=measured["sticking_out"],
        violations=page.evaluate(RUN_AXE),
    )


def with_axe(context: Any, axe: str) -> Any:
    """axe-core runs in every page of the context; returns a new page."""
    context.add_init_script(axe)
    return context.new_page()


def crawl(page: Any, origin: str, persona: str, device: str) -> list[Result]:
    """Breadth-first from the seeds; returns one result per page checked."""
    queue = list(SEEDS)
    seen: set[str] = set()
    per_pattern: dict[str, int] = {}
    results: list[Result] = []
    while queue and len(results) < MAX_PAGES:
        address = queue.pop(0)
        key = pattern(address)
        if address in seen or per_pattern.get(key, 0) >= PER_PATTERN:
            continue
        seen.add(address)
        per_pattern[key] = per_pattern.get(key, 0) + 1
        result = check(page, origin, address, persona, device)
        results.append(result)
        if "text/html" not in (page.evaluate("document.contentType") or ""):
            continue
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            found = wanted(href, origin)
            if found and found not in seen:
                queue.append(found)
    return results


def revisit(page: Any, origin: str, addresses: list[str], persona: str, device: str):
    """The first page of each pattern among `addresses`, checked again (on the phone)."""
    first: dict[str, str] = {}
    for address in addresses:
        first.setdefault(pattern(address), address)
    return [check(page, origin, address, persona, device) for address in first.values()]


def report(results: list[Result]) -> str:
    """A Markdown table: one row per page, persona and device."""
    lines = [
        "| persona | device | page | status | width / screen | axe violations |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        axe = ", ".join(f"{v['id']} ×{v['count']}" for v in r.violations) or "none"
        width = f"{r.width} / {r.viewport}" + ("" if r.fits else " **too wide**")
        lines.append(f"| {r.persona} | {r.device} | `{r.url}` | {r.status} | {width} | {axe} |")
    return "\n".join(lines) + "\n"
