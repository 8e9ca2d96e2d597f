"""The review pack and the unit trust report in Chromium, on a desktop (light) and a
390 px phone (dark): each fits the screen, axe-core finds no violation, and a screenshot of
each is kept (docs/screenshots/ with `make screenshots`)."""

from __future__ import annotations

from typing import Any

import pytest

from .axe import axe_source
from .conftest import PHONE
from .crawl import check, with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}


def test_report_pages_fit_a_phone_and_pass_axe(demo_world, live_server, browser, login, shot):
    from trustledger.demo import cast as story
    from trustledger.directory.models import Unit
    from trustledger.ledger import models as m

    rel = next(r for r in m.Relationship.objects.all() if str(r) == "IT ↔ Finance")
    it = Unit.objects.get(name="IT")
    axe = axe_source()
    pages = {
        "tobias": [
            ("i18-review-pack", f"/relationships/{rel.pk}/review-pack/"),
            ("i18-unit-report", f"/units/{it.pk}/trust-report/"),
        ],
        "margit": [("i18-review-pack-theirs", f"/relationships/{rel.pk}/review-pack/")],
    }
    failing: list[str] = []
    for persona, addresses in pages.items():
        for device, viewport, scheme in (("desktop", DESKTOP, "light"), ("phone", PHONE, "dark")):
            context: Any = browser.new_context(
                viewport=viewport, color_scheme=scheme, bypass_csp=True
            )
            page = with_axe(context, axe)
            login(page, persona, story.DEMO_PASSWORD)
            for name, address in addresses:
                result = check(page, live_server.url, address, persona, device)
                if result.status != 200 or not result.ok:
                    failing.append(
                        f"{persona} {device} {address}: {result.status} width "
                        f"{result.width}/{result.viewport} {result.sticking_out} "
                        + "; ".join(
                            f"{v['id']}: {v['help']} at {v['nodes']}" for v in result.violations
                        )
                    )
                shot(page, f"{name}-phone" if device == "phone" else name)
            context.close()
    assert not failing, "\n".join(failing)
