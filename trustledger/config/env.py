"""Typed helpers that read settings from environment variables and fail loudly.

Every helper names the variable in its error, so a bad value stops start-up with one
message a person can act on instead of a traceback deep inside Django.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit


class ConfigurationError(Exception):
    """A setting read from the environment is missing or malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    """An empty value counts as unset, as in env_bool and env_int: `TRUSTLEDGER_DATA_DIR=`
    must mean ./var, never the current folder."""
    raw = os.environ.get(name)
    return default if raw is None or raw.strip() == "" else raw


def env_bool(name: str, default: bool = False) -> bool:
    """An empty value counts as unset (the default), as in env_int: `.env.example` leaves a
    variable empty where its default follows another setting."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not an integer") from None
    if minimum is not None and value < minimum:
        raise ConfigurationError(f"{name}={value} is below the minimum of {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_time_zone(name: str, default: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    value = os.environ.get(name, default)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"{name}={value!r} is not a known time zone (e.g. Europe/Berlin, UTC)"
        ) from None
    return value


# Owner only: the data dir holds survey answers, raw mail and calendar data and the secret key.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by its owner only; tighten it when it exists."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        # A directory that is not ours (e.g. a mounted volume) stays as the operator set it.
        with contextlib.suppress(PermissionError):
            path.chmod(PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 unless it exists; tighten an existing one."""
    private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_FILE_MODE)
    return path


def sqlite_file(path: Path) -> str:
    """A SQLite database file created 0600 before SQLite opens it: SQLite gives its -wal and
    -shm files the database file's mode, so they are private too."""
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists() and companion.stat().st_mode & 0o077:
            companion.chmod(PRIVATE_FILE_MODE)
    return str(path)


# Writers wait for the write lock up to this long instead of failing with "database is locked";
# IMMEDIATE takes the lock when a transaction starts, so a waiting writer never has to give up
# half-way (a DEFERRED one that reads first cannot upgrade while another writes).
SQLITE_BUSY_TIMEOUT_SECONDS = 20
# How long a web thread keeps its database connection between requests.
PERSISTENT_CONNECTION_SECONDS = 60
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_config(name: str, data_dir: Path) -> dict[str, object]:
    """Django DATABASES['default'] from a URL; SQLite under the data dir when unset."""
    import dj_database_url

    raw = os.environ.get(name, "").strip()
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_file(private_dir(data_dir) / "trustledger.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
            # Kept open between requests, as for a database URL: opening a connection (the
            # file, the pragmas, the schema read again) cost about 2 ms of a 5-10 ms page.
            "CONN_MAX_AGE": PERSISTENT_CONNECTION_SECONDS,
        }
    scheme = urlsplit(raw).scheme
    if scheme not in {"postgres", "postgresql", "sqlite"}:
        raise ConfigurationError(
            f"{name}={_redact(raw)!r} is not a database URL trustledger supports; "
            "use postgres://user:password@host:5432/dbname or sqlite:///path/to/file.sqlite3"
        )
    try:
        config = dict(dj_database_url.parse(raw, conn_max_age=PERSISTENT_CONNECTION_SECONDS))
    except Exception as exc:  # dj_database_url raises several kinds on bad URLs
        raise ConfigurationError(f"{name}={_redact(raw)!r} cannot be parsed: {exc}") from None
    if scheme != "sqlite" and not config.get("NAME"):
        raise ConfigurationError(
            f"{name}={_redact(raw)!r} names no database (add /dbname at the end)"
        )
    if scheme == "sqlite" and config.get("NAME") not in ("", ":memory:", None):
        config["NAME"] = sqlite_file(Path(str(config["NAME"])))
        config["OPTIONS"] = {**SQLITE_OPTIONS, **dict(config.get("OPTIONS") or {})}
    return config


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "insecure", "replace-me", "xxx"}


def secret_key(name: str, data_dir: Path, *, debug: bool) -> str:
    """The secret key: from the environment; in debug mode generated once and kept in the data dir."""
    value = os.environ.get(name, "").strip()
    if value and value.lower() not in PLACEHOLDER_SECRETS and len(value) >= 32:
        return value
    if not debug:
        if not value:
            raise ConfigurationError(
                f"{name} is not set; production mode (TRUSTLEDGER_DEBUG off) needs a secret key of "
                "at least 32 characters, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
            )
        raise ConfigurationError(
            f"{name} is a placeholder or shorter than 32 characters; set a real secret key"
        )
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    generated = secrets.token_urlsafe(50)
    private_file(key_file).write_text(generated)
    return generated


def fernet_keys(name: str) -> list[str]:
    """Comma-separated Fernet keys (the first encrypts, all decrypt: rotation). Each must be
    32 url-safe base64-encoded bytes, as `Fernet.generate_key()` makes them."""
    import base64
    import binascii

    keys = env_list(name, [])
    for position, key in enumerate(keys, 1):
        try:
            ok = len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
        except (binascii.Error, UnicodeEncodeError, ValueError):
            ok = False
        if not ok:
            raise ConfigurationError(
                f"{name}: key {position} of {len(keys)} is not a Fernet key (32 url-safe "
                "base64 bytes); make one with: python -c 'from cryptography.fernet import "
                "Fernet; print(Fernet.generate_key().decode())'"
            )
    return keys
