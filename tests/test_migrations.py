"""Migrations are committed, complete and apply from scratch on this database."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_every_migration_unapplies_and_applies_again():
    executor = MigrationExecutor(connection)
    apps_ = ["accounts", "directory", "ledger", "surveys"]
    leaves = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] in apps_]
    executor.migrate([(app, None) for app in apps_])
    executor.loader.build_graph()
    tables = connection.introspection.table_names()
    assert "ledger_interaction" not in tables
    executor.migrate(leaves)
    assert "ledger_interaction" in connection.introspection.table_names()
