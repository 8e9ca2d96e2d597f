"""Answering back in a real Chromium: margit gives feedback on IT ↔ Finance and raises a
need; tobias answers the feedback with what changed; margit sees the loop closed, and the
loop's state says by whom. Screenshots go to the screenshots folder as i14-answer-browser-*.png."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_margit_gives_feedback_tobias_answers_margit_sees_it_closed(
    demo_world, live_server, browser, login, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story
    from trustledger.ledger.models import FeedbackItem, Relationship

    rel = Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")
    answers = f"{live_server.url}/relationships/{rel.pk}/answers/"

    finance = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(finance, "margit", story.DEMO_PASSWORD)
    finance.goto(answers)
    form = finance.locator("[data-testid=give-feedback]")
    form.locator("textarea[name=summary]").fill("Tell us a week before a system change.")
    form.locator("select[name=sentiment]").select_option("negative")
    form.locator("button[type=submit]").click()
    finance.wait_for_load_state("networkidle")
    assert finance.url.startswith(answers)
    item = FeedbackItem.objects.get(summary="Tell us a week before a system change.")
    assert item.given_directly and item.from_person.display_name == "Margit Esterházy"

    it = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(it, "tobias", story.DEMO_PASSWORD)
    it.goto(f"{live_server.url}/feedback/{item.pk}/close/")
    it.fill(
        "textarea[name=what_changed]", "Changes are announced on the Finance channel a week ahead."
    )
    it.click("form button[type=submit]:has-text('Close')")
    it.wait_for_load_state("networkidle")
    item.refresh_from_db()
    assert item.loop_closed_at is not None and item.seen_closed_at is None

    finance.goto(answers)
    row = finance.locator("[data-testid=answers-feedback-item]", has_text="a week before")
    assert "waiting for them to see it closed" in row.inner_text()
    row.locator("button:has-text('Seen closed')").click()
    finance.wait_for_load_state("networkidle")
    row = finance.locator("[data-testid=answers-feedback-item]", has_text="a week before")
    assert "Seen closed by Margit Esterházy" in row.inner_text()
    shot(finance, "i14-answer-browser-seen-closed")
