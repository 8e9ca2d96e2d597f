"""Numbers read themselves on every page: scale and band in words, no lone "%", no raw
machine values, signed perception gaps, the reserve's movements, paged explanations."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.demo import cast as story
from trustledger.directory.models import Person, Unit
from trustledger.ledger.models import Relationship, ReserveEntry
from trustledger.web.pages import explain

pytestmark = pytest.mark.django_db
AS_OF = f"?as_of={story.DEMO_END.date().isoformat()}"
PERSONAS = ("admin", "tobias", "priya", "margit", "oskar", "ines")

# Machine values that must never reach a reader as they are stored.
RAW_VALUES = (
    "in_person",
    "best_effort",
    "good_intention",
    "kept_late",
    "kept_on_time",
    "self_orientation",
    "problem_solver",
    "trusted_advisor",
    "two_way_attention",
    "kept_commitment",
    "closed_feedback_loop",
    "broken_commitment",
    "self_oriented_act",
    "attention_recency",
    "days_since_review",
    "local_context_completeness",
    "open_feedback_loops",
    "too_little",
)
LONE_PERCENT = re.compile(r"\d\s?%(?!\s+of\b)")
RAW_DECIMAL = re.compile(r"\b\d+\.\d{3,}\b|=\s*-?\d+(?:\.\d+)?")  # 0.5389, "= 124.41"


def visible_text(page: str) -> str:
    """What a reader sees of a page's main content: no scripts, no JSON data, no markup, and
    no <code> (formulas and machine keys shown as such are fine)."""
    main = re.search(r"<main.*?</main>", page, re.S)
    body = main.group(0) if main else page
    for tag in ("script", "code", "style"):
        body = re.sub(rf"<{tag}\b.*?</{tag}>", " ", body, flags=re.S)
    # The timeline quotes what people wrote ("target 99.9 %"): their words, not our numbers.
    body = re.sub(r'<ul class="plain timeline">.*?</ul>', " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def unreadable(text: str) -> list[str]:
    found = [m.group(0) for m in LONE_PERCENT.finditer(text)]
    found += [m.group(0) for m in RAW_DECIMAL.finditer(text)]
    found += [raw for raw in RAW_VALUES if re.search(rf"\b{raw}\b", text)]
    return found


def persona_pages(username: str, client: Any) -> list[str]:
    """The read pages of the demo one persona may open, with each relationship's main
    explanations."""
    scope = scope_for(User.objects.get(username=username))
    urls = ["/", "/map/"]
    urls += [f"/units/{pk}/" for pk in scope.units().values_list("pk", flat=True)[:6]]
    urls += [f"/people/{pk}/" for pk in scope.people().values_list("pk", flat=True)[:4]]
    for pk in scope.relationships().order_by("pk").values_list("pk", flat=True):
        urls.append(f"/relationships/{pk}/")
        data = client.get(f"/relationships/{pk}/{AS_OF}&format=json").json()
        for node in ("health", "reserve", "trust"):
            url = (data["report"].get(node) or {}).get("explain_url")
            if url:
                urls.append(url.split("?")[0])
    return urls


def test_no_page_shows_a_lone_percent_a_raw_value_or_a_long_decimal(demo_client):
    seen = {}
    for username in PERSONAS:  # one demo load for every persona: the sweep is the slow part
        client = demo_client(username)
        for url in persona_pages(username, client):
            response = client.get(url + ("&" if "?" in url else "?") + AS_OF[1:])
            assert response.status_code == 200, (username, url)
            bad = unreadable(visible_text(response.content.decode()))
            if bad:
                seen[(username, url)] = bad
    assert seen == {}


@pytest.mark.django_db(transaction=False)
def test_the_sweep_can_fail():
    assert unreadable("Talking AT share 38%") == ["8%"]
    assert unreadable("38% of our messages") == []
    assert unreadable("days since review = 124.41") == ["= 124.41"]
    assert unreadable("trust 0.5389") == ["0.5389"]
    assert unreadable("last contact by in_person") == ["in_person"]


def _finance() -> Relationship:
    return Relationship.objects.get(purpose__startswith="Keep Finance")


def _it() -> Unit:
    return Unit.objects.get(name="IT")


def test_scores_carry_their_scale_and_band_and_defaults_show_no_number(demo_client):
    client = demo_client("admin")
    page = visible_text(client.get(f"/units/{_it().pk}/{AS_OF}").content.decode())
    assert re.search(r"\d+\.\d+ on 0\.4–40 · (poor|fair|good|strong)", page)
    assert re.search(r"\d(\.\d)? of 10 · (poor|fair|good|strong)", page)
    rel = visible_text(client.get(f"/relationships/{_finance().pk}/{AS_OF}").content.decode())
    assert re.search(r"\d+ of 100", rel)
    assert re.search(r"of 1 · (poor|fair|good|strong)", rel)  # reciprocity
    # Which reliability is rated (survey) and which is evidence (promises kept).
    unit = visible_text(client.get(f"/units/{_it().pk}/{AS_OF}").content.decode())
    assert "Reliability (rated)" in unit
    assert "Reliability as evidence (promises kept)" in unit
    # A default is not a score: no evidence shows no number.
    nobody = Person.objects.get(display_name="Ines Okonkwo-Brandt")  # has promised nothing
    assert not nobody.commitments_made.exists()
    data = client.get(f"/people/{nobody.pk}/{AS_OF}&format=json").json()
    assert data["report"]["reliability"]["evidence"] == "no evidence"
    page = visible_text(client.get(f"/people/{nobody.pk}/{AS_OF}").content.decode())
    line = page.split("Reliability as evidence")[1].split("\n")[0]
    assert "no evidence yet" in line
    assert not re.search(r"\d", line.split("no evidence yet")[0])


def test_self_orientation_gap_is_signed_so_positive_is_worse_in_table_and_chart(demo_client):
    client = demo_client("tobias")
    data = client.get(f"/units/{_it().pk}/{AS_OF}&format=json").json()
    rows = {r["component"]: r for r in data["report"]["perception_gap"]["components"]}
    s = rows["self_orientation"]
    # IT sees itself as less self-oriented (lower) than others do: better in its own eyes.
    assert s["self_rating"] < s["others_mean"]
    assert s["gap"] < 0  # the machine key keeps the raw self − others
    assert s["overrating"] == pytest.approx(s["others_mean"] - s["self_rating"])
    assert s["overrating"] > 0 and s["blind_spot"]
    t = rows["transparency"]
    assert t["overrating"] == pytest.approx(t["gap"]) and t["overrating"] > 0
    page = client.get(f"/units/{_it().pk}/{AS_OF}").content.decode()
    row = page.split('data-component="self_orientation"')[1].split("</tr>")[0]
    assert "+2.4" in html.unescape(row) and "blind spot" in row and "lower is better" in row
    assert "IT rates itself 8.6 — a blind spot" in visible_text(page)
    # The chart draws every component higher-is-better: it never inverts.
    data = client.get(f"/map/{AS_OF}&format=json").json()
    for row in data["perception_gap"]["components"]:
        if row["component"] == "self_orientation":
            assert row["plotted_self"] == pytest.approx(11 - row["self"])
            assert row["plotted_others"] == pytest.approx(11 - row["others"])
            # In the chart, too, the self bar stands above the others' bar: a blind spot.
            assert row["plotted_self"] > row["plotted_others"] and row["blind_spot"]
        else:
            assert row["plotted_self"] == row["self"]


def test_the_reserve_lists_its_movements_and_attention_names_its_reference(demo_client):
    rel = _finance()
    client = demo_client("tobias")
    ReserveEntry.objects.create(
        relationship=rel,
        occurred_at=story.DEMO_END - dt.timedelta(hours=1),
        kind="surprise",
        note="Changed the close calendar without telling Finance",
    )
    data = client.get(f"/relationships/{rel.pk}/{AS_OF}&format=json").json()
    moves = data["reserve_moves"]
    series = data["report"]["reserve"]["series"]
    assert len(moves["moves"]) + moves["earlier"] == len(series)
    assert moves["deposits"] + moves["withdrawals"] == len(series)
    latest = moves["moves"][0]
    assert not latest["deposit"] and latest["change"] == pytest.approx(-2.5)
    assert latest["kind"] == "surprise" and "close calendar" in latest["record"]
    assert all(m["deposit"] == (m["change"] > 0) for m in moves["moves"])
    page = visible_text(client.get(f"/relationships/{rel.pk}/{AS_OF}").content.decode())
    assert "reserve points" in page and "Reserve points:" in page
    assert "Withdrawal : surprise — Changed the close calendar" in page
    # Attention says what it is relative to, and what a point is.
    assert "Against its own history" in page and "of 90 days ago" in page
    assert "Points of attention" in page


def test_the_explanation_groups_records_by_kind_and_pages_them(demo_client):
    client = demo_client("tobias")
    url = f"/explain/relationship/{_finance().pk}/health/"
    first = client.get(url + AS_OF + "&format=json").json()
    records = first["records"]
    assert records["pages"] == -(-records["openable"] // explain.PER_PAGE) > 1
    assert "record_ids" in first["explanation"]  # the machine keys stay
    shown = [r for g in records["groups"] for r in g["records"]]
    assert len(shown) == explain.PER_PAGE
    kinds = [g["kind"] for g in records["groups"]]
    assert kinds == sorted(kinds, key=explain.KIND_ORDER.index)
    for group in records["groups"]:
        days = [r["at"] for r in group["records"]]
        assert days == sorted(days, reverse=True)
    second = client.get(url + AS_OF + "&page=2&format=json").json()["records"]
    again = [r["id"] for g in second["groups"] for r in g["records"]]
    assert not set(again) & {r["id"] for r in shown}
    page = client.get(url + AS_OF).content.decode()
    assert "commitment:" not in visible_text(page)
    assert "Next page" in page and html.escape("page 1 of") in page
    assert page.count('class="numbers-group"') == len(records["groups"])
    assert client.get(url + AS_OF + f"&page={records['pages'] + 1}").status_code == 400
    assert client.get(url + AS_OF + "&page=0").status_code == 400


def test_records_the_viewer_may_not_open_are_counted_not_listed():
    ids = [f"commitment:{pk}" for pk in range(1, 12)]

    class HalfScope:
        def visible_record_ids(self, asked):  # type: ignore[no-untyped-def]
            return set(list(asked)[::2])

    scope = HalfScope()
    listed = explain.paged_records(ids, scope, 1)  # type: ignore[arg-type]
    openable = scope.visible_record_ids(ids)
    assert listed["openable"] == len(openable) and listed["hidden"] == len(ids) - len(openable)
    assert {r["id"] for g in listed["groups"] for r in g["records"]} <= openable
    assert any(
        f"{listed['hidden']} records you cannot open" in s["text"] for s in listed["summaries"]
    )


def test_each_record_behind_a_number_links_to_its_page_and_the_page_opens(demo_client):
    client = demo_client("tobias")
    url = f"/explain/relationship/{_finance().pk}/health/"
    records = client.get(url + AS_OF + "&format=json").json()["records"]
    shown = [r for g in records["groups"] for r in g["records"]]
    linked = [r for r in shown if r["url"]]
    assert linked and all(r["url"] == "/records/{}/{}/".format(*r["id"].split(":")) for r in linked)
    assert all(r["kind"] not in explain.RECORD_PAGES for r in shown if not r["url"])
    page = client.get(url + AS_OF).content.decode()
    assert f'href="{linked[0]["url"]}"' in page
    for row in linked[:: max(1, len(linked) // 5)]:
        assert client.get(row["url"]).status_code == 200, row
