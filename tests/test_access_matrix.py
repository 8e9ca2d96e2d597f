"""The access matrix: every URL pattern of the project, as every persona, against declared rules.

The resolver is walked, so a new URL pattern without a rule in `RULES` fails
`test_every_url_pattern_has_a_rule`. Each pattern is filled with real ids of objects on both
sides: the IT side (in the scope of the IT personas) and the Finance side (in the scope of the
Finance personas), and requested as each of the eight personas. Writes (every entry form, the
commitment buttons, the survey buttons and every API write) are posted too, each in a savepoint
rolled back afterwards: the wrong persona is refused and nothing changes.

`scripts/access-matrix` runs this file with TRUSTLEDGER_ACCESS_MATRIX=<file> and prints the
observed matrix (persona × URL kind) as a Markdown table.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib import admin as django_admin
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from trustledger.accounts.actions import create_user
from trustledger.analytics.queue import queue
from trustledger.directory.models import Organization, Person
from trustledger.ingest.models import Connection, ImportJob
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db
# A due date within the horizon (trustledger/domain/dates.py), a year from today.
NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()

PERSONAS = [
    "anonymous",
    "admin",
    "it_manager",
    "it_member",
    "finance_manager",
    "finance_member",
    "viewer",
    "outsider",
]
LOGGED_IN = set(PERSONAS) - {"anonymous"}
# Who may read and who may change what lies on each side (the declared table).
READERS = {
    "IT": {"admin", "it_manager", "it_member", "viewer"},
    "Finance": {"admin", "finance_manager", "finance_member"},
}
WRITERS = {"IT": {"admin", "it_manager"}, "Finance": {"admin", "finance_manager"}}
# A unit's people are read by its managers and viewers (and themselves), not its members.
PERSON_READERS = {"IT": {"admin", "it_manager", "viewer"}, "Finance": {"admin", "finance_manager"}}
MANAGERS = {"admin", "it_manager", "finance_manager"}
MAY_ENTER = LOGGED_IN - {"viewer", "outsider"}
SIDES = ("IT", "Finance")
TODAY = dt.date(2026, 11, 20)


@dataclass
class World:
    users: dict[str, Any]
    ids: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client

    def id(self, kind: str, side: str) -> int:
        return self.ids[kind][side]


@pytest.fixture
def world(cast, django_capture_on_commit_callbacks) -> World:  # type: ignore[no-untyped-def]
    from trustledger.ingest.models import ImportJob
    from trustledger.surveys import actions as surveys

    fiona = Person.objects.create(
        display_name="Fiona Finance", organization=cast.ours, unit=cast.finance
    )
    users = {p: getattr(cast, p) for p in LOGGED_IN - {"finance_manager"}}
    users["finance_manager"] = create_user(
        username="finance_manager",
        password="pw",
        check_password=False,
        unit_name="Finance",
        role="manager",
        person_id=fiona.pk,
    )
    w = World(users)
    customer = Organization.objects.create(name="Halvard", kind="customer")
    w.ids["organization"] = {"IT": cast.ours.pk, "Finance": customer.pk}
    admin = cast.admin
    for side, unit, ours in (
        ("IT", cast.it, cast.it_manager.person),
        ("Finance", cast.finance, fiona),
    ):
        contact = Person.objects.create(display_name=f"{side} contact", organization=customer)
        rel = m.Relationship.objects.create(
            our_unit=unit, counterpart_person=contact, started_on=dt.date(2026, 1, 5)
        )
        at = timezone.now() - dt.timedelta(days=2)
        found = {
            "unit": unit,
            "person": ours,
            "contact": contact,
            "relationship": rel,
            "interaction": actions.record_interaction(
                admin, occurred_at=at, channel="call", initiator=ours,
                participants=[contact], relationship=rel, subject=f"{side} call",
            ),
            "commitment": actions.make_commitment(
                admin, promisor=ours, promisee=contact, what=f"{side} promise",
                strength="commitment", made_at=at, due_at=at + dt.timedelta(days=30),
                relationship=rel,
            ),
            "feedback": actions.record_feedback(admin, rel, summary=f"{side} feedback"),
            "campaign": surveys.create_campaign(admin, title=f"{side} pulse", subject_unit=unit),
            "job": ImportJob.objects.create(
                created_by=w.users["it_manager" if side == "IT" else "finance_manager"],
                folder="/nonexistent", file_names=["x.csv"], format="csv",
            ),
            "connection": Connection.objects.create(
                owner=w.users["it_manager" if side == "IT" else "finance_manager"],
                kind="imap", url="imap://127.0.0.1:1", username=side, folders=["INBOX"],
                secret_encrypted=b"not-a-real-token",
            ),
        }  # fmt: skip
        for kind, obj in found.items():
            w.ids[kind][side] = obj.pk
    from django.contrib.auth.models import Group

    from trustledger.surveys.models import Campaign

    # One of every other kind the admin site edits, so each admin URL gets a real id.
    rel = m.Relationship.objects.get(pk=w.id("relationship", "IT"))
    goal = m.Goal.objects.create(title="Faster month end", owner_unit=cast.it)
    m.AgreedMeasure.objects.create(relationship=rel, goal=goal, name="Close", target="3 days")
    m.QualityReview.objects.create(relationship=rel, held_on=TODAY)
    # Finance's relationship has a review too, so its review pack may be stored and sent.
    finance_rel = m.Relationship.objects.get(pk=w.id("relationship", "Finance"))
    m.QualityReview.objects.create(relationship=finance_rel, held_on=TODAY)
    m.Decision.objects.create(title="Move", decided_at=timezone.now(), relationship=rel)
    m.Need.objects.create(relationship=rel, description="Budget", raised_at=timezone.now())
    m.Incident.objects.create(title="Outage", unit=cast.it, arose_at=timezone.now())
    m.ServiceLevelIndicator.objects.create(
        relationship=rel, indicator="asks_why", observed_on=TODAY
    )
    m.ReserveEntry.objects.create(relationship=rel, occurred_at=timezone.now(), kind="deposit")
    Group.objects.create(name="Auditors")
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    seen = {"ip_address": "192.0.2.7", "user_agent": "curl", "path_info": "/login/"}
    AccessAttempt.objects.create(username="nobody", failures_since_start=1, **seen)
    AccessFailureLog.objects.create(username="nobody", **seen)
    AccessLog.objects.create(username="admin", **seen)

    campaign = Campaign.objects.get(pk=w.id("campaign", "IT"))
    surveys.add_raters(admin, campaign, emails=["rater@outside.example"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        surveys.open_campaign(admin, campaign, base_url="http://testserver")
    w.tokens["survey"] = mail.outbox[0].body.split("/surveys/r/")[1].split("/")[0]
    from trustledger.api.tokens import regenerate_feed

    w.tokens["feed"] = regenerate_feed(cast.it_member)[1]
    from trustledger.sharing.actions import issue_link, revoke_link

    # A link for each side's contact (no login); IT's is revoked, so IT's may be made anew.
    for side in SIDES:
        link, w.tokens[f"link_{side}"] = issue_link(
            admin,
            m.Relationship.objects.get(pk=w.id("relationship", side)),
            Person.objects.get(pk=w.id("contact", side)),
        )
        w.ids["link"][side] = link.pk
        if side == "IT":
            revoke_link(admin, link)
    return w


# --- outcomes ------------------------------------------------------------------------------------

Outcome = str  # "200", "201", "login", "admin-login", "redirect", "401", "403", "404", "405"


def outcome_of(response: Any) -> Outcome:
    if response.status_code == 302:
        where = response["Location"]
        if where.startswith("/admin/login/"):
            return "admin-login"
        return "login" if where.startswith("/login/") else "redirect"
    return str(response.status_code)


def page(readers: set[str]) -> Callable[[str], Outcome]:
    return lambda p: "login" if p == "anonymous" else ("200" if p in readers else "404")


def only(allowed: set[str], refused: Outcome = "403") -> Callable[[str], Outcome]:
    return lambda p: "login" if p == "anonymous" else ("200" if p in allowed else refused)


def api(readers: set[str]) -> Callable[[str], Outcome]:
    return lambda p: "401" if p == "anonymous" else ("200" if p in readers else "404")


def everyone(outcome: Outcome) -> Callable[[str], Outcome]:
    return lambda p: outcome


LOGGED_IN_PAGE = page(LOGGED_IN)
API_LIST = api(LOGGED_IN)


# --- the declared rules, one per URL pattern -------------------------------------------------

Fill = Callable[[World, str], str]  # (world, side) → URL
Expect = Callable[[str, str], Outcome]  # (persona, side) → outcome


@dataclass(frozen=True)
class Rule:
    kind: str  # a row of the printed matrix
    fill: Fill
    expect: Expect
    per_side: bool = True  # filled with an object of each side, else once
    more: tuple[tuple[Fill, Expect], ...] = ()  # further fillings of the same pattern


def by_side(readers: dict[str, set[str]], shape: Callable[[set[str]], Any]) -> Expect:
    return lambda persona, side: shape(readers[side])(persona)


def same(shape: Callable[[str], Outcome]) -> Expect:
    return lambda persona, side: shape(persona)


def url(template: str) -> Fill:
    """A URL with {kind} placeholders filled with the side's object of that kind."""
    return lambda w, side: template.format_map(
        {k: v.get(side) for k, v in w.ids.items()} | {"survey": w.tokens.get("survey")}
    )


