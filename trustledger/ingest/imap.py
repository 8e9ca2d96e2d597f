"""Reading a mail server over IMAP (the standard library's `imaplib`): test a connection with
the exact reason it fails, and fetch what is new in a folder by UIDVALIDITY and UID.

This module only reads: the raw messages go to the same pure parser as mbox files
(`importers.mail.parse_messages`) and the same loader (`ingest.sync`). The secret is handed
in by the caller and never kept, printed or put in an error.

    imaps://mail.example.org          TLS from the start (port 993)
    imap://mail.example.org           STARTTLS (port 143); refused when the server offers none,
                                      unless the server is on this machine (loopback)
"""

from __future__ import annotations

import contextlib
import imaplib
import ipaddress
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from trustledger.importers.mailboxes import DEFAULT_MAX_MESSAGE_BYTES, RawMessage

FETCH_CHUNK = 500  # UIDs per FETCH command
DEFAULT_PORTS = {"imaps": 993, "imap": 143}


class ConnectionProblem(Exception):
    """What is wrong, said so a person can act on it (never containing the secret)."""

    @classmethod
    def silent(cls, where: str, timeout: float) -> ConnectionProblem:
        """The server took the connection, then stopped answering (IMAP and DAV alike)."""
        return cls(f"{where} stopped answering: no answer within {timeout:g} s")

    @classmethod
    def broke_off(cls, where: str, error: BaseException) -> ConnectionProblem:
        """The connection failed part way, with the error that ended it."""
        return cls(f"the connection to {where} broke off: {type(error).__name__}: {error}")


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    tls: bool  # TLS from the start (imaps); else STARTTLS when offered

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def split_url(url: str, ports: dict[str, int], use: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a server URL with one of these schemes (their default ports);
    ConnectionProblem, with `use` as the way out, for anything else."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ports:
        raise ConnectionProblem(f"server URL {url!r}: {use}")
    if not parts.hostname:
        raise ConnectionProblem(f"server URL {url!r} names no host")
    if parts.username or parts.password:
        raise ConnectionProblem("put the user name and secret in their own fields, not the URL")
    try:
        port = parts.port or ports[parts.scheme]
    except ValueError:
        raise ConnectionProblem(f"server URL {url!r}: the port is not a number 1-65535") from None
    return parts.scheme, parts.hostname, port


def address(url: str) -> Address:
    """imaps://host[:port] or imap://host[:port]; a clear error for anything else."""
    use = "use imaps://host (TLS, port 993) or imap://host (STARTTLS, 143)"
    scheme, host, port = split_url(url, DEFAULT_PORTS, use)
    return Address(host, port, scheme == "imaps")


def quoted(folder: str) -> str:
    """A folder name as an IMAP quoted string (imaplib sends arguments as they are)."""
    if not folder or any(ord(c) > 126 or c in "\r\n" for c in folder):
        raise ConnectionProblem(
            f"folder name {folder!r}: only printable ASCII names are supported for now"
        )
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _said(data: object) -> str:
    """The server's words from an imaplib error or response, for a message."""
    if isinstance(data, list | tuple):
        data = b" ".join(d for d in data if isinstance(d, bytes))
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    return str(data).strip()[:300]


@contextlib.contextmanager
def session(url: str, username: str, secret: str, *, timeout: float) -> Iterator[imaplib.IMAP4]:
    """A logged-in session; ConnectionProblem says which step failed and why."""
    where = address(url)
    context = ssl.create_default_context()
    try:
        if where.tls:
            client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                where.host, where.port, ssl_context=context, timeout=timeout
            )
        else:
            client = imaplib.IMAP4(where.host, where.port, timeout=timeout)
    except socket.gaierror as error:
        raise ConnectionProblem(f"host unreachable: {where.host} is not known ({error})") from None
    except ConnectionRefusedError:
        raise ConnectionProblem(
            f"host unreachable: {where} refused the connection (no mail server listening there)"
        ) from None
    except TimeoutError:
        raise ConnectionProblem(
            f"host unreachable: no answer from {where} within {timeout:g} s"
        ) from None
    except ssl.SSLCertVerificationError as error:
        raise ConnectionProblem(
            f"TLS error: the certificate of {where.host} is not trusted ({error.verify_message})"
        ) from None
    except ssl.SSLError as error:
        raise ConnectionProblem(
            f"TLS error with {where}: {error.reason or error} (is it really imaps on this port?)"
        ) from None
    except (OSError, imaplib.IMAP4.error) as error:
        raise ConnectionProblem(f"host unreachable: {where}: {error}") from None
    try:
        if not where.tls:
            if "STARTTLS" in client.capabilities:
                try:
                    client.starttls(ssl_context=context)
                except ssl.SSLError as error:
                    raise ConnectionProblem(
                        f"TLS error during STARTTLS with {where}: {error.reason or error}"
                    ) from None
            elif not where.loopback:
                raise ConnectionProblem(
                    f"{where} offers no TLS (no STARTTLS): the password would travel in clear; "
                    "use imaps:// or enable TLS on the server"
                )
        try:
            client.login(username, secret)
        except imaplib.IMAP4.error as error:
            raise ConnectionProblem(
                f"wrong user name or password for {username!r} at {where} "
                f"(the server said: {_said(error.args[0] if error.args else error)})"
            ) from None
        yield client
    except TimeoutError:
        raise ConnectionProblem.silent(where, timeout) from None
    except (OSError, imaplib.IMAP4.abort) as error:
        raise ConnectionProblem.broke_off(where, error) from None
    finally:
        with contextlib.suppress(Exception):
            client.logout()


