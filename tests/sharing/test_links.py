"""The link itself: its token (hashed, shown once), expiry, revocation, one 404 for every
failure, the page it opens and nothing else, an audit row per use, no token in any log."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from trustledger.audit.models import AuditEvent
from trustledger.sharing import actions
from trustledger.sharing.models import SharedLink

from .conftest import opened

pytestmark = pytest.mark.django_db


def everything_audited() -> str:
    return " ".join(
        f"{e.action} {e.target_kind} {e.target_id} {e.actor_username} {e.detail}"
        for e in AuditEvent.objects.all()
    )


# --- the token ---------------------------------------------------------------------------------


def test_it_stores_only_the_hash_of_the_token(issued):
    link, token = issued
    assert len(token) >= 40
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = SharedLink.objects.filter(pk=link.pk).values().get()
    assert token not in str(stored)
    assert actions.link_for(token) == link


def test_two_links_never_share_a_token(cast, supplier, issued):
    _, first = issued
    _, second = actions.issue_link(cast.admin, supplier.rel, supplier.colleague)
    assert first != second


def test_it_expires_after_the_days_chosen(cast, supplier):
    link, token = actions.issue_link(cast.it_manager, supplier.rel, supplier.wendell, days=3)
    assert link.expires_at - link.issued_at == dt.timedelta(days=3)
    assert actions.link_for(token, at=link.issued_at + dt.timedelta(days=2, hours=23))
    with pytest.raises(actions.LinkUnavailable):
        actions.link_for(token, at=link.issued_at + dt.timedelta(days=3))


def test_it_works_sixty_days_by_default(issued):
    link, _ = issued
    assert link.expires_at - link.issued_at == dt.timedelta(days=60)


@pytest.mark.parametrize("days", [0, -1, 366])
def test_a_term_outside_one_to_365_days_is_refused_naming_the_field(cast, supplier, days):
    with pytest.raises(ValidationError) as refused:
        actions.issue_link(cast.it_manager, supplier.rel, supplier.wendell, days=days)
    assert "expires_in_days" in refused.value.message_dict
    assert not SharedLink.objects.exists()


def test_revoking_stops_it_at_once(cast, issued):
    link, token = issued
    actions.revoke_link(cast.it_manager, link)
    with pytest.raises(actions.LinkUnavailable):
        actions.link_for(token)


def test_making_it_anew_retires_the_old_token(cast, issued):
    link, old = issued
    again, new = actions.regenerate_link(cast.it_manager, link)
    assert again.pk == link.pk and new != old
    with pytest.raises(actions.LinkUnavailable):
        actions.link_for(old)
    assert actions.link_for(new) == link


def test_a_revoked_link_is_not_made_anew(cast, issued):
    link, _ = issued
    actions.revoke_link(cast.it_manager, link)
    with pytest.raises(ValidationError):
        actions.regenerate_link(cast.it_manager, link)


def test_one_live_link_per_person_and_relationship(cast, supplier, issued):
    with pytest.raises(ValidationError) as refused:
        actions.issue_link(cast.it_manager, supplier.rel, supplier.wendell)
    assert "person" in refused.value.message_dict
    actions.revoke_link(cast.it_manager, issued[0])
    assert actions.issue_link(cast.it_manager, supplier.rel, supplier.wendell)


def test_only_a_person_of_the_other_side_without_a_login_gets_one(cast, supplier):
    for person in (cast.it_member.person, cast.finance_member.person):
        with pytest.raises(ValidationError) as refused:
            actions.issue_link(cast.admin, supplier.rel, person)
        assert "person" in refused.value.message_dict
    assert not SharedLink.objects.exists()


def test_only_those_who_may_change_the_relationship_issue_or_revoke(cast, supplier, issued):
    for user in (cast.it_member, cast.viewer, cast.finance_member, cast.outsider):
        with pytest.raises(PermissionDenied):
            actions.issue_link(user, supplier.rel, supplier.colleague)
        with pytest.raises(PermissionDenied):
            actions.revoke_link(user, issued[0])
    assert SharedLink.objects.get().revoked_at is None


# --- one 404 for every failure --------------------------------------------------------------------


def test_a_wrong_expired_or_revoked_token_gets_the_same_plain_404(cast, supplier, settings):
    settings.TRUSTLEDGER_SURVEY_IP_INVALID = 1000
    expired, expired_token = actions.issue_link(
        cast.it_manager, supplier.rel, supplier.wendell, days=1
    )
    SharedLink.objects.filter(pk=expired.pk).update(
        issued_at=timezone.now() - dt.timedelta(days=3),
        expires_at=timezone.now() - dt.timedelta(days=2),
    )
    revoked, revoked_token = actions.issue_link(cast.it_manager, supplier.rel, supplier.colleague)
    actions.revoke_link(cast.it_manager, revoked)
    wrong = "A" * 43
    answers = [
        Client().get(f"/shared/t/{token}/") for token in (wrong, expired_token, revoked_token)
    ]
    assert {r.status_code for r in answers} == {404}
    bodies = {
        r.content.replace(token.encode(), b"")
        for r, token in zip(answers, (wrong, expired_token, revoked_token), strict=True)
    }
    assert len(bodies) == 1
    assert answers[0]["Referrer-Policy"] == "no-referrer"
    assert answers[0]["Cache-Control"] == "no-store"
    for r in answers:
        assert "set-cookie" not in {k.lower() for k in r.headers}


def test_wrong_tokens_from_one_address_are_slowed_as_survey_tokens_are(settings):
    settings.TRUSTLEDGER_SURVEY_IP_INVALID = 3
    client = Client()
    codes = [client.get(f"/shared/t/{'B' * 40}{i}/").status_code for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]


# --- the page and nothing else --------------------------------------------------------------------


def test_the_link_opens_the_page_without_a_session_or_a_user(issued, supplier):
    link, token = issued
    client = Client()
    first = client.get(f"/shared/t/{token}/")
    assert first.status_code == 302 and first["Location"] == f"/shared/{link.pk}/"
    cookie = client.cookies[f"shared_{link.pk}"]
    assert cookie["httponly"] and cookie["path"] == f"/shared/{link.pk}/"
    assert token not in first["Location"]
    page = client.get(first["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Confirm the rack move date" in text and "Answer in 4 h" in text
    assert "sessionid" not in client.cookies
    assert page.wsgi_request.user.is_anonymous
    assert page["Cache-Control"] == "no-store"
    assert "<script" not in text


def test_the_page_holds_no_other_relationship_and_no_scores(issued, supplier, cast):
    from trustledger.ledger import models as m

    other = m.Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=dt.date(2026, 1, 5)
    )
    m.Commitment.objects.create(
        promisor=cast.it_manager.person, promisee=cast.finance_member.person, relationship=other,
        what="Finance-only promise", strength="commitment", made_at=timezone.now(),
        due_at=timezone.now() + dt.timedelta(days=3),
    )  # fmt: skip
    text = opened(Client(), issued[1]).content.decode()
    assert "Finance-only promise" not in text
    assert "Health" not in text and "Trust reserve" not in text
    # Nor does its footer speak of numbers or of a JSON twin it does not have.
    assert "Every number links" not in text and "format=json" not in text
    assert "Nothing is scored on this page" in text


def test_the_cookie_opens_no_other_page(issued, supplier):
    link, token = issued
    client = Client()
    opened(client, token)
    for path in ("/", f"/relationships/{supplier.rel.pk}/", "/commitments/", "/surveys/"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer["Location"].startswith("/login/"), path
    assert client.get("/api/v1/relationships").status_code == 401
    assert client.get(f"/shared/{link.pk + 1}/").status_code == 404


def test_a_link_page_without_its_cookie_is_not_found(issued):
    link, _ = issued
    assert Client().get(f"/shared/{link.pk}/").status_code == 404


def test_a_cookie_of_a_revoked_link_no_longer_opens_the_page(cast, issued):
    link, token = issued
    client = Client()
    opened(client, token)
    actions.revoke_link(cast.it_manager, link)
    assert client.get(f"/shared/{link.pk}/").status_code == 404


def test_a_forged_cookie_opens_nothing(issued):
    link, _ = issued
    client = Client()
    client.cookies[f"shared_{link.pk}"] = "x" * 43
    assert client.get(f"/shared/{link.pk}/").status_code == 404


# --- audit and logs ----------------------------------------------------------------------------------


def test_every_use_is_in_the_audit_log_without_the_token(issued, cast):
    link, token = issued
    client = Client()
    opened(client, token)
    client.get(f"/shared/{link.pk}/")
    viewed = AuditEvent.objects.filter(action="link.viewed", target_id=str(link.pk))
    assert viewed.count() == 2
    assert viewed.first().actor_id is None
    assert AuditEvent.objects.filter(action="link.created", actor_id=cast.it_manager.pk).exists()
    actions.regenerate_link(cast.it_manager, link)
    actions.revoke_link(cast.it_manager, link)
    done = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"link.created", "link.viewed", "link.regenerated", "link.revoked"} <= done
    assert token not in everything_audited()
    assert SharedLink.objects.get().last_used_at is not None


def test_the_request_loggers_never_write_the_token(issued, caplog):
    _, token = issued
    with caplog.at_level(logging.INFO):
        Client().post(f"/shared/t/{token}/")  # 405, logged by django.request with its path
        Client().get(f"/shared/t/{'C' * 43}/")  # 404, logged too
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/shared/t/[token]/" in logged
    assert token not in logged and "C" * 43 not in logged


def test_the_gunicorn_access_line_is_redacted():
    from trustledger.surveys.logs import redact

    line = '127.0.0.1 - - "GET /shared/t/Zx_9-abcdefghijklmnopqrstuvwxyz0123456789/ HTTP/1.1" 302'
    assert redact(line) == '127.0.0.1 - - "GET /shared/t/[token]/ HTTP/1.1" 302'
    assert redact("/surveys/r/abc/") == "/surveys/r/[token]/"


# --- mail --------------------------------------------------------------------------------------------


def test_it_mails_the_link_in_plain_text_and_html(
    cast, supplier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link, token = actions.issue_link(
            cast.it_manager, supplier.rel, supplier.wendell, send=True, base_url="http://testserver"
        )
    (sent,) = mail.outbox
    assert sent.to == ["wendell@quarry.example"]
    assert f"http://testserver/shared/t/{token}/" in sent.body
    html, kind = sent.alternatives[0]
    assert kind == "text/html" and f"/shared/t/{token}/" in html
    assert SharedLink.objects.get().last_sent_at is not None
    assert AuditEvent.objects.filter(action="link.sent").exists()
    assert token not in everything_audited()


def test_a_person_without_an_address_gets_no_link_at_all(
    cast, supplier, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        actions.issue_link(cast.it_manager, supplier.rel, supplier.colleague, send=True)
    assert "send" in refused.value.message_dict
    assert not SharedLink.objects.exists() and not mail.outbox