def fixed(path: str, kind: str, expect: Callable[[str], Outcome]) -> Rule:
    return Rule(kind, lambda w, side: path, same(expect), per_side=False)


def _record(
    readers: set[str], persona: str, side: str = "IT", writers: set[str] | None = None
) -> Outcome:
    """A record's edit or delete page: its changers 200, its other readers 403, the rest 404."""
    if persona == "anonymous":
        return "login"
    if persona in (WRITERS[side] if writers is None else writers):
        return "200"
    return "403" if persona in readers else "404"


SCOPED_PAGE = by_side(READERS, page)


def _record_change(persona: str, side: str) -> Outcome:
    """A record's edit, delete and close forms: its writers; a reader is refused (403)."""
    if persona == "anonymous":
        return "login"
    return "200" if persona in WRITERS[side] else "403" if persona in READERS[side] else "404"


RECORD_CHANGE: Expect = _record_change


def record_post(persona: str, side: str) -> Outcome:
    """Posting to those forms: a writer is sent on to the record (or its relationship)."""
    found = _record_change(persona, side)
    return "redirect" if found == "200" else found


SCOPED_API = by_side(READERS, api)
# Answering back's POST-only forms: route → URL filled with the side's objects.
ANSWER_BUTTONS = {
    f"relationships/<int:pk>/answers/{verb}/": f"/relationships/{{relationship}}/answers/{verb}/"
    for verb in ("feedback", "ask", "need", "level")
} | {f"feedback/<int:pk>/{verb}/": f"/feedback/{{feedback}}/{verb}/" for verb in ("seen", "reopen")}
CAMPAIGN_BUTTON = same(lambda p: "login" if p == "anonymous" else "405")

