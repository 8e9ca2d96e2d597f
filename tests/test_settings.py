"""Settings are read through typed helpers that name the variable when a value is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trustledger.config.env import (
    ConfigurationError,
    database_config,
    env_bool,
    env_int,
    env_time_zone,
    secret_key,
)


def test_a_malformed_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("TRUSTLEDGER_DEBUG", "maybe")
    with pytest.raises(ConfigurationError, match="TRUSTLEDGER_DEBUG='maybe' is not a boolean"):
        env_bool("TRUSTLEDGER_DEBUG")


def test_an_integer_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("TRUSTLEDGER_EMAIL_PORT", "0")
    with pytest.raises(ConfigurationError, match="TRUSTLEDGER_EMAIL_PORT=0 is below the minimum"):
        env_int("TRUSTLEDGER_EMAIL_PORT", 25, minimum=1)


def test_an_unknown_time_zone_is_refused(monkeypatch):
    monkeypatch.setenv("TRUSTLEDGER_TIME_ZONE", "Mars/Olympus")
    with pytest.raises(
        ConfigurationError, match="TRUSTLEDGER_TIME_ZONE='Mars/Olympus' is not a known time zone"
    ):
        env_time_zone("TRUSTLEDGER_TIME_ZONE", "UTC")


def test_the_default_database_is_sqlite_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUSTLEDGER_DATABASE_URL", raising=False)
    config = database_config("TRUSTLEDGER_DATABASE_URL", tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "trustledger.sqlite3")


def test_a_postgres_url_switches_the_database(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTLEDGER_DATABASE_URL", "postgres://u:pw@db.internal:5433/ledger")
    config = database_config("TRUSTLEDGER_DATABASE_URL", tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "ledger")


@pytest.mark.parametrize("url", ["mysql://x@h/db", "not a url", "postgres://u@host:5432"])
def test_a_malformed_database_url_names_the_variable_and_hides_the_password(
    monkeypatch, tmp_path, url
):
    monkeypatch.setenv("TRUSTLEDGER_DATABASE_URL", url)
    with pytest.raises(ConfigurationError, match="TRUSTLEDGER_DATABASE_URL"):
        database_config("TRUSTLEDGER_DATABASE_URL", tmp_path)


def test_the_password_in_a_bad_url_is_redacted(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTLEDGER_DATABASE_URL", "mysql://user:hunter2@h/db")
    with pytest.raises(ConfigurationError) as excinfo:
        database_config("TRUSTLEDGER_DATABASE_URL", tmp_path)
    assert "hunter2" not in str(excinfo.value)


def test_production_mode_refuses_a_missing_secret(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUSTLEDGER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="TRUSTLEDGER_SECRET_KEY is not set"):
        secret_key("TRUSTLEDGER_SECRET_KEY", tmp_path, debug=False)


def test_production_mode_refuses_a_placeholder_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTLEDGER_SECRET_KEY", "change-me")
    with pytest.raises(ConfigurationError, match="placeholder"):
        secret_key("TRUSTLEDGER_SECRET_KEY", tmp_path, debug=False)


def test_the_demo_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUSTLEDGER_SECRET_KEY", raising=False)
    first = secret_key("TRUSTLEDGER_SECRET_KEY", tmp_path, debug=True)
    assert len(first) >= 32
    assert secret_key("TRUSTLEDGER_SECRET_KEY", tmp_path, debug=True) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTLEDGER_")}
    return subprocess.run(
        [sys.executable, "-m", "trustledger.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )


def test_start_up_without_a_secret_in_production_is_one_clear_line(tmp_path):
    result = _cli({"TRUSTLEDGER_DATA_DIR": str(tmp_path)}, "check")
    assert result.returncode == 2
    assert result.stderr.startswith("trustledger: error: TRUSTLEDGER_SECRET_KEY is not set")
    assert "Traceback" not in result.stderr


def test_start_up_with_a_malformed_database_url_is_one_clear_line(tmp_path):
    env = {
        "TRUSTLEDGER_DEBUG": "1",
        "TRUSTLEDGER_DATA_DIR": str(tmp_path),
        "TRUSTLEDGER_DATABASE_URL": "oracle://x/y",
    }
    result = _cli(env, "migrate")
    assert result.returncode == 2
    assert "TRUSTLEDGER_DATABASE_URL='oracle://x/y' is not a database URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_start_up_with_an_unreachable_database_is_one_clear_line(tmp_path):
    env = {
        "TRUSTLEDGER_DEBUG": "1",
        "TRUSTLEDGER_DATA_DIR": str(tmp_path),
        "TRUSTLEDGER_DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
    }
    result = _cli(env, "migrate")
    assert result.returncode == 2
    assert "cannot reach the postgresql database at 127.0.0.1:1/nothing" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_value_means_the_default_never_the_current_folder(monkeypatch):
    # TRUSTLEDGER_DATA_DIR= once made the current folder the data dir (and tightened it to 0700).
    from trustledger.config.env import env_str

    monkeypatch.setenv("TRUSTLEDGER_DATA_DIR", "")
    assert env_str("TRUSTLEDGER_DATA_DIR", "var") == "var"
    monkeypatch.setenv("TRUSTLEDGER_DATA_DIR", "  ")
    assert env_str("TRUSTLEDGER_DATA_DIR", "var") == "var"
    monkeypatch.setenv("TRUSTLEDGER_DATA_DIR", "/srv/ledger")
    assert env_str("TRUSTLEDGER_DATA_DIR", "var") == "/srv/ledger"
