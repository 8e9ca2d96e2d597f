"""Pickers in a real Chromium: found by typing and chosen with the keyboard alone (arrow keys,
Enter, Escape, a chip's remove button); without JavaScript a typed name is taken instead."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_is_found_and_chosen_with_the_keyboard(demo_world, live_server, page, login):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/entry/commitment/")
    search = page.locator("#id_promisee-search")
    assert page.locator("label[for=id_promisee-search]").is_visible()  # the label moved to it
    assert not page.locator("select[name=promisee]").is_visible()  # the select is hidden
    search.focus()
    page.keyboard.type("oskar wen")
    page.locator("#id_promisee-list li", has_text="Oskar Wendt").wait_for()
    page.keyboard.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == "id_promisee-option-0"
    page.keyboard.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")  # opens the answers again
    page.locator("#id_promisee-list li", has_text="Oskar Wendt").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    # The status is written after the choice: wait for it rather than read it at once.
    status = page.locator("#id_promisee-search ~ .picker-status")
    status.filter(has_text="Oskar Wendt").wait_for(timeout=10_000)
    select = page.locator("select[name=promisee]")
    from trustledger.directory.models import Person

    assert select.input_value() == str(Person.objects.get(display_name="Oskar Wendt").pk)
    # One person only: a remove button takes the choice back.
    page.get_by_role("button", name="Remove Oskar Wendt (Controller)").click()
    assert select.input_value() == ""


def test_without_javascript_a_typed_name_is_taken(demo_world, live_server, browser, login):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from trustledger.demo import cast as story
    from trustledger.ledger.models import Commitment

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/entry/commitment/")
    typed = page.locator("input[name=promisee-typed]")
    assert typed.is_visible()
    page.fill("input[name=what]", "Send the close calendar")
    typed.fill("Oskar Wendt")
    page.fill("input[name=due_on]", timezone.localdate().isoformat())
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    made = Commitment.objects.get(what="Send the close calendar")
    assert made.promisee.display_name == "Oskar Wendt"
    context.close()
