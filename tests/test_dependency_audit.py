"""scripts/dependency-audit: fails on a known vulnerability unless the ignore list gives a
reason, and says in one line when no vulnerability service answers."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "dependency-audit"


@pytest.fixture
def script(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    loader = importlib.machinery.SourceFileLoader("dependency_audit", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    monkeypatch.setattr(module, "IGNORE_FILE", tmp_path / "ignore.txt")
    monkeypatch.setattr(module, "reachable", lambda url: None)
    return module


def _report(*vulns: dict) -> dict:  # type: ignore[type-arg]
    return {
        "dependencies": [
            {"name": "django", "version": "5.2.1", "vulns": list(vulns)},
            {"name": "polars", "version": "1.0.0", "vulns": []},
        ]
    }


VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-1"], "fix_versions": ["5.2.2"]}


def test_a_known_vulnerability_fails_the_audit_and_names_the_fix(script, monkeypatch, capsys):
    monkeypatch.setattr(script, "audit", lambda service, lock, skip: _report(VULN))
    assert script.main() == 1
    out = capsys.readouterr().out
    assert "django 5.2.1: PYSEC-2099-1 (5.2.2)" in out


def test_a_vulnerability_ignored_with_a_reason_passes(script, monkeypatch, capsys):
    script.IGNORE_FILE.write_text("CVE-2099-1  only the admin's bulk delete; fixed in 5.2.2\n")
    monkeypatch.setattr(script, "audit", lambda service, lock, skip: _report(VULN))
    assert script.main() == 0
    assert "no known vulnerability (1 ignored" in capsys.readouterr().out


def test_an_ignored_id_without_a_reason_stops_the_audit(script):
    script.IGNORE_FILE.write_text("# why\nCVE-2099-1\n")
    with pytest.raises(SystemExit, match="ignore.txt:2: CVE-2099-1 has no reason"):
        script.main()


def test_an_unreachable_service_is_said_in_one_line_and_passes(script, monkeypatch, capsys):
    monkeypatch.setattr(script, "reachable", lambda url: "Name or service not known")
    assert script.main() == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("dependency audit: SKIPPED") and "Name or service not known" in line


def test_a_service_that_knows_none_of_the_pins_is_not_a_clean_audit(script, monkeypatch, capsys):
    unknown = {"dependencies": [{"name": "django", "skip_reason": "not found on PyPI"}]}
    monkeypatch.setattr(script, "audit", lambda service, lock, skip: unknown)
    assert script.main() == 0
    [line] = capsys.readouterr().out.splitlines()
    assert "SKIPPED" in line and "answered for none of the 2 pins" in line
