"""`trustledger backup PATH`: the whole ledger as versioned JSON lines (see docs/api.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustledger.api.backup import write_backup
from trustledger.audit.log import record


class Command(BaseCommand):
    help = (
        "Write a consistent, versioned backup of the whole ledger to PATH as JSON lines "
        "(one read transaction). Restore it with 'trustledger restore PATH'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The file to write.")
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")

    def handle(self, *args: Any, path: str, force: bool, **_: Any) -> None:
        target = Path(path)
        if target.exists() and not force:
            raise CommandError(f"{path} exists; give --force to overwrite it")
        partial = target.with_name(target.name + ".partial")
        try:
            # Owner only from the first byte: a backup holds every survey answer.
            partial.unlink(missing_ok=True)
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(descriptor, "w", encoding="utf-8") as stream:
                counts = write_backup(stream)
            os.replace(partial, target)
            record(None, "backup.written", None, path=str(target), rows=sum(counts.values()))
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"cannot write {path}: {error.strerror}") from None
        self.stdout.write(
            f"Backed up {sum(counts.values())} rows of {sum(1 for n in counts.values() if n)} "
            f"tables to {path}."
        )
