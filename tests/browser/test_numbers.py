"""Numbers read themselves in a real Chromium: the perception-gap chart draws every component
higher-is-better (self-orientation as 11 − rating), and an explanation page pages its records."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_perception_chart_never_inverts(demo_world, live_server, page, login, shot):
    from trustledger.demo import cast as story

    login(page, "admin", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/map/?as_of={story.DEMO_END.date().isoformat()}")
    page.wait_for_selector("#gap-chart[data-drawn=true]")
    chart = page.evaluate("window.trustledgerCharts['perception-gap']")
    drawn_self, drawn_others = page.evaluate(
        "document.getElementById('gap-chart').data.map(t => t.y)"
    )
    for i, row in enumerate(chart["components"]):
        if row["self"] is None or row["others"] is None:
            continue
        flip = row["component"] == "self_orientation"
        assert drawn_self[i] == pytest.approx(11 - row["self"] if flip else row["self"])
        assert drawn_others[i] == pytest.approx(11 - row["others"] if flip else row["others"])
        if row["blind_spot"]:  # a blind spot: the self bar stands above, on every component
            assert drawn_self[i] > drawn_others[i]
    assert "self_orientation" in chart["blind_spots"]


def test_an_explanation_page_is_grouped_and_paged(demo_world, live_server, page, login, shot):
    from trustledger.demo import cast as story
    from trustledger.ledger.models import Relationship

    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/explain/relationship/{rel.pk}/health/")
    groups = page.locator("h3.numbers-group").all_inner_texts()
    assert groups[0].startswith("Commitments") and any(g.startswith("Interactions") for g in groups)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000  # 40 records a page, not 300 on one page
    shot(page, "numbers-explain")
    page.click("a[rel=next]")
    page.wait_for_load_state()
    assert "page=2" in page.url
    assert page.locator("a[rel=prev]").count() == 1
