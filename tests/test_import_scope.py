"""An import by a user (web upload, `import --as USER`) changes only what that user may change.

The set-up is a slice of the demo with its names: Corvid Cloud, IT (Tobias, its manager) with
IT Platform under it (Priya), and Finance (Margit, its manager; Oskar). The attacks are those
of issue 12, hole 1.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from trustledger.accounts.actions import create_user
from trustledger.analytics.queue import queue
from trustledger.directory.models import Organization, Person, PersonIdentity, Unit
from trustledger.ingest.models import ImportJob
from trustledger.ledger.models import Commitment, Interaction

pytestmark = pytest.mark.django_db
DOMAIN = "corvidcloud.example"


class Corvid:
    """The demo's names, the few records the attacks need."""

    def __init__(self) -> None:
        self.org = Organization.objects.create(
            name="Corvid Cloud", kind="ours", email_domains=DOMAIN
        )
        self.it = Unit.objects.create(organization=self.org, name="IT")
        self.platform = Unit.objects.create(
            organization=self.org, name="IT Platform (onshore)", parent=self.it
        )
        self.finance = Unit.objects.create(organization=self.org, name="Finance")
        self.tobias_person = self.person("Tobias Reinholt", self.it, "Chief Information Officer")
        self.priya_person = self.person("Priya Raghunathan", self.platform, "Platform Lead")
        self.margit_person = self.person(
            "Margit Lindqvist", self.finance, "Chief Financial Officer"
        )
        self.oskar_person = self.person("Oskar Brenner", self.finance, "Controller")
        self.admin = create_user(username="admin", password="pw", admin=True, check_password=False)
        self.tobias = self.login("tobias", "IT", "manager", self.tobias_person)
        self.priya = self.login("priya", "IT Platform (onshore)", "member", self.priya_person)
        self.margit = self.login("margit", "Finance", "manager", self.margit_person)

    def person(self, name: str, unit: Unit, title: str) -> Person:
        person = Person.objects.create(
            display_name=name, organization=self.org, unit=unit, title=title
        )
        PersonIdentity.objects.create(
            person=person, kind="email", value=self.email(name), normalized=self.email(name)
        )
        PersonIdentity.objects.create(
            person=person, kind="name", value=name, normalized=name.lower()
        )
        return person

    @staticmethod
    def email(name: str) -> str:
        return name.lower().replace(" ", ".") + "@" + DOMAIN

    def login(self, username: str, unit: str, role: str, person: Person):  # type: ignore[no-untyped-def]
        return create_user(
            username=username,
            password="pw",
            unit_name=unit,
            role=role,
            person_id=person.pk,
            check_password=False,
        )


@pytest.fixture
def corvid(db) -> Corvid:  # type: ignore[no-untyped-def]
    return Corvid()


