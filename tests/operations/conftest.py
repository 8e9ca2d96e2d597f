"""A real data dir on disk, migrated once per session and copied per test: these tests run
`trustledger` in other processes against a SQLite file, as the product runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def site_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTLEDGER_")}
    env.update(
        TRUSTLEDGER_DATA_DIR=str(data_dir),
        TRUSTLEDGER_DEBUG="1",
        TRUSTLEDGER_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def trustledger(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trustledger.cli", *args],
        env=site_environment(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        umask=0o022,  # the usual default: files would be world-readable unless made private
    )


@pytest.fixture(scope="session")
def migrated_site(tmp_path_factory) -> Path:
    if os.environ.get("TRUSTLEDGER_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("these tests exercise the SQLite file the product keeps in its data dir")
    data_dir = tmp_path_factory.mktemp("site") / "data"
    done = trustledger(data_dir, "migrate", "--no-input", "-v", "0")
    assert done.returncode == 0, done.stderr
    return data_dir


@pytest.fixture
def site(migrated_site, tmp_path) -> Path:
    """A fresh copy of the migrated data dir, with its modes."""
    copy = tmp_path / "data"
    shutil.copytree(migrated_site, copy, ignore=shutil.ignore_patterns("cache"))
    return copy