RULES: dict[str, Rule] = {
    "": fixed("/", "web: home", LOGGED_IN_PAGE),
    "healthz": fixed("/healthz", "public: health check", everyone("200")),
    "login/": fixed("/login/", "public: log-in page", everyone("200")),
    "logout/": fixed("/logout/", "account: log out (GET)", everyone("405")),
    "password/": fixed("/password/", "account: password change", LOGGED_IN_PAGE),
    "password/done/": fixed("/password/done/", "account: password change", LOGGED_IN_PAGE),
    "map/": fixed("/map/", "web: trust map", LOGGED_IN_PAGE),
    "search/": fixed("/search/?q=a", "web: search", LOGGED_IN_PAGE),
    # The language check reads only what is pasted: every logged-in user (issue 15).
    "language/": fixed("/language/", "web: language check", LOGGED_IN_PAGE),
    "language/strength/": fixed(
        "/language/strength/?sentence=I+will", "web: language check", LOGGED_IN_PAGE
    ),
    "units/<int:pk>/": Rule("web: unit page", url("/units/{unit}/"), SCOPED_PAGE),
    "people/<int:pk>/": Rule(
        "web: person page", url("/people/{person}/"), by_side(PERSON_READERS, page)
    ),
    "relationships/<int:pk>/": Rule(
        "web: relationship page", url("/relationships/{relationship}/"), SCOPED_PAGE
    ),
    "explain/<str:kind>/<int:pk>/<path:measure>/": Rule(
        "web: explanation",
        url("/explain/relationship/{relationship}/health/"),
        SCOPED_PAGE,
        more=(
            (url("/explain/unit/{unit}/reliability/"), SCOPED_PAGE),
            (url("/explain/person/{person}/reliability/"), by_side(PERSON_READERS, page)),
        ),
    ),
    "entry/": fixed("/entry/", "entry: index", LOGGED_IN_PAGE),
    **{
        f"entry/{slug}/": Rule(
            "entry: form (GET)",
            url(f"/entry/{slug}/?relationship={{relationship}}"),
            lambda p, side: (
                "login"
                if p == "anonymous"
                else "200"
                if p in WRITERS[side]
                else ("403" if p in READERS[side] or p not in MAY_ENTER else "404")
            ),
        )
        for slug in ("interaction", "commitment", "feedback", "need")
        + ("decision", "measure", "review", "level")
    },
    **{
        f"{plural}/new/": fixed(f"/{plural}/new/", "records: new", only(MAY_ENTER))
        for plural in ("people", "organizations", "relationships")
    },
    "units/new/": fixed("/units/new/", "records: new", only(MANAGERS)),
    "people/<int:pk>/edit/": Rule(
        "records: edit a person",
        url("/people/{person}/edit/"),
        lambda p, side: _record(PERSON_READERS[side], p, side),
    ),
    "people/<int:pk>/delete/": Rule(
        "records: delete an outside contact",
        url("/people/{contact}/delete/"),
        lambda p, side: _record(READERS[side], p, side),
    ),
    "units/<int:pk>/edit/": Rule(
        "records: edit",
        url("/units/{unit}/edit/"),
        lambda p, side: _record(READERS[side], p, side),
    ),
    "units/<int:pk>/delete/": Rule(
        "records: delete a top unit",
        url("/units/{unit}/delete/"),
        lambda p, side: _record(READERS[side], p, side, writers={"admin"}),
    ),
    **{
        f"relationships/<int:pk>/{verb}/": Rule(
            "records: edit",
            url(f"/relationships/{{relationship}}/{verb}/"),
            lambda p, side: _record(READERS[side], p, side),
        )
        for verb in ("edit", "delete")
    },
    # Our organization: only the admin changes it; the customer: its readers' managers.
    **{
        f"organizations/<int:pk>/{verb}/": Rule(
            "records: edit an organization",
            url(f"/organizations/{{organization}}/{verb}/"),
            lambda p, side, verb=verb: _record(
                LOGGED_IN - {"outsider"},
                p,
                side,
                writers={"admin"} if side == "IT" or verb == "delete" else MANAGERS,
            ),
        )
        for verb in ("edit", "delete")
    },
    "commitments/": fixed("/commitments/", "entry: commitments register", LOGGED_IN_PAGE),
    "commitments/<int:pk>/<slug:verb>/": Rule(
        "entry: commitment button (GET)",
        url("/commitments/{commitment}/keep/"),
        lambda p, side: (
            "login"
            if p == "anonymous"
            else ("200" if p in WRITERS[side] else "403" if p in READERS[side] else "404")
        ),
    ),
    "commitments/<int:pk>/confirm/<slug:verb>/": Rule(
        "both sides: confirm or dispute a promise (GET)",
        url("/commitments/{commitment}/confirm/kept/"),
        CAMPAIGN_BUTTON,
    ),
    "measures/<int:pk>/agree/": Rule(
        "both sides: agree a measure (GET)",
        lambda w, side: f"/measures/{m.AgreedMeasure.objects.order_by('pk').first().pk}/agree/",
        CAMPAIGN_BUTTON,
        per_side=False,
    ),
    "levels/": fixed("/levels/", "entry: service levels", LOGGED_IN_PAGE),
    "records/<slug:kind>/<int:pk>/": Rule(
        "records: record page",
        url("/records/interaction/{interaction}/"),
        SCOPED_PAGE,
        more=(
            (url("/records/commitment/{commitment}/"), SCOPED_PAGE),
            (url("/records/feedback/{feedback}/?format=json"), SCOPED_PAGE),
        ),
    ),
    "records/<slug:kind>/<int:pk>/edit/": Rule(
        "records: edit form (GET)",
        url("/records/interaction/{interaction}/edit/"),
        RECORD_CHANGE,
        more=(
            (url("/records/commitment/{commitment}/edit/"), RECORD_CHANGE),
            (url("/records/feedback/{feedback}/edit/"), RECORD_CHANGE),
        ),
    ),
    "records/<slug:kind>/<int:pk>/delete/": Rule(
        "records: delete confirmation (GET)",
        url("/records/commitment/{commitment}/delete/"),
        RECORD_CHANGE,
    ),
    "feedback/<int:pk>/close/": Rule(
        "records: close a feedback loop (GET)", url("/feedback/{feedback}/close/"), RECORD_CHANGE
    ),
    "pick/people/": fixed("/pick/people/?q=a", "records: people picker", LOGGED_IN_PAGE),
    # Answering back: a page both sides of the relationship read (no persona here stands on
    # the other side of these relationships: their counterparts are outside contacts).
    # Review packs and trust reports (issue 18): read as the relationship and unit pages are.
    "relationships/<int:pk>/review-pack/": Rule(
        "web: review pack", url("/relationships/{relationship}/review-pack/"), SCOPED_PAGE
    ),
    "relationships/<int:pk>/review-pack.pdf": Rule(
        "web: review pack", url("/relationships/{relationship}/review-pack.pdf"), SCOPED_PAGE
    ),
    "units/<int:pk>/trust-report/": Rule(
        "web: unit trust report", url("/units/{unit}/trust-report/"), SCOPED_PAGE
    ),
    "units/<int:pk>/trust-report.pdf": Rule(
        "web: unit trust report", url("/units/{unit}/trust-report.pdf"), SCOPED_PAGE
    ),
    **{
        f"relationships/<int:pk>/review-pack/{verb}/": Rule(
            "review pack: button (GET)",
            url(f"/relationships/{{relationship}}/review-pack/{verb}/"),
            CAMPAIGN_BUTTON,
        )
        for verb in ("store", "send")
    },
    "relationships/<int:pk>/answers/": Rule(
        "web: answering back", url("/relationships/{relationship}/answers/"), SCOPED_PAGE
    ),
    **{
        route: Rule("answering back: button (GET)", url(filled), CAMPAIGN_BUTTON)
        for route, filled in ANSWER_BUTTONS.items()
    },
    "pick/units/": fixed("/pick/units/?q=i", "records: units picker", LOGGED_IN_PAGE),
    "imports/": fixed("/imports/", "imports: upload page", only(MANAGERS)),
    "imports/<int:pk>/": Rule(
        "imports: job page",
        url("/imports/{job}/"),
        lambda p, side: only(
            {"admin", "it_manager" if side == "IT" else "finance_manager"},
            "404" if p in MANAGERS else "403",
        )(p),
    ),
    "imports/<int:pk>/retry/": Rule(
        "imports: retry button (GET)",
        url("/imports/{job}/retry/"),
        same(lambda p: "login" if p == "anonymous" else "405"),
    ),
    "imports/<int:pk>/map/": Rule(
        "imports: map a CSV's columns (GET)",
        url("/imports/{job}/map/"),
        same(lambda p: "login" if p == "anonymous" else "405"),
    ),
    "connections/": fixed("/connections/", "connections: list and add", only(MANAGERS)),
    **{
        f"connections/<int:pk>/{action}/": Rule(
            f"connections: {action} button (GET)",
            url(f"/connections/{{connection}}/{action}/"),
            same(lambda p: "login" if p == "anonymous" else "405"),
        )
        for action in ("sync", "pause", "delete")
    },
    "surveys/": fixed("/surveys/", "surveys: campaign list", LOGGED_IN_PAGE),
    "surveys/new/": fixed("/surveys/new/", "surveys: new campaign", only(MANAGERS)),
    "surveys/<int:pk>/": Rule("surveys: campaign page", url("/surveys/{campaign}/"), SCOPED_PAGE),
    "surveys/<int:pk>/results/": Rule(
        "surveys: campaign page", url("/surveys/{campaign}/results/"), SCOPED_PAGE
    ),
    "surveys/<int:pk>/results.csv": Rule(
        "surveys: campaign page", url("/surveys/{campaign}/results.csv"), SCOPED_PAGE
    ),
    **{
        f"surveys/<int:pk>/{verb}/": Rule(
            "surveys: campaign button (GET)", url(f"/surveys/{{campaign}}/{verb}/"), CAMPAIGN_BUTTON
        )
        for verb in ("raters", "open", "remind", "close")
    },
    "surveys/r/<str:token>/": Rule(
        "surveys: rater's link",
        lambda w, side: f"/surveys/r/{w.tokens['survey'] if side == 'IT' else 'x' * 43}/",
        # The token is the credential: valid for whoever holds it (swapped at once for a
        # cookie and a URL without it), unknown → 404.
        lambda p, side: "redirect" if side == "IT" else "404",
    ),
    # The answer page opens only with the cookie the rater's link sets; no persona followed
    # the Finance campaign's link, so it is not found for all of them.
    "surveys/respond/<int:pk>/": Rule(
        "surveys: answer page without the link's cookie",
        lambda w, side: f"/surveys/respond/{w.ids['campaign']['Finance']}/",
        same(everyone("404")),
        per_side=False,
    ),
    "history/<str:kind>/<int:pk>/": Rule(
        "web: record history",
        url("/history/relationship/{relationship}/"),
        SCOPED_PAGE,
        more=(
            (url("/history/person/{person}/"), by_side(PERSON_READERS, page)),
            (url("/history/unit/{unit}/"), SCOPED_PAGE),
            (url("/history/interaction/{interaction}/"), SCOPED_PAGE),
            (url("/history/feedback/{feedback}/"), SCOPED_PAGE),
            (url("/history/campaign/{campaign}/"), same(page(set()))),
        ),
    ),
    "audit/": fixed("/audit/", "audit log", lambda p: "200" if p == "admin" else "404"),
    "analytics/status/": fixed("/analytics/status/", "analytics: compute runs", only(MANAGERS)),
    "account/tokens/": fixed("/account/tokens/", "account: API tokens", LOGGED_IN_PAGE),
    "feeds/<str:token>.ics": Rule(
        "account: calendar feed",
        lambda w, side: f"/feeds/{w.tokens['feed'] if side == 'IT' else 'x' * 40}.ics",
        lambda p, side: "200" if side == "IT" else "404",
    ),
    "api/v1/": fixed("/api/v1/", "API: root (no page)", everyone("404")),
    "api/v1/openapi.json": fixed("/api/v1/openapi.json", "API: documentation", everyone("200")),
    "api/v1/docs": fixed("/api/v1/docs", "API: documentation", everyone("200")),
    **{
        f"api/v1/{name}": fixed(f"/api/v1/{name}", "API: list", API_LIST)
        for name in ("people", "units", "organizations", "relationships", "interactions")
        + ("commitments", "feedback", "needs", "measures", "reviews", "level-changes")
        + ("decisions", "surveys/campaigns")
    },
    "api/v1/people/<person_id>": Rule(
        "API: one object", url("/api/v1/people/{person}"), by_side(PERSON_READERS, api)
    ),
    "api/v1/people/<person_id>/report": Rule(
        "API: report", url("/api/v1/people/{person}/report"), by_side(PERSON_READERS, api)
    ),
    "api/v1/units/<unit_id>": Rule("API: one object", url("/api/v1/units/{unit}"), SCOPED_API),
    "api/v1/units/<unit_id>/report": Rule(
        "API: report", url("/api/v1/units/{unit}/report"), SCOPED_API
    ),
    "api/v1/organizations/<organization_id>": Rule(
        "API: one organization",
        url("/api/v1/organizations/{organization}"),
        # Our organization: everyone with a unit; the customer: those who read its contacts.
        lambda p, side: api(LOGGED_IN - {"outsider"})(p),
    ),
    "api/v1/relationships/<relationship_id>": Rule(
        "API: one object", url("/api/v1/relationships/{relationship}"), SCOPED_API
    ),
    "api/v1/relationships/<relationship_id>/report": Rule(
        "API: report", url("/api/v1/relationships/{relationship}/report"), SCOPED_API
    ),
    # Either side reads the counterpart view; no persona here stands on the other side of
    # these relationships (their counterparts are outside contacts): tests/web/test_both_sides_view.py.
    "api/v1/relationships/<relationship_id>/counterpart-view": Rule(
        "API: counterpart view",
        url("/api/v1/relationships/{relationship}/counterpart-view"),
        SCOPED_API,
    ),
    "api/v1/relationships/<relationship_id>/review-pack": Rule(
        "API: review pack", url("/api/v1/relationships/{relationship}/review-pack"), SCOPED_API
    ),
    "api/v1/units/<unit_id>/trust-report": Rule(
        "API: unit trust report", url("/api/v1/units/{unit}/trust-report"), SCOPED_API
    ),
    "api/v1/their-relationships": fixed("/api/v1/their-relationships", "API: list", API_LIST),
    "api/v1/interactions/<interaction_id>": Rule(
        "API: one object", url("/api/v1/interactions/{interaction}"), SCOPED_API
    ),
    "api/v1/commitments/<commitment_id>": Rule(
        "API: one object", url("/api/v1/commitments/{commitment}"), SCOPED_API
    ),
    "api/v1/surveys/campaigns/<campaign_id>/results": Rule(
        "API: survey results", url("/api/v1/surveys/campaigns/{campaign}/results"), SCOPED_API
    ),
    "api/v1/relationships/<relationship_id>/answering-back": Rule(
        "API: answering back",
        url("/api/v1/relationships/{relationship}/answering-back"),
        SCOPED_API,
    ),
    "api/v1/export/<kind>.csv": fixed("/api/v1/export/commitments.csv", "API: export", API_LIST),
    "api/v1/export/<kind>.json": fixed("/api/v1/export/people.json", "API: export", API_LIST),
}
# Write-only API patterns: GET answers 405 to everyone (the writes are checked below).
for name in (
    "relationships/<relationship_id>/feedback",
    "relationships/<relationship_id>/needs",
    "relationships/<relationship_id>/measures",
    "relationships/<relationship_id>/reviews",
    "relationships/<relationship_id>/level-changes",
    "feedback/<feedback_id>/close",
    *(f"relationships/<relationship_id>/{w}" for w in ("feedback/given", "help-asks")),
    *(f"relationships/<relationship_id>/{w}" for w in ("needs/raised", "levels/stated")),
    *(f"feedback/<feedback_id>/{verb}" for verb in ("answer", "seen-closed", "reopen")),
    *(f"commitments/<commitment_id>/{verb}" for verb in ("keep", "keep-late", "break")),
    *(f"commitments/<commitment_id>/{verb}" for verb in ("release", "renegotiate")),
    *(f"commitments/<commitment_id>/{verb}" for verb in ("confirm", "dispute")),
):
    path = name.replace("<relationship_id>", "{relationship}")
    path = path.replace("<feedback_id>", "{feedback}").replace("<commitment_id>", "{commitment}")
    RULES[f"api/v1/{name}"] = Rule(
        "API: write endpoint (GET)",
        url(f"/api/v1/{path}"),
        same(everyone("405")),
    )
