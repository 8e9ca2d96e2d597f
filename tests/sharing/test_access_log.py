"""`trustledger serve` (gunicorn) logs every request line; a link's token in it would let
whoever reads the log open the other side's page. Run the real server, as for survey links."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.surveys.test_access_log import free_port

TOKEN = "Lk_" + "z9Y8x7W6v5" * 4


def test_the_gunicorn_access_log_holds_no_link_token(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "TRUSTLEDGER_DEBUG": "1",
        "TRUSTLEDGER_DATA_DIR": str(tmp_path),
        "TRUSTLEDGER_DATABASE_URL": "",
    }
    # No migrate: the lookup fails with a 500 and its traceback, the worst case for a leak.
    server = subprocess.Popen(
        [sys.executable, "-m", "trustledger.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/shared/t/{TOKEN}/?x=1"
        for _ in range(300):  # up to a minute: a loaded machine starts the server slowly
            try:
                urllib.request.urlopen(url, timeout=5)
            except urllib.error.HTTPError:
                break  # answered (and logged)
            except OSError:
                time.sleep(0.2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "/shared/t/[token]/" in output, output  # the request was logged …
    assert TOKEN not in output  # … without its token
