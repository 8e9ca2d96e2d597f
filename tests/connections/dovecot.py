"""A real IMAP server for the connection tests and benchmarks/imap_sync.py: Dovecot from Debian's packages, started per
test on a random loopback port with a throwaway configuration (passwd-file logins, Maildir in
a temporary folder, no TLS, its log in that folder). scripts/run-tests installs
`dovecot-imapd` when it is missing and may (root, apt-get); without it these tests skip."""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

DOVECOT = shutil.which("dovecot") or (
    "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
)
USER, PASSWORD = "ada", "pw-ada-7Q"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{root}/mail/%u
first_valid_uid = {uid}
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  # No growing delay after failed logins (the auth penalty): the tests fail logins on purpose.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_listening(
    process: subprocess.Popen[bytes], port: int, name: str, log: Callable[[], str]
) -> None:
    """Return once the test server listens on its port; RuntimeError with its log if not."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped at start-up: {log()[-2000:]}")
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not listen on {port}: {log()[-2000:]}")


def kill_group(process: subprocess.Popen[bytes] | None) -> None:
    """Kill a test server and its children: the process group the fixture started, only."""
    if process is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=15)


@dataclass
class Dovecot:
    root: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"imap://127.0.0.1:{self.port}"

    def start(self) -> None:
        assert DOVECOT is not None
        self.process = subprocess.Popen(  # noqa: S603 - our own binary and config
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends its children too
        )
        wait_listening(self.process, self.port, "dovecot", self.log)

    def stop(self) -> None:
        """Stop the server and every process it started (the sessions open on it too), as a
        server that goes away does."""
        kill_group(self.process)
        self.process = None

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @contextlib.contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(USER, PASSWORD)
        try:
            yield client
        finally:
            client.logout()

    def append(self, folder: str, *messages: bytes) -> None:
        with self.client() as client:
            for raw in messages:
                status, data = client.append(f'"{folder}"', None, None, raw)
                assert status == "OK", data

    def recreate(self, folder: str) -> None:
        """Delete and create the folder again: the server gives it a new UIDVALIDITY."""
        with self.client() as client:
            client.delete(f'"{folder}"')
            status, data = client.create(f'"{folder}"')
            assert status == "OK", data


class Absent(Exception):
    pass


ABSENT = (
    "the dovecot binary is absent: install Debian's dovecot-imapd (scripts/run-tests "
    "does so when run as root) to run the IMAP connection tests against a real server"
)


@contextlib.contextmanager
def running() -> Iterator[Dovecot]:
    """A Dovecot started in a fresh temporary folder, stopped and removed afterwards."""
    if DOVECOT is None:
        raise Absent(ABSENT)
    # Not under pytest's 0700 temporary folders: under root, Dovecot's mail and login
    # processes run as its own users and must reach this folder.
    root = Path(tempfile.mkdtemp(prefix="tl-dovecot-"))
    root.chmod(0o755)
    if os.geteuid() == 0:  # Dovecot runs no process as root: its own users from the package
        mail, login = pwd.getpwnam("dovecot"), "dovenull"
    else:
        mail = pwd.getpwuid(os.geteuid())
        login = mail.pw_name
    (root / "mail").mkdir()
    if os.geteuid() == 0:
        os.chown(root / "mail", mail.pw_uid, mail.pw_gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    server = Dovecot(root, free_port())
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root,
            port=server.port,
            uid=mail.pw_uid,
            gid=mail.pw_gid,
            internal=mail.pw_name,
            internal_group=grp.getgrgid(mail.pw_gid).gr_name,
            login=login,
        )
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def message(
    sender: str,
    to: str,
    subject: str,
    *,
    when: float | None = None,
    body: str = "Hello.",
    reply_to: str | None = None,
) -> bytes:
    """A plain message with a Message-ID and a Date (now, unless given)."""
    import datetime as dt

    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    mail["Message-ID"] = make_msgid(domain="example.org")
    moment = dt.datetime.now(dt.UTC) if when is None else dt.datetime.fromtimestamp(when, dt.UTC)
    mail["Date"] = format_datetime(moment)
    if reply_to:
        mail["In-Reply-To"] = reply_to
    mail.set_content(body)
    return bytes(mail)