RULES["api/v1/language/check"] = Rule(
    "API: write endpoint (GET)", url("/api/v1/language/check"), same(everyone("405"))
)
RULES["api/v1/measures/<measure_id>/agree"] = Rule(
    "API: write endpoint (GET)",
    lambda w, side: f"/api/v1/measures/{m.AgreedMeasure.objects.order_by('pk').first().pk}/agree",
    same(everyone("405")),
    per_side=False,
)


def _link_changers(ok: Outcome, anonymous: Outcome) -> Expect:
    """Links for the other side: those who may change the relationship; its other readers
    are refused (403); the rest do not find it (404)."""

    def expect(persona: str, side: str) -> Outcome:
        if persona == "anonymous":
            return anonymous
        return ok if persona in WRITERS[side] else "403" if persona in READERS[side] else "404"

    return expect


RULES |= {
    "shared/t/<str:token>/": Rule(
        "links: the other side's link",
        lambda w, side: f"/shared/t/{w.tokens['link_' + side]}/",
        # The token is the credential, whoever holds it: Finance's is live (sent on to the
        # page, token swapped for a cookie), IT's was revoked (404 like an unknown one).
        lambda p, side: "redirect" if side == "Finance" else "404",
    ),
    "shared/<int:pk>/": Rule(
        "links: the link's page without its cookie", url("/shared/{link}/"), same(everyone("404"))
    ),
    "shared/<int:pk>/<slug:verb>/": Rule(
        "links: an answer (GET)", url("/shared/{link}/kept/"), same(everyone("405"))
    ),
    "relationships/<int:pk>/links/": Rule(
        "links: make one (GET)", url("/relationships/{relationship}/links/"), CAMPAIGN_BUTTON
    ),
    "relationships/<int:pk>/links/<int:link>/<slug:verb>/": Rule(
        "links: renew or revoke (GET)",
        url("/relationships/{relationship}/links/{link}/revoke/"),
        CAMPAIGN_BUTTON,
    ),
    "api/v1/relationships/<relationship_id>/links": Rule(
        "API: links of a relationship",
        url("/api/v1/relationships/{relationship}/links"),
        _link_changers("200", "401"),
    ),
    "api/v1/links/<link_id>/revoke": Rule(
        "API: write endpoint (GET)", url("/api/v1/links/{link}/revoke"), same(everyone("405"))
    ),
    # Promises found (issue 15): one's own queue, a kept relationship's; tests/promises has
    # the personas with real proposals.
    "promises/found/": fixed("/promises/found/", "promises found: the queue", LOGGED_IN_PAGE),
    "relationships/<int:pk>/promises-found/": Rule(
        "promises found: a relationship's queue",
        url("/relationships/{relationship}/promises-found/"),
        SCOPED_PAGE,
    ),
    "api/v1/promises/found": fixed("/api/v1/promises/found", "API: list", API_LIST),
    **{
        f"api/v1/promises/found/<proposal_id>/{verb}": Rule(
            "API: write endpoint (GET)",
            lambda w, side, verb=verb: f"/api/v1/promises/found/1/{verb}",
            same(everyone("405")),
            per_side=False,
        )
        for verb in ("confirm", "correct", "dismiss")
    },
    "promises/found/<int:pk>/<slug:verb>/": Rule(
        "promises found: a decision (GET)",
        lambda w, side: "/promises/found/1/confirm/",
        CAMPAIGN_BUTTON,
        per_side=False,
    ),
}


