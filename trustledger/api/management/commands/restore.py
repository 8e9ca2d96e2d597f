"""`trustledger restore PATH`: restore a backup into an empty, migrated database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustledger.api.backup import BackupError, restore_backup
from trustledger.audit.log import record


class Command(BaseCommand):
    help = (
        "Restore a backup written by 'trustledger backup' into an empty, migrated database, "
        "in one transaction, ids preserved. Refuses a database that holds ledger rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The backup file.")

    def handle(self, *args: Any, path: str, **_: Any) -> None:
        try:
            with open(path, encoding="utf-8") as stream:
                counts = restore_backup(stream)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text; not a trustledger backup") from None
        except BackupError as error:
            raise CommandError(f"{path}: {error}; nothing was restored") from None
        record(None, "backup.restored", None, path=path, rows=sum(counts.values()))
        self.stdout.write(f"Restored {sum(counts.values())} rows from {path}.")
