"""Nudges by mail (trustledger/nudges/mail.py), delivered through a real SMTP server on a
loopback port (aiosmtpd) and read back: headers, both parts, one-click unsubscribe that works
once and is signed, sending once per key even when retried, failures kept and retried.
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.smtp_sink import free_port, smtp_sink
from trustledger.cli import main
from trustledger.ledger import actions as ledger
from trustledger.ledger import models as m
from trustledger.nudges import mail
from trustledger.nudges.models import MailPreference, MailStatus, NudgeMail

pytestmark = pytest.mark.django_db

aiosmtpd_controller = pytest.importorskip(
    "aiosmtpd.controller", reason="aiosmtpd: a dev dependency"
)


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    with smtp_sink() as inbox:
        yield inbox


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    now = timezone.now()
    user = cast.it_member
    user.email = "ben@it.example"
    user.save(update_fields=["email"])
    rel = m.Relationship.objects.create(
        our_person=user.person,
        counterpart_person=cast.finance_member.person,
        service_level=m.ServiceLevel.PARTNER,
        started_on=(now - dt.timedelta(days=60)).date(),
    )
    # Due within a day: it cannot wait for the digest.
    promise = ledger.make_commitment(
        user, promisor=user.person, promisee=cast.finance_member.person,
        what="Fix the VPN", strength="commitment", due_at=now + dt.timedelta(hours=12),
        made_at=now - dt.timedelta(days=1), relationship=rel,
    )  # fmt: skip
    # The digest's hour is this hour, today, in UTC: it is due now.
    utc_now = now.astimezone(dt.UTC)
    MailPreference.objects.create(
        user=user, weekday=utc_now.weekday(), hour=utc_now.hour, time_zone="UTC"
    )
    return user, promise


def parts(message):  # type: ignore[no-untyped-def]
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def test_a_digest_and_an_immediate_mail_arrive_with_both_parts_and_unsubscribe(smtp, world):
    user, promise = world
    report = mail.send_due([user])
    assert report.failed == [] and len(report.sent) == 2
    assert len(smtp.messages) == 2
    by_subject = {msg["Subject"].strip(): msg for msg in smtp.messages}
    now_mail = next(msg for s, msg in by_subject.items() if s.startswith("Cannot wait"))
    digest = next(msg for s, msg in by_subject.items() if s.startswith("Your week"))
    for message in (now_mail, digest):
        assert message["To"] == "ben@it.example"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert (
            message["List-Unsubscribe"].strip().startswith("<http://testserver/nudges/unsubscribe/")
        )
        assert message["Auto-Submitted"] == "auto-generated"
        assert message.get_content_type() == "multipart/alternative"
        body = parts(message)
        assert set(body) == {"text/plain", "text/html"}
        assert "Fix the VPN" in body["text/plain"] and "Fix the VPN" in body["text/html"]
        assert f"/commitments/{promise.pk}/keep/" in body["text/html"]
    assert "Stop the weekly digest" in parts(digest)["text/plain"]
    assert "Stop mails that cannot wait" in parts(now_mail)["text/plain"]
    keys = set(NudgeMail.objects.filter(user=user).values_list("key", "status"))
    slot = mail.digest_due(timezone.now(), *_pref(user), dt.UTC)
    assert keys == {(slot.key, "sent"), (f"now:promise_due:commitment:{promise.pk}", "sent")}


def _pref(user):  # type: ignore[no-untyped-def]
    pref = MailPreference.objects.get(user=user)
    return pref.weekday, pref.hour


def test_sending_again_sends_nothing_twice(smtp, world):
    user, _ = world
    mail.send_due([user])
    again = mail.send_due([user])
    assert again.sent == [] and len(smtp.messages) == 2


def test_a_second_claim_of_the_same_mail_gets_nothing(smtp, world):
    """Two workers planning the same digest at once: only the first claim holds."""
    user, _ = world
    first = mail.plan_for(user, timezone.now())
    second = mail.plan_for(user, timezone.now(), refresh=False)
    now = timezone.now()
    assert mail._claim(first[0], now) is not None
    assert mail._claim(second[0], now) is None


def test_the_unsubscribe_link_is_signed_and_works_once(smtp, world, client):
    user, _ = world
    mail.send_due([user])
    digest = next(msg for msg in smtp.messages if msg["Subject"].strip().startswith("Your week"))
    url = urlsplit(digest["List-Unsubscribe"].strip().strip("<>"))
    page = client.get(url.path)
    assert page.status_code == 200 and b"Stop the weekly digest" in page.content
    one_click = client.post(
        url.path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert (
        one_click.status_code == 200 and b"no longer receive the weekly digest" in one_click.content
    )
    assert MailPreference.objects.get(user=user).digest is False
    again = client.post(url.path, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert again.status_code == 410
    forged = url.path.replace("/unsubscribe/", "/unsubscribe/x")
    assert client.post(forged).status_code == 404
    # The other links of the same mail were made with the same version: void as well.
    now_mail = next(
        msg for msg in smtp.messages if msg["Subject"].strip().startswith("Cannot wait")
    )
    assert (
        client.get(urlsplit(now_mail["List-Unsubscribe"].strip().strip("<>")).path).status_code
        == 410
    )


def test_a_kind_turned_off_by_its_link_is_no_longer_mailed(smtp, world, client):
    user, promise = world
    pref = MailPreference.objects.get(user=user)
    token = mail.unsubscribe_token(user, "promise_due", pref)
    assert client.post(f"/nudges/unsubscribe/{token}/").status_code == 200
    assert MailPreference.objects.get(user=user).kinds_off == ["promise_due"]
    report = mail.send_due([user])
    subjects = [msg["Subject"].strip() for msg in smtp.messages]
    assert not any(s.startswith("Cannot wait") for s in subjects), subjects
    assert len(report.sent) == 1  # the digest, with the other nudges


def test_a_failed_send_is_kept_with_its_reason_and_retried(smtp, world):
    user, _ = world
    with override_settings(EMAIL_PORT=free_port()):  # nobody listens there
        failed = mail.send_due([user])
    assert len(failed.failed) == 2 and failed.sent == []
    rows = NudgeMail.objects.filter(user=user)
    assert {r.status for r in rows} == {MailStatus.FAILED}
    assert all("ConnectionRefused" in r.error for r in rows)
    retried = mail.send_due([user])
    assert len(retried.sent) == 2 and len(smtp.messages) == 2
    assert {(r.status, r.attempts) for r in NudgeMail.objects.filter(user=user)} == {("sent", 2)}


def test_a_run_sends_no_more_than_its_limit(smtp, world):
    user, _ = world
    report = mail.send_due([user], limit=1)
    assert len(report.sent) == 1 and len(report.skipped) == 1
    assert len(mail.send_due([user]).sent) == 1  # the rest goes with the next run


def test_no_address_no_mail(smtp, world):
    user, _ = world
    user.email = ""
    user.save(update_fields=["email"])
    assert mail.send_due([user]).sent == [] and smtp.messages == []


def test_the_mail_settings_page_is_the_users_own(world, client, cast):
    user, _ = world
    assert client.get("/nudges/mail/").status_code == 302  # to the login page
    client.force_login(user)
    page = client.get("/nudges/mail/")
    assert page.status_code == 200 and b"ben@it.example" in page.content
    saved = client.post(
        "/nudges/mail/",
        {"digest": "on", "weekday": "4", "hour": "9", "time_zone": "Europe/Berlin"},
    )
    assert saved.status_code == 302
    pref = MailPreference.objects.get(user=user)
    assert (pref.weekday, pref.hour, pref.time_zone, pref.immediate) == (
        4,
        9,
        "Europe/Berlin",
        False,
    )
    bad = client.post("/nudges/mail/", {"weekday": "4", "hour": "9", "time_zone": "Mars/Olympus"})
    assert bad.status_code == 200 and b"not a known time zone" in bad.content
    assert MailPreference.objects.get(user=user).time_zone == "Europe/Berlin"
    # Another user opens their own preferences, never Ben's.
    client.force_login(cast.finance_member)
    assert b"ben@it.example" not in client.get("/nudges/mail/").content


def test_the_command_prints_what_would_be_mailed(world, capsys):
    user, _ = world
    assert main(["nudges", "send", "--dry-run", "--user", user.username]) == 0
    out = capsys.readouterr().out
    assert "would mail [now] 'Cannot wait" in out and "would mail [digest:" in out
    assert NudgeMail.objects.count() == 0


def test_without_the_sites_address_nothing_is_sent_and_the_reason_is_said(smtp, world, capsys):
    user, _ = world
    with override_settings(TRUSTLEDGER_BASE_URL=""):
        with pytest.raises(mail.NoBaseUrl):
            mail.send_due([user])
        assert main(["nudges", "send", "--user", user.username]) != 0
    assert "TRUSTLEDGER_BASE_URL is not set" in capsys.readouterr().err
    assert smtp.messages == [] and NudgeMail.objects.count() == 0
