"""Every page, every persona, on a desktop and on a phone: the page fits the screen and axe-core
finds no violation.

One demo database and one logged-in browser context per persona and device keep it fast. The
desktop pass crawls (see crawl.py) in the light scheme; the phone pass opens the same pages at
390 px in the dark scheme, so both colour schemes meet the contrast rules. The table of every
page checked is written to test-results/a11y/report.md (TRUSTLEDGER_A11Y_REPORT to move it).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from .axe import AXE_VERSION, axe_source
from .conftest import PHONE, REPO
from .crawl import Result, check, crawl, report, revisit, with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# TRUSTLEDGER_A11Y_PERSONAS=admin,ines narrows a run while fixing a page.
PERSONAS = os.environ.get(
    "TRUSTLEDGER_A11Y_PERSONAS", "admin,tobias,priya,margit,oskar,ines"
).split(",")
DESKTOP = {"width": 1280, "height": 900}
REPORT = Path(
    os.environ.get("TRUSTLEDGER_A11Y_REPORT", REPO / "test-results" / "a11y" / "report.md")
)


@pytest.fixture(scope="session")
def axe() -> str:
    return axe_source()


def context_for(browser: Any, viewport: dict[str, int], scheme: str, state: Any = None) -> Any:
    # bypass_csp: axe-core is injected as a script the app's policy rightly refuses.
    return browser.new_context(
        viewport=viewport, color_scheme=scheme, bypass_csp=True, storage_state=state
    )


def test_every_page_fits_the_screen_and_passes_axe(demo_world, live_server, browser, login, axe):
    from trustledger.demo import cast as story

    started = time.monotonic()
    origin = live_server.url
    results: list[Result] = []

    anonymous = context_for(browser, PHONE, "dark")
    results.append(check(with_axe(anonymous, axe), origin, "/login/", "anonymous", "phone"))
    anonymous.close()

    def write_report() -> float:
        seconds = time.monotonic() - started
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        header = (
            f"# Width and axe-core {AXE_VERSION} per page\n\n"
            f"{len(results)} checks in {seconds:.0f} s. Desktop: 1280 px, light scheme. "
            "Phone: 390 px, dark scheme.\n\n"
        )
        REPORT.write_text(header + report(results), encoding="utf-8")
        REPORT.with_suffix(".json").write_text(
            json.dumps([r.__dict__ for r in results], indent=1), encoding="utf-8"
        )
        return seconds

    for persona in PERSONAS:
        desktop = context_for(browser, DESKTOP, "light")
        page = with_axe(desktop, axe)
        login(page, persona, story.DEMO_PASSWORD)
        found = crawl(page, origin, persona, "desktop")
        results.extend(found)
        phone = context_for(browser, PHONE, "dark", state=desktop.storage_state())
        desktop.close()
        addresses = [r.url for r in found]
        results.extend(revisit(with_axe(phone, axe), origin, addresses, persona, "phone"))
        phone.close()
        write_report()  # after each persona, so a long run can be read while it goes on

    write_report()

    failing = [r for r in results if not r.ok]
    assert not failing, (
        f"{len(failing)} of {len(results)} checks failed (see {REPORT}):\n"
        + "\n".join(
            f"{r.persona} {r.device} {r.url}: width {r.width}/{r.viewport} {r.sticking_out} "
            + "; ".join(f"{v['id']}: {v['help']} at {v['nodes']}" for v in r.violations)
            for r in failing[:40]
        )
    )
    # Personas see different pages; the crawl must reach more than home and the seeds.
    if "admin" in PERSONAS:
        assert len({r.url for r in results if r.persona == "admin"}) > 15
