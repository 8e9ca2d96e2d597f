"""`trustledger export KIND PATH [--user NAME] [--format csv|json]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.models import User
from trustledger.api import exports
from trustledger.audit.log import record
from trustledger.importers.csv_rows import KINDS

EVERYTHING = Scope(True, None, frozenset(), frozenset(), frozenset(), True)


class Command(BaseCommand):
    help = (
        "Export people, organizations, units, interactions or commitments in the import "
        "template's columns (so the file imports cleanly). Without --user: everything."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("path", help="The file to write ('-' for standard output).")
        parser.add_argument("--user", default="", help="Export only what this user may see.")
        parser.add_argument(
            "--format",
            choices=("csv", "json"),
            default="",
            help="Default: from PATH's suffix, else csv.",
        )

    def handle(self, *args: Any, kind: str, path: str, user: str, format: str, **_: Any) -> None:
        scope = EVERYTHING
        if user:
            owner = User.objects.filter(username=user).first()
            if owner is None:
                raise CommandError(f"--user {user}: no such user")
            scope = scope_for(owner)
        chosen = format or ("json" if path.endswith(".json") else "csv")
        record(None, "export.cli", ("export", kind), as_user=user or None, format=chosen, path=path)
        text = (
            exports.as_csv(kind, scope)
            if chosen == "csv"
            else json.dumps(exports.as_json(kind, scope), ensure_ascii=False, indent=1) + "\n"
        )
        if path == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}") from None
        self.stderr.write(f"Wrote {kind} to {path}.")
