"""The other side's link in Chromium, with no session: Wendell Achebe of Quarry Point Hosting
(the demo's supplier, no login) opens his link, confirms a promise and gives feedback; the
same browser reaches no other page of the app. The page fits a desktop and a phone, passes
axe-core in both colour schemes, and its screenshots go to docs/screenshots/i14-links-*."""

from __future__ import annotations

from typing import Any

import pytest

from .axe import axe_source
from .conftest import PHONE, SCREENSHOTS
from .crawl import check, with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def fresh_link() -> tuple[Any, str]:
    """The demo's link for Wendell, made anew: its token (the demo keeps none)."""
    from trustledger.sharing.actions import regenerate_link
    from trustledger.sharing.models import SharedLink

    link = SharedLink.objects.select_related("relationship").get(
        person__display_name="Wendell Achebe", revoked_at=None
    )
    return regenerate_link(None, link)


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"i14-links-{name}.png"), full_page=True)


def checked(context: Any, axe: str, origin: str, address: str, device: str) -> Any:
    page = with_axe(context, axe)
    result = check(page, origin, address, "wendell", device)
    assert result.status == 200, result
    assert result.fits, result.sticking_out
    assert not result.violations, result.violations
    return page


def test_the_other_side_confirms_a_promise_and_gives_feedback_with_no_session(
    demo_world, live_server, browser
):
    from trustledger.audit.models import AuditEvent
    from trustledger.ledger import models as m

    axe = axe_source()
    link, token = fresh_link()
    origin = live_server.url
    address = f"/shared/t/{token}/"
    # bypass_csp: axe-core is injected as a script the app's policy rightly refuses.
    desktop = browser.new_context(viewport=DESKTOP, color_scheme="light", bypass_csp=True)
    page = checked(desktop, axe, origin, address, "desktop")
    assert page.url == f"{origin}/shared/{link.pk}/"  # the token left the address bar
    assert page.locator("h1").inner_text() == "Your ledger with IT"
    screenshot(page, "external-desktop")

    # Confirm the open promise made to him.
    promise = page.locator("[data-testid=promise]", has_text="Confirm the rack move date")
    promise.get_by_role("button", name="Kept", exact=True).click()
    page.wait_for_load_state("load")
    assert "you confirmed the promise was kept" in page.locator("[data-testid=done]").inner_text()
    promise = page.locator("[data-testid=promise]", has_text="Confirm the rack move date")
    assert "confirmed by Wendell Achebe" in promise.inner_text()
    confirmed = m.Commitment.objects.get(relationship=link.relationship, what__startswith="Confirm")
    assert confirmed.state == "kept" and confirmed.confirmation == "confirmed"

    # Give feedback.
    page.fill("#feedback-summary", "Ticket answers are faster since October; keep it up.")
    page.select_option("#feedback-sentiment", "positive")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_load_state("load")
    assert "Ticket answers are faster" in page.locator("[data-testid=feedback]").first.inner_text()
    feedback = m.FeedbackItem.objects.get(relationship=link.relationship, sentiment="positive")
    assert feedback.from_person == link.person
    used = AuditEvent.objects.filter(action="link.used", target_id=str(link.pk))
    assert sorted(e.detail["given"] for e in used) == ["feedback", "kept"]

    # No session, and no other page with the same browser.
    assert "sessionid" not in {c["name"] for c in desktop.cookies()}
    for other in ("/", f"/relationships/{link.relationship_id}/", "/commitments/", "/surveys/"):
        page.goto(origin + other)
        assert "/login/" in page.url, other
    assert page.goto(f"{origin}/api/v1/relationships").status == 401
    assert page.goto(f"{origin}/audit/").status == 404
    assert page.goto(f"{origin}/shared/{link.pk + 1}/").status == 404
    desktop.close()

    phone = browser.new_context(viewport=PHONE, color_scheme="dark", bypass_csp=True)
    page = checked(phone, axe, origin, address, "phone")
    screenshot(page, "external-phone")
    phone.close()


def test_a_wrong_link_shows_the_plain_not_found_page(demo_world, live_server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    answer = page.goto(f"{live_server.url}/shared/t/{'x' * 43}/")
    assert answer.status == 404
    assert page.locator("h1").inner_text() == "This page is not available"
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    context.close()


def test_the_relationship_page_lists_the_link_for_its_manager(
    demo_world, live_server, browser, login
):
    from trustledger.demo.cast import DEMO_PASSWORD
    from trustledger.sharing.models import SharedLink

    link = SharedLink.objects.get(person__display_name="Wendell Achebe")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    login(page, "tobias", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/relationships/{link.relationship_id}/")
    block = page.locator("[data-testid=links-block]")
    assert "Wendell Achebe" in block.inner_text()
    block.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    block.screenshot(path=str(SCREENSHOTS / "i14-links-relationship-block.png"))
    # Make it anew and mail it: the new link is shown this once.
    block.get_by_role("button", name="Make the link for Wendell Achebe anew and mail it").click()
    page.wait_for_load_state("load")
    shown = page.locator("[data-testid=issued-url]").inner_text()
    assert "/shared/t/" in shown
    page.screenshot(path=str(SCREENSHOTS / "i14-links-issued.png"), full_page=True)
    page.goto(f"{live_server.url}/relationships/{link.relationship_id}/")
    assert shown.rsplit("/", 2)[-2] not in page.content()
    context.close()
