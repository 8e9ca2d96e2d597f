"""A10: the data dir, the database (with its WAL and SHM files), the queue, uploads and backups
hold survey answers and raw mail; only the account that runs trustledger may read them."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from .conftest import trustledger


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_dir_and_its_database_and_secret_key_are_owner_only(migrated_site):
    assert mode(migrated_site) == 0o700
    assert mode(migrated_site / "trustledger.sqlite3") == 0o600
    assert mode(migrated_site / "secret_key") == 0o600
    assert mode(migrated_site / "cache") == 0o700


def test_the_wal_and_shm_files_of_the_database_are_owner_only(site):
    database = site / "trustledger.sqlite3"
    with sqlite3.connect(database) as writer:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("CREATE TABLE probe (x)")
        writer.execute("INSERT INTO probe VALUES (1)")
        writer.commit()
        assert mode(site / "trustledger.sqlite3-wal") == 0o600
        assert mode(site / "trustledger.sqlite3-shm") == 0o600


def test_an_existing_world_readable_install_is_tightened_at_start(site):
    site.chmod(0o755)
    (site / "trustledger.sqlite3").chmod(0o644)
    done = trustledger(site, "check")
    assert done.returncode == 0, done.stderr
    assert mode(site) == 0o700
    assert mode(site / "trustledger.sqlite3") == 0o600


def test_the_queue_database_is_owner_only(site):
    done = trustledger(site, "recompute", "--full", "--enqueue")
    assert done.returncode == 0, done.stderr
    assert mode(site / "queue.sqlite3") == 0o600


def test_a_backup_file_is_owner_only(site, tmp_path):
    target = tmp_path / "ledger.jsonl"
    done = trustledger(site, "backup", str(target))
    assert done.returncode == 0, done.stderr
    assert mode(target) == 0o600


def test_the_helpers_create_private_directories_and_database_files(tmp_path):
    from trustledger.config.env import private_dir, sqlite_file

    database = Path(sqlite_file(tmp_path / "a" / "b" / "x.sqlite3"))
    assert mode(tmp_path / "a" / "b") == 0o700 and mode(database) == 0o600
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    loose.chmod(0o777)
    assert mode(private_dir(loose)) == 0o700
