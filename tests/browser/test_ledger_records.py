"""Records from the web in a real Chromium: tobias logs an interaction with two Finance people
picked by typing (accents ignored), opens its record page; closes a feedback loop and sees the
relationship's timeline say it is closed. Screenshots (desktop and phone) of the record page,
the picker and the close-the-loop form go to the screenshots folder as ledger-*.png."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _it_finance():  # type: ignore[no-untyped-def]
    from trustledger.ledger.models import Relationship

    return Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")


def _phone(browser, page, url: str, name: str, shot) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, storage_state=page.context.storage_state())
    phone = context.new_page()
    phone.goto(url)
    phone.wait_for_load_state("networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width}px wide on a phone"
    shot(phone, name, phone=True)
    context.close()


def test_an_interaction_with_two_participants_picked_by_typing(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story
    from trustledger.ledger.models import Interaction

    rel = _it_finance()
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/entry/interaction/?relationship={rel.pk}")
    search = page.locator("#id_person-search")
    search.fill("esterhazy")  # no accent typed: Margit Esterházy is found
    # Polled by locator, not wait_for_function: the page's CSP forbids the eval it polls with.
    page.locator("#id_person-status", has_text="1 match").wait_for()
    search.press("Enter")
    search.fill("oskar")
    page.locator("#id_person-list li", has_text="Oskar Wendt").wait_for()
    search.press("Enter")
    chosen = page.locator("ul.picker-chosen li").all_inner_texts()
    assert any("Margit Esterházy" in c for c in chosen) and any("Oskar Wendt" in c for c in chosen)
    page.select_option("select[name=channel]", "meeting")
    page.fill("input[name=subject]", "Month-end close, two of Finance")
    shot(page, "ledger-picker")
    page.click("button:has-text('Save')")
    page.wait_for_load_state("networkidle")
    assert "Interaction with" in page.inner_text("body")

    made = Interaction.objects.get(subject="Month-end close, two of Finance")
    names = set(made.participants.values_list("person__display_name", flat=True))
    assert names == {"Margit Esterházy", "Oskar Wendt"}
    page.goto(f"{live_server.url}/records/interaction/{made.pk}/")
    body = page.inner_text("body")
    assert "Margit Esterházy" in body and "Oskar Wendt" in body
    assert page.locator("a:has-text('Edit')").count() == 1
    shot(page, "ledger-record-interaction")
    _phone(browser, page, page.url, "ledger-record-interaction", shot)


def test_closing_a_feedback_loop_shows_on_the_relationship(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.accounts.models import User
    from trustledger.demo import cast as story
    from trustledger.ledger import actions

    rel = _it_finance()
    item = actions.record_feedback(
        User.objects.get(username="admin"), rel, summary="The close reports arrive too late"
    )
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/records/feedback/{item.pk}/")
    assert "the loop is open" in page.inner_text("body")
    shot(page, "ledger-record-feedback")
    page.click("a:has-text('Close the loop')")
    page.wait_for_load_state("networkidle")
    page.fill("textarea[name=what_changed]", "The close reports now go out by 9:00")
    shot(page, "ledger-feedback-close")
    _phone(browser, page, page.url, "ledger-feedback-close", shot)
    page.click("button:has-text('Close the loop')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/records/feedback/{item.pk}/")
    assert "the loop was closed on" in page.inner_text("body")

    page.goto(f"{live_server.url}/relationships/{rel.pk}/")
    timeline = page.inner_text("#timeline-title + p + ul")
    assert "The close reports arrive too late — loop closed" in timeline