# The admin site: only the admin; everyone else is sent to the admin's log-in page.
AXES_MODELS = ("accessattempt", "accessfailurelog", "accesslog")
ADMIN_SPECIAL: dict[str, dict[str, Outcome]] = {
    "admin/login/": {"admin": "redirect", "*": "200"},
    "admin/logout/": {"admin": "405", "anonymous": "redirect", "*": "redirect"},
    "admin/autocomplete/": {"admin": "403"},  # needs its query string
    "admin/r/<path:content_type_id>/<path:object_id>/": {"admin": "404"},  # no "view on site"
    "admin/(?P<url>.*)$": {"admin": "404"},  # the admin's catch-all
    # The audit log is append-only: not even an admin adds or deletes an event.
    "admin/audit/auditevent/add/": {"admin": "403"},
    "admin/audit/auditevent/<path:object_id>/delete/": {"admin": "403"},
    # django-axes records login attempts; nobody adds one by hand.
    **{f"admin/axes/{name}/add/": {"admin": "403"} for name in AXES_MODELS},
}


LOG_IN_OUT = ("admin/login/", "admin/logout/")


def _nudge(w: World, side: str = "IT") -> int:
    """A stored nudge of it_member's: only its own user may open or change it."""
    from trustledger.nudges.models import StoredNudge

    found, _ = StoredNudge.objects.get_or_create(
        user=w.users["it_member"], cause="test:nudge", defaults={"kind": "promise_due", "link": "/"}
    )
    return found.pk


def _own_nudge(ok: Outcome) -> Expect:
    return same(lambda p: "login" if p == "anonymous" else ok if p == "it_member" else "404")


RULES |= {
    "nudges/": fixed("/nudges/", "nudges: notification centre", LOGGED_IN_PAGE),
    "nudges/<int:pk>/open/": Rule(
        "nudges: open one", lambda w, side: f"/nudges/{_nudge(w)}/open/", _own_nudge("redirect")
    ),
} | {
    f"nudges/<int:pk>/{verb}/": Rule(
        f"nudges: {verb} (GET)",
        lambda w, side, v=verb: f"/nudges/{_nudge(w)}/{v}/",
        CAMPAIGN_BUTTON,
    )
    for verb in ("read", "snooze", "dismiss")
}


def _unsubscribe_path(w: World, side: str) -> str:
    """it_member's link that stops the weekly digest; a forged one on the other side."""
    from trustledger.nudges import mail

    user = w.users["it_member"]
    token = mail.unsubscribe_token(user, mail.DIGEST, mail.preference_of(user))
    return f"/nudges/unsubscribe/{token if side == 'IT' else token[:-4] + 'abcd'}/"


RULES |= {
    "nudges/mail/": fixed("/nudges/mail/", "nudges: mail settings", LOGGED_IN_PAGE),
    # The signed link is the credential (a GET only shows what it stops); forged → 404.
    "nudges/unsubscribe/<str:token>/": Rule(
        "nudges: one-click unsubscribe link",
        _unsubscribe_path,
        lambda p, side: "200" if side == "IT" else "404",
    ),
}


# Settings a team can own (issue 18): the admin's alone; the pages do not exist for anyone
# else (404, as the audit log); the API asks the anonymous to log in (401).
ADMIN_ONLY_PAGE = same(lambda p: "200" if p == "admin" else "404")
ADMIN_ONLY_API = same(lambda p: "401" if p == "anonymous" else "200" if p == "admin" else "404")
RULES |= {
    "settings/": Rule(
        "settings: the page", lambda w, side: "/settings/", ADMIN_ONLY_PAGE, per_side=False
    ),
    "settings/history/": Rule(
        "settings: the history",
        lambda w, side: "/settings/history/",
        ADMIN_ONLY_PAGE,
        per_side=False,
    ),
    "api/v1/settings": Rule(
        "API: settings", lambda w, side: "/api/v1/settings", ADMIN_ONLY_API, per_side=False
    ),
    "api/v1/settings/preview": Rule(
        "API: write endpoint (GET)",
        lambda w, side: "/api/v1/settings/preview",
        same(everyone("405")),
        per_side=False,
    ),
}


def _settings_writes() -> list[Write]:
    from trustledger.tuning.models import SettingsVersion

    def versions(w: World, side: str) -> Any:
        return SettingsVersion.objects.count()

    return [
        Write(
            "settings: save a change (POST)",
            lambda w, side: "/settings/",
            lambda w, side: {"attention.half_life_days": "60", "reason": "R", "action": "save"},
            versions,
            same(lambda p: "redirect" if p == "admin" else "404"),
        ),
        Write(
            "API: settings change",
            lambda w, side: "/api/v1/settings",
            lambda w, side: {"values": {"attention.half_life_days": 60}, "reason": "R"},
            versions,
            ADMIN_ONLY_API,
            json=True,
        ),
    ]


def _nudge_writes() -> list[Write]:
    from trustledger.nudges.models import StoredNudge

    def state(w: World, side: str) -> Any:
        return StoredNudge.objects.filter(pk=_nudge(w)).values_list(
            "read_at", "snoozed_until", "dismissed_at"
        )[0]

    return [
        Write(
            f"nudges: {verb} (POST)",
            lambda w, side, v=verb: f"/nudges/{_nudge(w)}/{v}/",
            lambda w, side: {"days": "1"},
            state,
            _own_nudge("redirect"),
        )
        for verb in ("read", "snooze", "dismiss")
    ]


