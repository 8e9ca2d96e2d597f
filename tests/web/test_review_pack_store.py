"""A review pack stored with its review (so the next pack says what moved since) and sent by
mail to the review's attendees on both sides, each the pack their own login reads; delivered
through a real SMTP server on a loopback port (aiosmtpd) and read back. SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.smtp_sink import smtp_sink
from trustledger.accounts.models import User
from trustledger.audit.models import AuditEvent
from trustledger.ledger import models as m
from trustledger.reviewpacks.models import StoredPack

pypdf = pytest.importorskip("pypdf", reason="pypdf: a dev dependency")
controller_module = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd: a dev dependency")
pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox():  # type: ignore[no-untyped-def]
    with smtp_sink() as found:
        yield found


def it_finance() -> m.Relationship:
    return next(r for r in m.Relationship.objects.all() if str(r) == "IT ↔ Finance")


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_storing_keeps_the_json_and_the_pdf_and_the_next_pack_says_what_moved(demo_client):
    client = demo_client("tobias")
    rel = it_finance()
    latest = rel.reviews.order_by("-held_on").first()
    response = client.post(f"/relationships/{rel.pk}/review-pack/store/")
    assert response.status_code == 302
    stored = StoredPack.objects.get(review=latest)
    assert bytes(stored.pdf).startswith(b"%PDF-")
    assert stored.as_of.date() == latest.held_on
    before = rel.reviews.filter(held_on__lt=latest.held_on).order_by("-held_on").first()
    assert stored.data["period"] == {
        "since": before.held_on.isoformat(),
        "until": latest.held_on.isoformat(),
    }
    assert "Quality review pack: IT ↔ Finance" in pdf_text(bytes(stored.pdf))
    # The pack since that review compares itself with the one stored with it.
    now = client.get(f"/relationships/{rel.pk}/review-pack/?format=json").json()
    assert now["period"]["since"] == latest.held_on.isoformat()
    assert now["changes"]["review"] == latest.held_on.isoformat()
    labels = {row["label"] for row in now["changes"]["rows"]}
    assert "Relationship health" in labels and "Feedback loops still open" in labels
    page = client.get(f"/relationships/{rel.pk}/review-pack/").content.decode()
    assert f"What changed since the review of {latest.held_on}" in page
    # Storing again replaces the pack: one a review.
    client.post(f"/relationships/{rel.pk}/review-pack/store/", {"review": latest.pk})
    assert StoredPack.objects.filter(review=latest).count() == 1
    # Each storing is in the audit log, by whom and for which review.
    events = AuditEvent.objects.filter(action="reviewpack.stored", target_id=str(latest.pk))
    assert events.count() == 2
    assert {e.actor_username for e in events} == {"tobias"}


@pytest.mark.parametrize("persona", ["priya", "margit", "oskar", "lena", "ines"])
def test_only_who_may_change_the_relationship_stores_or_sends(demo_client, persona):
    rel = it_finance()
    for verb in ("store", "send"):
        response = demo_client(persona).post(f"/relationships/{rel.pk}/review-pack/{verb}/")
        # The other side (Finance) reads the pack, so it is told it may not; others never see it.
        assert response.status_code == (403 if persona in ("margit", "oskar") else 404)
    assert not StoredPack.objects.exists()


def test_a_review_of_another_relationship_is_refused_by_name(demo_client):
    rel = it_finance()
    other = m.QualityReview.objects.exclude(relationship=rel).first()
    response = demo_client("tobias").post(
        f"/relationships/{rel.pk}/review-pack/store/", {"review": other.pk}
    )
    assert response.status_code == 400
    assert "review" in response.content.decode()


def test_each_attendee_is_mailed_the_pack_their_own_login_reads(demo_client, inbox, worker_now):
    rel = it_finance()
    review = rel.reviews.order_by("-held_on").first()
    attendees = {p.display_name for p in review.attendees.all()}
    for user in User.objects.filter(person__in=review.attendees.all()):
        user.email = f"{user.username}@corvid.example"
        user.save(update_fields=["email"])
    response = demo_client("tobias").post(f"/relationships/{rel.pk}/review-pack/send/")
    assert response.status_code == 302
    by_address = {str(msg["To"]): msg for msg in inbox.messages}
    # priya stands on neither side of IT ↔ Finance (a team below IT): she is sent nothing.
    assert set(by_address) == {
        "tobias@corvid.example",
        "margit@corvid.example",
        "oskar@corvid.example",
    }
    assert "Priya Raghunathan" in attendees
    for address, msg in by_address.items():
        assert "Quality review pack: IT ↔ Finance" in str(msg["Subject"])
        (attachment,) = [p for p in msg.iter_attachments()]
        assert attachment.get_content_type() == "application/pdf"
        text = pdf_text(attachment.get_content())
        serving = address.startswith("tobias")
        assert ("Trust and health" in text) == serving, address
        assert ("Perception gap" in text) == serving, address
        assert "Working days to close" in text  # an agreed measure: both sides read it
    assert StoredPack.objects.filter(review=review).exists()
    (sent,) = AuditEvent.objects.filter(action="reviewpack.sent", target_id=str(review.pk))
    assert (sent.detail["sent"], sent.actor_username) == (3, "tobias")
    follow = demo_client("tobias").get(f"/relationships/{rel.pk}/review-pack/")
    assert follow.status_code == 200
    # The page says to whom it went, and who was not sent it and why.
    line = follow.content.decode()
    assert 'data-testid="last-sending"' in line and "Priya Raghunathan (on neither side" in line
    twin = demo_client("tobias").get(f"/relationships/{rel.pk}/review-pack/?format=json").json()
    assert sorted(twin["last_sending"]["to"]) == sorted(attendees - {"Priya Raghunathan"})
    assert twin["last_sending"]["by"] == "tobias"
    # The other side's pack says nothing of it.
    theirs = demo_client("margit").get(f"/relationships/{rel.pk}/review-pack/?format=json").json()
    assert "last_sending" not in theirs


def test_sending_goes_to_the_worker_and_happens_only_there(demo_client, inbox, monkeypatch):
    from trustledger.reviewpacks import tasks

    queued = []
    monkeypatch.setattr(tasks.queue, "enqueue", lambda task: queued.append(task))
    rel = it_finance()
    response = demo_client("tobias").post(f"/relationships/{rel.pk}/review-pack/send/", follow=True)
    assert response.status_code == 200
    assert "Sending queued" in response.content.decode()
    assert len(queued) == 1 and not inbox.messages  # nothing mailed inside the request
    assert not AuditEvent.objects.filter(action="reviewpack.sent").exists()


def test_with_the_queue_out_of_reach_the_pack_is_sent_at_once(demo_client, inbox, monkeypatch):
    from trustledger.reviewpacks import tasks

    def down(task):  # type: ignore[no-untyped-def]
        raise ConnectionError("queue down")

    monkeypatch.setattr(tasks.queue, "enqueue", down)
    rel = it_finance()
    for user in User.objects.filter(username__in=["tobias", "margit"]):
        user.email = f"{user.username}@corvid.example"
        user.save(update_fields=["email"])
    response = demo_client("tobias").post(f"/relationships/{rel.pk}/review-pack/send/", follow=True)
    assert response.status_code == 200
    assert "Pack sent to" in response.content.decode()
    assert {str(msg["To"]) for msg in inbox.messages} >= {"tobias@corvid.example"}
    assert AuditEvent.objects.filter(action="reviewpack.sent").count() == 1


def test_each_review_in_turn_keeps_a_pack_that_compares_with_the_one_before(demo_client):
    client = demo_client("tobias")
    rel = it_finance()
    earlier, latest = list(rel.reviews.order_by("-held_on"))[1::-1]
    for review in (earlier, latest):
        response = client.post(f"/relationships/{rel.pk}/review-pack/store/", {"review": review.pk})
        assert response.status_code == 302
    stored = StoredPack.objects.get(review=latest)
    assert stored.data["changes"]["review"] == earlier.held_on.isoformat()
    assert stored.data["changes"]["rows"]


@pytest.fixture
def worker_now():  # type: ignore[no-untyped-def]
    """The task queue runs each task at once, in the test's own thread."""
    from trustledger.analytics.queue import queue

    queue.immediate = True
    yield
    queue.immediate = False


