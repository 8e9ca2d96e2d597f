"""Phones and dark mode in a real Chromium: the main menu collapses behind a button, tables
become stacked "label: value" rows, the dark scheme darkens pages and charts alike.
Screenshots: devices-<page>-<phone|desktop>-<light|dark>.png (docs/screenshots via
`make screenshots`)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import PHONE, SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def luminance(css_colour: str) -> float:
    """Rough brightness 0..1 of an `rgb(r, g, b)` string."""
    parts = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    r, g, b = (float(p) for p in parts[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def opened(browser: Any, live_server: Any, login: Any, viewport: dict, scheme: str) -> Any:
    from trustledger.demo import cast as story

    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    login(page, "admin", story.DEMO_PASSWORD)
    return page


def pages() -> dict[str, str]:
    from trustledger.ledger.models import Relationship
    from trustledger.surveys.models import Campaign

    relationship = Relationship.objects.get(purpose__startswith="Keep Finance")
    campaign = Campaign.objects.order_by("pk").first()
    assert campaign is not None
    return {
        "home": "/",
        "relationship": f"/relationships/{relationship.pk}/",
        "survey-results": f"/surveys/{campaign.pk}/results/",
        "map": "/map/",
    }


def test_the_phone_menu_collapses_behind_a_button(demo_world, live_server, browser, login):
    page = opened(browser, live_server, login, PHONE, "light")
    toggle = page.locator(".site-nav .nav-toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator(".site-nav a", has_text="Trust map").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator(".site-nav a", has_text="Trust map").click()
    page.wait_for_url("**/map/")
    page.keyboard.press("Escape")
    page.context.close()

    desktop = opened(browser, live_server, login, DESKTOP, "light")
    assert not desktop.locator(".site-nav .nav-toggle").is_visible()
    assert desktop.locator(".site-nav a", has_text="Trust map").is_visible()
    desktop.context.close()


def test_tables_become_stacked_rows_on_a_phone(demo_world, live_server, browser, login):
    page = opened(browser, live_server, login, PHONE, "light")
    page.goto(f"{live_server.url}{pages()['survey-results']}")
    cell = page.locator("main table.stack tbody td[data-label]").first
    label = cell.get_attribute("data-label")
    assert label
    shown = page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle())
    assert shown == f'"{label}: "'
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('main table.stack tbody tr')).display"
        )
        == "block"
    )
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_follow_the_colour_scheme_on_phone_and_desktop(
    demo_world, live_server, browser, login, scheme
):
    for device, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        page = opened(browser, live_server, login, viewport, scheme)
        for name, path in pages().items():
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert (luminance(background) < 0.2) == (scheme == "dark"), (name, background)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], (name, device, width)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=str(SCREENSHOTS / f"devices-{name}-{device}-{scheme}.png"), full_page=True
            )
        # The trust map's chart takes its text colour from the scheme.
        page.goto(f"{live_server.url}/map/")
        page.wait_for_selector("#gap-chart[data-drawn=true]")
        font = page.evaluate("document.getElementById('gap-chart').layout.font.color")
        ink = page.evaluate(
            "getComputedStyle(document.documentElement).getPropertyValue('--ink').trim()"
        )
        assert font == ink
        page.context.close()
