"""The notification centre in a real Chromium: the header's unread count, a snooze that takes
a nudge out of sight and the count down, and a nudge's link landing on its pre-filled form.
The centre's screenshot goes to docs/screenshots/i16-nudges-centre.png (`make screenshots`)."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unread_count_snooze_and_the_link_to_the_prefilled_form(
    page, login, live_server, demo_world, shot
):  # type: ignore[no-untyped-def]
    login(page, "tobias", "trust-the-ledger")
    page.goto(f"{live_server.url}/nudges/")
    nudges = page.get_by_test_id("nudge")
    listed = nudges.count()
    assert listed >= 2
    badge = page.get_by_test_id("unread-count")
    assert badge.inner_text() == str(listed)
    shot(page, "i16-nudges-centre")

    feedback = page.locator("[data-testid=nudge][data-kind=feedback_unanswered]")
    feedback.get_by_test_id("snooze-7").click()
    page.wait_for_load_state("networkidle")
    assert "Snoozed for 7 days." in page.locator("main").inner_text()
    assert page.get_by_test_id("nudge").count() == listed - 1
    assert page.get_by_test_id("unread-count").inner_text() == str(listed - 1)
    assert page.locator("[data-kind=feedback_unanswered]").count() == 0

    keep_in_touch = page.locator("[data-testid=nudge][data-kind=keep_in_touch]")
    keep_in_touch.get_by_test_id("nudge-act").click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/entry/interaction/\?relationship=\d+", page.url)
    # The form arrives with the relationship chosen, ready to log the contact.
    chosen = page.locator("select[name=relationship]").evaluate("s => s.value")
    assert chosen and chosen in page.url
    assert "Tessellate Integrators" in page.locator("main form").inner_text()
    # Opening it read it: one fewer unread in the header.
    left = listed - 2
    badge = page.get_by_test_id("unread-count")
    assert (badge.inner_text() if left else badge.count()) == (str(left) if left else 0)
