"""Every page answers hostile query values with 200, 400 or 404 — never a 500 — and never
echoes a value into HTML unescaped.

The sweep walks the real URL patterns (with ids of real demo objects) so a page added later
without an entry here fails `test_the_sweep_covers_every_url_pattern`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('tl')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
MARKUP = [SCRIPT, ATTRIBUTE]
DATES = ["0001-01-01", "0001-03-31", "9999-12-31", "2026-02-30", "2026-11-20T25:00"]
NUMBERS = ["9" * 30, "9" * 5000, "-1", "0", "0" * 40 + "1", "12abc", "1e3", "١٢", ""]
DATE_PARAMS = {"as_of", "since", "until", "due_after", "due_before"}
ID_PARAMS = {"older", "unit", "page", "promisor", "relationship", "person", "limit", "cursor"}
# The new-record forms' prefills (`/relationships/new/?our_unit=3&counterpart_person=7`).
ID_PARAMS |= {"organization", "parent", "our_person", "our_unit", "counterpart_person"}
ID_PARAMS |= {"counterpart_unit", "counterpart_organization"}
# Every query parameter a page reads; the API's come from its OpenAPI document.
PAGE_PARAMS = DATE_PARAMS | ID_PARAMS | {"q", "by", "state", "strength", "due", "format", "next"}
PAGE_PARAMS |= {"side"}


def hostile_values(name: str) -> list[str]:
    """The values that could break a parameter of this kind; markup for every one."""
    if name in DATE_PARAMS:
        return MARKUP + DATES + NUMBERS[:2]
    if name in ID_PARAMS or name.endswith("_id"):
        return MARKUP + NUMBERS
    return MARKUP


ANSWERS = {200, 400, 404}
# The JSON API answers input its schema refuses with 422 (docs/api.md); survey links answer
# a burst of wrong tokens from one address with 429.
ALSO = {"/api/": {422}, "/surveys/r/": {429}, "/shared/t/": {429}}
# Routes a GET may not use (log-out and the commitment verbs take POST only: 405).
POST_ONLY = {
    "logout/",
    "imports/<int:pk>/retry/",
    "imports/<int:pk>/map/",
    "connections/<int:pk>/sync/",
    "connections/<int:pk>/pause/",
    "connections/<int:pk>/delete/",
    "commitments/<int:pk>/<slug:verb>/",
    "commitments/<int:pk>/confirm/<slug:verb>/",
    "measures/<int:pk>/agree/",
    "surveys/<int:pk>/raters/",
    "surveys/<int:pk>/open/",
    "surveys/<int:pk>/remind/",
    "surveys/<int:pk>/close/",
    # Links for the other side: the answers on the link's page, and the relationship page's
    # buttons that make, renew and revoke links.
    "shared/<int:pk>/<slug:verb>/",
    "relationships/<int:pk>/links/",
    "relationships/<int:pk>/links/<int:link>/<slug:verb>/",
    # Answering back's forms (issue 14).
    "relationships/<int:pk>/answers/feedback/",
    "relationships/<int:pk>/answers/ask/",
    "relationships/<int:pk>/answers/need/",
    "relationships/<int:pk>/answers/level/",
    "feedback/<int:pk>/seen/",
    "feedback/<int:pk>/reopen/",
    # The notification centre's buttons (issue 16).
    "nudges/<int:pk>/read/",
    "nudges/<int:pk>/snooze/",
    "nudges/<int:pk>/dismiss/",
    # Promises found: Confirm, Correct, Dismiss (issue 15).
    "promises/found/<int:pk>/<slug:verb>/",
    # Review packs: store with the review, send to its attendees (issue 18).
    "relationships/<int:pk>/review-pack/store/",
    "relationships/<int:pk>/review-pack/send/",
}


def routes(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found.extend(routes(pattern, route))
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def first_explain_url(node: Any) -> str | None:
    if isinstance(node, dict):
        if isinstance(node.get("explain_url"), str):
            return node["explain_url"]
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        url = first_explain_url(child)
        if url:
            return url
    return None


@pytest.fixture
def pages(demo_client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Concrete URLs with real ids, as the admin sees them -> their URL pattern."""
    from trustledger.accounts.models import User
    from trustledger.api.tokens import regenerate_feed
    from trustledger.demo.cast import DEMO_END
    from trustledger.directory.models import Person, Unit
    from trustledger.ingest.models import ImportJob
    from trustledger.ledger.models import (
        Commitment,
        Decision,
        FeedbackItem,
        Interaction,
        Relationship,
    )
    from trustledger.surveys.models import Campaign
    from trustledger.web.entry.quick import KINDS

    client = demo_client("admin")
    admin = User.objects.get(username="admin")
    it = Unit.objects.get(name="IT")
    tobias = Person.objects.get(display_name="Tobias Reinholt")
    rel = Relationship.objects.filter(interactions__isnull=False).first() or (
        Relationship.objects.first()
    )
    interaction = Interaction.objects.first()
    campaign = Campaign.objects.order_by("pk").first()
    job = ImportJob.objects.create(created_by=admin, folder="hostile")
    _, feed = regenerate_feed(admin)
    from trustledger.sharing.models import SharedLink

    link = SharedLink.objects.first()  # the demo's link for Quarry Point Hosting
    day = f"?as_of={DEMO_END.date().isoformat()}"
    explain = {
        kind: first_explain_url(client.get(url + day, {"format": "json"}).json())
        for kind, url in {
            "unit": f"/units/{it.pk}/",
            "person": f"/people/{tobias.pk}/",
            "relationship": f"/relationships/{rel.pk}/",
            "map": "/map/",
        }.items()
    }
    assert all(explain.values()), explain
    urls = {
        "": ["/"],
        "healthz": ["/healthz"],
        "login/": ["/login/"],
        "password/": ["/password/"],
        "password/done/": ["/password/done/"],
        "map/": ["/map/", f"/map/?unit={it.pk}"],
        "units/<int:pk>/": [f"/units/{it.pk}/"],
        "people/<int:pk>/": [f"/people/{tobias.pk}/"],
        "relationships/<int:pk>/": [f"/relationships/{rel.pk}/"],
        "relationships/<int:pk>/answers/": [f"/relationships/{rel.pk}/answers/"],
        "relationships/<int:pk>/review-pack/": [f"/relationships/{rel.pk}/review-pack/"],
        "relationships/<int:pk>/review-pack.pdf": [f"/relationships/{rel.pk}/review-pack.pdf"],
        "units/<int:pk>/trust-report/": [f"/units/{it.pk}/trust-report/"],
        "units/<int:pk>/trust-report.pdf": [f"/units/{it.pk}/trust-report.pdf"],
        "search/": ["/search/"],
        "language/": ["/language/"],
        "language/strength/": ["/language/strength/"],
        "explain/<str:kind>/<int:pk>/<path:measure>/": [u.split("?")[0] for u in explain.values()],
        "entry/": ["/entry/"],
        "commitments/": ["/commitments/"],
        "promises/found/": ["/promises/found/"],
        "relationships/<int:pk>/promises-found/": [f"/relationships/{rel.pk}/promises-found/"],
        "levels/": ["/levels/"],
        "records/<slug:kind>/<int:pk>/": [
            f"/records/interaction/{interaction.pk}/",
            f"/records/commitment/{Commitment.objects.first().pk}/",
        ],
        "records/<slug:kind>/<int:pk>/edit/": [
            f"/records/interaction/{interaction.pk}/edit/",
            f"/records/decision/{Decision.objects.first().pk}/edit/",
        ],
        "records/<slug:kind>/<int:pk>/delete/": [f"/records/interaction/{interaction.pk}/delete/"],
        "feedback/<int:pk>/close/": [
            f"/feedback/{FeedbackItem.objects.filter(loop_closed_at__isnull=True).first().pk}/close/"
        ],
        "pick/people/": ["/pick/people/"],
        "pick/units/": ["/pick/units/"],
        "imports/": ["/imports/"],
        "connections/": ["/connections/"],
        "nudges/mail/": ["/nudges/mail/"],
        "nudges/unsubscribe/<str:token>/": ["/nudges/unsubscribe/not-a-real-token/"],
        "imports/<int:pk>/": [f"/imports/{job.pk}/"],
        "surveys/": ["/surveys/"],
        "surveys/new/": ["/surveys/new/"],
        "surveys/<int:pk>/": [f"/surveys/{campaign.pk}/"],
        "surveys/<int:pk>/results/": [f"/surveys/{campaign.pk}/results/"],
        "surveys/<int:pk>/results.csv": [f"/surveys/{campaign.pk}/results.csv"],
        "surveys/r/<str:token>/": ["/surveys/r/not-a-real-token/"],
        "surveys/respond/<int:pk>/": [f"/surveys/respond/{campaign.pk}/"],
        "shared/t/<str:token>/": ["/shared/t/not-a-real-token/"],
        "shared/<int:pk>/": [f"/shared/{link.pk}/"],
        "audit/": ["/audit/"],
        "settings/": ["/settings/"],
        "settings/history/": ["/settings/history/"],
        "history/<str:kind>/<int:pk>/": [
            f"/history/person/{tobias.pk}/",
            f"/history/relationship/{rel.pk}/",
        ],
        "analytics/status/": ["/analytics/status/"],
        "account/tokens/": ["/account/tokens/"],
        "nudges/": ["/nudges/"],
        "nudges/<int:pk>/open/": ["/nudges/1/open/"],  # not the admin's: a 404, never a 500
        "feeds/<str:token>.ics": [f"/feeds/{feed}.ics"],
        "api/v1/": [
            "/api/v1/people",
            f"/api/v1/people/{tobias.pk}/report",
            f"/api/v1/units/{it.pk}/report",
            f"/api/v1/relationships/{rel.pk}/report",
            f"/api/v1/relationships/{rel.pk}/answering-back",
            f"/api/v1/relationships/{rel.pk}/counterpart-view",
            f"/api/v1/relationships/{rel.pk}/review-pack",
            f"/api/v1/units/{it.pk}/trust-report",
            "/api/v1/their-relationships",
            "/api/v1/relationships",
            "/api/v1/interactions",
            f"/api/v1/interactions/{interaction.pk}",
            "/api/v1/commitments",
            f"/api/v1/commitments/{Commitment.objects.first().pk}",
            "/api/v1/promises/found",
            "/api/v1/decisions",
            "/api/v1/surveys/campaigns",
            f"/api/v1/relationships/{link.relationship_id}/links",
            "/api/v1/settings",
        ],
    }
    for slug in KINDS:
        urls[f"entry/{slug}/"] = [f"/entry/{slug}/"]
    # New, edit and delete of the directory's records (the delete pages only ask on GET).
    records = {"people": tobias.pk, "units": it.pk, "relationships": rel.pk}
    records["organizations"] = it.organization_id
    # A person with a login is never deleted (403): the delete page asks about one without.
    from trustledger.accounts.models import User
    from trustledger.directory.models import Person

    logins = User.objects.exclude(person=None).values_list("person_id", flat=True)
    deletable = {"people": Person.objects.exclude(pk__in=logins).order_by("pk").first().pk}
    for plural, pk in records.items():
        urls[f"{plural}/new/"] = [f"/{plural}/new/"]
        for verb in ("edit", "delete"):
            target = deletable.get(plural, pk) if verb == "delete" else pk
            urls[f"{plural}/<int:pk>/{verb}/"] = [f"/{plural}/{target}/{verb}/"]
    return {url: route for route, listed in urls.items() for url in listed}


