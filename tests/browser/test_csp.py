"""The Content-Security-Policy in a real Chromium: the main pages load, draw their charts and
run their scripts without a single policy violation, and an injected inline script is blocked."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records every violation the browser reports, before any page script runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def visit(page: Any, url: str, problems: list[str]) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")
    for violation in page.evaluate("window.__cspViolations"):
        problems.append(f"{url}: {violation}")


def test_the_main_pages_run_under_the_policy_without_a_violation(
    demo_world, live_server, browser, login, shot
):
    from trustledger.demo import cast as story
    from trustledger.directory.models import Person, Unit
    from trustledger.ledger.models import Relationship
    from trustledger.surveys.models import Campaign

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    problems: list[str] = []
    visit(page, f"{live_server.url}/login/", problems)
    login(page, "admin", story.DEMO_PASSWORD)

    day = f"?as_of={story.DEMO_END.date().isoformat()}"
    it = Unit.objects.get(name="IT")
    tobias = Person.objects.get(display_name="Tobias Reinholt")
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    campaign = Campaign.objects.order_by("pk").first()
    charts = {
        f"/map/{day}": "#gap-chart",
        f"/units/{it.pk}/{day}": "[data-chart='unit-trend']",
        f"/people/{tobias.pk}/{day}": "[data-chart='attention']",
        f"/relationships/{rel.pk}/{day}": "[data-chart='reserve']",
    }
    for url, chart in charts.items():
        visit(page, live_server.url + url, problems)
        page.wait_for_selector(f"{chart}[data-drawn=true]")
        # Plotly drew real SVG (its styles come from its script, not inline style blocks).
        assert page.locator(f"{chart} svg.main-svg").count() >= 1, url
        # Plotly wrote its rules into the linked static/web/charts.css through the CSSOM.
        rules = "document.getElementById('plotly.js-style-global').sheet.cssRules.length"
        assert page.evaluate(rules) > 0, url
        shot(page, "csp-" + url.split("/")[1])
    for url in (
        f"/{day}",
        f"/explain/unit/{it.pk}/reliability/{day}",
        "/commitments/",
        "/levels/",
        "/entry/",
        "/surveys/",
        f"/surveys/{campaign.pk}/",
        f"/surveys/{campaign.pk}/results/",
        "/imports/",
        "/account/tokens/",
        "/api/v1/docs",
        "/analytics/status/",
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/1/change/",
        "/admin/ledger/relationship/1/change/",
    ):
        visit(page, live_server.url + url, problems)
        if "/results/" in url:
            shot(page, "csp-survey-results")
    context.close()
    assert problems == [], "\n".join(problems)
    assert [line for line in console if "Security Policy" in line or "CSP" in line] == []
    assert [line for line in console if line.startswith("pageerror")] == []


def test_an_injected_inline_script_does_not_run(demo_world, live_server, page, login):
    """Escaping is the first defence; the policy is the second: markup that slipped into a
    page still cannot run a script."""
    from trustledger.demo import cast as story

    login(page, "admin", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/")
    ran = page.evaluate(
        """() => new Promise((resolve) => {
          window.__ran = false;
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.appendChild(script);
          const holder = document.createElement("div");
          holder.innerHTML = '<img src="/no-such-image" onerror="window.__ran = true">';
          const image = holder.querySelector("img");
          // Registered after the attribute handler, so it runs after it would have.
          image.addEventListener("error", () => resolve(window.__ran));
          document.body.appendChild(holder);
        })"""
    )
    assert ran is False
