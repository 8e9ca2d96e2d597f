"""One limit for entered text: the pages' forms refuse what the API refuses (20,000 characters)."""

from __future__ import annotations

import pytest

from trustledger.api import schemas
from trustledger.domain.limits import TEXT_MAX
from trustledger.web.entry import forms

pytestmark = pytest.mark.django_db

TEXT_FIELDS = [
    (forms.InteractionForm, "notes"),
    (forms.CommitmentForm, "statement"),
    (forms.FeedbackForm, "summary"),
    (forms.FeedbackForm, "our_response"),
    (forms.NeedForm, "description"),
    (forms.DecisionForm, "description"),
    (forms.ReviewForm, "notes"),
    (forms.LevelForm, "reason"),
]


@pytest.mark.parametrize(("form", "field"), TEXT_FIELDS)
def test_every_text_area_has_the_apis_limit(form, field):
    assert form.base_fields[field].max_length == TEXT_MAX


def test_the_api_and_the_forms_share_the_limits():
    text = schemas.NeedIn.model_json_schema()["properties"]["description"]
    assert text["maxLength"] == TEXT_MAX == 20_000
    assert (
        forms.DecisionForm.base_fields["title"].max_length
        == (schemas.DecisionIn.model_json_schema()["properties"]["title"]["maxLength"])
    )


def test_a_megabyte_of_text_is_refused_on_the_page_as_by_the_api(cast):
    from trustledger.ledger.models import Need, Relationship

    from .test_entry import World

    world = World(cast)
    client = world.client("it_member")
    for size, code in [(TEXT_MAX + 1, 200), (1_000_000, 200), (TEXT_MAX, 302)]:
        response = client.post(
            "/entry/need/",
            {"relationship": world.rel_ben.pk, "description": "x" * size, "kind": "need"},
        )
        assert response.status_code == code, size
    assert [len(n.description) for n in Need.objects.all()] == [TEXT_MAX]
    assert Relationship.objects.filter(pk=world.rel_ben.pk).exists()
