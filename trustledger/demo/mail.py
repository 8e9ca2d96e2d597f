"""The demo's mail with its bodies: what IT wrote to Finance and Marketing in November.

Written for the demo (never taken from a corpus): promises of every strength — commitments,
best efforts, good intentions — next to sentences that promise nothing ("I will be out of the
office"), with greetings, signatures, a disclaimer and quoted replies that hold the other
side's own promises, so zoning matters. It goes through the real import path (an mbox in a
temporary folder, imported with its bodies kept), which proposes the promises found for
tobias's and priya's review queues (`trustledger.promises`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trustledger.directory.models import PersonIdentity
from trustledger.ingest.loader import import_files

if TYPE_CHECKING:
    from trustledger.demo.load import _Builder

UTC = dt.UTC

# (message id, sent at, writer, to, cc, subject, body): people by their cast key.
MESSAGES: list[tuple[str, dt.datetime, str, list[str], list[str], str, str]] = [
    (
        "close-checklist",
        dt.datetime(2026, 11, 10, 8, 15, tzinfo=UTC),
        "cio",
        ["cfo"],
        ["fin1"],
        "Month-end close: what IT will do",
        """Hi Margit,

thanks for walking me through the close issues yesterday. I will send you the revised close
checklist by Friday. We will also switch the ledger export to the new schedule tomorrow.

The batch job that failed on the 3rd ran out of disk space; that part is fixed.

Best regards,
Tobias
--
Tobias Reinholt
Chief Information Officer, Corvid Cloud

On Mon, 9 Nov 2026 at 17:02, Margit Esterházy wrote:
> Tobias, I will approve the extra licences on Thursday if the checklist is ready.
> Margit
""",
    ),
    (
        "report-timeouts",
        dt.datetime(2026, 11, 11, 14, 40, tzinfo=UTC),
        "it_lead",
        ["fin1"],
        [],
        "Re: Reconciliation report timeouts",
        """Hi Oskar,

We'll try to get the report timeouts fixed before the next close, but the vendor patch is not
in our hands. I hope to have a workaround for the large reconciliation runs as well.

I will be out of the office on Monday; Mats covers for me.

Thanks,
Priya

-----Original Message-----
From: Oskar Wendt
Sent: Wednesday, 11 November 2026 09:12
Subject: Reconciliation report timeouts

I will send you the failing report IDs tomorrow.
""",
    ),
    (
        "campaign-load-test",
        dt.datetime(2026, 11, 12, 16, 20, tzinfo=UTC),
        "cio",
        ["cmo"],
        [],
        "Campaign site before the launch",
        """Camille,

I will have the load test results for the campaign site on your desk by Tuesday. We should be
able to double the capacity before the launch, depending on the hosting contract.

Tobias
""",
    ),
    (
        "newsletter-tool",
        dt.datetime(2026, 11, 13, 10, 30, tzinfo=UTC),
        "it_lead",
        ["mkt1"],
        [],
        "Newsletter tool upgrade",
        """Hi Lena,

I'll do my best to get the newsletter tool upgraded by Friday, but the vendor's release date
may slip. I will send you the new login instructions tomorrow.

Cheers,
Priya
""",
    ),
    (
        "access-review",
        dt.datetime(2026, 11, 16, 9, 5, tzinfo=UTC),
        "it_lead",
        ["cfo", "fin1"],
        [],
        "Access review for the finance systems",
        """Dear Margit, dear Oskar,

I will finish the access review for the finance systems on Wednesday and send you the list of
accounts to remove. I plan to automate the quarterly review next year.

Kind regards,
Priya
--
Priya Raghunathan · Platform Lead
This message may contain confidential information. If you received it in error, please
delete it and tell the sender.
""",
    ),
    (
        "budget-review",
        dt.datetime(2026, 11, 18, 11, 0, tzinfo=UTC),
        "cio",
        ["cfo"],
        [],
        "IT budget review",
        """Hi Margit,

Would you have thirty minutes on Thursday to go through the IT budget? I will bring the
spending by project.

I would like to show you the cloud cost forecast as well.

Tobias
--
Tobias Reinholt

> Can you bring the numbers? I will book a room.
""",
    ),
]


def mbox_text(addresses: dict[str, str]) -> str:
    """The messages as one mbox; `addresses` maps a cast key to the person's address."""
    parts = []
    for key, at, writer, to, cc, subject, body in MESSAGES:
        sender = addresses[writer]
        headers = [
            f"From {sender} {at:%a %b %d %H:%M:%S %Y}",
            f"From: {sender}",
            f"To: {', '.join(addresses[k] for k in to)}",
            *([f"Cc: {', '.join(addresses[k] for k in cc)}"] if cc else []),
            f"Subject: {subject}",
            f"Date: {format_datetime(at)}",
            f"Message-ID: <{key}@corvidcloud.example>",
            "Content-Type: text/plain; charset=utf-8",
        ]
        # mbox: a body line starting "From " would start a new message.
        lines = [">" + line if line.startswith("From ") else line for line in body.splitlines()]
        parts.append("\n".join([*headers, "", *lines, ""]) + "\n")
    return "".join(parts)


def mail_with_bodies(b: _Builder) -> None:
    keys = {k for _, _, writer, to, cc, _, _ in MESSAGES for k in (writer, *to, *cc)}
    addresses = {
        key: PersonIdentity.objects.get(person=b.people[key], kind="email").value for key in keys
    }
    with tempfile.TemporaryDirectory(prefix="trustledger-demo-") as folder:
        path = Path(folder) / "it-sent.mbox"
        path.write_text(mbox_text(addresses), encoding="utf-8")
        import_files([path], content="body")
