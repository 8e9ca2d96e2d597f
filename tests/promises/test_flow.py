"""Promises found, end to end: an mbox imported with bodies → proposals → confirm or dismiss."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.promises.conftest import Mail, write_mbox

pytestmark = pytest.mark.django_db


def _proposals():  # type: ignore[no-untyped-def]
    from trustledger.promises.models import ProposedPromise

    return ProposedPromise.objects.order_by("written_at", "sentence_index")


def _ledger_promise(found):  # type: ignore[no-untyped-def]
    return _proposals().get(sentence__contains="reconciled ledger", promisor=found.writer)


def test_an_import_with_bodies_proposes_our_writers_promises_to_the_other_side(imported):
    proposal = _ledger_promise(imported)
    assert proposal.state == "proposed"
    assert proposal.strength == proposal.strength_found == "commitment"
    assert proposal.promisee == imported.promisee
    assert proposal.relationship == imported.relationship
    assert proposal.due_on == dt.date(2026, 11, 6)  # the Friday after Tue 3 Nov
    assert proposal.due_words.lower() == "friday"
    assert any(cue["words"] for cue in proposal.cues)
    assert proposal.interaction.external_id == "m1@testco.example"
    # The quoted reply is the other side's words, and Cleo's own mail is theirs: not ours.
    assert not _proposals().filter(sentence__contains="supplier invoice").exists()
    assert not _proposals().filter(promisor=imported.promisee).exists()


def test_nothing_enters_the_ledger_unconfirmed(imported):
    from trustledger.ledger.models import Commitment

    assert _proposals().exists()
    assert not Commitment.objects.exists()


def test_a_metadata_import_proposes_nothing(found):
    from trustledger.ingest.loader import import_files

    summary = import_files([found.mbox], content="metadata")
    assert summary.promises_found is None
    assert not _proposals().exists()


def test_confirm_makes_a_commitment_with_the_sentence_strength_and_due_date(imported):
    from trustledger.promises.actions import confirm_proposal

    proposal = _ledger_promise(imported)
    commitment = confirm_proposal(imported.cast.it_member, proposal)
    assert commitment.statement == proposal.sentence
    assert "reconciled ledger" in commitment.what
    assert commitment.strength == "commitment"
    assert commitment.due_at.date() == dt.date(2026, 11, 6)
    assert commitment.made_at == proposal.written_at
    assert (commitment.promisor, commitment.promisee) == (imported.writer, imported.promisee)
    assert commitment.relationship == imported.relationship
    assert commitment.source == "mail"
    assert commitment.external_id == f"promise:{proposal.key}"
    assert commitment.events.get().to_state == "open"
    proposal.refresh_from_db()
    assert proposal.state == "confirmed"
    assert proposal.commitment == commitment
    assert proposal.decided_by == imported.cast.it_member


def test_confirm_takes_corrections_of_strength_and_date(imported):
    from trustledger.promises.actions import confirm_proposal

    proposal = _ledger_promise(imported)
    commitment = confirm_proposal(
        imported.cast.it_manager, proposal, strength="best_effort", due_on=dt.date(2026, 11, 13)
    )
    assert commitment.strength == "best_effort"
    assert commitment.due_at.date() == dt.date(2026, 11, 13)


def test_dismissed_stays_dismissed_and_nothing_doubles_on_reimport(imported):
    from trustledger.ingest.loader import import_files
    from trustledger.promises.actions import confirm_proposal, dismiss_proposal

    proposal = _ledger_promise(imported)
    dismiss_proposal(imported.cast.it_member, proposal)
    other = _proposals().get(sentence__contains="archive")
    confirm_proposal(imported.cast.it_member, other, due_on=dt.date(2026, 12, 1))
    count = _proposals().count()
    summary = import_files([imported.mbox], content="body")
    assert summary.promises_found == 0
    assert _proposals().count() == count
    proposal.refresh_from_db()
    assert proposal.state == "dismissed"
    assert _proposals().get(pk=other.pk).state == "confirmed"


def test_the_command_scans_stored_bodies_idempotently(imported, capsys):
    from trustledger.promises.models import ProposedPromise

    ProposedPromise.objects.all().delete()
    call_command("find-promises")
    first = capsys.readouterr().out
    assert "3 messages of ours read, 2 promises proposed" in first
    assert ProposedPromise.objects.count() >= 2
    call_command("find-promises", "--since", "2026-11-01")
    assert "0 promises proposed" in capsys.readouterr().out


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--since"):
        call_command("find-promises", "--since", "yesterday")


def test_the_promisee_is_the_first_to_recipient_on_the_other_side(found, tmp_path):
    from trustledger.ingest.loader import import_files

    # Dora (ours) first in To, Cleo (theirs) second: Cleo is the one promised to.
    mbox = write_mbox(
        tmp_path / "two.mbox",
        [
            Mail(
                "ben@testco.example",
                ["dora@testco.example", "cleo@testco.example"],
                "I will send the plan on Friday.\n",
                "m9@testco.example",
            )
        ],
    )
    import_files([mbox], content="body")
    assert _proposals().get().promisee == found.promisee


# -- bad input: a clear error naming the field, nothing half-written --------------------------


def _refused(call, field):  # type: ignore[no-untyped-def]
    from trustledger.ledger.models import Commitment

    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict
    assert not Commitment.objects.exists()
    return error.value.message_dict[field][0]


def test_confirm_without_a_date_when_none_was_found_names_due_on(imported):
    from trustledger.promises.actions import confirm_proposal

    proposal = _proposals().get(sentence__contains="archive")
    assert proposal.due_on is None
    reason = _refused(lambda: confirm_proposal(imported.cast.it_member, proposal), "due_on")
    assert "due date" in reason
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


def test_a_bad_strength_is_refused_and_nothing_changes(imported):
    from trustledger.promises.actions import confirm_proposal, correct_proposal

    proposal = _ledger_promise(imported)
    member = imported.cast.it_member
    _refused(lambda: confirm_proposal(member, proposal, strength="pinky_swear"), "strength")
    _refused(
        lambda: correct_proposal(
            member, proposal, due_on=dt.date(2026, 12, 1), strength="pinky_swear"
        ),
        "strength",
    )
    proposal.refresh_from_db()
    assert (proposal.strength, proposal.due_on) == ("commitment", dt.date(2026, 11, 6))


def test_a_promisee_not_among_the_recipients_is_refused(imported):
    from trustledger.promises.actions import confirm_proposal

    proposal = _ledger_promise(imported)
    outsider = imported.cast.it_manager.person
    reason = _refused(
        lambda: confirm_proposal(imported.cast.it_member, proposal, promisee_id=outsider.pk),
        "promisee",
    )
    assert "recipients" in reason


def test_the_promisee_may_be_changed_among_the_recipients(imported):
    from trustledger.promises.actions import correct_proposal, recipients_of

    proposal = _ledger_promise(imported)
    assert {p.display_name for p in recipients_of(proposal)} == {"Cleo Finance", "Dora Other"}
    changed = correct_proposal(imported.cast.it_member, proposal, promisee_id=imported.colleague.pk)
    # Dora is on our side: no relationship joins the writer to her.
    assert (changed.promisee, changed.relationship) == (imported.colleague, None)


def test_a_due_date_before_the_message_is_refused(imported):
    from trustledger.promises.actions import correct_proposal

    proposal = _ledger_promise(imported)
    _refused(
        lambda: correct_proposal(imported.cast.it_member, proposal, due_on=dt.date(2026, 10, 1)),
        "due_on",
    )


def test_a_decided_proposal_is_not_decided_twice(imported):
    from trustledger.promises.actions import confirm_proposal, dismiss_proposal

    proposal = _ledger_promise(imported)
    dismiss_proposal(imported.cast.it_member, proposal)
    _refused(lambda: confirm_proposal(imported.cast.it_member, proposal), "state")


# -- who decides ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["writer", "manager", "admin"])
def test_the_writer_their_manager_and_admins_decide(imported, persona):
    from trustledger.promises.actions import dismiss_proposal

    user = imported.users()[persona]
    assert dismiss_proposal(user, _ledger_promise(imported)).state == "dismissed"


@pytest.mark.parametrize("persona", ["promisee", "other_member", "viewer", "outsider"])
def test_others_may_not_decide(imported, persona):
    from django.core.exceptions import PermissionDenied

    from trustledger.promises.actions import confirm_proposal, dismiss_proposal

    user = imported.users()[persona]
    proposal = _ledger_promise(imported)
    with pytest.raises(PermissionDenied):
        confirm_proposal(user, proposal)
    with pytest.raises(PermissionDenied):
        dismiss_proposal(user, proposal)
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("writer", True),
        ("manager", True),
        ("admin", True),
        ("promisee", False),
        ("other_member", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_only_the_writer_their_managers_and_admins_see_a_proposal(imported, persona, sees):
    from trustledger.accounts.access import scope_for
    from trustledger.promises.access import proposals

    scope = scope_for(imported.users()[persona])
    assert proposals(scope).filter(pk=_ledger_promise(imported).pk).exists() is sees
