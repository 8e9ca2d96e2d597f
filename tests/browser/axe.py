"""axe-core from the npm registry, fetched at test time into a cache outside the tree.

Nothing of axe-core is committed or served by the app: `axe_source()` runs
`npm install --no-save --prefix <cache> axe-core@AXE_VERSION` once (the cache survives between
runs) and returns the text of axe.min.js, which the crawl injects into pages opened in a
browser context that bypasses the CSP. Without npm or the registry the crawl skips with the
reason, except under CI=true, where it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

AXE_VERSION = "4.10.3"
CACHE = Path(
    os.environ.get(
        "TRUSTLEDGER_AXE_CACHE",
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "trustledger",
    )
)


def axe_file(cache: Path = CACHE) -> Path:
    return cache / f"axe-core-{AXE_VERSION}" / "node_modules" / "axe-core" / "axe.min.js"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"axe-core {AXE_VERSION} is needed under CI: {reason}")
    pytest.skip(f"axe-core {AXE_VERSION} could not be installed from npm: {reason}")


def axe_source(cache: Path = CACHE) -> str:
    target = axe_file(cache)
    if not target.exists():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is not installed (Debian: apt-get install npm)")
        prefix = target.parents[2]
        prefix.mkdir(parents=True, exist_ok=True)
        command = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix"]
        try:
            done = subprocess.run(
                [*command, str(prefix), f"axe-core@{AXE_VERSION}"],
                capture_output=True,
                text=True,
                timeout=180,
            )
        except subprocess.TimeoutExpired:
            _unavailable("npm install timed out after 180 s (is the registry reachable?)")
        if done.returncode != 0 or not target.exists():
            last = (done.stderr or done.stdout).strip().splitlines()[-3:]
            _unavailable("npm install failed: " + " / ".join(last))
    return target.read_text(encoding="utf-8")
