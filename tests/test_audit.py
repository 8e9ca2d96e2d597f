"""The audit log: sensitive actions leave one row each, rows never change, admins alone read
them, backups carry them, and no survey answer, token or respondent ever enters them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from trustledger.audit.log import record
from trustledger.audit.models import Action, AppendOnly, AuditEvent

pytestmark = pytest.mark.django_db


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def everything_logged() -> str:
    """Every audit row as text, to scan for what must never be there."""
    return "\n".join(
        json.dumps(row, default=str) for row in AuditEvent.objects.values().order_by("id")
    )


# -- logins -----------------------------------------------------------------------------------


def test_a_failed_login_leaves_a_row_with_the_name_tried_and_never_the_password(client, cast):
    response = client.post(
        "/login/", {"username": "admin", "password": "Wrong-horse-9"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 200
    [failed] = events(Action.LOGIN_FAILED)
    assert failed.actor_id is None and failed.detail == {"username": "admin"}
    assert (failed.target_kind, failed.target_id) == ("user", str(cast.admin.pk))
    assert failed.remote_addr == "203.0.113.7"
    assert "Wrong-horse-9" not in everything_logged()


def test_a_login_and_a_logout_are_recorded_as_the_user(client, cast):
    client.post("/login/", {"username": "it_member", "password": "pw"})
    client.post("/logout/")
    [login] = events(Action.LOGIN)
    [logout] = events(Action.LOGOUT)
    for event in (login, logout):
        assert (event.actor_id, event.actor_username) == (cast.it_member.pk, "it_member")
        assert event.remote_addr == "127.0.0.1"


# -- append-only ------------------------------------------------------------------------------


def test_the_model_refuses_to_change_or_delete_an_event(cast):
    event = record(cast.admin, Action.BACKUP_WRITTEN, rows=3)
    event.detail = {"rows": 0}
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(detail={})
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).detail == {"rows": 3}


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET actor_username = 'someone else'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_the_database_refuses_to_change_or_delete_an_event(cast, sql):
    event = record(cast.admin, Action.BACKUP_WRITTEN, rows=3)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).actor_username == "admin"


def test_a_detail_that_could_carry_a_secret_is_refused(cast):
    for key in ("token", "password", "answers", "comment"):
        with pytest.raises(ValueError, match=key):
            record(cast.admin, Action.TOKEN_CREATED, **{key: "x"})
    with pytest.raises(ValueError, match="unknown action"):
        record(cast.admin, "made.up")


def test_a_long_detail_is_cut_not_refused(cast):
    event = record(cast.admin, Action.IMPORT_CLI, files=[f"{'x' * 500}-{i}.csv" for i in range(99)])
    assert len(event.detail["files"]) == 26 and event.detail["files"][-1] == "… 74 more"
    assert all(len(name) <= 201 for name in event.detail["files"])


# -- permission changes -----------------------------------------------------------------------


def test_a_new_user_and_their_membership_are_recorded(cast):
    [created] = [e for e in events(Action.USER_CREATED) if e.target_id == str(cast.it_manager.pk)]
    assert created.detail["username"] == "it_manager" and created.detail["is_superuser"] is False
    membership = cast.it_manager.memberships.get()
    [joined] = [e for e in events(Action.MEMBERSHIP_CREATED) if e.target_id == str(membership.pk)]
    assert joined.detail == {
        "user_id": cast.it_manager.pk,
        "unit_id": cast.it.pk,
        "role": "manager",
    }


def _user_form(user, **changes):  # type: ignore[no-untyped-def]
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "person": user.person_id or "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_an_admin_making_someone_admin_and_deactivating_them_is_recorded_as_that_admin(
    client, cast
):
    client.force_login(cast.admin)
    url = f"/admin/accounts/user/{cast.viewer.pk}/change/"
    response = client.post(url, _user_form(cast.viewer, is_superuser="on", is_staff="on"))
    assert response.status_code == 302, response.content[:2000]
    cast.viewer.refresh_from_db()
    response = client.post(url, _user_form(cast.viewer, is_active=""))
    assert response.status_code == 302
    for action in (Action.ADMIN_GRANTED, Action.STAFF_GRANTED, Action.USER_DEACTIVATED):
        [event] = events(action)
        assert (event.actor_username, event.target_id) == ("admin", str(cast.viewer.pk))
        assert event.remote_addr == "127.0.0.1"


def test_memberships_changed_and_removed_in_the_admin_are_recorded(client, cast):
    client.force_login(cast.admin)
    membership = cast.viewer.memberships.get()
    url = f"/admin/accounts/membership/{membership.pk}/"
    response = client.post(
        url + "change/", {"user": cast.viewer.pk, "unit": cast.finance.pk, "role": "manager"}
    )
    assert response.status_code == 302
    [changed] = events(Action.MEMBERSHIP_CHANGED)
    assert changed.actor_username == "admin"
    assert changed.detail == {
        "before": {"unit_id": cast.it.pk, "role": "viewer"},
        "user_id": cast.viewer.pk,
        "unit_id": cast.finance.pk,
        "role": "manager",
    }
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 302
    [removed] = events(Action.MEMBERSHIP_REMOVED)
    assert (removed.actor_username, removed.target_id) == ("admin", str(membership.pk))


def test_a_password_change_is_recorded_without_the_password(client, cast):
    client.force_login(cast.it_member)
    response = client.post(
        "/password/",
        {
            "old_password": "pw",
            "new_password1": "Quiet-Harbour-2931",
            "new_password2": "Quiet-Harbour-2931",
        },
    )
    assert response.status_code == 302
    client.force_login(cast.admin)
    response = client.post(
        f"/admin/accounts/user/{cast.viewer.pk}/password/",
        {"password1": "Other-Harbour-2932", "password2": "Other-Harbour-2932"},
    )
    assert response.status_code == 302, response.content[:500]
    mine, theirs = events(Action.PASSWORD_CHANGED)
    assert mine.target_id == str(cast.it_member.pk) and mine.remote_addr == "127.0.0.1"
    assert (theirs.actor_username, theirs.target_id) == ("admin", str(cast.viewer.pk))
    assert "Harbour" not in everything_logged()


# -- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["it_manager", "it_member", "finance_member", "viewer", "outsider"]
)
def test_the_audit_page_does_not_exist_for_anyone_but_admins(client, cast, persona):
    assert Client().get("/audit/").status_code == 404
    client.force_login(getattr(cast, persona))
    assert client.get("/audit/").status_code == 404
    assert client.get("/audit/?format=json").status_code == 404
    assert client.get("/admin/audit/auditevent/").status_code in (302, 403, 404)


def test_admins_page_filter_and_read_the_log_as_json(client, cast):
    for _ in range(60):
        record(cast.it_manager, Action.EXPORT_API, kind="people", format="csv", rows=1)
    record(cast.admin, Action.BACKUP_WRITTEN, rows=9)
    client.force_login(cast.admin)
    page = client.get("/audit/")
    assert page.status_code == 200 and b"Backup written" in page.content
    first = client.get("/audit/?format=json&action=export.api").json()
    assert (
        len(first["events"]) == 50
        and first["has_next"]
        and first["events"][0]["actor"] == "it_manager"
    )
    second = client.get("/audit/?format=json&action=export.api&page=2").json()
    assert len(second["events"]) == 10 and not second["has_next"]
    mine = client.get("/audit/?format=json&actor=admin").json()["events"]
    assert {e["action"] for e in mine} == {"backup.written", "auth.login"}  # force_login
    assert client.get("/audit/?format=json&since=2199-01-01").json()["events"] == []
    assert client.get("/audit/?format=json&until=2000-01-01").json()["events"] == []
    for bad, field in (("action=<b>x", "action"), ("since=yesterday", "since"), ("page=0", "page")):
        response = client.get(f"/audit/?{bad}")
        assert response.status_code == 400 and field in response.content.decode()
        assert b"<b>" not in response.content


def test_the_django_admin_shows_the_log_read_only(client, cast):
    event = record(cast.admin, Action.BACKUP_WRITTEN, rows=1)
    client.force_login(cast.admin)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    response = client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "x"})
    assert response.status_code == 403


# -- tokens, exports, backups -----------------------------------------------------------------


def test_tokens_made_and_revoked_on_the_page_and_the_command_are_recorded_never_the_token(
    client, cast
):
    client.force_login(cast.it_member)
    page = client.post("/account/tokens/", {"action": "create", "name": "script", "scope": "read"})
    plain = page.context["shown"]["token"]
    token = cast.it_member.api_tokens.get()
    client.post("/account/tokens/", {"action": "revoke", "token_id": token.pk})
    feed = client.post("/account/tokens/", {"action": "feed"}).context["shown"]["feed"]
    client.post("/account/tokens/", {"action": "revoke-feed"})
    out = io.StringIO()
    call_command("tokens", "create", "--user", "viewer", "--name", "cron", stdout=out)
    other = cast.viewer.api_tokens.get()
    call_command("tokens", "revoke", str(other.pk), stdout=io.StringIO())
    [made, made_cli] = events(Action.TOKEN_CREATED)
    assert (made.actor_username, made.target_id, made.detail) == (
        "it_member",
        str(token.pk),
        {"name": "script", "scope": "read"},
    )
    assert made.remote_addr == "127.0.0.1"
    assert made_cli.actor_username == "viewer" and made_cli.target_id == str(other.pk)
    [revoked, revoked_cli] = events(Action.TOKEN_REVOKED)
    assert revoked.actor_username == "it_member" and revoked.target_id == str(token.pk)
    assert revoked_cli.actor_id is None and revoked_cli.target_id == str(other.pk)
    assert len(events(Action.FEED_CREATED)) == 1 and len(events(Action.FEED_REVOKED)) == 1
    logged = everything_logged()
    for secret in (plain, out.getvalue().split()[-1], feed.rstrip("/").rsplit("/", 1)[-1]):
        assert secret not in logged
        assert secret.split("_")[-1] not in logged  # nor the random part alone


def test_api_and_command_line_exports_are_recorded_with_who_and_what(cast, tmp_path):
    from tests.api.conftest import Api
    from trustledger.api.tokens import create_token

    _, plain = create_token(cast.it_manager, name="export")
    assert Api(plain).get("/export/people.csv").status_code == 200
    assert Api(plain).get("/export/units.json").status_code == 200
    path = tmp_path / "people.csv"
    call_command("export", "people", str(path), "--user", "viewer", stderr=io.StringIO())
    csv_event, json_event = events(Action.EXPORT_API)
    assert (csv_event.actor_username, csv_event.target_id, csv_event.detail) == (
        "it_manager",
        "people",
        {"format": "csv"},
    )
    # The manager sees IT only (not Finance): the count is of what was exported.
    assert json_event.target_id == "units" and json_event.detail["rows"] == 1
    [cli] = events(Action.EXPORT_CLI)
    assert cli.detail == {"as_user": "viewer", "format": "csv", "path": str(path)}


def test_backups_carry_the_log_and_a_restore_keeps_it(cast, tmp_path):
    from tests.audit_log import empty_audit_log
    from trustledger.api.backup import ledger_models

    record(cast.admin, Action.EXPORT_CLI, ("export", "people"), format="csv")
    before = list(AuditEvent.objects.values().order_by("id"))
    path = tmp_path / "ledger.jsonl"
    call_command("backup", str(path), stdout=io.StringIO())
    [written] = events(Action.BACKUP_WRITTEN)
    assert written.detail == {"path": str(path), "rows": written.detail["rows"]}
    backed_up = [json.loads(line) for line in path.read_text().splitlines()]
    assert sum(1 for row in backed_up if row.get("model") == "audit.auditevent") == len(before)
    # Into an empty database, as a restore is done.
    empty_audit_log()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in reversed(ledger_models()):
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
    call_command("restore", str(path), stdout=io.StringIO())
    restored = list(AuditEvent.objects.values().order_by("id"))
    # The backup format keeps times to the millisecond.
    for row in before:
        row["at"] = row["at"].replace(microsecond=row["at"].microsecond // 1000 * 1000)
    assert restored[: len(before)] == before
    assert [e["action"] for e in restored[len(before) :]] == [Action.BACKUP_RESTORED]
    # The restored rows are as append-only as any.
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=before[0]["id"]).delete()


# -- people, imports --------------------------------------------------------------------------


def test_merges_and_erasures_are_recorded_by_id_without_the_erased_values(cast):
    from trustledger.directory.actions import erase_person, merge_people
    from trustledger.directory.models import Person

    keep = Person.objects.create(display_name="Dana Keep", organization=cast.ours)
    other = Person.objects.create(display_name="Dana K.", organization=cast.ours, notes="secret")
    merge_people(keep, other)
    [merged] = events(Action.PEOPLE_MERGED)
    assert merged.target_id == str(keep.pk) and merged.detail["merged_id"] == other.pk
    erase_person(cast.admin, keep)
    [erased] = events(Action.PERSON_ERASED)
    assert (erased.actor_username, erased.target_kind, erased.target_id) == (
        "admin",
        "person",
        str(keep.pk),
    )
    assert erased.detail["removed"]["person.display_name"] == 1
    assert "Dana" not in everything_logged() and "secret" not in everything_logged()


def test_imports_from_the_command_line_and_the_web_are_recorded_with_files_and_counts(
    client, cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from trustledger.analytics.queue import queue

    fixtures = Path(__file__).parent / "importers" / "fixtures"
    vcf = fixtures / "contacts-3.0.vcf"
    call_command("import", str(vcf), "--no-progress", stdout=io.StringIO())
    [cli] = events(Action.IMPORT_CLI)
    assert cli.actor_id is None and cli.detail["files"] == [str(vcf)]
    assert cli.detail["created"]["people"] > 0 and cli.detail["dry_run"] is False
    settings.DATA_DIR = tmp_path
    queue.immediate = True
    try:
        client.force_login(cast.it_manager)
        with django_capture_on_commit_callbacks(execute=True):
            upload = SimpleUploadedFile("thread.mbox", (fixtures / "thread.mbox").read_bytes())
            client.post("/imports/", {"files": [upload], "format": "auto"})
    finally:
        queue.immediate = False
    [uploaded] = events(Action.IMPORT_UPLOADED)
    [finished] = events(Action.IMPORT_FINISHED)
    assert uploaded.actor_username == finished.actor_username == "it_manager"
    assert uploaded.detail == {"files": ["00-thread.mbox"], "format": "auto"}
    assert uploaded.target_id == finished.target_id
    assert finished.detail["status"] == "done" and "created" in finished.detail


# -- surveys ----------------------------------------------------------------------------------


def test_no_survey_answer_token_comment_or_respondent_ever_enters_the_log(
    client, cast, django_capture_on_commit_callbacks
):
    from tests.surveys.conftest import add_people, answers_for, tokens_in, with_email
    from trustledger.surveys.models import Campaign, Invitation, Response

    client.force_login(cast.it_manager)
    with_email(cast.it_member.person, "ben@testco.example")
    add_people(cast.finance, "Fin", 6)
    client.post("/surveys/new/", {"title": "IT pulse", "subject": f"unit:{cast.it.pk}"})
    campaign = Campaign.objects.get()
    client.post(f"/surveys/{campaign.pk}/raters/", {"units": [cast.finance.pk]})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/surveys/{campaign.pk}/open/")
    tokens = tokens_in(mail.outbox)
    assert len(tokens) == 6
    rater = Client()
    comment = "The IT desk ignored our ticket zebra-quartz for weeks"
    answered = list(tokens.items())[:5]
    for _, token in answered:
        answers = {k: str(v) for k, v in answers_for("unit", 3).items()}
        response = rater.post(f"/surveys/r/{token}/", {**answers, "comment": comment})
        assert response.status_code in (200, 302), response.status_code
    assert Response.objects.count() == 5
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/surveys/{campaign.pk}/remind/")
    reminder_tokens = tokens_in(mail.outbox)
    client.post(f"/surveys/{campaign.pk}/close/")
    assert [e.action for e in AuditEvent.objects.filter(target_kind="campaign").order_by("id")] == [
        Action.CAMPAIGN_CREATED,
        Action.RATERS_INVITED,
        Action.CAMPAIGN_OPENED,
        Action.REMINDERS_SENT,
        Action.CAMPAIGN_CLOSED,
    ]
    logged = everything_logged()
    secrets = [*tokens.values(), *reminder_tokens.values(), "zebra-quartz"]
    secrets += list(Response.objects.values_list("response_key", flat=True))
    secrets += list(Invitation.objects.values_list("email", flat=True))
    secrets += list(Invitation.objects.values_list("token_hash", flat=True))
    for secret in secrets:
        assert secret not in logged
    assert not AuditEvent.objects.filter(target_kind__in=["response", "invitation", "answer"])
    for event in AuditEvent.objects.all():
        assert not {"answers", "comment", "responded", "response_ids"} & set(event.detail)