def _admin_rule(route: str) -> Rule:
    special = ADMIN_SPECIAL.get(route, {})
    if (
        route not in ADMIN_SPECIAL
        and route.endswith("/<path:object_id>/")
        and route.count("/") == 4
    ):
        special = {"admin": "redirect"}  # an object's bare URL redirects to its change page

    def expect(persona: str, side: str) -> Outcome:
        default = "200" if persona == "admin" else "admin-login"
        return special.get(persona, special.get("*", default) if persona != "admin" else default)

    kind = "admin site: log-in, log-out" if route in LOG_IN_OUT else "admin site"
    return Rule(kind, _admin_url(route), expect, per_side=False)


def _admin_url(route: str) -> Fill:
    def fill(w: World, side: str) -> str:
        path = "/" + route
        for model in django_admin.site._registry:
            prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
            if route.startswith(prefix):
                first = model.objects.order_by("pk").first()
                assert first is not None, f"the world holds no {model._meta.label}: add one"
                path = path.replace("<path:object_id>", str(first.pk))
                path = path.replace("<id>", str(first.pk))
        path = path.replace("<path:content_type_id>", "1").replace("<path:object_id>", "1")
        if "(?P<app_label>" in path:
            path = "/admin/ledger/"
        return path.replace("(?P<url>.*)$", "no-such-page/")

    return fill


def url_patterns() -> list[str]:
    def walk(patterns: Any, prefix: str = "") -> Any:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    return sorted(set(walk(get_resolver().url_patterns)))


def rule_for(route: str) -> Rule | None:
    if route.startswith("admin/"):
        return _admin_rule(route)
    return RULES.get(route)


def test_every_url_pattern_has_a_rule():
    routes = url_patterns()
    missing = [r for r in routes if rule_for(r) is None]
    assert not missing, f"URL patterns without an access rule in {__file__}: {missing}"
    stale = sorted(set(RULES) - set(routes))
    assert not stale, f"rules for URL patterns that no longer exist: {stale}"


# --- reads -----------------------------------------------------------------------------------


def _observe(world: World) -> list[tuple[str, str, str, str, Outcome, Outcome]]:
    """(kind, side, url, persona, expected, observed) for every pattern, side and persona."""
    seen = []
    clients = {p: world.client(p) for p in PERSONAS}
    for route in url_patterns():
        rule = rule_for(route)
        assert rule is not None, route
        for fill, expect in ((rule.fill, rule.expect), *rule.more):
            for side in SIDES if rule.per_side else ("",):
                path = fill(world, side or "IT")
                for persona in PERSONAS:
                    cache.clear()  # rate limits and report caches start afresh for each request
                    observed = outcome_of(clients[persona].get(path))
                    seen.append((rule.kind, side, path, persona, expect(persona, side), observed))
    return seen


def test_every_url_answers_every_persona_as_the_rules_say(world):
    seen = _observe(world)
    wrong = [
        f"{persona:>15} {path}: expected {expected}, got {observed}"
        for _, _, path, persona, expected, observed in seen
        if expected != observed
    ]
    READ_SEEN.extend(seen)
    assert len({s[2] for s in seen}) >= len(url_patterns())
    assert not wrong, "\n".join(wrong)


# --- writes ----------------------------------------------------------------------------------


def _count(model: Any) -> Callable[[World, str], Any]:
    return lambda w, side: model.objects.count()


def _state(w: World, side: str) -> Any:
    c = m.Commitment.objects.get(pk=w.id("commitment", side))
    return (c.state, m.Commitment.objects.count())


def _campaign(w: World, side: str) -> Any:
    from trustledger.surveys.models import Campaign, Invitation

    return (Campaign.objects.get(pk=w.id("campaign", side)).status, Invitation.objects.count())


def _entry_data(slug: str) -> Callable[[World, str], dict[str, Any]]:
    def data(w: World, side: str) -> dict[str, Any]:
        rel, person, contact = (w.id(k, side) for k in ("relationship", "person", "contact"))
        return {
            "interaction": {"person": contact, "channel": "call", "occurred_on": TODAY},
            "commitment": {"what": "X", "promisee": contact, "due_on": NEXT_YEAR},
            "feedback": {"summary": "S", "sentiment": "neutral", "received_on": TODAY},
            "need": {"description": "D", "kind": "need"},
            "decision": {"title": "T", "decided_on": TODAY},
            "measure": {"name": "N", "target": "T", "agreed_on": TODAY},
            "review": {"held_on": TODAY},
            "level": {"to_level": "4", "reason": "R"},
        }[slug] | {
            "relationship": rel,
            "initiator": person,
            "promisor": person,
            "strength": "commitment",
        }

    return data


def _relationship_write(persona: str, side: str, ok: Outcome) -> Outcome:
    if persona == "anonymous":
        return "login"
    if persona in WRITERS[side]:
        return ok
    return "403" if persona in READERS[side] or persona not in MAY_ENTER else "404"


def _api_write(ok: Outcome, names_people: bool = False) -> Expect:
    def expect(persona: str, side: str) -> Outcome:
        if persona == "anonymous":
            return "401"
        if persona in WRITERS[side]:
            return ok
        if persona not in READERS[side]:
            return "404"
        # A reader who may not change it: 403; 404 when the payload names a person the
        # reader cannot see (a member does not see the unit's other people).
        return "404" if names_people and persona.endswith("_member") else "403"

    return expect


@dataclass(frozen=True)
class Write:
    kind: str
    fill: Fill
    data: Callable[[World, str], dict[str, Any]]
    snapshot: Callable[[World, str], Any]
    expect: Expect
    json: bool = False
    # Whether an accepted post must change something: a survey button on a campaign in the
    # wrong state (opening an open one) is accepted and only answered with a message.
    changes: bool = True
    # Whether the task queue runs what the post queues at once, inside the test (sending a
    # review pack happens on the worker; its change is the pack stored and sent).
    queued: bool = False