def covered(route: str, known: set[str]) -> bool:
    return (
        route in known
        or route in POST_ONLY
        or route.startswith(("admin/", "api/v1/"))
        # The quick-entry kinds are listed one by one.
        or bool(re.fullmatch(r"entry/[a-z-]+/", route))
    )


def test_the_sweep_covers_every_url_pattern(pages):
    known = set(pages.values())
    missing = [route for route in routes() if not covered(route, known)]
    assert missing == []


def body_of(response: Any) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


WHOLE = ("items", "keys", "values", "lists", "dict", "copy", "urlencode", "__iter__")


def parameters_read(client: Any, url: str, monkeypatch: Any) -> set[str]:
    """The query parameters a page looks at, seen by spying on Django's QueryDict during one
    plain request. A page that reads the whole query (a form, a copy) gets every parameter."""
    read: set[str] = set()

    def by_key(original: Any) -> Any:
        def spy(self: Any, key: Any, *args: Any, **kwargs: Any) -> Any:
            read.add(str(key))
            return original(self, key, *args, **kwargs)

        return spy

    def whole(original: Any) -> Any:
        def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
            read.update(PAGE_PARAMS)
            return original(self, *args, **kwargs)

        return spy

    with monkeypatch.context() as patch:
        for name in ("get", "getlist", "__getitem__", "__contains__"):
            patch.setattr(QueryDict, name, by_key(getattr(QueryDict, name)))
        for name in WHOLE:
            patch.setattr(QueryDict, name, whole(getattr(QueryDict, name)))
        client.get(url)
    return read & PAGE_PARAMS


