"""Reading calendars (CalDAV) and address books (CardDAV): the few WebDAV requests a sync
needs, over the standard library's HTTP client, with the exact reason when one fails.

    PROPFIND  the URL, then its principal's home set: which calendars or address books
              there are, each with its sync token (or ctag): unchanged token, nothing to read
    PROPFIND  Depth 1 on a collection: every event's or card's href and etag
    REPORT    calendar-multiget / addressbook-multiget: the data of the new and changed ones

Why not the `caldav` package: it has no address books, and its required HTTP client
(niquests) brings urllib3-future, whose install hook rewrites the environment's `urllib3`
package at every interpreter start (docs/connections.md, "Why a small client").

Like `imap.py` this module only reads; the secret is handed in and never kept or shown.
"""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from trustledger.ingest import imap
from trustledger.ingest.imap import ConnectionProblem, split_url

DAV, CALDAV, CARDDAV, CS = (
    "DAV:",
    "urn:ietf:params:xml:ns:caldav",
    "urn:ietf:params:xml:ns:carddav",
    "http://calendarserver.org/ns/",
)
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
MULTIGET_CHUNK = 200  # hrefs per REPORT


@dataclass(frozen=True)
class Kind:
    """What differs between calendars and address books."""

    name: str  # caldav, carddav
    noun: str  # calendar, address book
    item: str  # event, card
    namespace: str
    collection: str  # the resourcetype element
    home: str  # the principal's property naming where the collections live
    multiget: str
    data: str

    @property
    def a(self) -> str:
        return f"{'an' if self.noun[0] in 'aeiou' else 'a'} {self.noun}"


