"""A real CalDAV/CardDAV server for the connection tests: Radicale (PyPI, a dev dependency),
started per test on a free loopback port with htpasswd logins (plain), its storage in a
temporary folder, filled with events and cards by HTTP PUT. Without the package these tests
skip and say why."""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.connections.dovecot import free_port, kill_group, wait_listening

USER, PASSWORD = "ada", "pw-ada-cal-5"
ABSENT = (
    "radicale cannot be imported: `pip install -r requirements-dev.lock` brings it "
    "(the CalDAV/CardDAV connection tests need a real server)"
)
PRESENT = importlib.util.find_spec("radicale") is not None

CONFIG = """\
[server]
hosts = 127.0.0.1:{port}
[auth]
type = htpasswd
htpasswd_filename = {root}/users
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = {root}/collections
[web]
type = none
[logging]
level = warning
"""


@dataclass
class Radicale:
    root: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def home(self) -> str:
        return f"{self.url}{USER}/"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - the test's own server and config
            [sys.executable, "-m", "radicale", "-C", str(self.root / "config")],
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "radicale.log", "ab"),  # noqa: SIM115 - lives with the process
            start_new_session=True,
        )
        wait_listening(self.process, self.port, "radicale", self.log)

    def stop(self) -> None:
        """Kill the server (as a server that goes away), its process group only."""
        kill_group(self.process)
        self.process = None

    def log(self) -> str:
        path = self.root / "radicale.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def send(
        self, method: str, path: str, body: bytes = b"", kind: str = "text/plain", wait: float = 10
    ) -> int:
        pair = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            data=body or None,
            method=method,
            headers={"Authorization": f"Basic {pair}", "Content-Type": kind},
        )
        with urllib.request.urlopen(request, timeout=wait) as response:  # noqa: S310 - loopback
            return int(response.status)

    def calendar(self, name: str) -> None:
        body = (
            '<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
            f"<D:displayname>{name}</D:displayname></D:prop></D:set></C:mkcalendar>"
        )
        self.send("MKCALENDAR", f"{USER}/{name}/", body.encode(), "application/xml")

    def address_book(self, name: str) -> None:
        body = (
            '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" '
            'xmlns:R="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype>'
            "<D:collection/><R:addressbook/></D:resourcetype><D:displayname>"
            f"{name}</D:displayname></D:prop></D:set></D:mkcol>"
        )
        self.send("MKCOL", f"{USER}/{name}/", body.encode(), "application/xml")

    def put_event(self, calendar: str, uid: str, text: str) -> None:
        self.send("PUT", f"{USER}/{calendar}/{uid}.ics", text.encode(), "text/calendar")

    def put_card(self, book: str, uid: str, text: str) -> None:
        self.send("PUT", f"{USER}/{book}/{uid}.vcf", text.encode(), "text/vcard")

    def delete(self, path: str) -> None:
        self.send("DELETE", path)


@contextlib.contextmanager
def running() -> Iterator[Radicale]:
    root = Path(tempfile.mkdtemp(prefix="tl-radicale-"))
    (root / "users").write_text(f"{USER}:{PASSWORD}\n")
    server = Radicale(root, free_port())
    (root / "config").write_text(CONFIG.format(root=root, port=server.port))
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def event(
    uid: str,
    start: str,
    *,
    summary: str = "Meeting",
    attendees: tuple[str, ...] = ("bea@partner.example",),
    organizer: str = "ada@ours.example",
    extra: str = "",
) -> str:
    """A VCALENDAR with one VEVENT; `start` as 20260101T100000Z."""
    people = "".join(f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{a}\r\n" for a in attendees)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//trustledger tests//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\n"
        f"DURATION:PT1H\r\nSUMMARY:{summary}\r\nORGANIZER:mailto:{organizer}\r\n{people}{extra}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def card(uid: str, name: str, email: str) -> str:
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\n"
        f"N:{name.split()[-1]};{name.split()[0]};;;\r\nEMAIL:{email}\r\nEND:VCARD\r\n"
    )
