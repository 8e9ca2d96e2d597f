"""Exports: the import templates' columns, scoped, and export → import → same scores."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection

from tests.audit_log import empty_audit_log
from trustledger.api.backup import ledger_models
from trustledger.directory.models import Person, PersonIdentity
from trustledger.engine.reports import person_report
from trustledger.importers.csv_files import template
from trustledger.ledger import actions
from trustledger.ledger.models import Commitment, Interaction

pytestmark = pytest.mark.django_db
KINDS = ("organizations", "units", "people", "interactions", "commitments")
AS_OF = dt.datetime(2026, 11, 20, 17, tzinfo=dt.UTC)


@pytest.mark.parametrize("kind", KINDS)
def test_csv_exports_have_the_import_templates_columns(ledger, as_user, kind):
    response = as_user("admin").get(f"/export/{kind}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    header = response.content.decode().splitlines()[0]
    assert header == template(kind).splitlines()[0]
    as_json = as_user("admin").get(f"/export/{kind}.json").json()
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == as_json


def test_exports_hold_only_what_the_user_may_see(ledger, as_user):
    finance = as_user("finance_member").get("/export/commitments.json").json()
    assert [row["statement"] for row in finance] == ["Approve the invoice"]
    assert as_user("outsider").get("/export/people.json").json() == []
    member = {row["full_name"] for row in as_user("it_member").get("/export/people.json").json()}
    assert "Cleo Finance" not in member and "Alice Customer" in member


def _close_some(cast, ledger):
    kept, broken = dt.datetime(2026, 6, 5, 9, tzinfo=dt.UTC), dt.datetime(2026, 6, 9, tzinfo=dt.UTC)
    actions.keep_commitment(cast.admin, ledger.commitments["member_to_alice"], at=kept)
    actions.break_commitment(cast.admin, ledger.commitments["finance_to_manager"], at=broken)


def _scores() -> dict[str, tuple]:
    """Per person (by email): reliability and the interactions they initiated."""
    found = {}
    for identity in PersonIdentity.objects.filter(kind="email").select_related("person"):
        person = identity.person
        reliability = person_report(person, AS_OF).to_dict()["reliability"]
        found[identity.normalized] = (
            reliability["score"] if "score" in reliability else reliability.get("value"),
            reliability["explanation"]["n"],
            Interaction.objects.filter(initiator=person).count(),
            Commitment.objects.filter(promisor=person).count(),
        )
    return found


def test_export_then_import_into_an_empty_database_gives_the_same_scores(
    cast, ledger, as_user, tmp_path
):
    loader = pytest.importorskip("trustledger.ingest.loader")
    _close_some(cast, ledger)
    before = _scores()
    files = []
    for kind in KINDS:
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(as_user("admin").get(f"/export/{kind}.csv").content)
        files.append(path)
    quote = connection.ops.quote_name
    empty_audit_log()  # append-only: its trigger refuses a plain DELETE
    with connection.cursor() as cursor:
        for model in reversed(ledger_models()):
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
    summary = None
    for path in files:
        summary = loader.import_files([path], format="csv")
        assert not summary.rejected_count and not summary.unreadable, (
            path.name,
            summary.rejections[:3],
            summary.unreadable,
        )
    assert Person.objects.count() == 4
    assert _scores() == before


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text_and_imports_back(
    cast, ledger, as_user, tmp_path
):
    """CSV injection: a name or a subject someone typed reaches a colleague's spreadsheet."""
    alice = Person.objects.get(display_name="Alice Customer")
    for i, formula in enumerate(FORMULAS):
        Person.objects.create(display_name=formula, organization=alice.organization)
        actions.record_interaction(
            cast.admin,
            occurred_at=AS_OF - dt.timedelta(days=i + 1),
            channel="call",
            initiator=cast.it_manager.person,
            participants=[alice],
            subject=formula,
        )
    cells = []
    for kind in ("people", "interactions"):
        text = as_user("admin").get(f"/export/{kind}.csv").content.decode()
        cells += [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        (tmp_path / f"{kind}.csv").write_text(text)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert sum(c in {f"'{f}" for f in FORMULAS} for c in cells) == 2 * len(FORMULAS)
    # Read back, the guard is taken off again: export → import stays the same data.
    from trustledger.importers import csv_columns
    from trustledger.importers.csv_files import parse_csv

    names = {r.full_name for r in parse_csv(tmp_path / "people.csv", kind="people")}
    subjects = {r.subject for r in parse_csv(tmp_path / "interactions.csv", kind="interactions")}
    bulk = {r.subject for r in csv_columns.records(tmp_path / "interactions.csv")}
    assert set(FORMULAS) <= bulk, bulk
    assert set(FORMULAS) <= names and set(FORMULAS) <= subjects, (names, subjects)
