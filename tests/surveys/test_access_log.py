"""A9: `trustledger serve` (gunicorn) writes an access log line per request; a survey token in
it would let whoever reads the log answer, or read, as that rater. Run the real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

TOKEN = "Tk_" + "a1B2c3D4e5" * 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_gunicorn_access_log_holds_no_survey_token(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "TRUSTLEDGER_DEBUG": "1",
        "TRUSTLEDGER_DATA_DIR": str(tmp_path),
        "TRUSTLEDGER_DATABASE_URL": "",
    }
    cli = [sys.executable, "-m", "trustledger.cli"]
    # No migrate (it takes seconds): the token lookup then fails with a 500, which Django logs
    # with its traceback, the worst case for a leak; the access log line is written all the same.
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/surveys/r/{TOKEN}/?x=1"
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
    assert "/surveys/r/" in output, output  # the request was logged …
    assert TOKEN not in output  # … without its token