def _api_payloads() -> list[Write]:
    now = timezone.now().isoformat()
    later = (timezone.now() + dt.timedelta(days=60)).isoformat()

    def person_payload(extra: dict[str, Any]) -> Callable[[World, str], dict[str, Any]]:
        return lambda w, side: (
            extra
            | {
                "relationship_id": w.id("relationship", side),
                **({"initiator_id": w.id("person", side)} if "channel" in extra else {}),
                **({"participant_ids": [w.id("contact", side)]} if "channel" in extra else {}),
                **({"promisor_id": w.id("person", side)} if "what" in extra else {}),
                **({"promisee_id": w.id("contact", side)} if "what" in extra else {}),
            }
        )

    def plain(payload: dict[str, Any]) -> Callable[[World, str], dict[str, Any]]:
        return lambda w, side: payload

    writes = [
        Write(
            "connections: pause button (POST)",
            url("/connections/{connection}/pause/"),
            lambda w, side: {"paused": "1"},
            lambda w, side: Connection.objects.filter(pk=w.id("connection", side)).values_list(
                "paused", flat=True
            )[0],
            _connection_expect,
        ),
        Write(
            "connections: delete button (POST)",
            url("/connections/{connection}/delete/"),
            lambda w, side: {},
            lambda w, side: Connection.objects.filter(pk=w.id("connection", side)).count(),
            _connection_expect,
        ),
        Write(
            "imports: retry button (POST)",
            url("/imports/{job}/retry/"),
            lambda w, side: {},
            lambda w, side: ImportJob.objects.filter(pk=w.id("job", side)).values_list(
                "status", "finished_at", "summary"
            )[0],
            _retry_expect,
        ),
        Write(
            "imports: map a CSV's columns (POST)",
            url("/imports/{job}/map/"),
            lambda w, side: {"file": "nothing.csv", "kind": "people"},
            lambda w, side: ImportJob.objects.count(),
            _map_expect,
        ),
        Write(
            "API: write",
            url("/api/v1/interactions"),
            person_payload({"occurred_at": now, "channel": "call"}),
            _count(m.Interaction),
            _api_write("201", names_people=True),
            json=True,
        ),
        Write(
            "API: write",
            url("/api/v1/commitments"),
            person_payload({"what": "X", "strength": "commitment", "due_at": later}),
            _count(m.Commitment),
            _api_write("201", names_people=True),
            json=True,
        ),
        Write(
            "API: write",
            url("/api/v1/decisions"),
            lambda w, side: {"title": "T", "relationship_id": w.id("relationship", side)},
            _count(m.Decision),
            _api_write("201"),
            json=True,
        ),
        Write(
            "API: write",
            url("/api/v1/feedback/{feedback}/close"),
            plain({"what_changed": "W"}),
            lambda w, side: m.FeedbackItem.objects.filter(loop_closed_at__isnull=False).count(),
            _api_write("200"),
            json=True,
        ),
    ]
    for path, payload, model in (
        ("feedback", {"summary": "S"}, m.FeedbackItem),
        ("needs", {"description": "D"}, m.Need),
        ("measures", {"name": "N", "target": "T"}, m.AgreedMeasure),
        ("reviews", {"held_on": TODAY.isoformat()}, m.QualityReview),
        ("level-changes", {"to_level": 4, "reason": "R"}, m.ServiceLevelChange),
    ):
        writes.append(
            Write(
                "API: write",
                url(f"/api/v1/relationships/{{relationship}}/{path}"),
                plain(payload),
                _count(model),
                _api_write("201"),
                json=True,
            )
        )
    for path, payload, snapshot, expect in (
        ("relationships/{relationship}/help-asks", {}, _count(m.HelpAsk), _api_write("201")),
        (
            "relationships/{relationship}/levels/stated",
            {"level": 3, "reason": "R"},
            _count(m.LevelStatement),
            _api_write("201"),
        ),
        ("feedback/{feedback}/answer", {"response": "R"}, _answered, _api_write("200")),
        ("relationships/{relationship}/feedback/given", {"summary": "S"}, _count(m.FeedbackItem), _theirs("401", "201")),
        ("relationships/{relationship}/needs/raised", {"description": "D"}, _count(m.Need), _theirs("401", "201")),
        ("feedback/{feedback}/seen-closed", {}, _seen, _theirs("401", "200")),
        ("feedback/{feedback}/reopen", {}, _reopened, _theirs("401", "200")),
    ):  # fmt: skip
        writes.append(
            Write("API: answering back", url(f"/api/v1/{path}"), plain(payload), snapshot, expect, json=True)
        )  # fmt: skip
    for verb, payload, ok in (
        ("keep", {}, "200"),
        ("keep-late", {}, "200"),
        ("break", {}, "200"),
        ("release", {}, "200"),
        ("renegotiate", {"new_due_at": later}, "201"),
    ):
        writes.append(
            Write(
                "API: write",
                url(f"/api/v1/commitments/{{commitment}}/{verb}"),
                plain(payload),
                _state,
                _api_write(ok),
                json=True,
            )
        )
    writes += _link_writes()
    return writes


def _link_writes() -> list[Write]:
    """Links for the other side: IT's contact may get a new one (the old is revoked);
    Finance's has a live one, so a second is refused with the field named (400, 422)."""

    def made(ok: Outcome, refused: Outcome, anonymous: Outcome) -> Expect:
        changers = _link_changers(ok, anonymous)
        return lambda p, side: (
            refused if side == "Finance" and changers(p, side) == ok else changers(p, side)
        )

    def contact(key: str) -> Callable[[World, str], dict[str, Any]]:
        return lambda w, side: {key: w.id("contact", side)}

    from trustledger.sharing.models import SharedLink

    revoked = lambda w, side: SharedLink.objects.filter(revoked_at__isnull=False).count()  # noqa: E731
    return [
        Write(
            "links: make one (POST)",
            url("/relationships/{relationship}/links/"),
            contact("person"),
            _count(SharedLink),
            made("200", "400", "login"),
        ),
        Write(
            "links: revoke (POST)",
            url("/relationships/{relationship}/links/{link}/revoke/"),
            lambda w, side: {},
            revoked,
            _link_changers("redirect", "login"),
            changes=False,  # IT's is revoked already: accepted, nothing to change
        ),
        Write(
            "API: write",
            url("/api/v1/relationships/{relationship}/links"),
            contact("person_id"),
            _count(SharedLink),
            made("201", "422", "401"),
            json=True,
        ),
        Write(
            "API: write",
            url("/api/v1/links/{link}/revoke"),
            lambda w, side: {},
            revoked,
            _link_changers("200", "401"),
            json=True,
            changes=False,
        ),
    ]


def _answered(w: World, side: str) -> Any:
    return m.FeedbackItem.objects.filter(loop_closed_at__isnull=False).count()


def _seen(w: World, side: str) -> Any:
    return m.FeedbackItem.objects.filter(seen_closed_at__isnull=False).count()


def _reopened(w: World, side: str) -> Any:
    return m.FeedbackItem.objects.filter(reopened_at__isnull=False).count()


def _theirs(anonymous: Outcome, ok: Outcome) -> Expect:
    """The other side's answers: nobody here stands on the other side (the counterparts are
    outside contacts), so the serving side's readers are refused (403) and the rest 404."""

    def expect(persona: str, side: str) -> Outcome:
        if persona == "anonymous":
            return anonymous
        return "403" if persona in READERS[side] else "404"

    return expect


def _ours_button(persona: str, side: str) -> Outcome:
    if persona == "anonymous":
        return "login"
    if persona in WRITERS[side]:
        return "redirect"
    return "403" if persona in READERS[side] else "404"


def _connection_expect(persona: str, side: str) -> Outcome:
    """A connection's owner (or an admin) may pause or delete it; another unit's manager does
    not find it (404); members, viewers and outsiders are refused (403)."""
    if persona == "anonymous":
        return "login"
    if persona in {"admin", "it_manager" if side == "IT" else "finance_manager"}:
        return "redirect"
    return "404" if persona in MANAGERS else "403"


def _retry_expect(persona: str, side: str) -> Outcome:
    """Only the job's owner (or an admin) may retry it, and only a failed one: 409 here."""
    if persona == "anonymous":
        return "login"
    if persona in {"admin", "it_manager" if side == "IT" else "finance_manager"}:
        return "409"
    return "404" if persona in MANAGERS else "403"


def _map_expect(persona: str, side: str) -> Outcome:
    """Only the job's owner (or an admin) may map its files; no file waits here: 400."""
    if persona == "anonymous":
        return "login"
    if persona in {"admin", "it_manager" if side == "IT" else "finance_manager"}:
        return "400"
    return "404" if persona in MANAGERS else "403"