def folders(client: imaplib.IMAP4) -> list[str]:
    """The folder names the server lists (for the 'folder missing' hint)."""
    status, data = client.list()
    if status != "OK":
        return []
    names = []
    for line in data:
        if not isinstance(line, bytes):
            continue
        match = re.match(rb'\(.*?\) (?:"[^"]*"|NIL) (.*)$', line)
        if match:
            names.append(match.group(1).decode("utf-8", "replace").strip('"'))
    return sorted(names)


def select(client: imaplib.IMAP4, folder: str) -> int:
    """Open a folder read-only; its UIDVALIDITY. ConnectionProblem when it does not exist."""
    status, data = client.select(quoted(folder), readonly=True)
    if status != "OK":
        there = ", ".join(folders(client)) or "none listed"
        raise ConnectionProblem(
            f"folder missing: {folder!r} does not exist on the server (folders there: {there})"
        )
    _, codes = client.response("UIDVALIDITY")
    if not codes or codes[0] is None:
        raise ConnectionProblem(f"folder {folder!r}: the server gave no UIDVALIDITY")
    return int(codes[0])


def test(url: str, username: str, secret: str, wanted: list[str], *, timeout: float) -> str:
    """Connect, log in and open every wanted folder: what was found, or ConnectionProblem."""
    found = []
    with session(url, username, secret, timeout=timeout) as client:
        for folder in wanted:
            select(client, folder)
            _, data = client.uid("SEARCH", "ALL")
            count = len(data[0].split()) if data and data[0] else 0
            found.append(f"{folder}: {count} message{'' if count == 1 else 's'}")
    return "; ".join(found)


@dataclass
class FolderNews:
    """What is new in one folder since the stored state."""

    folder: str
    uid_validity: int
    last_uid: int  # the highest UID read (the state to store once loaded)
    resync: bool  # UIDVALIDITY changed: the folder was read again from the start
    messages: list[RawMessage] = field(default_factory=list)
    more: bool = False  # more than `limit` new messages: the rest comes next run


_UID = re.compile(rb"UID (\d+)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


def news(
    client: imaplib.IMAP4,
    folder: str,
    *,
    uid_validity: int | None,
    last_uid: int,
    bodies: bool,
    limit: int,
    max_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
) -> FolderNews:
    """The messages of `folder` above `last_uid` (all of them when UIDVALIDITY changed),
    oldest first, at most `limit`: whole messages when `bodies`, else the headers only."""
    validity = select(client, folder)
    resync = uid_validity is not None and validity != uid_validity
    since = 0 if resync or uid_validity is None else last_uid
    status, data = client.uid("SEARCH", f"UID {since + 1}:*")
    if status != "OK":
        raise ConnectionProblem(f"folder {folder!r}: the server refused to search: {_said(data)}")
    # "n:*" always matches the last message, even below n: keep only the new ones.
    uids = sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u > since)
    found = FolderNews(folder, validity, since, resync, more=len(uids) > limit)
    taken = uids[:limit]
    found.messages = _fetch(client, folder, taken, bodies=bodies, max_bytes=max_bytes)
    if taken:
        found.last_uid = taken[-1]  # an expunged UID is passed too
    return found


def by_message_id(
    client: imaplib.IMAP4,
    folder: str,
    message_ids: list[str],
    *,
    bodies: bool,
    max_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
) -> tuple[list[RawMessage], set[str]]:
    """The messages of `folder` with these Message-IDs (read again, not new), and the ids
    found. Ids that cannot be sent as an IMAP string are passed over."""
    select(client, folder)
    uids: list[int] = []
    found_ids: set[str] = set()
    for message_id in message_ids:
        try:
            wanted = quoted(f"<{message_id}>")
        except ConnectionProblem:
            continue
        status, data = client.uid("SEARCH", "HEADER", "Message-ID", wanted)
        hits = [int(x) for x in (data[0] or b"").split()] if status == "OK" and data else []
        if hits:
            uids.extend(hits)
            found_ids.add(message_id)
    return _fetch(client, folder, uids, bodies=bodies, max_bytes=max_bytes), found_ids


def _fetch(
    client: imaplib.IMAP4, folder: str, uids: list[int], *, bodies: bool, max_bytes: int
) -> list[RawMessage]:
    """(location, raw message) for these UIDs of the selected folder, FETCH_CHUNK at a time;
    whole messages when `bodies` (one over the size limit as its reason), else headers."""
    part = "BODY.PEEK[]" if bodies else "BODY.PEEK[HEADER]"
    found: list[RawMessage] = []
    for start in range(0, len(uids), FETCH_CHUNK):
        chunk = uids[start : start + FETCH_CHUNK]
        status, data = client.uid("FETCH", ",".join(map(str, chunk)), f"(UID RFC822.SIZE {part})")
        if status != "OK":
            raise ConnectionProblem(f"folder {folder!r}: the server refused FETCH: {_said(data)}")
        found.extend(_fetched(folder, data, bodies=bodies, max_bytes=max_bytes))
    return found


def _fetched(folder: str, data: list[object], *, bodies: bool, max_bytes: int) -> list[RawMessage]:
    found: list[RawMessage] = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        uid_match, size_match = _UID.search(item[0]), _SIZE.search(item[0])
        if uid_match is None:
            continue
        location = f"{folder} UID {int(uid_match.group(1))}"
        size = int(size_match.group(1)) if size_match else 0
        if bodies and size > max_bytes:
            found.append(
                (location, f"message of {size} bytes is over the limit of {max_bytes} bytes")
            )
        else:
            found.append((location, item[1]))
    return found
