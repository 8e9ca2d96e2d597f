"""The write side in a real Chromium: log an interaction and see the last contact move, make
a commitment and keep it and see reliability rise, and a member refused the admin pages.
Screenshots of the register, the interaction form and the levels page go to docs/screenshots/."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _phone_shot(browser, url: str, name: str, storage_state, shot) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, storage_state=storage_state)
    phone = context.new_page()
    phone.goto(url)
    phone.wait_for_load_state("networkidle")
    shot(phone, name, phone=True)
    context.close()


def _tobias():  # type: ignore[no-untyped-def]
    """The CIO, who manages IT and has relationships of his own (the CFO, the CMO...)."""
    from trustledger.accounts.models import User

    return User.objects.get(username="tobias").person


def _his_relationship():  # type: ignore[no-untyped-def]
    from trustledger.ledger.models import Relationship

    return (
        Relationship.objects.filter(our_person=_tobias(), counterpart_person__isnull=False)
        .select_related("counterpart_person")
        .order_by("pk")
        .first()
    )


def _pick(page, field: str, person) -> None:  # type: ignore[no-untyped-def]
    """Choose a person in a picker as a user does (type the name, click the answer), unless
    the form came with them chosen (a relationship's counterpart is filled in for you)."""
    chosen = page.locator(f"select[name={field}]").evaluate(
        "s => Array.from(s.selectedOptions).map(o => o.value)"
    )
    if str(person.pk) in chosen:
        assert person.display_name in page.locator("main form").inner_text()  # shown chosen
        return
    page.locator(f"#id_{field}-search").fill(person.display_name.split(" ")[0])
    page.locator(f"#id_{field}-list li", has_text=person.display_name).first.click()


def test_logging_an_interaction_moves_the_last_contact(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    rel = _his_relationship()
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/relationships/{rel.pk}/")
    before = page.get_by_test_id("last-contact").inner_text()
    assert "Browser check-in" not in before

    page.goto(f"{live_server.url}/entry/interaction/?relationship={rel.pk}")
    assert page.locator("select[name=relationship]").input_value() == str(rel.pk)
    _pick(page, "person", rel.counterpart_person)
    page.select_option("select[name=channel]", "call")
    page.fill("input[name=subject]", "Browser check-in")
    page.select_option("select[name=answered]", "true")
    page.select_option("select[name=focus]", "theirs")
    shot(page, "entry-interaction")
    _phone_shot(browser, page.url, "entry-interaction", page.context.storage_state(), shot)
    page.click("button.primary:has-text('Save')")
    page.wait_for_load_state("networkidle")
    assert "logged" in page.locator(".messages").inner_text()

    page.goto(f"{live_server.url}/relationships/{rel.pk}/")
    after = page.get_by_test_id("last-contact").inner_text()
    assert "Browser check-in" in after
    assert dt.date.today().isoformat() in after


def test_keeping_a_commitment_raises_the_promisors_reliability(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story
    from trustledger.ledger.models import Commitment

    rel = _his_relationship()
    cio = _tobias()
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/entry/commitment/?relationship={rel.pk}")
    page.fill("input[name=what]", "Send the capacity plan")
    _pick(page, "promisee", rel.counterpart_person)
    page.fill("input[name=due_on]", (dt.date.today() + dt.timedelta(days=3)).isoformat())
    page.check("input[name=strength][value=commitment]")
    page.fill("textarea[name=statement]", "You will have the capacity plan by Thursday.")
    page.click("button.primary:has-text('Save')")
    page.wait_for_load_state("networkidle")
    made = Commitment.objects.get(what="Send the capacity plan")
    assert made.promisor == cio

    page.goto(f"{live_server.url}/commitments/?promisor={cio.pk}")
    row = page.locator(f"#commitment-{made.pk}")
    assert "You will have the capacity plan by Thursday." in row.inner_text()
    before = float(row.get_by_test_id("reliability").inner_text())
    row.get_by_role("link", name="Keep", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "/keep/" in page.url  # a confirmation first, nothing changed yet
    made.refresh_from_db()
    assert made.state == "open"
    page.click("button:has-text('Yes, keep')")
    page.wait_for_load_state("networkidle")
    assert f"/commitments/?promisor={cio.pk}" in page.url
    message = page.locator(".messages").inner_text()
    assert "is kept" in message and f"{before:.1f} →" in message

    page.goto(f"{live_server.url}/commitments/?promisor={cio.pk}&state=kept")
    row = page.locator(f"#commitment-{made.pk}")
    assert row.get_attribute("data-state") == "kept"
    after = float(row.get_by_test_id("reliability").inner_text())
    assert after > before

    # The register as the IT manager sees it, every state, for the screenshot.
    page.goto(f"{live_server.url}/commitments/?state=")
    page.wait_for_load_state("networkidle")
    shot(page, "commitments")
    _phone_shot(browser, page.url, "commitments", page.context.storage_state(), shot)


def test_the_levels_page_and_a_member_refused_the_admin_pages(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/levels/")
    pyramid = page.get_by_test_id("pyramid")
    counts = [
        int(c)
        for c in pyramid.locator("li.step").evaluate_all("ls => ls.map(l => l.dataset.count)")
    ]
    assert len(counts) == 5 and sum(counts) > 0
    shot(page, "levels")
    _phone_shot(browser, page.url, "levels", page.context.storage_state(), shot)

    page.context.clear_cookies()
    login(page, "priya", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")
    assert "/admin/login/" in page.url
    assert "not authorized" in page.content()
    response = page.goto(f"{live_server.url}/admin/ledger/commitment/")
    assert "/admin/login/" in page.url or response.status in (302, 403)
