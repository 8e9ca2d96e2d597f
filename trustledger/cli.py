"""The `trustledger` command: the product's management commands without manage.py.

Configuration problems (a bad TRUSTLEDGER_* variable, an unreachable database) end with one
clear line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys

# name -> one-line summary; the full help is each command's own --help.
COMMANDS: dict[str, str] = {
    "serve": "Serve the web app with gunicorn (--dev: Django's autoreloading server).",
    "migrate": "Create or update the database tables.",
    "demo": "Load the demo organization (idempotent) and its demo logins.",
    "createuser": "Create a user, optionally an admin or a unit's manager, member or viewer.",
    "generate": "Write a large generated organization straight into the database (bulk path).",
    "check": "Check the configuration and the database connection.",
    "import": "Import people and interactions from vCard, iCalendar, mail and CSV files.",
    "sync": "Sync the mail connections now (--connection ID, --dry-run, --rotate-keys).",
    "find-promises": "Propose the promises our side wrote in stored mail bodies, for review.",
    "people": "Merge two people into one; list people who share a name; erase a person.",
    "unlock": "Lift a login lockout of an account or an address now.",
    "share-link": "Print a fresh private link for a person of a relationship's other side.",
    "tokens": "Create, list and revoke API tokens (shown once, stored hashed).",
    "export": "Export what a user may see as CSV or JSON in the import templates' columns.",
    "backup": "Write a consistent, versioned backup of the whole ledger (JSON lines).",
    "restore": "Restore a backup into an empty database.",
    "recompute": "Recompute the whole-organization figures (--full: everything), with progress.",
    "worker": "Run the background worker that recomputes figures after new interactions.",
    "nudges": "Print (--dry-run) or store (refresh) each user's nudges: due, owed, out of touch.",
}


def _usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: trustledger COMMAND [options]",
        "",
        "A ledger of the evidence of professional relationships, and the trust computed from it.",
        "",
        "commands:",
        *(f"  {name.ljust(width)}  {summary}" for name, summary in COMMANDS.items()),
        "",
        "Run 'trustledger COMMAND --help' for a command's options.",
        "Settings come from TRUSTLEDGER_* environment variables (see .env.example).",
    ]
    return "\n".join(lines)


def _fail(message: str) -> int:
    print(f"trustledger: error: {message}", file=sys.stderr)
    return 2


def _database_problem() -> str | None:
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        settings = connection.settings_dict
        where = (
            settings.get("NAME")
            if connection.vendor == "sqlite"
            else (
                f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{settings.get('NAME')}"
            )
        )
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"cannot reach the {connection.vendor} database at {where}: {reason}"
    return None


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0
    if args[0] == "--version":
        from importlib.metadata import version

        print(f"trustledger {version('trustledger')}")
        return 0
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        return _fail(f"unknown command {command!r}; run 'trustledger --help' for the list")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    from trustledger.config.env import ConfigurationError

    try:
        import django

        django.setup()
    except ConfigurationError as exc:
        return _fail(str(exc))

    wants_help = any(a in {"-h", "--help"} for a in rest)
    if not wants_help:
        problem = _database_problem()
        if problem:
            return _fail(problem)

    from django.core.management import CommandError, get_commands, load_command_class

    app = get_commands()[command]
    cmd = load_command_class(app, command)
    parser = cmd.create_parser("trustledger", command)
    if wants_help:
        parser.print_help()
        return 0
    try:
        options = parser.parse_args(rest)
        cmd_options = vars(options)
        positional = cmd_options.pop("args", ())
        from trustledger.history.context import acting

        # Records changed by a command have "command line" as their history's actor.
        with acting(via=f"command line ({command})"):
            cmd.execute(*positional, **cmd_options)
    except CommandError as exc:
        message = str(exc)
        # argparse errors arrive as "Error: argument …"; one "error:" prefix is enough.
        _fail(message[len("Error: ") :] if message.startswith("Error: ") else message)
        # A command that sets its own status (import: 1 when part of the input was rejected)
        # keeps it; any other error is 2.
        return getattr(cmd, "exit_status", 0) or 2
    except ConfigurationError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    return getattr(cmd, "exit_status", 0)


if __name__ == "__main__":
    raise SystemExit(main())
