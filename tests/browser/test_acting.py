"""Acting from a next action in a real Chromium: the button opens the right form pre-filled,
saving brings the user back to the page they came from with the action gone. Home of tobias
and priya at desktop and phone size go to the screenshots (acting-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _width_fits(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def test_schedule_the_review_from_home_and_come_back_with_the_action_gone(
    demo_world, live_server, page, login, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story
    from trustledger.engine.reports import engine_settings
    from trustledger.ledger.models import QualityReview, Relationship

    rel = Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Marketing")
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/")
    button = page.locator(
        f"#next-title ~ ul [data-testid=act-schedule_review][href*='relationship={rel.pk}']"
    )
    assert button.count() == 1
    assert button.inner_text() == "Schedule the review"
    button.click()
    page.wait_for_load_state("networkidle")

    assert "/entry/review/" in page.url
    assert page.locator("select[name=relationship]").input_value() == str(rel.pk)
    due = dt.date.today() + dt.timedelta(days=engine_settings().health.review_interval_days)
    assert page.locator("input[name=next_review_due]").input_value() == due.isoformat()
    assert page.locator("input[name=next]").input_value() == "/"
    page.fill("textarea[name=notes]", "Reviewed the agreed measures together")
    shot(page, "acting-review-form")
    page.click("form.entry-form button[type=submit]")
    page.wait_for_load_state("networkidle")

    assert page.url.rstrip("/") == live_server.url
    assert "Quality review recorded." in page.locator(".message").first.inner_text()
    assert QualityReview.objects.filter(relationship=rel, notes__startswith="Reviewed").exists()
    assert (
        page.locator(f"[data-testid=act-schedule_review][href*='relationship={rel.pk}']").count()
        == 0
    )
    assert "No quality review is due." in page.locator("[data-testid=todo]").inner_text()


@pytest.mark.parametrize("username", ["tobias", "priya"])
def test_home_to_do_at_desktop_and_phone(
    demo_world, live_server, page, login, browser, shot, username
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    login(page, username, story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    todo = page.locator("[data-testid=todo]").inner_text()
    assert "Commitments due and overdue" in todo and "People to reach out to" in todo
    if username == "tobias":
        assert "Move the events microsite to the new CDN" in todo
        assert page.locator("[data-testid=todo] a.button.act").count() >= 3
    else:
        assert "Nothing of yours is due" in todo
    shot(page, f"acting-home-{username}")

    context = browser.new_context(viewport=PHONE, storage_state=page.context.storage_state())
    phone = context.new_page()
    phone.goto(f"{live_server.url}/")
    phone.wait_for_load_state("networkidle")
    assert _width_fits(phone), f"home of {username} is wider than a phone"
    shot(phone, f"acting-home-{username}-phone")
    context.close()
