"""Campaign actions, mails, and token misuse, as a rater and as an attacker would try it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from trustledger.surveys import actions, tokens
from trustledger.surveys.models import Answer, Invitation, Response

from .conftest import answers_for, tokens_in

pytestmark = pytest.mark.django_db


def test_opening_mails_one_personal_link_per_rater(it_campaign):
    campaign = it_campaign.campaign
    assert len(mail.outbox) == 9
    assert len({m.to[0] for m in mail.outbox}) == 9
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        token = it_campaign.tokens[message.to[0]]
        assert f"http://testserver/surveys/r/{token}/" in message.body
        # only a hash of the token is stored
        invitation = Invitation.objects.get(campaign=campaign, email=message.to[0])
        assert invitation.token_hash == tokens.token_hash(token)
        assert token not in invitation.token_hash
        # no other rater is named in anyone's mail
        others = set(it_campaign.tokens) - {message.to[0]}
        assert not any(address in message.body for address in others)
        assert "at least 5 people" in message.body


def test_the_subject_unit_members_get_the_self_form_in_the_first_person(it_campaign):
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "self-assessment" in by_address["ben@testco.example"].subject
    assert "yourselves" in by_address["ben@testco.example"].body
    assert "How do you see IT?" in by_address["fin0@testco.example"].subject
    selves = set(
        Invitation.objects.filter(campaign=it_campaign.campaign, is_self=True).values_list(
            "email", flat=True
        )
    )
    assert selves == {"ada@testco.example", "ben@testco.example"}


def test_tokens_are_long_and_unguessable(it_campaign):
    for token in it_campaign.tokens.values():
        assert len(token) >= 43  # 32 random bytes
    assert len(set(it_campaign.tokens.values())) == len(it_campaign.tokens)


def test_a_second_submit_changes_the_one_response_instead_of_adding_one(it_campaign):
    token = it_campaign.tokens["fin0@testco.example"]
    actions.submit_response(token, answers_for("unit", 3))
    actions.submit_response(token, answers_for("unit", 8), comment="better")
    assert Response.objects.count() == 1
    response = Response.objects.get()
    assert response.comment == "better"
    assert set(Answer.objects.filter(response=response).values_list("value", flat=True)) == {3, 8}
    assert response.answers.filter(item="cred_1").get().value == 8
    assert Invitation.objects.get(email="fin0@testco.example").responded


def test_nothing_stored_links_a_response_to_its_rater(it_campaign):
    token = it_campaign.tokens["fin0@testco.example"]
    response = actions.submit_response(token, answers_for("unit", 5))
    invitation = Invitation.objects.get(email="fin0@testco.example")
    stored = {f.name: getattr(response, f.name) for f in Response._meta.concrete_fields}
    assert invitation.token_hash not in stored.values()
    assert response.response_key == tokens.response_key(token) != invitation.token_hash
    assert not any(f.related_model is Invitation for f in Response._meta.get_fields())
    # the submit time is only the day
    assert response.submitted_at.time() == dt.time(0, 0)
    assert response.rater_unit_id == invitation.rater_person.unit_id


def test_a_guessed_token_is_refused(it_campaign):
    for guess in ["x" * 43, "", "../../etc", tokens.new_token()]:
        with pytest.raises(actions.InvalidToken):
            actions.submit_response(guess, answers_for("unit", 5))
    assert Response.objects.count() == 0


def test_a_token_of_another_campaign_only_ever_reaches_that_campaign(
    cast, it_campaign, django_capture_on_commit_callbacks
):
    other = actions.create_campaign(
        cast.it_manager, title="Ada 360", subject_person=cast.it_manager.person
    )
    actions.add_raters(cast.it_manager, other, emails=["x@outside.example"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_campaign(cast.it_manager, other, base_url="http://testserver")
    other_token = tokens_in(mail.outbox)["x@outside.example"]
    response = actions.submit_response(other_token, answers_for("person", 5))
    assert response.campaign_id == other.pk
    # a unit item does not exist in the person form: answers for another form are refused
    with pytest.raises(Exception):  # noqa: B017
        actions.submit_response(other_token, {"tra_1": 5})
    assert Response.objects.filter(campaign=it_campaign.campaign).count() == 0


def test_links_expire_when_the_campaign_closes(cast, it_campaign):
    token = it_campaign.tokens["fin1@testco.example"]
    actions.submit_response(token, answers_for("unit", 5))
    actions.close_campaign(cast.it_manager, it_campaign.campaign)
    with pytest.raises(actions.InvalidToken):
        actions.submit_response(token, answers_for("unit", 9))
    with pytest.raises(actions.InvalidToken):
        actions.invitation_for(it_campaign.tokens["fin2@testco.example"])
    assert Response.objects.get().answers.filter(item="cred_1").get().value == 5


def test_reminders_go_only_to_those_who_have_not_answered_and_replace_their_link(
    cast, it_campaign, django_capture_on_commit_callbacks
):
    answered = it_campaign.tokens["fin0@testco.example"]
    actions.submit_response(answered, answers_for("unit", 5))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = actions.send_reminders(cast.it_manager, it_campaign.campaign, base_url="http://h")
    assert sent == 8
    reminded = tokens_in(mail.outbox)
    assert "fin0@testco.example" not in reminded
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    assert "replaces the one in our first message" in mail.outbox[0].body
    # the old link of a reminded rater no longer works; the new one does; the answered one still works
    with pytest.raises(actions.InvalidToken):
        actions.invitation_for(it_campaign.tokens["fin1@testco.example"])
    actions.submit_response(reminded["fin1@testco.example"], answers_for("unit", 5))
    actions.submit_response(answered, answers_for("unit", 6))
    assert Response.objects.count() == 2


def test_only_a_manager_or_admin_runs_a_campaign(cast, it_campaign):
    for persona in (cast.it_member, cast.viewer, cast.finance_member, cast.outsider):
        with pytest.raises(PermissionDenied):
            actions.close_campaign(persona, it_campaign.campaign)
        with pytest.raises(PermissionDenied):
            actions.create_campaign(persona, title="x", subject_unit=cast.it)
    actions.close_campaign(cast.admin, it_campaign.campaign)


def test_answers_off_the_scale_are_refused(it_campaign):
    token = it_campaign.tokens["fin0@testco.example"]
    with pytest.raises(Exception):  # noqa: B017
        actions.submit_response(token, {"cred_1": 11})
    assert Response.objects.count() == 0


def test_raters_without_an_address_are_reported_and_external_ones_are_placed_by_domain(
    cast, django_capture_on_commit_callbacks
):
    from trustledger.directory.models import Organization

    partner = Organization.objects.create(
        name="Partner", kind="partner", email_domains="partner.example"
    )
    campaign = actions.create_campaign(cast.admin, title="x", subject_unit=cast.it)
    added = actions.add_raters(
        cast.admin, campaign, units=[cast.finance], emails=["a@partner.example"]
    )
    assert added.without_email == ["Cleo Finance"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_campaign(cast.admin, campaign, base_url="http://testserver")
    token = tokens_in(mail.outbox)["a@partner.example"]
    response = actions.submit_response(token, answers_for("unit", 5))
    assert response.rater_organization_id == partner.pk and response.rater_unit_id is None
