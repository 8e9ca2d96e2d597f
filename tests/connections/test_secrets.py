"""The secrets of connections: encrypted at rest, rotated, refused without a key in production."""

from __future__ import annotations

import logging

import pytest
from cryptography.fernet import Fernet

from trustledger.config.env import ConfigurationError, fernet_keys
from trustledger.ingest import secrets


def test_a_secret_is_stored_encrypted_and_read_back(settings):
    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    token = secrets.encrypt("hunter2-mail")
    assert b"hunter2" not in token
    assert secrets.decrypt(token) == "hunter2-mail"


def test_rotation_new_key_first_old_ones_still_decrypt(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TRUSTLEDGER_CONNECTION_KEYS = [old]
    token = secrets.encrypt("s3cret")
    settings.TRUSTLEDGER_CONNECTION_KEYS = [new, old]
    assert secrets.decrypt(token) == "s3cret"
    rotated = secrets.rotate(token)
    settings.TRUSTLEDGER_CONNECTION_KEYS = [new]  # the old key dropped after the rotation
    assert secrets.decrypt(rotated) == "s3cret"
    with pytest.raises(secrets.SecretUnreadable, match="none of the keys"):
        secrets.decrypt(token)


def test_production_without_a_key_refuses_clearly(settings):
    settings.TRUSTLEDGER_CONNECTION_KEYS = []
    settings.DEBUG = False
    settings.DEMO = False
    with pytest.raises(ConfigurationError, match="TRUSTLEDGER_CONNECTION_KEYS is not set"):
        secrets.encrypt("x")


def test_debug_without_a_key_generates_one_into_the_data_dir(settings, tmp_path):
    settings.TRUSTLEDGER_CONNECTION_KEYS = []
    settings.DEBUG = True
    settings.DATA_DIR = tmp_path
    token = secrets.encrypt("x")
    key_file = tmp_path / secrets.KEY_FILE
    assert key_file.stat().st_mode & 0o077 == 0
    assert secrets.decrypt(token) == "x"  # the same key read back


def test_a_malformed_key_stops_start_up_naming_the_setting(monkeypatch):
    monkeypatch.setenv("TRUSTLEDGER_CONNECTION_KEYS", f"{Fernet.generate_key().decode()},nope")
    with pytest.raises(ConfigurationError, match="key 2 of 2 is not a Fernet key"):
        fernet_keys("TRUSTLEDGER_CONNECTION_KEYS")


@pytest.mark.django_db
def test_the_secret_appears_in_no_repr_str_or_log(settings, caplog, cast):
    from trustledger.ingest.models import Connection

    settings.TRUSTLEDGER_CONNECTION_KEYS = [Fernet.generate_key().decode()]
    caplog.set_level(logging.DEBUG)
    connection = Connection.objects.create(
        owner=cast.admin,
        kind="imap",
        url="imap://127.0.0.1:1",
        username="ada",
        secret_encrypted=secrets.encrypt("pa55-word-xyz"),
        folders=["INBOX"],
    )
    token = bytes(connection.secret_encrypted).decode()
    for text in (repr(connection), str(connection), caplog.text):
        assert "pa55-word-xyz" not in text
        assert token not in text
