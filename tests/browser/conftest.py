"""Shared browser fixtures: Debian's Chromium driven by Playwright against the live server.

`browser` launches Chromium once per session; `login(page, username, password)` logs in
through the real form. Browser tests are skipped with a reason when /usr/bin/chromium is
missing, unless CI=true, where they must run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop; Django's live_server database calls then look
# async-unsafe to Django although they run in the server thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
# Test runs keep their screenshots out of the tree; `make screenshots` refreshes docs/screenshots.
SCREENSHOTS = Path(os.environ.get("TRUSTLEDGER_SCREENSHOTS", REPO / "test-results" / "screenshots"))
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing (install Debian's chromium); CI must run these"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def login(live_server: Any) -> Callable[[Any, str, str], None]:
    """login(page, username, password): log in through the real form of the live server."""

    def do_login(page: Any, username: str, password: str) -> None:
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]:has-text('Log in')")
        page.wait_for_load_state("networkidle")
        assert "/login/" not in page.url, f"log-in as {username} failed"

    return do_login


@pytest.fixture
def demo_world(transactional_db: Any) -> Iterator[None]:
    from django.core.cache import cache

    from trustledger.demo.load import load_demo

    cache.clear()
    load_demo()
    yield
    cache.clear()


@pytest.fixture
def shot() -> Callable[..., None]:
    """shot(page, name, phone=False): a full-page screenshot; phone-sized ones go to a subfolder."""

    def take(page: Any, name: str, phone: bool = False) -> None:
        folder = SCREENSHOTS / "phone" if phone else SCREENSHOTS
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return take
