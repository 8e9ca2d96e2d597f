"""Settings a team can own (issue 18): the core's validation of stored overrides, the history
and audit rows, who may open the pages and endpoints, and that the engine, the
whole-organization recompute and the pages use the stored settings."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.test import Client

from trustledger.domain.settings import (
    DEFAULT_SETTINGS,
    SettingsError,
    flatten,
    from_overrides,
    overrides_of,
)
from trustledger.tuning import store
from trustledger.tuning.catalog import BY_NAME, GROUPS

PERSONAS = ("anonymous", "admin", "it_manager", "it_member", "viewer", "outsider")


@pytest.fixture(autouse=True)
def _fresh_settings():  # type: ignore[no-untyped-def]
    store.forget()
    yield
    store.forget()


# --- the core's rules (pure) -----------------------------------------------------------------


def test_no_overrides_are_the_defaults():
    assert from_overrides({}) == DEFAULT_SETTINGS
    assert overrides_of(DEFAULT_SETTINGS) == {}


@pytest.mark.parametrize(
    ("name", "good", "bad", "reason"),
    [
        ("attention.half_life_days", 0.001, 0, "must be positive"),
        ("attention.channel_weights.meeting", 0, -0.5, "non-negative"),
        ("attention.max_meeting_size", 2, 1, ">= 2"),
        ("attention.broadcast_weight", 1, 1.01, "within 0–1"),
        ("health.cadence_days.partner", 0.5, 0, "> 0"),
        ("reliability.strength_weights.best_effort", 0, -1, "non-negative"),
        ("reliability.claimed_weight", 0, 1.5, "within 0–1"),
        ("health.weights.trust", 0, -1, ">= 0"),
        ("health.green_from", 100, 30, "amber_from <= green_from"),
        ("bands.trust.good_from", 15, 16, "cuts must run"),
        ("bands.self_orientation.good_from", 7, 7.5, "cuts must run"),
        ("nudges.immediate_due_days", 7, 7.5, "promise_due_soon_days"),
        ("nudges.survey_ready_days", 0.1, 0, "positive"),
        ("trust.min_raters", 3, 2, "at least 3"),
        ("perception.min_other_raters", 3, 2, "at least 3"),
    ],
)
def test_the_core_accepts_the_boundary_and_refuses_past_it_naming_the_field(
    name, good, bad, reason
):
    assert flatten(from_overrides({name: good}))[name] == good
    with pytest.raises(SettingsError) as refused:
        from_overrides({name: bad})
    assert refused.value.field.startswith(name.rsplit(".", 1)[0]), refused.value.field
    assert reason in str(refused.value)


def test_k_below_3_is_refused_by_the_core_whatever_the_type():
    for bad in (2, 0, -5, 2.0):
        with pytest.raises(SettingsError, match="trust.min_raters"):
            from_overrides({"trust.min_raters": bad})
    with pytest.raises(SettingsError, match="whole number"):
        from_overrides({"trust.min_raters": 3.5})


def test_unknown_names_and_wrong_types_are_refused():
    with pytest.raises(SettingsError, match="not a setting"):
        from_overrides({"attention.half_life": 30})
    with pytest.raises(SettingsError, match="must be a number"):
        from_overrides({"attention.half_life_days": "30"})
    with pytest.raises(SettingsError, match="finite"):
        from_overrides({"attention.half_life_days": float("nan")})
    with pytest.raises(SettingsError, match="one of"):
        from_overrides({"health.model": "median"})


def test_every_catalogued_setting_is_a_core_setting_and_its_range_holds_its_default():
    flat = flatten(DEFAULT_SETTINGS)
    assert {g.slug for g in GROUPS} >= {
        "attention",
        "meaningful",
        "cadence",
        "reliability",
        "health",
        "bands",
        "nudges",
        "anonymity",
    }
    for s in BY_NAME.values():
        assert s.name in flat
        assert s.low <= s.default <= s.high, s.name


# --- proposing and saving ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_setting_outside_its_range_is_refused_on_that_field(name):
    s = BY_NAME[name]
    for bad in (s.low - 1, s.high + 1, "abc", ""):
        with pytest.raises(store.Refused) as refused:
            store.propose({name: bad})
        assert name in refused.value.errors


@pytest.mark.django_db
def test_k_below_the_servers_floor_is_refused(settings):
    settings.TRUSTLEDGER_SURVEY_MIN_RATERS = 6
    with pytest.raises(store.Refused) as refused:
        store.propose({"trust.min_raters": 5})
    assert "TRUSTLEDGER_SURVEY_MIN_RATERS" in refused.value.errors["trust.min_raters"]
    # The floor also holds over what is stored: the stricter of the two.
    assert store.current().trust.min_raters == 6


@pytest.mark.django_db
def test_a_cross_field_rule_names_the_changed_field():
    with pytest.raises(store.Refused) as refused:
        store.propose({"health.amber_from": 80})
    assert "health.amber_from" in refused.value.errors


@pytest.mark.django_db(transaction=False)
def test_saving_writes_history_audit_and_queues_a_full_recompute(
    cast, django_capture_on_commit_callbacks, settings, tmp_path
):
    from trustledger.analytics.models import ComputeRun
    from trustledger.analytics.queue import queue
    from trustledger.audit.models import AuditEvent
    from trustledger.tuning.models import SettingsVersion

    settings.TRUSTLEDGER_ANALYTICS_DIR = tmp_path / "analytics"
    queue.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            version = store.save(
                {"attention.half_life_days": "60", "nudges.promise_due_soon_days": 10},
                "Our customers think in quarters",
                cast.admin,
            )
    finally:
        queue.immediate = False
    assert version is not None
    row = SettingsVersion.objects.get()
    assert row.actor_username == "admin" and row.reason == "Our customers think in quarters"
    assert row.overrides == {"attention.half_life_days": 60.0, "nudges.promise_due_soon_days": 10.0}
    assert {c["name"]: (c["before"], c["after"]) for c in row.changes} == {
        "attention.half_life_days": (90.0, 60.0),
        "nudges.promise_due_soon_days": (7.0, 10.0),
    }
    event = AuditEvent.objects.get(action="settings.changed")
    assert event.actor_username == "admin" and event.target_id == str(row.pk)
    assert sorted(event.detail["changed"]) == sorted(c["name"] for c in row.changes)
    assert ComputeRun.objects.filter(kind="full").exists()
    assert store.current().attention.half_life_days == 60.0
    # A second change keeps the first override: the version holds all of them.
    with django_capture_on_commit_callbacks(execute=True):
        store.save({"attention.half_life_days": 90}, "Back to the default", cast.admin)
    latest = SettingsVersion.objects.order_by("-id").first()
    assert latest.overrides == {"nudges.promise_due_soon_days": 10.0}
    assert store.current().attention.half_life_days == 90.0


@pytest.mark.django_db
def test_nothing_is_saved_on_a_bad_value_or_without_a_reason(cast):
    from trustledger.audit.models import AuditEvent
    from trustledger.tuning.models import SettingsVersion

    with pytest.raises(store.Refused) as refused:
        store.save({"attention.half_life_days": 60, "trust.min_raters": 2}, "why", cast.admin)
    assert set(refused.value.errors) == {"trust.min_raters"}
    with pytest.raises(store.Refused) as refused:
        store.save({"attention.half_life_days": 60}, "  ", cast.admin)
    assert set(refused.value.errors) == {"reason"}
    assert not SettingsVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="settings.changed").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE tuning_settingsversion SET reason = 'nobody asked'",
        "UPDATE tuning_settingsversion SET overrides = '{}'",
        "DELETE FROM tuning_settingsversion",
    ],
)
def test_the_database_refuses_to_rewrite_the_settings_history(cast, sql):
    from django.db import DatabaseError, connection, transaction

    from trustledger.tuning.models import SettingsVersion

    version = SettingsVersion.objects.create(
        reason="Our customers think in quarters", overrides={"attention.half_life_days": 60}
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    kept = SettingsVersion.objects.get(pk=version.pk)
    assert kept.reason == "Our customers think in quarters"
    assert kept.overrides == {"attention.half_life_days": 60}


@pytest.mark.django_db
def test_the_settings_in_force_at_a_past_moment_come_from_the_history(cast):
    from trustledger.tuning.models import SettingsVersion

    SettingsVersion.objects.create(
        at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        reason="r",
        overrides={"attention.half_life_days": 30},
    )
    assert store.in_force_at(dt.datetime(2025, 6, 1, tzinfo=dt.UTC)).version is None
    then = store.in_force_at(dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    assert then.settings.attention.half_life_days == 30


# --- who may open what ------------------------------------------------------------------------


def _client(cast, persona):  # type: ignore[no-untyped-def]
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(cast, persona))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_admin_finds_the_settings_pages_and_endpoints(cast, persona):
    from trustledger.tuning.models import SettingsVersion

    client = _client(cast, persona)
    ok = persona == "admin"
    for path in ("/settings/", "/settings/?format=json", "/settings/history/"):
        assert client.get(path).status_code == (200 if ok else 404), path
    api = client.get("/api/v1/settings")
    assert api.status_code == (200 if ok else 401 if persona == "anonymous" else 404)
    posted = client.post(
        "/settings/", {"attention.half_life_days": "30", "reason": "x", "action": "save"}
    )
    assert posted.status_code == (302 if ok else 404)
    write = client.post(
        "/api/v1/settings",
        {"values": {"attention.half_life_days": 45}, "reason": "x"},
        content_type="application/json",
    )
    assert write.status_code == (200 if ok else 401 if persona == "anonymous" else 404)
    preview = client.post(
        "/api/v1/settings/preview",
        {"values": {"attention.half_life_days": 45}},
        content_type="application/json",
    )
    assert preview.status_code == (200 if ok else 401 if persona == "anonymous" else 404)
    assert SettingsVersion.objects.count() == (2 if ok else 0)


@pytest.mark.django_db
def test_the_page_previews_then_saves_with_a_reason(cast):
    from trustledger.tuning.models import SettingsVersion

    client = _client(cast, "admin")
    page = client.post("/settings/", {"health.green_from": "75", "action": "preview"})
    assert page.status_code == 200
    assert b"What this change would do" in page.content and b"health band" in page.content
    assert not SettingsVersion.objects.exists()
    refused = client.post("/settings/", {"health.green_from": "75", "action": "save", "reason": ""})
    assert refused.status_code == 400 and b"say why" in refused.content
    bad = client.post("/settings/", {"trust.min_raters": "2", "action": "preview"})
    assert bad.status_code == 400 and b"must be within 3 to 1000" in bad.content
    saved = client.post(
        "/settings/", {"health.green_from": "75", "action": "save", "reason": "Stricter"}
    )
    assert saved.status_code == 302
    history = client.get("/settings/history/?format=json").json()
    assert history["versions"][0]["changes"][0]["after"] == 75.0
    assert history["versions"][0]["reason"] == "Stricter"
    api = client.post(
        "/api/v1/settings",
        {"values": {"attention.half_life_days": -1}, "reason": "x"},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert "attention.half_life_days" in api.json()["errors"][0]["field"]
    clash = client.post(
        "/api/v1/settings",
        {"values": {"health.amber_from": 80}, "reason": "x"},
        content_type="application/json",
    )
    assert clash.status_code == 409
    assert clash.json()["errors"][0]["field"] == "health.amber_from"
    unknown = client.post(
        "/api/v1/settings/preview",
        {"values": {"attention.half_life": 80}},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert SettingsVersion.objects.count() == 1


# --- the engine, the recompute and the pages use the stored settings ---------------------------


@pytest.mark.django_db
def test_a_new_half_life_moves_the_recomputed_attention_by_the_formula(
    cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    from trustledger.analytics.models import PairFigures
    from trustledger.analytics.queue import queue
    from trustledger.analytics.recompute import recompute
    from trustledger.directory.models import Person
    from trustledger.ledger import actions

    settings.TRUSTLEDGER_ANALYTICS_DIR = tmp_path / "analytics"
    ada = Person.objects.get(display_name="Ada Manager")
    ben = Person.objects.get(display_name="Ben Member")
    as_of = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    actions.record_interaction(
        cast.admin,
        occurred_at=as_of - dt.timedelta(days=30),
        channel="email",
        initiator=ada,
        participants=[ben],
    )
    recompute("full", as_of=as_of)
    before = PairFigures.objects.get()
    weight = 1.0  # an e-mail of unknown length to one person
    assert math.isclose(before.attention_ab + before.attention_ba, weight * 2 ** (-30 / 90))

    queue.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            store.save({"attention.half_life_days": 30}, "Faster fading", cast.admin)
    finally:
        queue.immediate = False
    recompute("full", as_of=as_of)
    after = PairFigures.objects.get()
    assert math.isclose(after.attention_ab + after.attention_ba, weight * 2 ** (-30 / 30))
    # Rolled forward 30 more days at the stored half-life: halved once more.
    later = sum(after.attention_at(as_of + dt.timedelta(days=30)))
    assert math.isclose(later, weight * 0.25)


@pytest.mark.django_db
def test_the_engine_hook_and_pages_read_the_stored_settings(
    cast, django_capture_on_commit_callbacks
):
    from trustledger.engine.reports import engine_settings

    client = _client(cast, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        version = store.save({"health.cadence_days.partner": 10}, "Closer partners", cast.admin)
    assert engine_settings().health.cadence_days[4] == 10.0
    shown = client.get("/settings/?format=json").json()
    cadence = next(g for g in shown["groups"] if g["slug"] == "cadence")
    partner = next(s for s in cadence["settings"] if s["name"] == "health.cadence_days.partner")
    assert partner["current"] == 10.0 and partner["default"] == 21.0 and partner["changed"]
    assert shown["in_force"]["version"] == version.pk
    assert "cadence for a partner 10 days" in shown["in_force"]["text"]


HOSTILE = ["9" * 30, "9" * 5000, "-1", "12abc", "<script>alert(1)</script>", "a\x00b", "1e309"]
HOSTILE += ["NaN", "x" * 100_000, "inf", "0x10"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_posted_values_are_refused_on_their_field_and_nothing_is_saved(cast, value):
    from trustledger.tuning.models import SettingsVersion

    client = _client(cast, "admin")
    for name in ("attention.half_life_days", "trust.min_raters", "bands.share.good_from"):
        answer = client.post("/settings/", {name: value, "action": "save", "reason": "R"})
        assert answer.status_code == 400, (name, value)
        assert b"<script>alert" not in answer.content
    answer = client.post(
        "/settings/", {"health.green_from": "71", "action": "save", "reason": value}
    )
    assert answer.status_code in (302, 400)
    if answer.status_code == 302:
        assert SettingsVersion.objects.get().reason == value.strip()
    else:
        assert not SettingsVersion.objects.exists()


@pytest.mark.django_db
def test_survey_pages_use_the_stricter_of_the_stored_k_and_the_servers_floor(
    cast, settings, django_capture_on_commit_callbacks
):
    from trustledger.surveys.results import min_raters
    from trustledger.web.pages.trustmap import min_raters as map_min_raters

    settings.TRUSTLEDGER_SURVEY_MIN_RATERS = 5
    assert min_raters() == map_min_raters() == 5
    with django_capture_on_commit_callbacks(execute=True):
        store.save({"trust.min_raters": 7}, "Small teams", cast.admin)
    assert min_raters() == map_min_raters() == 7
    settings.TRUSTLEDGER_SURVEY_MIN_RATERS = 9
    assert min_raters() == map_min_raters() == 9


@pytest.mark.django_db
def test_the_api_document_gives_every_settings_range_in_json_schema_words():
    """minimum/maximum, which clients and the fuzz tests read; not pydantic's "ge"/"le"."""
    document = Client().get("/api/v1/openapi.json").json()
    values = document["components"]["schemas"]["SettingValues"]
    assert values["additionalProperties"] is False
    for name, setting in BY_NAME.items():
        number = values["properties"][name]["anyOf"][0]
        assert (number["minimum"], number["maximum"]) == (setting.low, setting.high), name
        assert "ge" not in number and "le" not in number, name