def test_a_review_recorded_on_the_web_gets_its_pack_stored_by_the_worker(
    demo_client, worker_now, django_capture_on_commit_callbacks
):
    rel = it_finance()
    last = rel.reviews.order_by("-held_on").first()
    held = last.held_on + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        response = demo_client("tobias").post(
            "/entry/review/", {"relationship": rel.pk, "held_on": held.isoformat()}
        )
    assert response.status_code == 302, response.content.decode()[:1500]
    review = rel.reviews.get(held_on=held)
    stored = StoredPack.objects.get(review=review)
    assert stored.stored_by.username == "tobias"
    assert stored.data["period"] == {"since": last.held_on.isoformat(), "until": held.isoformat()}
    assert bytes(stored.pdf).startswith(b"%PDF-")
    (event,) = AuditEvent.objects.filter(action="reviewpack.stored", target_id=str(review.pk))
    assert event.detail["automatic"] is True


def test_a_review_made_without_a_user_is_left_to_the_button(
    demo_client, worker_now, django_capture_on_commit_callbacks
):
    demo_client("admin")
    rel = it_finance()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        review = m.QualityReview.objects.create(relationship=rel, held_on=dt.date(2026, 11, 27))
    assert not callbacks
    assert not StoredPack.objects.filter(review=review).exists()