def _web_writes() -> list[Write]:
    models = {
        "interaction": m.Interaction,
        "commitment": m.Commitment,
        "feedback": m.FeedbackItem,
        "need": m.Need,
        "decision": m.Decision,
        "measure": m.AgreedMeasure,
        "review": m.QualityReview,
        "level": m.ServiceLevelChange,
    }
    writes = [
        Write(
            "entry: form (POST)",
            url(f"/entry/{slug}/"),
            _entry_data(slug),
            _count(model),
            lambda p, side: _relationship_write(p, side, "redirect"),
        )
        for slug, model in models.items()
    ]

    def relationship_fields(w: World, side: str) -> dict[str, Any]:
        return {
            "our_unit": w.id("unit", side),
            "counterpart_person": w.id("contact", side),
            "purpose": "Posted purpose",
            "started_on": "2026-01-05",
            "status": "active",
        }

    def record_write(p: str, side: str) -> Outcome:
        outcome = _record(READERS[side], p, side)
        return "redirect" if outcome == "200" else outcome

    writes += [
        Write(
            "records: edit a relationship (POST)",
            url("/relationships/{relationship}/edit/"),
            relationship_fields,
            lambda w, side: m.Relationship.objects.get(pk=w.id("relationship", side)).purpose,
            record_write,
        ),
        Write(
            "records: delete a relationship (POST)",
            url("/relationships/{relationship}/delete/"),
            lambda w, side: {},
            _count(m.Relationship),
            record_write,
        ),
    ]
    for verb in ("keep", "keep-late", "break", "release", "renegotiate"):
        writes.append(
            Write(
                "entry: commitment button (POST)",
                url(f"/commitments/{{commitment}}/{verb}/"),
                lambda w, side: {"new_due_on": NEXT_YEAR, "note": "n"},
                _state,
                lambda p, side: (
                    "login"
                    if p == "anonymous"
                    else "redirect"
                    if p in WRITERS[side]
                    else ("403" if p in READERS[side] else "404")
                ),
            )
        )
    writes += [
        Write(
            "records: close a feedback loop (POST)",
            url("/feedback/{feedback}/close/"),
            lambda w, side: {"what_changed": "W", "closed_on": timezone.localdate()},
            lambda w, side: m.FeedbackItem.objects.filter(loop_closed_at__isnull=False).count(),
            record_post,
        ),
        Write(
            "records: edit (POST)",
            url("/records/feedback/{feedback}/edit/"),
            lambda w, side: {
                "summary": "Changed",
                "sentiment": "negative",
                "received_on": timezone.localdate(),
            },
            lambda w, side: m.FeedbackItem.objects.get(pk=w.id("feedback", side)).summary,
            record_post,
        ),
        Write(
            "records: delete (POST)",
            url("/records/interaction/{interaction}/delete/"),
            lambda w, side: {"confirm": "delete"},
            _count(m.Interaction),
            record_post,
        ),
    ]
    writes += [
        Write(
            "answering back (POST)", url(f"/relationships/{{relationship}}/answers/{verb}/"),
            lambda w, side, data=data: data, snapshot, expect,
        )
        for verb, data, snapshot, expect in (
            ("ask", {"note": "N"}, _count(m.HelpAsk), _ours_button),
            ("level", {"level": "3", "reason": "R"}, _count(m.LevelStatement), _ours_button),
            ("feedback", {"summary": "S"}, _count(m.FeedbackItem), _theirs("login", "redirect")),
            ("need", {"description": "D"}, _count(m.Need), _theirs("login", "redirect")),
        )
    ] + [
        Write(
            "answering back (POST)", url(f"/feedback/{{feedback}}/{verb}/"),
            lambda w, side: {}, snapshot, _theirs("login", "redirect"),
        )
        for verb, snapshot in (("seen", _seen), ("reopen", _reopened))
    ]  # fmt: skip
    from trustledger.reviewpacks.models import StoredPack

    writes += [
        Write(
            "review pack: store or send (POST)",
            url(f"/relationships/{{relationship}}/review-pack/{verb}/"),
            lambda w, side: {},
            _count(StoredPack),
            _ours_button,
            queued=verb == "send",
        )
        for verb in ("store", "send")
    ]
    for verb in ("raters", "open", "remind", "close"):
        writes.append(
            Write(
                "surveys: campaign button (POST)",
                url(f"/surveys/{{campaign}}/{verb}/"),
                lambda w, side: {"emails": "new@outside.example"},
                _campaign,
                lambda p, side: (
                    "login"
                    if p == "anonymous"
                    else "redirect"
                    if p in WRITERS[side]
                    else ("403" if p in READERS[side] else "404")
                ),
                changes=verb == "raters",
            )
        )
    return writes


Seen = tuple[str, str, str, str, Outcome, Outcome]
READ_SEEN: list[Seen] = []
WRITE_SEEN: list[Seen] = []


def test_every_write_refuses_the_wrong_persona_and_changes_nothing(world):
    wrong = []
    for write in _web_writes() + _api_payloads() + _nudge_writes() + _settings_writes():
        for side in SIDES:
            path = write.fill(world, side)
            for persona in PERSONAS:
                cache.clear()
                with transaction.atomic():
                    before = write.snapshot(world, side)
                    client = world.client(persona)
                    data = write.data(world, side)
                    queue.immediate = write.queued
                    try:
                        if write.json:
                            response = client.post(path, data, content_type="application/json")
                        else:
                            response = client.post(path, data)
                    finally:
                        queue.immediate = False
                    after = write.snapshot(world, side)
                    transaction.set_rollback(True)
                expected = write.expect(persona, side)
                observed = outcome_of(response)
                WRITE_SEEN.append((write.kind, side, path, persona, expected, observed))
                allowed = expected in ("200", "201", "redirect")
                if observed != expected:
                    wrong.append(f"{persona:>15} POST {path}: expected {expected}, got {observed}")
                elif allowed and write.changes and before == after:
                    wrong.append(f"{persona:>15} POST {path}: allowed, but nothing changed")
                elif not allowed and before != after:
                    wrong.append(f"{persona:>15} POST {path}: refused, yet {before} → {after}")
    assert not wrong, "\n".join(wrong)


# --- the printed matrix ----------------------------------------------------------------------

SHORT = {"200": "✓", "201": "✓", "redirect": "✓ (→)", "login": "→ log-in", "401": "401"}
SHORT |= {"admin-login": "→ admin log-in", "403": "403", "404": "404", "405": "405", "409": "409"}


def _write_matrix(reads: list[Any], writes: list[Any]) -> None:
    target = os.environ.get("TRUSTLEDGER_ACCESS_MATRIX")
    if not target:
        return
    cells: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    patterns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, side, path, persona, _, observed in [*reads, *writes]:
        row = (kind, f"{side} side" if side else "")
        cells[row][persona].add(SHORT.get(observed, observed))
        patterns[row].add(path)
    lines = [
        "| URL kind | object | URLs | " + " | ".join(PERSONAS) + " |",
        "|---|---|---:|" + "---|" * len(PERSONAS),
    ]
    for row in sorted(cells):
        row_cells = [" / ".join(sorted(cells[row][p])) for p in PERSONAS]
        lines.append(
            f"| {row[0]} | {row[1]} | {len(patterns[row])} | " + " | ".join(row_cells) + " |"
        )
    Path(target).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(autouse=True, scope="module")
def _print_after_all():  # type: ignore[no-untyped-def]
    yield
    _write_matrix(READ_SEEN, WRITE_SEEN)
