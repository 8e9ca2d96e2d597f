"""`trustledger import PATH...`: files into the ledger through the parsers and the loader."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.audit.log import import_counts, record
from trustledger.history.context import acting, current
from trustledger.importers import FORMATS, template
from trustledger.importers.csv_files import load_mapping, parse_mapping_pairs
from trustledger.importers.csv_rows import KINDS
from trustledger.importers.sources import CONTENT_CHOICES
from trustledger.ingest.bulk_csv import BULK_BATCH_ROWS
from trustledger.ingest.loader import DEFAULT_BATCH_SIZE, import_files
from trustledger.ingest.permissions import may_import

EXIT_STATUSES = (
    "Exit status: 0 everything was imported (skips such as bounces are fine); 1 some records "
    "or files were rejected, the rest is imported; 2 nothing usable: no record was imported "
    "(or the arguments or configuration are wrong)."
)


class Command(BaseCommand):
    help = (
        "Import people and interactions from vCard, iCalendar, mbox, Maildir, .eml and CSV "
        "files. Idempotent: importing a file again updates what changed and adds nothing "
        "twice. See docs/importing.md. " + EXIT_STATUSES
    )
    # Read by the `trustledger` command (cli.py) once the command has run.
    exit_status = 0
    # Django's system checks load every URL and the API's schemas (about 2 s) for checks of
    # the web app, not of an import; `trustledger check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="Files or Maildir folders.")
        parser.add_argument("--format", choices=FORMATS, default="auto", help="Default: auto.")
        parser.add_argument(
            "--since",
            metavar="DATE",
            help="Leave out interactions (and commitments made) before this date, YYYY-MM-DD.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything in a transaction that is rolled back: report, write nothing.",
        )
        parser.add_argument(
            "--content",
            choices=CONTENT_CHOICES,
            default="metadata",
            help="What to keep of messages and meetings: metadata (default), subject, or "
            "body (the subject, and the text in the interaction's notes).",
        )
        parser.add_argument(
            "--kind", choices=("auto", *KINDS), default="auto", help="CSV: what the rows are."
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="CSV: map a column to a field (repeatable); 'HEADER=' ignores the column.",
        )
        parser.add_argument(
            "--mapping", metavar="FILE", help="CSV: a mapping file (JSON or lines)."
        )
        parser.add_argument(
            "--template", choices=KINDS, metavar="KIND", help="Print the CSV template of KIND."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help=(
                f"Records per transaction (default {DEFAULT_BATCH_SIZE:,}; "
                f"{BULK_BATCH_ROWS:,} rows for a CSV file of interactions)."
            ),
        )
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USER",
            help="Import as this user, with the same rights as their web upload: records "
            "outside their scope are refused, and a file with any such record is refused whole. "
            "Without it the command imports with full rights (an operator's tool).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["template"]:
            self.stdout.write(template(options["template"]), ending="")
            return
        paths = options["paths"]
        if not paths:
            raise CommandError("PATH: give at least one file or folder to import")
        if options["batch_size"] is not None and options["batch_size"] < 1:
            raise CommandError(f"--batch-size must be at least 1, not {options['batch_size']}")
        since = None
        if options["since"]:
            try:
                since = dt.date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError(
                    f"--since {options['since']!r} is not a date (use YYYY-MM-DD)"
                ) from None
        try:
            mapping = parse_mapping_pairs(options["map"])
        except ValueError as error:
            raise CommandError(f"--map: {error}") from None
        if options["mapping"]:
            try:
                load_mapping(options["mapping"])
            except (OSError, ValueError) as error:
                raise CommandError(f"--mapping {options['mapping']}: {error}") from None
        as_user = _user(options["as_user"]) if options["as_user"] else None
        bar = tqdm(
            file=sys.stderr,
            unit=" records",
            disable=True if options["no_progress"] else None,
            dynamic_ncols=True,
        )
        # The history names the user imported as (the command line says so too).
        as_them = acting(as_user, current()[2]) if as_user else contextlib.nullcontext()
        try:
            with as_them:
                summary = import_files(
                    [Path(p) for p in paths],
                    format=options["format"],
                    since=since,
                    content=options["content"],
                    dry_run=options["dry_run"],
                    batch_size=options["batch_size"],
                    progress=bar.update,
                    on_file=lambda name: bar.set_description(Path(name).name),
                    kind=options["kind"],
                    mapping=mapping,
                    mapping_file=options["mapping"],
                    as_user=as_user,
                )
        except PermissionDenied as error:
            raise CommandError(f"--as {options['as_user']}: {error}") from None
        finally:
            bar.close()
        record(as_user, "import.cli", None, files=[str(p) for p in paths], **import_counts(summary))
        self.stdout.write(summary.text())
        self.exit_status = summary.exit_status
        if summary.unreadable:
            unread = {str(u.file) for u in summary.unreadable}
            raise CommandError(
                f"{len(unread)} of {len(unread | set(summary.files))} files could not be read "
                "(nothing was imported from them; see above)"
            )
        if summary.refused:
            raise CommandError(
                f"{len(summary.refused)} of {len(summary.files)} files were refused: they hold "
                f"records outside the scope of {options['as_user']} (nothing was imported "
                "from them; see above)"
            )
        if self.exit_status == 1:
            self.stderr.write(
                f"exit status 1: {summary.rejected_count} records rejected (see above)"
            )
        elif self.exit_status == 2:
            self.stderr.write("exit status 2: nothing usable was imported (see above)")


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--as: no user named {username!r}")
    if not may_import(scope_for(user)):
        raise CommandError(f"--as {username}: only admins and unit managers import files")
    return user
