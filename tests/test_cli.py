"""Every `trustledger` command runs, answers --help accurately and reports errors in one line."""

from __future__ import annotations

import pytest

from trustledger.accounts.models import Membership, User
from trustledger.cli import COMMANDS, main
from trustledger.demo import cast
from trustledger.directory.models import Organization


def test_the_overview_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"  {name}" in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_has_help(command, capsys, db):
    assert main([command, "--help"]) == 0
    assert f"trustledger {command}" in capsys.readouterr().out


def test_an_unknown_command_is_refused(capsys):
    assert main(["frobnicate"]) == 2
    assert "unknown command 'frobnicate'" in capsys.readouterr().err


@pytest.mark.django_db
def test_demo_loads_then_reports_it_is_already_there(capsys):
    assert main(["demo"]) == 0
    assert "loaded:" in capsys.readouterr().out
    assert main(["demo"]) == 0
    assert "already loaded; nothing changed" in capsys.readouterr().out
    assert Organization.objects.filter(name=cast.OURS).count() == 1


@pytest.mark.django_db
def test_createuser_makes_a_unit_manager(cast, capsys):
    assert (
        main(
            [
                "createuser",
                "nadia",
                "--password",
                "a-long-enough-pass-9",
                "--unit",
                "IT",
                "--role",
                "manager",
            ]
        )
        == 0
    )
    assert "created manager of IT 'nadia'" in capsys.readouterr().out
    assert Membership.objects.get(user__username="nadia").role == "manager"


@pytest.mark.django_db
def test_createuser_refuses_a_weak_password(capsys):
    assert main(["createuser", "weak", "--password", "123"]) == 2
    assert "password refused" in capsys.readouterr().err
    assert not User.objects.filter(username="weak").exists()


@pytest.mark.django_db
def test_createuser_refuses_an_unknown_unit(capsys):
    assert (
        main(["createuser", "lost", "--password", "a-long-enough-pass-9", "--unit", "Nowhere"]) == 2
    )
    assert "no unit named 'Nowhere'" in capsys.readouterr().err


@pytest.mark.django_db
def test_createuser_reads_the_password_from_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-pass-9\n"))
    assert main(["createuser", "piped", "--password-stdin", "--admin"]) == 0
    user = User.objects.get(username="piped")
    assert user.is_superuser and user.check_password("a-long-enough-pass-9")


@pytest.mark.django_db
def test_check_passes_on_a_configured_install(capsys):
    assert main(["check"]) == 0
    assert "no issues" in capsys.readouterr().out


@pytest.mark.django_db
def test_migrate_is_a_no_op_on_a_migrated_database(capsys):
    assert main(["migrate", "--check"]) == 0


def test_serve_refuses_a_bad_port(capsys, db):
    assert main(["serve", "--port", "eighty"]) == 2
    assert "argument --port: invalid int value: 'eighty'" in capsys.readouterr().err
