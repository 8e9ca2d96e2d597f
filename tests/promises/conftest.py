"""A writer in IT, their manager, a fellow member, a viewer, and the promisee in Finance on
the other side of the IT ↔ Finance relationship; and mail between them written to an mbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

WRITTEN_AT = dt.datetime(2026, 11, 3, 9, 30, tzinfo=dt.UTC)  # a Tuesday

BODY = """Hi Cleo,

thanks for the numbers. I will send you the reconciled ledger by Friday.
The export job failed again last night.

Best,
Ben
--
Ben Member, IT

On Mon, 2 Nov 2026, Cleo Finance wrote:
> I will pay the supplier invoice tomorrow.
"""

NO_DATE_BODY = """Hi Cleo,

I will migrate the archive of old invoices for you.

Ben
"""


def count_found(monkeypatch: Any, owner: type, name: str) -> list[bool]:
    """Spy on the method `owner.name`, which answers something or None: for each call,
    whether it answered (a reading used)."""
    seen: list[bool] = []
    method = getattr(owner, name)

    def counting(self: Any, *args: Any) -> Any:
        answer = method(self, *args)
        seen.append(answer is not None)
        return answer

    monkeypatch.setattr(owner, name, counting)
    return seen


@dataclass
class Mail:
    sender: str
    to: list[str]
    body: str
    message_id: str
    cc: tuple[str, ...] = ()
    at: dt.datetime = WRITTEN_AT


def write_mbox(path: Path, mails: list[Mail]) -> Path:
    parts = []
    for mail in mails:
        cc = f"Cc: {', '.join(mail.cc)}\n" if mail.cc else ""
        parts.append(
            f"From {mail.sender} Tue Nov  3 09:30:00 2026\n"
            f"From: {mail.sender}\nTo: {', '.join(mail.to)}\n{cc}"
            f"Subject: Month-end\nDate: {format_datetime(mail.at)}\n"
            f"Message-ID: <{mail.message_id}>\n\n{mail.body}\n"
        )
    path.write_text("".join(parts), encoding="utf-8")
    return path


@dataclass
class Found:
    cast: Any
    writer: Any  # Person: Ben Member (IT member, the writer)
    promisee: Any  # Person: Cleo Finance
    colleague: Any  # Person: Dora, a fellow IT member (a user too)
    colleague_user: Any
    relationship: Any
    mbox: Path

    def users(self) -> dict[str, Any]:
        c = self.cast
        return {
            "admin": c.admin,
            "writer": c.it_member,
            "manager": c.it_manager,
            "promisee": c.finance_member,
            "other_member": self.colleague_user,
            "viewer": c.viewer,
            "outsider": c.outsider,
        }


@pytest.fixture
def found(cast, tmp_path):  # type: ignore[no-untyped-def]
    from trustledger.accounts.actions import create_user
    from trustledger.directory.models import Person, PersonIdentity
    from trustledger.ledger.models import Relationship

    cast.ours.email_domains = "testco.example"
    cast.ours.save()
    writer = Person.objects.get(display_name="Ben Member")
    promisee = Person.objects.get(display_name="Cleo Finance")
    colleague = Person.objects.create(
        display_name="Dora Other", organization=cast.ours, unit=cast.it
    )
    for person, address in (
        (writer, "ben@testco.example"),
        (promisee, "cleo@testco.example"),
        (colleague, "dora@testco.example"),
    ):
        PersonIdentity.objects.create(
            person=person, kind="email", value=address, normalized=address
        )
    colleague_user = create_user(
        username="other_member",
        password="pw",
        check_password=False,
        unit_name="IT",
        role="member",
        person_id=colleague.pk,
    )
    relationship = Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=dt.date(2026, 1, 1)
    )
    mbox = write_mbox(
        tmp_path / "sent.mbox",
        [
            Mail(
                "ben@testco.example",
                ["cleo@testco.example"],
                BODY,
                "m1@testco.example",
                ("dora@testco.example",),
            ),
            Mail("ben@testco.example", ["cleo@testco.example"], NO_DATE_BODY, "m2@testco.example"),
            # Written by the other side: never read for our promises.
            Mail(
                "cleo@testco.example",
                ["ben@testco.example"],
                "I will pay it tomorrow.\n",
                "m3@testco.example",
            ),
        ],
    )
    return Found(cast, writer, promisee, colleague, colleague_user, relationship, mbox)


@pytest.fixture
def imported(found):  # type: ignore[no-untyped-def]
    """The mbox imported with bodies kept: the proposals exist."""
    from trustledger.ingest.loader import import_files

    import_files([found.mbox], content="body")
    return found
