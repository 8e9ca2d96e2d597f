"""A JSON body that is not an object is refused everywhere, and nothing is written."""

from __future__ import annotations

import pytest

from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db

NOT_OBJECTS = ['"AAA"', "[]", "[1, 2]", "1", "true", "null"]


def post_raw(api, path: str, body: str):  # type: ignore[no-untyped-def]
    return api.client.post(
        f"/api/v1{path}", body, content_type="application/json", headers=api._headers()
    )


def counts() -> dict[str, int]:
    kinds = [m.Decision, m.Interaction, m.Commitment, m.FeedbackItem, m.Need, m.AgreedMeasure]
    kinds += [m.QualityReview, m.ServiceLevelChange, m.CommitmentEvent]
    return {kind.__name__: kind.objects.count() for kind in kinds}


@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_a_decision_from_a_body_that_is_not_an_object_is_refused(as_user, body):
    before = counts()
    response = post_raw(as_user("admin"), "/decisions", body)
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["reason"]
    assert counts() == before


@pytest.mark.parametrize("body", ['"AAA"', "[]", "7"])
def test_every_write_refuses_a_body_that_is_not_an_object(as_user, ledger, body):
    rel = ledger.member_customer.pk
    commitment = next(iter(ledger.commitments.values())).pk
    paths = [
        "/interactions",
        "/commitments",
        f"/relationships/{rel}/feedback",
        f"/relationships/{rel}/needs",
        f"/relationships/{rel}/measures",
        f"/relationships/{rel}/reviews",
        f"/relationships/{rel}/level-changes",
        "/decisions",
    ]
    paths += [f"/commitments/{commitment}/{verb}" for verb in ("keep", "break", "renegotiate")]
    before = counts()
    for path in paths:
        response = post_raw(as_user("admin"), path, body)
        assert response.status_code == 422, (path, response.status_code, response.content)
    assert counts() == before
