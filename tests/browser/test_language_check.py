"""The language check in a real Chromium: a pasted draft read sentence by sentence (the tags,
the deciding words, the suggestion; a quoted promise set aside, not read), and the commitment
form's hint: typing the sentence shows its reading and "Use this" sets the strength."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import PHONE, SCREENSHOTS

DESKTOP = {"width": 1280, "height": 900}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = """Hi Margit,

Thanks for the call this morning. I will send you the cost forecast by Friday.
We'll try to have the cost-centre mapping ready next week. I hope to join your planning day.

-----Original Message-----
From: Margit
I will approve the budget tomorrow.
"""


def test_a_draft_is_read_sentence_by_sentence(demo_world, live_server, page, login, shot):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Language check").click()
    page.wait_for_url("**/language/")
    page.fill("textarea[name=text]", DRAFT)
    page.fill("input[name=time_zone]", "Europe/Vienna")
    page.get_by_role("button", name="Check the language").click()
    result = page.get_by_test_id("language-result")
    result.wait_for()
    rows = result.locator("li.checked")
    strengths = [rows.nth(i).get_attribute("data-strength") for i in range(rows.count())]
    assert strengths.count("commitment") == 1
    assert strengths.count("best_effort") == 1
    assert strengths.count("good_intention") == 1
    forecast = rows.filter(has_text="cost forecast")
    assert forecast.locator(".pill").inner_text() == "a commitment"
    assert "Friday" in forecast.locator(".due").inner_text()
    effort = rows.filter(has_text="cost-centre mapping")
    assert effort.locator("mark.cue").first.inner_text().lower() == "we'll try"
    assert "reads as a best effort" in effort.get_by_test_id("suggestion").inner_text()
    # The quoted promise is Margit's, not the writer's: set aside, folded, never tagged.
    assert rows.filter(has_text="approve the budget").count() == 0
    folded = result.locator("details.removed[data-kind=quote]")
    assert not folded.locator("pre").is_visible()
    folded.locator("summary").click()
    assert "approve the budget" in folded.locator("pre").inner_text()
    shot(page, "i15-language-check-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "i15-language-check-phone")


def test_the_commitment_form_suggests_the_strength_it_reads(demo_world, live_server, page, login):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/entry/commitment/")
    chosen = page.locator("input[name=strength]:checked")
    assert chosen.get_attribute("value") == "commitment"
    page.locator("textarea[name=statement]").type("We'll try to send the mapping by Friday.")
    hint = page.get_by_test_id("strength-hint")
    hint.filter(has_text="Reads as a best effort").wait_for(timeout=10_000)
    assert "“We'll try”" in hint.inner_text()
    # Only shown, never set on its own: the choice stays until the button is pressed.
    assert chosen.get_attribute("value") == "commitment"
    hint.get_by_role("button", name="Set the strength to a best effort").click()
    assert page.locator("input[name=strength]:checked").get_attribute("value") == "best_effort"
    hint.filter(has_text="The strength chosen matches").wait_for()


MAILS = [
    "Hi Margit,\n\nHow can I help with the year-end close? What do you need from IT before "
    "the audit? I will send the cost forecast by Friday.\n\n-- \nTobias Reinholt\nIT",
    "I'm asking because your auditors start on the 9th: is your team ready for the access "
    "review? We finished our part of the inventory. Our new ticket queue is live.",
    "Thanks for the list. We need the cost-centre owners from you by Monday. "
    "Our team is short of people this month.",
]


def test_our_language_shows_as_evidence_beside_the_rating(demo_world, live_server, page, login):  # type: ignore[no-untyped-def]
    import datetime as dt

    from tests.web.test_language_orientation import mail
    from trustledger.demo import cast as story
    from trustledger.directory.models import Person
    from trustledger.ledger.models import Relationship

    tobias = Person.objects.get(display_name__startswith="Tobias")
    margit = Person.objects.get(display_name__startswith="Margit")
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    for i, body in enumerate(MAILS):
        mail(tobias, margit, body, at + dt.timedelta(hours=i))
    rel = next(r for r in Relationship.objects.all() if str(r) == "IT ↔ Finance")
    login(page, "tobias", story.DEMO_PASSWORD)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for url, name in (
        (f"/relationships/{rel.pk}/", "relationship"),
        (f"/people/{tobias.pk}/", "person"),
    ):
        for width, size in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.goto(live_server.url + url)
            card = page.get_by_test_id("orientation-evidence")
            assert "evidence" in card.locator("h2").inner_text()
            assert re.search(r"Of \d+ sentences (we|[A-Z][^,]+) wrote", card.inner_text())
            card.screenshot(path=str(SCREENSHOTS / f"i15-orientation-{name}-{width}.png"))
    # The counterpart's view of the same relationship never shows it.
    login(page, "margit", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/relationships/{rel.pk}/")
    assert page.get_by_test_id("their-side").count() == 1
    assert page.get_by_test_id("orientation-evidence").count() == 0


@pytest.mark.parametrize(("scheme", "viewport"), [("light", DESKTOP), ("dark", PHONE)])
def test_the_reading_and_the_hint_pass_axe_in_both_schemes(
    demo_world, live_server, browser, login, scheme, viewport
):  # type: ignore[no-untyped-def]
    from tests.browser.axe import axe_source
    from tests.browser.crawl import MEASURE, RUN_AXE, with_axe
    from trustledger.demo import cast as story

    context = browser.new_context(viewport=viewport, color_scheme=scheme, bypass_csp=True)
    page = with_axe(context, axe_source())
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/language/")
    page.fill("textarea[name=text]", DRAFT)
    page.get_by_role("button", name="Check the language").click()
    page.get_by_test_id("language-result").wait_for()
    page.locator("details.removed summary").first.click()
    assert page.evaluate(RUN_AXE) == []
    assert page.evaluate(MEASURE)["sticking_out"] == []
    page.goto(f"{live_server.url}/entry/commitment/")
    page.locator("textarea[name=statement]").type("We'll try to send it.")
    page.get_by_test_id("strength-hint").filter(has_text="Reads as").wait_for()
    assert page.evaluate(RUN_AXE) == []
    context.close()
