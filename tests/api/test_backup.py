"""Backup → restore into an empty database → identical scores (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.audit_log import empty_audit_log
from trustledger.api.backup import BackupError, ledger_models, restore_backup, write_backup
from trustledger.demo.cast import DEMO_END
from trustledger.demo.load import load_demo
from trustledger.engine.reports import organization_report

pytestmark = pytest.mark.django_db


def _empty_the_ledger() -> None:
    """Delete every backed-up row (children first), as a fresh migrated database has none."""
    quote = connection.ops.quote_name
    empty_audit_log()  # append-only: its trigger refuses a plain DELETE
    with connection.cursor() as cursor:
        for model in reversed(ledger_models()):
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")


def test_a_restored_backup_gives_identical_scores(tmp_path):
    load_demo()
    before = organization_report(DEMO_END).to_dict()
    path = tmp_path / "ledger.jsonl"
    call_command("backup", str(path), stdout=io.StringIO())
    header = json.loads(path.read_text().splitlines()[0])
    assert header["format"] == "trustledger-backup" and header["format_version"] == 1
    assert header["database"] == connection.vendor
    assert header["tables"]["ledger.interaction"] > 0
    assert set(header["migrations"]) >= {"directory", "ledger", "surveys", "api"}
    _empty_the_ledger()
    call_command("restore", str(path), stdout=io.StringIO())
    assert organization_report(DEMO_END).to_dict() == before
    # Sequences continue after the restored ids.
    from trustledger.directory.models import Organization

    top = Organization.objects.order_by("-pk").first().pk
    assert Organization.objects.create(name="After restore", kind="partner").pk > top


def test_tables_come_after_the_tables_they_point_to():
    """Each table after those it points to, except along a cycle (an organization or person
    records the user who added it, a user is a person): there only a nullable key may point
    forward, and the restore's one transaction checks it at commit."""
    order = {m: i for i, m in enumerate(ledger_models())}
    forward = []
    for model, index in order.items():
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in order and target is not model and order[target] > index:
                assert field.null, (model, target)
                forward.append(f"{model.__name__}.{field.name}")
    assert set(forward) <= {"Organization.added_by", "Person.added_by", "User.person"}, forward


def test_restore_refuses_a_database_that_is_not_empty(cast, tmp_path):
    path = tmp_path / "b.jsonl"
    with open(path, "w") as stream:
        write_backup(stream)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path), stdout=io.StringIO())


def _backup_text(cast) -> str:
    stream = io.StringIO()
    write_backup(stream)
    _empty_the_ledger()
    return stream.getvalue()


def test_restore_names_the_bad_line_and_restores_nothing(cast):
    lines = _backup_text(cast).splitlines()
    lines[3] = lines[3][:-5]
    with pytest.raises(BackupError, match="line 4: not JSON"):
        restore_backup(io.StringIO("\n".join(lines) + "\n"))
    assert not any(m._base_manager.exists() for m in ledger_models())


def test_restore_refuses_a_truncated_file_and_a_foreign_one(cast):
    lines = _backup_text(cast).splitlines()
    with pytest.raises(BackupError, match="truncated"):
        restore_backup(io.StringIO("\n".join(lines[:-1]) + "\n"))
    with pytest.raises(BackupError, match="not a trustledger backup"):
        restore_backup(io.StringIO('{"format": "other"}\n'))
    header = json.loads(lines[0])
    header["migrations"]["ledger"] = "9999_future"
    with pytest.raises(BackupError, match="schema"):
        restore_backup(io.StringIO("\n".join([json.dumps(header), *lines[1:]]) + "\n"))
    bad = json.loads(lines[1])
    bad["row"]["no_such_column"] = 1
    with pytest.raises(BackupError, match="line 2: .* no column 'no_such_column'"):
        restore_backup(io.StringIO("\n".join([lines[0], json.dumps(bad), *lines[2:]]) + "\n"))
