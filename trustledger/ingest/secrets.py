"""The secrets of connections, encrypted at rest with Fernet (cryptography's authenticated
symmetric encryption: AES-128-CBC and HMAC-SHA256).

Keys come from TRUSTLEDGER_CONNECTION_KEYS, comma-separated: the first encrypts, every one
decrypts (a MultiFernet), so a key is rotated by putting a new one first, running
`trustledger sync --rotate-keys` and then dropping the old one (docs/connections.md). In debug
and demo mode without keys, one is generated once into the data dir, like the secret key;
production without keys refuses to store or read a secret, with the reason.

A decrypted secret lives only in the call that needs it; it is never returned to a page,
written to a log or the audit trail, nor part of any `repr`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from trustledger.config.env import ConfigurationError, private_file

if TYPE_CHECKING:
    from cryptography.fernet import MultiFernet

KEY_FILE = "connection_keys"
SETTING = "TRUSTLEDGER_CONNECTION_KEYS"


class SecretUnreadable(Exception):
    """A stored secret none of the configured keys opens (a key was dropped too early)."""


def _keys() -> list[str]:
    keys = list(settings.TRUSTLEDGER_CONNECTION_KEYS)
    if keys:
        return keys
    if not (settings.DEBUG or getattr(settings, "DEMO", False)):
        raise ConfigurationError(
            f"{SETTING} is not set: production mode stores no connection secret without a key. "
            "Make one with: python -c 'from cryptography.fernet import Fernet; "
            f"print(Fernet.generate_key().decode())' and set {SETTING} to it."
        )
    from cryptography.fernet import Fernet

    path = Path(settings.DATA_DIR) / KEY_FILE
    if path.exists() and path.read_text().strip():
        return [k.strip() for k in path.read_text().split(",") if k.strip()]
    key = Fernet.generate_key().decode()
    private_file(path).write_text(key)
    return [key]


def _fernet() -> MultiFernet:
    from cryptography.fernet import Fernet, MultiFernet

    return MultiFernet([Fernet(key.encode()) for key in _keys()])


def check_keys() -> None:
    """Raise ConfigurationError now when no key could encrypt a secret."""
    _keys()


def encrypt(secret: str) -> bytes:
    return _fernet().encrypt(secret.encode())


def decrypt(token: bytes | memoryview) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken:
        raise SecretUnreadable(
            f"the stored secret opens with none of the keys in {SETTING}; put back the key it "
            "was stored with, or enter the secret again"
        ) from None


def rotate(token: bytes | memoryview) -> bytes:
    """The same secret under the first key (unchanged when it already is)."""
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().rotate(bytes(token))
    except InvalidToken:
        raise SecretUnreadable(
            f"a stored secret opens with none of the keys in {SETTING}"
        ) from None