@pytest.fixture
def upload(client, settings, tmp_path, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Upload files as a user through /imports/ and run the job; returns the job."""
    settings.DATA_DIR = tmp_path
    queue.immediate = True

    def post(user, **files: str) -> ImportJob:  # type: ignore[no-untyped-def]
        client.force_login(user)
        uploads = [SimpleUploadedFile(name, text.encode()) for name, text in files.items()]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/imports/", {"files": uploads, "format": "auto"})
        assert response.status_code == 302, response.content
        return ImportJob.objects.order_by("-pk").first()  # type: ignore[return-value]

    yield post
    queue.immediate = False


def run_as(tmp_path: Path, user: str | None, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    out = StringIO()
    options = ["--as", user] if user else []
    call_command("import", str(path), *options, "--no-progress", stdout=out)
    return out.getvalue()


def run_as_refused(tmp_path: Path, user: str, name: str, text: str) -> str:
    """An import --as USER whose file is refused: the command fails, the summary says why."""
    out = StringIO()
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(CommandError, match="refused"):
        call_command("import", str(path), "--as", user, "--no-progress", stdout=out)
    return out.getvalue()


MOVE_IT = "name,organization,parent\nIT,Corvid Cloud,Finance\n"
TOBIAS_TO_FINANCE = (
    "full_name,email,organization,unit\n"
    f"Tobias Reinholt,tobias.reinholt@{DOMAIN},Corvid Cloud,Finance\n"
)
TOBIAS_BREAKS_PROMISES = (
    "external_id,promisor_email,promisee_email,statement,made_at,due_at,state\n"
    + "".join(
        f"b-{i},tobias.reinholt@{DOMAIN},margit.lindqvist@{DOMAIN},Promise {i},2026-01-0{i},2026-01-0{i + 1},broken\n"
        for i in range(1, 6)
    )
)


# -- the three attacks of the issue, through the web upload ------------------------------


def test_a_manager_cannot_move_another_unit_under_hers_by_upload(corvid, upload):
    job = upload(corvid.margit, **{"units.csv": MOVE_IT})
    corvid.it.refresh_from_db()
    assert corvid.it.parent_id is None
    assert job.status == "done"
    assert "units.csv:data row 1: field 'parent': only an admin moves a unit" in job.summary
    assert "refused" in job.summary


def test_a_manager_cannot_move_another_units_manager_by_upload(corvid, upload):
    job = upload(corvid.margit, **{"people.csv": TOBIAS_TO_FINANCE})
    corvid.tobias_person.refresh_from_db()
    assert corvid.tobias_person.unit_id == corvid.it.pk
    assert "people.csv:data row 1:" in job.summary
    assert "a person you may not change" in job.summary


def test_a_manager_cannot_record_broken_promises_of_another_units_people(corvid, upload):
    job = upload(corvid.margit, **{"commitments.csv": TOBIAS_BREAKS_PROMISES})
    assert not Commitment.objects.exists()
    assert "commitments.csv:data row 1: field 'promisor_email':" in job.summary
    assert job.summary.count("commitments.csv:data row") == 5


# -- the same through `trustledger import --as USER` -------------------------------------


def test_import_as_a_manager_cannot_move_another_unit(corvid, tmp_path):
    text = run_as_refused(tmp_path, "margit", "units.csv", MOVE_IT)
    corvid.it.refresh_from_db()
    assert corvid.it.parent_id is None
    assert "only an admin moves a unit" in text


def test_import_as_a_manager_cannot_move_another_units_manager(corvid, tmp_path):
    run_as_refused(tmp_path, "margit", "people.csv", TOBIAS_TO_FINANCE)
    corvid.tobias_person.refresh_from_db()
    assert corvid.tobias_person.unit_id == corvid.it.pk


def test_import_as_a_manager_cannot_record_promises_of_another_units_people(corvid, tmp_path):
    run_as_refused(tmp_path, "margit", "commitments.csv", TOBIAS_BREAKS_PROMISES)
    assert not Commitment.objects.exists()


def test_import_as_needs_a_user_who_may_import(corvid, tmp_path):
    with pytest.raises(CommandError, match="--as: no user named 'nobody'"):
        run_as(tmp_path, "nobody", "units.csv", MOVE_IT)
    with pytest.raises(CommandError, match="only admins and unit managers import"):
        run_as(tmp_path, "priya", "units.csv", MOVE_IT)


# -- one row out of scope refuses the whole file -----------------------------------------


def test_one_row_out_of_scope_refuses_the_whole_file_and_the_other_files_still_load(corvid, upload):
    mixed = (
        "full_name,email,organization,unit\n"
        f"Nora New,nora.new@{DOMAIN},Corvid Cloud,Finance\n"
        f"Tobias Reinholt,tobias.reinholt@{DOMAIN},Corvid Cloud,Finance\n"
    )
    fine = f"full_name,email,organization,unit\nFinn Fine,finn.fine@{DOMAIN},Corvid Cloud,Finance\n"
    job = upload(corvid.margit, **{"mixed.csv": mixed, "fine.csv": fine})
    assert not Person.objects.filter(display_name="Nora New").exists()
    assert Person.objects.get(display_name="Finn Fine").unit_id == corvid.finance.pk
    assert "00-mixed.csv:data row 2:" in job.summary
    assert "00-mixed.csv:data row 1" not in job.summary
    assert "refused files (records outside your scope; nothing imported from them): 1" in (
        job.summary
    )


# -- every kind the importers write -----------------------------------------------------


def test_a_manager_may_not_create_or_change_organizations(corvid, tmp_path):
    text = run_as_refused(
        tmp_path, "tobias", "orgs.csv", "name,kind,domain\nEvil Corp,customer,evil.example\n"
    )
    assert "only an admin creates an organization" in text
    run_as_refused(
        tmp_path, "tobias", "orgs2.csv", "name,kind,domain\nCorvid Cloud,own,x.example\n"
    )
    assert not Organization.objects.filter(name="Evil Corp").exists()
    corvid.org.refresh_from_db()
    assert corvid.org.email_domains == DOMAIN
    # A row that changes nothing is no change.
    run_as(tmp_path, "tobias", "orgs3.csv", "name,kind\nCorvid Cloud,own\n")


def test_a_manager_creates_units_only_inside_the_units_she_manages(corvid, tmp_path):
    text = run_as(
        tmp_path,
        "tobias",
        "ok.csv",
        "name,organization,parent\nIT Security,Corvid Cloud,IT\nIT Red Team,Corvid Cloud,IT Security\n",
    )
    assert "created:   2 (2 units)" in text
    assert Unit.objects.get(name="IT Red Team").parent.name == "IT Security"
    run_as_refused(
        tmp_path, "tobias", "root.csv", "name,organization,parent\nShadow IT,Corvid Cloud,\n"
    )
    run_as_refused(
        tmp_path, "tobias", "there.csv", "name,organization,parent\nAudit,Corvid Cloud,Finance\n"
    )
    # Moving even inside the tree is an admin's act.
    run_as_refused(
        tmp_path,
        "tobias",
        "move.csv",
        "name,organization,parent\nIT Security,Corvid Cloud,IT Platform (onshore)\n",
    )
    assert not Unit.objects.filter(name__in=["Shadow IT", "Audit"]).exists()


def test_a_person_row_may_not_create_an_organization_or_a_unit_outside_the_tree(corvid, tmp_path):
    text = run_as_refused(
        tmp_path,
        "tobias",
        "p.csv",
        "full_name,email,organization,unit\nEve,eve@evil.example,Evil Corp,\n",
    )
    assert "field 'organization':" in text
    run_as_refused(
        tmp_path,
        "tobias",
        "p2.csv",
        f"full_name,email,organization,unit\nEve,eve@{DOMAIN},Corvid Cloud,Finance\n",
    )
    run_as_refused(
        tmp_path,
        "tobias",
        "p3.csv",
        f"full_name,email,organization,unit\nEve,eve@{DOMAIN},Corvid Cloud,Skunkworks\n",
    )
    assert not Person.objects.filter(display_name="Eve").exists()
    assert not Organization.objects.filter(name="Evil Corp").exists()
    assert not Unit.objects.filter(name="Skunkworks").exists()


def test_a_vcard_whose_address_is_someone_elses_does_not_change_them(corvid, upload):
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Tobias Reinholt\nTITLE:Intern\n"
        f"EMAIL:tobias.reinholt@{DOMAIN}\nEMAIL:tobias@attacker.example\nEND:VCARD\n"
    )
    job = upload(corvid.margit, **{"tobias.vcf": card})
    corvid.tobias_person.refresh_from_db()
    assert corvid.tobias_person.title == "Chief Information Officer"
    assert not PersonIdentity.objects.filter(normalized="tobias@attacker.example").exists()
    assert "tobias.vcf:record 1:" in job.summary


def test_a_new_address_with_the_name_of_someone_out_of_scope_is_not_added_to_them(corvid, tmp_path):
    """Identity rule 2 (same name, same organization) never adds an address to someone the
    user may not change: a new person is made and listed as a possible duplicate."""
    row = "occurred_at,channel,initiator_email,initiator_name,participant_emails\n{}T10:00:00Z,call,{},Tobias Reinholt,margit.lindqvist@corvidcloud.example\n"
    # The operator's import applies rule 2: the new address is Tobias's.
    run_as(tmp_path, None, "calls1.csv", row.format("2026-03-02", f"tobias.r1@{DOMAIN}"))
    assert PersonIdentity.objects.filter(
        person=corvid.tobias_person, normalized=f"tobias.r1@{DOMAIN}"
    ).exists()
    text = run_as(tmp_path, "margit", "calls2.csv", row.format("2026-03-03", f"tobias.r2@{DOMAIN}"))
    assert not PersonIdentity.objects.filter(
        person=corvid.tobias_person, normalized=f"tobias.r2@{DOMAIN}"
    ).exists()
    other = PersonIdentity.objects.get(normalized=f"tobias.r2@{DOMAIN}").person
    assert other.unit_id is None
    assert f"may be person {corvid.tobias_person.pk}" in text
    assert "outside your scope: not merged" in text


def test_a_manager_may_not_record_interactions_among_another_units_people(corvid, upload):
    csv = (
        "external_id,occurred_at,channel,initiator_email,participant_emails,answered\n"
        f"x-1,2026-03-02T10:00:00Z,email,tobias.reinholt@{DOMAIN},priya.raghunathan@{DOMAIN},no\n"
    )
    job = upload(corvid.margit, **{"calls.csv": csv})
    assert not Interaction.objects.exists()
    assert "calls.csv:data row 1: field 'initiator_email':" in job.summary


def test_a_manager_may_not_change_an_interaction_of_another_unit(corvid, tmp_path):
    csv = (
        "external_id,occurred_at,channel,initiator_email,participant_emails,answered\n"
        f"x-1,2026-03-02T10:00:00Z,email,tobias.reinholt@{DOMAIN},priya.raghunathan@{DOMAIN},yes\n"
    )
    run_as(tmp_path, "tobias", "a.csv", csv)
    # Margit keeps the id but puts herself in place of Priya.
    changed = csv.replace(f"priya.raghunathan@{DOMAIN},yes", f"margit.lindqvist@{DOMAIN},no")
    run_as_refused(tmp_path, "margit", "b.csv", changed)
    stored = Interaction.objects.get()
    assert stored.answered is True
    assert list(stored.participants.values_list("person_id", flat=True)) == [corvid.priya_person.pk]


def test_mail_between_another_units_people_is_refused_on_the_record_path(corvid, upload):
    eml = (
        f"From: Tobias Reinholt <tobias.reinholt@{DOMAIN}>\n"
        f"To: priya.raghunathan@{DOMAIN}\nSubject: hi\n"
        "Date: Mon, 02 Mar 2026 09:00:00 +0000\nMessage-ID: <m1@corvid>\n\nhello\n"
    )
    job = upload(corvid.margit, **{"note.eml": eml})
    assert not Interaction.objects.exists()
    assert "note.eml:record 1:" in job.summary


# -- what still works --------------------------------------------------------------------


def test_a_unit_manager_imports_his_units_people_and_their_interactions(corvid, upload):
    people = (
        "full_name,email,organization,unit,title\n"
        f"Priya Raghunathan,priya.raghunathan@{DOMAIN},Corvid Cloud,IT Platform (onshore),Head of Platform\n"
        f"Ravi New,ravi.new@{DOMAIN},Corvid Cloud,IT Platform (onshore),SRE\n"
    )
    calls = (
        "occurred_at,channel,initiator_email,participant_emails\n"
        f"2026-03-02T10:00:00Z,call,tobias.reinholt@{DOMAIN},priya.raghunathan@{DOMAIN}\n"
        f"2026-03-03T10:00:00Z,call,ravi.new@{DOMAIN},customer@halvard.example\n"
    )
    promises = (
        "promisor_email,promisee_email,statement,made_at,due_at,state\n"
        f"priya.raghunathan@{DOMAIN},tobias.reinholt@{DOMAIN},Runbook,2026-03-01,2026-03-05,kept\n"
    )
    job = upload(
        corvid.tobias, **{"people.csv": people, "calls.csv": calls, "promises.csv": promises}
    )
    assert "refused" not in job.summary, job.summary
    corvid.priya_person.refresh_from_db()
    assert corvid.priya_person.title == "Head of Platform"
    assert Person.objects.get(display_name="Ravi New").unit_id == corvid.platform.pk
    assert Interaction.objects.count() == 2
    assert Commitment.objects.get().state == "kept"


def test_an_admin_upload_keeps_full_rights(corvid, upload):
    job = upload(corvid.admin, **{"units.csv": MOVE_IT})
    corvid.it.refresh_from_db()
    assert corvid.it.parent_id == corvid.finance.pk
    assert "refused" not in job.summary


def test_the_plain_cli_is_an_operators_tool(corvid, tmp_path):
    run_as(tmp_path, None, "people.csv", TOBIAS_TO_FINANCE)
    corvid.tobias_person.refresh_from_db()
    assert corvid.tobias_person.unit_id == corvid.finance.pk


def test_import_as_an_admin_keeps_full_rights(corvid, tmp_path):
    run_as(tmp_path, "admin", "units.csv", MOVE_IT)
    corvid.it.refresh_from_db()
    assert corvid.it.parent_id == corvid.finance.pk


def test_a_dry_run_as_a_manager_reports_the_refusal_and_writes_nothing(corvid, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(MOVE_IT)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import", str(path), "--as", "margit", "--dry-run", "--no-progress", stdout=out
        )
    assert "only an admin moves a unit" in out.getvalue()
    corvid.it.refresh_from_db()
    assert corvid.it.parent_id is None


def test_on_the_demo_margit_cannot_take_it_over_by_upload(upload):
    from trustledger.accounts.models import User
    from trustledger.demo.load import load_demo

    load_demo()
    margit = User.objects.get(username="margit")
    it = Unit.objects.get(name="IT")
    job = upload(margit, **{"units.csv": MOVE_IT})
    it.refresh_from_db()
    assert it.parent is None
    assert "only an admin moves a unit" in job.summary


def _meeting(status: str) -> str:
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:it-sync@corvid\n"
        "DTSTART:20261125T090000Z\nDTEND:20261125T093000Z\n"
        f"STATUS:{status}\nORGANIZER:mailto:tobias.reinholt@{DOMAIN}\n"
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:priya.raghunathan@{DOMAIN}\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )


def test_a_manager_may_not_cancel_another_units_meeting(corvid, tmp_path):
    run_as(tmp_path, "tobias", "sync.ics", _meeting("CONFIRMED"))
    assert Interaction.objects.count() == 1
    text = run_as_refused(tmp_path, "margit", "cancel.ics", _meeting("CANCELLED"))
    assert "changes an interaction stored for people outside your scope" in text
    assert Interaction.objects.count() == 1
    # Its own manager may.
    run_as(tmp_path, "tobias", "cancel.ics", _meeting("CANCELLED"))
    assert not Interaction.objects.exists()


def test_a_manager_may_not_rewrite_another_units_commitment(corvid, tmp_path):
    header = "external_id,promisor_email,promisee_email,statement,made_at,due_at,state\n"
    row = "c-1,{}@" + DOMAIN + ",{}@" + DOMAIN + ",Runbook,2026-03-01,2026-03-05,{}\n"
    run_as(
        tmp_path,
        "tobias",
        "a.csv",
        header + row.format("priya.raghunathan", "tobias.reinholt", "open"),
    )
    # Margit may promise in her own name, but not by taking over Priya's stored promise.
    text = run_as_refused(
        tmp_path,
        "margit",
        "b.csv",
        header + row.format("margit.lindqvist", "oskar.brenner", "broken"),
    )
    assert "changes a commitment stored for people outside your scope" in text
    stored = Commitment.objects.get()
    assert (stored.promisor_id, stored.state) == (corvid.priya_person.pk, "open")