def api_parameters(client: Any) -> list[tuple[re.Pattern[str], set[str]]]:
    """The query parameters each API operation declares in its OpenAPI document (the API
    reads the whole query and ignores the rest)."""
    document = client.get("/api/v1/openapi.json").json()
    declared = []
    for path, operations in document["paths"].items():
        pattern = re.compile(re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
        parameters = operations.get("get", {}).get("parameters", [])
        declared.append((pattern, {p["name"] for p in parameters if p["in"] == "query"}))
    return declared


def test_no_page_answers_a_hostile_query_value_with_a_500_or_unescaped_markup(
    pages, monkeypatch, settings
):
    from django.test import Client

    from trustledger.accounts.models import User

    settings.TRUSTLEDGER_API_RATE_LIMIT = 1_000_000
    # Collect every failure instead of stopping at the first exception a view raises.
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="admin"))
    api = api_parameters(client)
    failures = []
    sent = 0
    for url in sorted(pages):
        joiner = "&" if "?" in url else "?"
        if url.startswith("/api/"):
            read = next(names for path, names in api if path.match(url))
        else:
            read = parameters_read(client, url, monkeypatch)
        for name in sorted(read):
            for value in hostile_values(name):
                target = f"{url}{joiner}{name}={quote(value)}"
                response = client.get(target)
                sent += 1
                status = response.status_code
                text = body_of(response)
                allowed = ANSWERS.union(*(s for p, s in ALSO.items() if url.startswith(p)))
                if status not in allowed:
                    failures.append(f"{status} {target}")
                is_html = "html" in response.get("Content-Type", "")
                if value in MARKUP and value in text and is_html:
                    failures.append(f"unescaped {target}")
    print(f"{sent} hostile requests to {len(pages)} URLs")
    # The spy found the parameters: the pages read as_of, older, unit, q …, the API its own.
    assert sent > 10 * len(pages)
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(
    "path, name",
    [("/map/", "as_of"), ("/units/{it}/", "as_of"), ("/relationships/{rel}/", "older")],
)
def test_a_bad_value_gets_a_400_that_names_the_parameter_and_escapes_the_value(
    demo_client, pages, path, name
):
    from trustledger.directory.models import Unit
    from trustledger.ledger.models import Relationship

    rel = Relationship.objects.filter(interactions__isnull=False).first()
    url = path.format(it=Unit.objects.get(name="IT").pk, rel=rel.pk)
    response = demo_client("admin").get(url, {name: SCRIPT})
    assert response.status_code == 400
    text = response.content.decode()
    assert SCRIPT not in text
    assert name in text
    assert "&lt;script&gt;" in text


