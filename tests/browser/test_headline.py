"""The team gap on the unit page in a real Chromium, on a desktop and a phone: the story is
there, the member rows keep their labels when stacked, and nothing is wider than the screen."""

from __future__ import annotations

from typing import Any

import pytest

PHONE = {"width": 390, "height": 844}
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_the_unit_page_tells_the_team_gap(demo_world, live_server, browser, login, shot, viewport):
    from trustledger.directory.models import Unit

    context = browser.new_context(viewport=viewport)
    page: Any = context.new_page()
    page.set_default_timeout(120_000)  # a first, uncached unit page on a busy machine
    login(page, "tobias", "trust-the-ledger")
    it = Unit.objects.get(name="IT")
    page.goto(f"{live_server.url}/units/{it.pk}/?as_of=2026-11-20")
    page.wait_for_load_state("networkidle")
    card = page.locator("[data-testid=team-gap]")
    assert "people trust Tobias Reinholt more than they trust IT as a team" in card.inner_text()
    assert "8.15" in card.inner_text() and "4.78" in card.inner_text()
    assert "Next actions for the team" in page.inner_text("[data-testid=unit-actions]")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    if viewport == PHONE:
        label = page.evaluate(
            "getComputedStyle(document.querySelector('.team-gap td[data-label]'), '::before')"
            ".content"
        )
        assert label.startswith('"')  # stacked rows say which figure is which
    page.locator("[data-testid=decisions] summary").click()
    assert "surprised after" in page.inner_text("[data-testid=decisions]")
    shot(page, "headline-unit", phone=viewport == PHONE)
    context.close()
