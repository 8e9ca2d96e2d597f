"""Which mail servers a connection may reach: the server trustledger runs on must not become a
way to probe the network it stands in (a connection's immediate test says whether a host
answers on a port).

- `TRUSTLEDGER_CONNECTION_HOSTS` set (host names, `*.example.org`, addresses): only those, for
  everyone, admins included.
- Not set: any host whose every address is public; a host on a loopback, private, link-local
  or otherwise reserved address only for an admin (a company's own mail server is often one).

The name is resolved when the connection is added; the check runs again before every sync,
so a name that later points inside the network is refused then.
"""

from __future__ import annotations

import ipaddress
import socket

from django.conf import settings


class HostRefused(Exception):
    pass


def _listed(host: str, allowed: list[str]) -> bool:
    host = host.lower().rstrip(".")
    for entry in allowed:
        if entry.startswith("*.") and host.endswith(entry[1:]) and host != entry[2:]:
            return True
        if host == entry:
            return True
    return False


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return []  # an unknown host: the connection's own test says so
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]


def inside(host: str, port: int) -> bool:
    """True when the host is, or resolves to, an address that is not public."""
    return any(not a.is_global for a in _addresses(host, port))


def check(host: str, port: int, *, admin: bool) -> None:
    """Raise HostRefused, with the way out, when this user may not reach this host."""
    allowed = settings.TRUSTLEDGER_CONNECTION_HOSTS
    if allowed:
        if not _listed(host, allowed):
            raise HostRefused(
                f"{host} is not one of the mail servers connections may reach here "
                f"(TRUSTLEDGER_CONNECTION_HOSTS: {', '.join(allowed)}); ask an admin"
            )
        return
    if not admin and inside(host, port):
        raise HostRefused(
            f"{host} is on a private or local network: only an admin may connect to it, or an "
            "admin may list it in TRUSTLEDGER_CONNECTION_HOSTS"
        )
