"""Which mail servers a connection may reach (trustledger/ingest/hosts.py): the product must
not become a way to probe the network it runs in."""

from __future__ import annotations

import pytest

from trustledger.ingest import hosts


def test_without_a_list_a_manager_reaches_no_private_or_local_host(settings):
    settings.TRUSTLEDGER_CONNECTION_HOSTS = []
    for host in ("127.0.0.1", "localhost", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1"):
        with pytest.raises(hosts.HostRefused, match="private or local network"):
            hosts.check(host, 993, admin=False)
        hosts.check(host, 993, admin=True)  # an admin's own mail server may be one
    hosts.check("8.8.8.8", 993, admin=False)  # a public address


def test_a_list_is_the_only_way_for_everyone(settings):
    settings.TRUSTLEDGER_CONNECTION_HOSTS = ["mail.example.org", "*.corp.example"]
    hosts.check("mail.example.org", 993, admin=False)
    hosts.check("imap.corp.example", 993, admin=False)
    for host in ("corp.example", "evil.example.org", "8.8.8.8"):
        with pytest.raises(hosts.HostRefused, match="not one of the mail servers"):
            hosts.check(host, 993, admin=True)