@pytest.mark.parametrize("value", ["0001-01-01", "0001-03-31", "9999-12-31", "1899-12-31"])
def test_an_as_of_outside_the_supported_years_is_refused_with_a_400(demo_client, value):
    from trustledger.directory.models import Person, Unit

    client = demo_client("admin")
    it = Unit.objects.get(name="IT")
    tobias = Person.objects.get(display_name="Tobias Reinholt")
    for url in ("/", f"/units/{it.pk}/", f"/people/{tobias.pk}/", "/map/"):
        response = client.get(url, {"as_of": value})
        assert response.status_code == 400, url
        assert "as_of" in response.content.decode()


@pytest.mark.parametrize(
    "raw, expected",
    [("7", 7), ("0007", 7), (str(2**63 - 1), 2**63 - 1)],
)
def test_a_record_id_is_plain_digits_up_to_what_a_database_stores(raw, expected):
    from trustledger.web.params import record_id

    assert record_id("older", raw) == expected


@pytest.mark.parametrize("raw", ["0", "-1", "1e3", "١٢", " 7", str(2**63), "9" * 5000])
def test_anything_else_is_refused_naming_the_parameter(raw):
    from trustledger.web.params import BadQuery, record_id

    with pytest.raises(BadQuery) as refused:
        record_id("older", raw)
    assert refused.value.parameter == "older"
    assert len(str(refused.value)) < 120


@pytest.mark.parametrize("raw", ["1900-01-01", "2026-11-20", "2199-12-31"])
def test_days_from_1900_to_2199_are_accepted(raw):
    from trustledger.web.params import day

    assert day("as_of", raw).isoformat() == raw


def test_the_json_twin_answers_a_bad_value_in_the_api_error_shape(demo_client):
    from trustledger.directory.models import Unit

    it = Unit.objects.get(name="IT")
    response = demo_client("admin").get(
        f"/units/{it.pk}/", {"as_of": "9999-12-31", "format": "json"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"field": "as_of", "reason": "must be a date between 1900-01-01 and 2199-12-31"}]
    }
