"""Migrations are committed, complete, and are what built this test database."""

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


@pytest.mark.django_db
def test_the_test_database_was_built_by_applying_every_migration():
    # pytest-django creates the database by running the migrations, on SQLite and on
    # PostgreSQL alike; nothing may be left to apply.
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert "ledger_interaction" in connection.introspection.table_names()
