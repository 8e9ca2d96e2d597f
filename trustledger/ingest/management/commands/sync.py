"""`trustledger sync`: run the mail, calendar and contacts connections now, in this process (docs/connections.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Sync the connections (mail, calendars, contacts) now: every one that is not paused, or the one named with "
        "--connection (paused or not). --dry-run reads and reports without writing anything "
        "or moving a bookmark. --rotate-keys re-encrypts every stored secret with the first "
        "key of TRUSTLEDGER_CONNECTION_KEYS. Exit status 1 when a connection failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--connection", type=int, metavar="ID", help="Only this connection.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and report; write nothing."
        )
        parser.add_argument(
            "--rotate-keys",
            action="store_true",
            help="Re-encrypt every secret with the first key (after adding a new key first).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from trustledger.ingest.models import Connection
        from trustledger.ingest.sync import MAX_MESSAGES_PER_RUN, sync

        if options["rotate_keys"]:
            self._rotate()
            return
        found = Connection.objects.select_related("owner")
        if options["connection"] is not None:
            found = found.filter(pk=options["connection"])
            if not found.exists():
                raise CommandError(f"--connection {options['connection']}: no such connection")
        else:
            found = found.filter(paused=False)
        failed = 0
        for connection in found:
            while True:  # a big first sync goes in steps of MAX_MESSAGES_PER_RUN per folder
                result = sync(connection, dry_run=options["dry_run"], limit=MAX_MESSAGES_PER_RUN)
                self.stdout.write(result.text())
                if not result.more or result.error or options["dry_run"]:
                    break
            failed += bool(result.error)
        if not found:
            self.stdout.write("no connections to sync")
        if failed:
            # Status 1 (some failed), kept apart from 2 (the command itself could not run).
            self.stderr.write(f"trustledger: {failed} connection(s) failed (see above)")
            raise SystemExit(1)

    def _rotate(self) -> None:
        from django.db import transaction

        from trustledger.ingest import secrets
        from trustledger.ingest.models import Connection

        with transaction.atomic():
            count = 0
            for connection in Connection.objects.select_for_update():
                connection.secret_encrypted = secrets.rotate(connection.secret_encrypted)
                connection.save(update_fields=["secret_encrypted"])
                count += 1
        self.stdout.write(
            f"{count} secret(s) now encrypted with the first key; the other keys may be dropped"
        )
