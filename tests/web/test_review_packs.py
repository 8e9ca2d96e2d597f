"""Review packs and unit trust reports per persona (issue 18): the page, its JSON twin and
the PDF open for exactly those who open the relationship or unit page; the PDF's text holds
what the persona may read and nothing else (no score for the other side, no survey figure
below the anonymity threshold). SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings

from trustledger.accounts.models import User
from trustledger.directory.models import Unit
from trustledger.ledger import models as m

pypdf = pytest.importorskip("pypdf", reason="pypdf: a dev dependency")
pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "tobias", "priya", "margit", "oskar", "lena", "ines", "outsider"]
OPEN_TO_FINANCE = "Send Finance the 2027 IT cost forecast per cost centre"
OPEN_BY_FINANCE = "Send IT the cost-centre list for 2027"
PRIVATE_SUBJECT = "Internal: how we tell Finance the forecast slips"
# Headings only the serving side's pack has: its figures, survey numbers and next actions.
SERVING_ONLY = ["Trust and health", "Relationship health", "Perception gap", "Next actions"]


def rel(name: str) -> m.Relationship:
    return next(r for r in m.Relationship.objects.all() if str(r) == name)


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.fixture
def as_persona(demo_client):  # type: ignore[no-untyped-def]
    """A client for a demo persona, or for an outsider: a login in no unit."""

    def login(name: str):  # type: ignore[no-untyped-def]
        if name == "outsider":
            client = demo_client("admin")
            outsider, _ = User.objects.get_or_create(username="outsider")
            client.force_login(outsider)
            return client
        return demo_client(name)

    return login


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_pack_opens_exactly_where_the_relationship_page_opens(as_persona, persona):
    client = as_persona(persona)
    for r in m.Relationship.objects.order_by("pk"):
        page = client.get(f"/relationships/{r.pk}/").status_code
        for suffix in ("review-pack/", "review-pack/?format=json"):
            found = client.get(f"/relationships/{r.pk}/{suffix}").status_code
            assert found == page, f"{persona} {r}: page {page}, {suffix} {found}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_trust_report_opens_exactly_where_the_unit_page_opens(as_persona, persona):
    client = as_persona(persona)
    for unit in Unit.objects.order_by("pk"):
        page = client.get(f"/units/{unit.pk}/").status_code
        found = client.get(f"/units/{unit.pk}/trust-report/?format=json").status_code
        assert found == page, f"{persona} {unit}: page {page}, report {found}"
        if page == 200:
            assert b"trust-report-link" in client.get(f"/units/{unit.pk}/").content


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", "ours"),
        ("tobias", "ours"),
        ("margit", "theirs"),
        ("oskar", "theirs"),
        ("priya", 404),
        ("lena", 404),
        ("ines", 404),
        ("outsider", 404),
    ],
)
def test_the_pdf_holds_what_the_persona_may_read(as_persona, persona, expected):
    client = as_persona(persona)
    pk = rel("IT ↔ Finance").pk
    response = client.get(f"/relationships/{pk}/review-pack.pdf")
    if expected == 404:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Quality review pack: IT ↔ Finance" in text
    assert OPEN_TO_FINANCE in text and OPEN_BY_FINANCE in text
    assert PRIVATE_SUBJECT not in text
    for heading in SERVING_ONLY:
        assert (heading in text) == (expected == "ours"), heading
    twin = client.get(f"/relationships/{pk}/review-pack/?format=json").json()
    assert twin["side"] == expected
    assert ("scores" in twin) == (expected == "ours")
    if expected == "ours":
        trust = twin["scores"]["figures"][0]
        assert trust["reading"].split(" ")[0] in text  # the figure, as the JSON twin has it
        assert "a blind spot" in text  # the perception gap's sentence: 6 ≥ k raters each


def test_a_figure_below_the_threshold_is_in_no_pdf(as_persona):
    """With k above Finance's 6 raters, the trust of IT as Finance rates it is withheld on
    the page, in the JSON twin and in the PDF alike."""
    client = as_persona("tobias")
    pk = rel("IT ↔ Finance").pk
    shown = client.get(f"/relationships/{pk}/review-pack/?format=json").json()
    figure = shown["scores"]["figures"][0]["reading"].split(" ")[0]
    assert figure and figure[0].isdigit()
    with override_settings(TRUSTLEDGER_SURVEY_MIN_RATERS=7):
        from django.core.cache import cache

        cache.clear()
        twin = client.get(f"/relationships/{pk}/review-pack/?format=json").json()
        text = pdf_text(client.get(f"/relationships/{pk}/review-pack.pdf").content)
    assert twin["scores"]["figures"][0]["value"] is None
    assert twin["scores"]["figures"][0]["n"] is None
    assert figure not in text
    assert "too little evidence" in text or "too few raters" in text


def test_the_unit_report_pdf_as_its_manager_reads_it(as_persona):
    client = as_persona("tobias")
    it = Unit.objects.get(name="IT")
    twin = client.get(f"/units/{it.pk}/trust-report/?format=json").json()
    text = pdf_text(client.get(f"/units/{it.pk}/trust-report.pdf").content)
    for heading in (
        "Organizational trust report: IT",
        "Trust map",
        "Perception gaps",
        "Team gap",
        "Reliability by promise strength",
        "Transparency evidence",
        "Relationships needing attention",
    ):
        assert heading in text, heading
    assert [s["strength_label"] for s in twin["reliability_by_strength"]]
    for member in twin["members"]:
        if member["state"] == "shown":
            assert f"{member['trust']:.2f}" in text
    for row in twin["map"]["rows"]:
        for cell in row["cells"]:
            if cell["value"] is None and cell.get("state") == "too few raters":
                assert cell.get("n") is None


def test_a_page_and_its_pdf_refuse_a_bad_since(as_persona):
    client = as_persona("tobias")
    pk = rel("IT ↔ Finance").pk
    for path in (f"/relationships/{pk}/review-pack/", f"/relationships/{pk}/review-pack.pdf"):
        response = client.get(path, {"since": "2026-02-30", "format": "json"})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "since"


@pytest.mark.parametrize("persona", ["admin", "tobias", "margit", "priya", "ines", "outsider"])
def test_the_api_answers_as_the_json_twin(as_persona, persona):
    client = as_persona(persona)
    pk = rel("IT ↔ Finance").pk
    twin = client.get(f"/relationships/{pk}/review-pack/?format=json&as_of=2026-11-20")
    api = client.get(f"/api/v1/relationships/{pk}/review-pack?as_of=2026-11-20")
    assert api.status_code == twin.status_code
    if api.status_code == 200:
        assert api.json()["side"] == twin.json()["side"]
        assert api.json().get("scores") == twin.json().get("scores")
        bad = client.get(
            f"/api/v1/relationships/{pk}/review-pack?as_of=2026-11-20&since=2026-12-01"
        )
        assert bad.status_code == 400
        assert bad.json()["errors"][0]["field"] == "since"
    it = Unit.objects.get(name="IT")
    page = client.get(f"/units/{it.pk}/trust-report/?format=json").status_code
    assert client.get(f"/api/v1/units/{it.pk}/trust-report").status_code == page