KINDS = {
    "caldav": Kind(
        "caldav", "calendar", "event", CALDAV, "calendar", "calendar-home-set",
        "calendar-multiget", "calendar-data",
    ),
    "carddav": Kind(
        "carddav", "address book", "card", CARDDAV, "addressbook", "addressbook-home-set",
        "addressbook-multiget", "address-data",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Collection:
    href: str  # the path on the server, as the server writes it
    name: str  # its display name, else the last part of the path
    token: str  # sync token or ctag ("" when the server gives neither)

    @property
    def slug(self) -> str:
        return unquote(self.href.rstrip("/").rpartition("/")[2])


@dataclass(frozen=True)
class Address:
    url: str
    host: str
    port: int
    tls: bool

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def address(url: str) -> Address:
    """https://host[:port]/path, or http:// to a server on this machine; a clear error else."""
    use = "use https://host/path (the calendar or contacts server's address)"
    scheme, host, port = split_url(url, {"https": 443, "http": 80}, use)
    if scheme == "http" and not imap.Address(host, port, tls=False).loopback:
        raise ConnectionProblem(
            f"{url} is plain http: the password would travel in clear; use https:// "
            "(plain http only to a server on this machine)"
        )
    return Address(url.strip(), host, port, scheme == "https")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is reported with where it points, not followed blindly


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


class Session:
    """Requests to one DAV server with one user's credentials."""

    def __init__(self, url: str, username: str, secret: str, kind: str, *, timeout: float):
        self.where = address(url)
        self.kind = KINDS[kind]
        self.timeout = timeout
        self.username = username
        pair = f"{username}:{secret}".encode()
        self._auth = "Basic " + base64.b64encode(pair).decode("ascii")
        self._opener = urllib.request.build_opener(
            _NoRedirects, urllib.request.HTTPSHandler(context=ssl.create_default_context())
        )

    def send(self, method: str, url: str, body: str, depth: str) -> tuple[int, bytes]:
        request = urllib.request.Request(
            urljoin(self.where.url, url),
            data=body.encode(),
            method=method,
            headers={
                "Authorization": self._auth,
                "Depth": depth,
                "Content-Type": "application/xml; charset=utf-8",
            },
        )
        where, timeout = self.where, self.timeout
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return response.status, _read(response)
        except urllib.error.HTTPError as error:
            status, said = error.code, error.reason
            if status == 401:
                raise ConnectionProblem(
                    f"wrong user name or password for {self.username!r} at {where} "
                    f"(the server said: {status} {said})"
                ) from None
            if status in (301, 302, 307, 308):
                raise ConnectionProblem(
                    f"{request.full_url} moved to {error.headers.get('Location')}: use that URL"
                ) from None
            return status, b""
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, socket.gaierror):
                raise ConnectionProblem(
                    f"host unreachable: {where.host} is not known ({reason})"
                ) from None
            if isinstance(reason, ConnectionRefusedError):
                raise ConnectionProblem(
                    f"host unreachable: {where} refused the connection (no server listening there)"
                ) from None
            if isinstance(reason, ssl.SSLCertVerificationError):
                raise ConnectionProblem(
                    f"TLS error: the certificate of {where.host} is not trusted "
                    f"({reason.verify_message})"
                ) from None
            if isinstance(reason, ssl.SSLError):
                raise ConnectionProblem(
                    f"TLS error with {where}: {reason.reason or reason} "
                    "(is it really https on this port?)"
                ) from None
            if isinstance(reason, TimeoutError):
                raise ConnectionProblem(
                    f"host unreachable: no answer from {where} within {timeout:g} s"
                ) from None
            raise ConnectionProblem(f"the connection to {where} broke off: {reason}") from None
        except TimeoutError:
            raise ConnectionProblem.silent(where, timeout) from None
        except (OSError, http.client.HTTPException) as error:
            raise ConnectionProblem.broke_off(where, error) from None

    def propfind(self, url: str, props: str, depth: str) -> list[tuple[str, ET.Element]]:
        """(href, its 200 prop element) of each response; ConnectionProblem for anything
        that is not a WebDAV answer."""
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="{DAV}" '
            f'xmlns:C="{CALDAV}" xmlns:R="{CARDDAV}" xmlns:S="{CS}"><D:prop>{props}</D:prop>'
            "</D:propfind>"
        )
        return self._multistatus("PROPFIND", url, body, depth)

    def _multistatus(
        self, method: str, url: str, body: str, depth: str
    ) -> list[tuple[str, ET.Element]]:
        status, data = self.send(method, url, body, depth)
        full = urljoin(self.where.url, url)
        if status == 404:
            raise ConnectionProblem(f"not found: {full} does not exist on the server")
        if status == 403:
            raise ConnectionProblem(f"{full}: the server refuses {self.username!r} access (403)")
        if status != 207:
            raise ConnectionProblem(
                f"not {self.kind.a} server: {full} does not answer WebDAV ({method}: HTTP {status})"
            )
        if b"<!ENTITY" in data:
            raise ConnectionProblem(f"{full}: the answer declares XML entities; refused")
        try:
            root = ET.fromstring(data)
        except ET.ParseError as error:
            raise ConnectionProblem(f"{full}: the answer is not XML ({error})") from None
        found = []
        for response in root.iter(_tag(DAV, "response")):
            href = response.findtext(_tag(DAV, "href"), "").strip()
            for propstat in response.iter(_tag(DAV, "propstat")):
                if " 200 " in f"{propstat.findtext(_tag(DAV, 'status'), '')} ":
                    prop = propstat.find(_tag(DAV, "prop"))
                    if prop is not None and href:
                        found.append((urlsplit(urljoin(full, href)).path, prop))
        return found

    def collections(self) -> list[Collection]:
        """The calendars (or address books) at the URL: the URL itself when it is one, else
        those of the user's home set. ConnectionProblem when there is none."""
        kind, url = self.kind, self.where.url
        wanted = (
            "<D:resourcetype/><D:displayname/><D:sync-token/><S:getctag/>"
            "<D:current-user-principal/>"
        )
        here = self.propfind(url, wanted, "0")
        if not here:
            raise ConnectionProblem(f"not {kind.a} server: {url} answers no properties")
        _, prop = here[0]
        types = _types(prop)
        if kind.collection in types:
            return [_collection(urlsplit(url).path, prop)]
        other = "addressbook" if kind.name == "caldav" else "calendar"
        if other in types:
            said = "an address book" if other == "addressbook" else "a calendar"
            raise ConnectionProblem(f"not {kind.a}: {url} is {said}")
        home = urlsplit(url).path
        principal = prop.findtext(f"{_tag(DAV, 'current-user-principal')}/{_tag(DAV, 'href')}")
        if principal:
            for _, found in self.propfind(
                principal.strip(), f"<{_prefix(kind)}:{kind.home}/>", "0"
            ):
                href = found.findtext(f"{_tag(kind.namespace, kind.home)}/{_tag(DAV, 'href')}")
                if href:
                    home = href.strip()
        members = self.propfind(home, wanted, "1")
        found = [_collection(href, p) for href, p in members if kind.collection in _types(p)]
        if not found:
            raise ConnectionProblem(
                f"not {kind.a} URL: no {kind.noun} at {url} (nor in {home} for {self.username!r})"
            )
        return found

    def members(self, collection: Collection) -> dict[str, str]:
        """href → etag of every event or card in the collection."""
        found = {}
        for href, prop in self.propfind(collection.href, "<D:getetag/><D:resourcetype/>", "1"):
            if href.rstrip("/") == collection.href.rstrip("/") or _types(prop):
                continue  # the collection itself, or a collection inside it
            found[href] = (prop.findtext(_tag(DAV, "getetag")) or "").strip()
        return found

    def fetch(self, collection: Collection, hrefs: list[str]) -> dict[str, tuple[str, bytes]]:
        """href → (etag, data) of these events or cards, MULTIGET_CHUNK per request."""
        kind = self.kind
        prefix = _prefix(kind)
        found: dict[str, tuple[str, bytes]] = {}
        for start in range(0, len(hrefs), MULTIGET_CHUNK):
            chunk = hrefs[start : start + MULTIGET_CHUNK]
            listed = "".join(f"<D:href>{_escape(h)}</D:href>" for h in chunk)
            body = (
                f'<?xml version="1.0" encoding="utf-8"?><{prefix}:{kind.multiget} '
                f'xmlns:D="{DAV}" xmlns:{prefix}="{kind.namespace}"><D:prop><D:getetag/>'
                f"<{prefix}:{kind.data}/></D:prop>{listed}</{prefix}:{kind.multiget}>"
            )
            for href, prop in self._multistatus("REPORT", collection.href, body, "1"):
                data = prop.findtext(_tag(kind.namespace, kind.data))
                if data is not None:
                    etag = (prop.findtext(_tag(DAV, "getetag")) or "").strip()
                    found[href] = (etag, data.encode("utf-8"))
        return found


def _read(response: object) -> bytes:
    data = response.read(MAX_RESPONSE_BYTES + 1)  # type: ignore[attr-defined]
    if len(data) > MAX_RESPONSE_BYTES:
        raise ConnectionProblem(f"an answer of the server is over {MAX_RESPONSE_BYTES} bytes")
    return bytes(data)


def _prefix(kind: Kind) -> str:
    return "C" if kind.name == "caldav" else "R"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _types(prop: ET.Element) -> set[str]:
    kinds = prop.find(_tag(DAV, "resourcetype"))
    if kinds is None:
        return set()
    return {child.tag.rpartition("}")[2] for child in kinds if child.tag != _tag(DAV, "collection")}


def _collection(href: str, prop: ET.Element) -> Collection:
    token = prop.findtext(_tag(DAV, "sync-token")) or prop.findtext(_tag(CS, "getctag")) or ""
    shown = (prop.findtext(_tag(DAV, "displayname")) or "").strip()
    made = Collection(href, "", token.strip())
    return Collection(href, shown or made.slug, made.token)
