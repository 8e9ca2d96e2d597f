"""Promises confirmed by the person they were made to, in a real Chromium: IT records a
promise to Margit as kept (a claim); margit logs in, opens it and confirms it; IT's
reliability on IT ↔ Finance rises and its explanation names her confirmation. Screenshots:
i14-confirm-*.png (the promisee's buttons, the reliability explanation with confirmed and
claimed outcomes, a phone view of the record)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from tests.browser.conftest import REPO, SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DOCS = REPO / "docs" / "screenshots"


def _claim():  # type: ignore[no-untyped-def]
    """A fresh promise from IT's tobias to Margit, recorded as kept by IT yesterday."""
    from django.utils import timezone

    from trustledger.accounts.models import User
    from trustledger.directory.models import Person
    from trustledger.ledger import actions
    from trustledger.ledger.models import Relationship

    rel = Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")
    tobias = User.objects.get(username="tobias")
    made = timezone.now() - dt.timedelta(days=6)
    promise = actions.make_commitment(
        tobias, promisor=tobias.person, promisee=Person.objects.get(display_name="Margit Esterházy"),
        what="Send the licence cost forecast for Q1", strength="commitment", made_at=made,
        due_at=made + dt.timedelta(days=7), relationship=rel,
    )  # fmt: skip
    actions.keep_commitment(tobias, promise, at=timezone.now() - dt.timedelta(days=1))
    return rel, promise


def _reliability(page, live_server, rel) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/explain/relationship/{rel.pk}/measures.reliability/")
    page.wait_for_load_state("networkidle")
    text = page.inner_text("main")
    value = re.search(r"Value:\s*([0-9.]+)", text)
    assert value, text[:400]
    return float(value.group(1)), text


def _keep(name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(SCREENSHOTS / f"{name}.png", DOCS / f"{name}.png")


def test_margit_confirms_and_it_reliability_follows(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    rel, promise = _claim()
    it = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(it, "tobias", story.DEMO_PASSWORD)
    before, explained = _reliability(it, live_server, rel)
    line = f"commitment:{promise.pk}: kept — claimed by IT, not yet confirmed"
    assert line in explained
    shot(it, "i14-confirm-reliability-claimed")
    _keep("i14-confirm-reliability-claimed")

    login(page, "margit", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/records/commitment/{promise.pk}/")
    assert "claimed — awaiting Margit's confirmation" in page.inner_text("main")
    shot(page, "i14-confirm-buttons")
    _keep("i14-confirm-buttons")
    page.click("button[data-verb=kept]")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("main")
    assert "confirmed by Margit Esterházy on" in body
    assert page.locator("button[data-verb=kept]").count() == 0

    after, explained = _reliability(it, live_server, rel)
    assert after > before, (before, after)
    assert f"commitment:{promise.pk}: kept — confirmed by Margit Esterházy on" in explained
    assert "claimed by IT, not yet confirmed" not in explained.split("Records behind it")[0]
    shot(it, "i14-confirm-reliability-explained")
    _keep("i14-confirm-reliability-explained")
    it.context.close()


def test_the_promisor_side_sees_the_claim_and_a_dispute_as_a_next_action(
    demo_world, live_server, page, login, browser, shot
):  # type: ignore[no-untyped-def]
    from trustledger.demo import cast as story

    rel, promise = _claim()
    login(page, "oskar", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/records/commitment/{promise.pk}/")
    # Oskar is a member of Finance, not the promisee: he reads the claim, has no buttons.
    assert page.locator("button[data-verb=kept]").count() == 0
    assert "awaiting Margit's confirmation" in page.inner_text("main")

    margit = browser.new_context(viewport=PHONE).new_page()
    login(margit, "margit", story.DEMO_PASSWORD)
    margit.goto(f"{live_server.url}/records/commitment/{promise.pk}/")
    margit.click("details.dispute summary")
    margit.fill("textarea[name=comment]", "The forecast left out the cloud credits.")
    shot(margit, "i14-confirm-dispute", phone=True)
    margit.click("button[data-verb=dispute]")
    margit.wait_for_load_state("networkidle")
    width = margit.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the record page is {width}px wide on a phone"
    assert "disputed by Margit Esterházy" in margit.inner_text("main")
    margit.context.close()

    login(page, "tobias", story.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/relationships/{rel.pk}/")
    assert "Answer their dispute" in page.inner_text("main")
