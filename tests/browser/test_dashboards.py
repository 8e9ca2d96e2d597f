"""The dashboards in a real Chromium: the trust map's perception gap chart carries IT's
transparency blind spot, and each dashboard renders (screenshots in docs/screenshots/)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_trust_map_chart_shows_it_transparency_blind_spot(
    demo_world, live_server, page, login, shot
):
    from trustledger.demo import cast as story
    from trustledger.directory.models import Person, Unit
    from trustledger.ledger.models import Relationship

    login(page, "admin", story.DEMO_PASSWORD)
    as_of = f"?as_of={story.DEMO_END.date().isoformat()}"

    page.goto(f"{live_server.url}/{as_of}")
    page.wait_for_load_state("networkidle")
    shot(page, "home")

    page.goto(f"{live_server.url}/map/{as_of}")
    page.wait_for_function("window.trustledgerCharts && window.trustledgerCharts['perception-gap']")
    chart = page.evaluate("window.trustledgerCharts['perception-gap']")
    assert chart["unit"] == "IT"
    transparency = next(c for c in chart["components"] if c["component"] == "transparency")
    assert transparency["self"] > 8.5
    assert transparency["others"] < 5.5
    assert transparency["blind_spot"] is True
    # Plotly drew it: the bars carry the same numbers.
    page.wait_for_selector("#gap-chart[data-drawn=true]")
    drawn = page.evaluate("document.getElementById('gap-chart').data.map(t => t.y)")
    index = [c["component"] for c in chart["components"]].index("transparency")
    assert drawn[0][index] == pytest.approx(transparency["self"])
    assert drawn[1][index] == pytest.approx(transparency["others"])
    shot(page, "map")

    it = Unit.objects.get(name="IT")
    page.goto(f"{live_server.url}/units/{it.pk}/{as_of}")
    page.wait_for_selector("[data-chart='unit-trend'][data-drawn=true]")
    shot(page, "unit")

    tobias = Person.objects.get(display_name="Tobias Reinholt")
    page.goto(f"{live_server.url}/people/{tobias.pk}/{as_of}")
    page.wait_for_selector("[data-chart='attention'][data-drawn=true]")
    attention = page.evaluate("window.trustledgerCharts['attention']")
    assert max(attention["series"][0]["y"]) > 0
    shot(page, "person")

    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    page.goto(f"{live_server.url}/relationships/{rel.pk}/{as_of}")
    page.wait_for_selector("[data-chart='reserve'][data-drawn=true]")
    assert page.inner_text("[data-testid=last-contact]").strip()
    shot(page, "relationship")


def test_the_layout_works_on_a_phone(demo_world, live_server, browser, login):
    from trustledger.demo import cast as story

    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        login(phone, "tobias", story.DEMO_PASSWORD)
        phone.goto(f"{live_server.url}/map/")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1  # nothing pushes the page sideways; wide tables scroll inside
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.activeElement.textContent") == "Skip to content"
    finally:
        context.close()
