"""Answering through the link: each button does what it says through the ledger's own
actions, as the person the link names, writes one audit row, and refuses anything not
offered to the holder (a 400 naming the field, nothing written)."""

from __future__ import annotations

import pytest
from django.test import Client

from trustledger.audit.models import AuditEvent
from trustledger.ledger import models as m

from .conftest import opened

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(issued):  # type: ignore[no-untyped-def]
    """A browser that followed the link: (client, link)."""
    link, token = issued
    client = Client()
    opened(client, token)
    return client, link


def post(holder, verb: str, **data: object):  # type: ignore[no-untyped-def]
    client, link = holder
    return client.post(f"/shared/{link.pk}/{verb}/", data)


@pytest.mark.parametrize(
    "verb, state",
    [("kept", "kept"), ("kept-late", "kept_late"), ("broken", "broken"), ("release", "released")],
)
def test_the_holder_says_what_became_of_a_promise(holder, supplier, verb, state):
    answer = post(holder, verb, commitment=supplier.promise.pk)
    assert answer.status_code == 302 and answer["Location"].endswith(f"?done={verb}")
    promise = m.Commitment.objects.get(pk=supplier.promise.pk)
    assert promise.state == state
    assert promise.confirmation == m.Confirmation.CONFIRMED
    assert promise.confirmation_by == supplier.wendell
    used = AuditEvent.objects.get(action="link.used")
    assert used.detail["given"] == verb and used.detail["commitment_id"] == promise.pk
    assert used.actor_id is None
    page = holder[0].get(answer["Location"]).content.decode()
    assert "confirmed by Wendell Achebe" in page


def test_a_claimed_kept_is_confirmed_or_disputed_with_a_comment(holder, supplier):
    page = holder[0].get(f"/shared/{holder[1].pk}/").content.decode()
    assert "claimed by the promisor&#x27;s side" in page or "claimed by the promisor's side" in page
    refused = post(holder, "dispute", commitment=supplier.claimed.pk, comment="   ")
    assert refused.status_code == 400 and "comment" in refused.content.decode()
    assert (
        post(holder, "dispute", commitment=supplier.claimed.pk, comment="Not received").status_code
        == 302
    )
    claimed = m.Commitment.objects.get(pk=supplier.claimed.pk)
    assert claimed.confirmation == m.Confirmation.DISPUTED
    assert claimed.confirmation_comment == "Not received"
    assert "Not received" not in str(AuditEvent.objects.values_list("detail", flat=True))


def test_the_holder_agrees_a_measure(holder, supplier):
    assert post(holder, "agree", measure=supplier.measure.pk).status_code == 302
    measure = m.AgreedMeasure.objects.get(pk=supplier.measure.pk)
    assert measure.agreed_by_both and measure.agreed_by_other == supplier.wendell
    assert AuditEvent.objects.get(action="link.used").detail["measure_id"] == measure.pk


def test_the_holder_gives_feedback(holder, supplier):
    assert (
        post(holder, "feedback", summary="Tickets wait too long", sentiment="negative").status_code
        == 302
    )
    item = m.FeedbackItem.objects.get(relationship=supplier.rel)
    assert item.from_person == supplier.wendell and item.sentiment == "negative"
    page = holder[0].get(f"/shared/{holder[1].pk}/?done=feedback").content.decode()
    assert "Tickets wait too long" in page and "your feedback is recorded" in page
    assert "Tickets wait" not in str(AuditEvent.objects.values_list("detail", flat=True))


@pytest.mark.parametrize(
    "verb, data, field",
    [
        ("kept", {}, "commitment"),
        ("kept", {"commitment": "abc"}, "commitment"),
        ("kept", {"commitment": "9" * 40}, "commitment"),
        ("broken", {"commitment": "<script>"}, "commitment"),
        ("agree", {"measure": "0"}, "measure"),
        ("feedback", {"summary": ""}, "summary"),
        ("feedback", {"summary": "x" * 4001}, "summary"),
        ("feedback", {"summary": "ok", "sentiment": "furious"}, "sentiment"),
    ],
)
def test_a_bad_value_gets_a_400_naming_the_field_and_writes_nothing(holder, verb, data, field):
    before = (m.Commitment.objects.filter(state="open").count(), m.FeedbackItem.objects.count())
    answer = post(holder, verb, **data)
    assert answer.status_code == 400
    assert f"<strong>{field}</strong>" in answer.content.decode()
    assert "<script>" not in answer.content.decode()
    after = (m.Commitment.objects.filter(state="open").count(), m.FeedbackItem.objects.count())
    assert before == after
    assert not AuditEvent.objects.filter(action="link.used").exists()


def test_a_promise_to_someone_else_or_of_another_relationship_is_refused(holder, supplier, cast):
    from django.utils import timezone

    other = m.Commitment.objects.create(
        promisor=cast.it_manager.person, promisee=supplier.colleague, relationship=supplier.rel,
        what="To Nadia", strength="commitment", made_at=timezone.now(),
        due_at=timezone.now() + timezone.timedelta(days=3),
    )  # fmt: skip
    assert post(holder, "kept", commitment=other.pk).status_code == 400
    assert m.Commitment.objects.get(pk=other.pk).state == "open"


def test_a_made_up_answer_or_a_get_is_not_found(holder, supplier):
    client, link = holder
    assert post(holder, "delete", commitment=supplier.promise.pk).status_code == 404
    assert client.get(f"/shared/{link.pk}/kept/").status_code == 405


def test_answers_without_the_link_cookie_are_not_found(issued, supplier):
    link, _ = issued
    answer = Client().post(f"/shared/{link.pk}/kept/", {"commitment": supplier.promise.pk})
    assert answer.status_code == 404
    assert m.Commitment.objects.get(pk=supplier.promise.pk).state == "open"


def test_answers_through_a_revoked_link_are_refused(holder, supplier, cast):
    from trustledger.sharing.actions import revoke_link

    revoke_link(cast.it_manager, holder[1])
    assert post(holder, "kept", commitment=supplier.promise.pk).status_code == 404
    assert m.Commitment.objects.get(pk=supplier.promise.pk).state == "open"


def test_posts_per_token_are_limited(holder, supplier, settings):
    settings.TRUSTLEDGER_SURVEY_TOKEN_POSTS = 2
    codes = [post(holder, "feedback", summary=f"n{i}").status_code for i in range(3)]
    assert codes == [302, 302, 429]


def test_the_record_history_says_the_change_came_through_the_link(holder, supplier):
    from trustledger.history.models import Change

    post(holder, "kept", commitment=supplier.promise.pk)
    change = Change.objects.filter(kind="commitment", record_id=supplier.promise.pk).order_by(
        "-id"
    )[0]
    assert change is not None and change.via == "shared link of Wendell Achebe"
    assert change.actor_id is None


def test_a_confirmation_through_the_link_is_named_in_the_reliability_explanation(
    holder, supplier, cast
):
    post(holder, "kept", commitment=supplier.claimed.pk)
    admin = Client()
    admin.force_login(cast.admin)
    report = admin.get(f"/relationships/{supplier.rel.pk}/?format=json").json()["report"]
    said = {o["commitment_id"]: o["said"] for o in report["measures"]["reliability"]["outcomes"]}
    assert said[f"commitment:{supplier.claimed.pk}"].startswith(
        "kept — confirmed by Wendell Achebe"
    )
