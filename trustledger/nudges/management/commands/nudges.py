"""`trustledger nudges --dry-run [--user NAME]` prints what each user's digest would hold now;
`trustledger nudges refresh [--user NAME]` stores it (what the notification centre shows);
`trustledger nudges send [--user NAME] [--dry-run]` mails what is due now (the digests whose
hour has come, what cannot wait), as the worker's quarter-hourly job does."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.nudges import actions, mail
from trustledger.nudges.gather import nudges_for
from trustledger.nudges.links import url_of
from trustledger.nudges.models import StoredNudge


class Command(BaseCommand):
    help = (
        "Show (--dry-run) or store (refresh) each user's nudges: promises due or owed, people "
        "to reach out to, feedback waiting for an answer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            nargs="?",
            choices=["refresh", "send"],
            help="refresh: store the nudges; send: mail what is due now.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what each digest would hold; store nothing.",
        )
        parser.add_argument("--user", help="Only this user (their login name).")

    def handle(self, *args: Any, **options: Any) -> None:
        send = options["action"] == "send"
        if not send and bool(options["action"]) == bool(options["dry_run"]):
            raise CommandError("say either --dry-run (print), refresh (store) or send (mail)")
        users = User.objects.filter(is_active=True).order_by("username")
        if options["user"]:
            users = users.filter(username=options["user"])
            if not users.exists():
                raise CommandError(f"no active user {options['user']!r}")
        if send:
            self._send(list(users), options["dry_run"])
            return
        for user in users:
            if options["dry_run"]:
                self._print(user)
            else:
                done = actions.refresh_nudges(user)
                self.stdout.write(
                    f"{user.username}: {len(done.showing)} found, {done.added} new, "
                    f"{done.updated} updated, {done.resolved} resolved"
                )

    def _print(self, user: User) -> None:
        now = timezone.now()
        # What the user turned away (not relevant, or snoozed) stays out of the digest.
        quiet = set(
            StoredNudge.objects.filter(user=user)
            .filter(Q(dismissed_at__isnull=False) | Q(snoozed_until__gt=now))
            .values_list("cause", flat=True)
        )
        found = [n for n in nudges_for(scope_for(user), user.pk, now) if n.cause not in quiet]
        left_out = f" ({len(quiet)} dismissed or snoozed left out)" if quiet else ""
        self.stdout.write(f"{user.username}: {len(found)} nudge(s){left_out}")
        for n in found:
            self.stdout.write(f"  [{n.urgency.value}] {n.kind.value}: {n.reason}")
            self.stdout.write(f"      → {url_of(n.link)}")

    def _send(self, users: list[User], dry_run: bool) -> None:
        try:
            report = mail.send_due(users, dry_run=dry_run)
        except mail.NoBaseUrl as error:
            raise CommandError(str(error)) from None
        if dry_run:
            for planned in report.planned:
                what = "now" if planned.immediate else planned.key
                self.stdout.write(
                    f"{planned.user.username} ({mail.address_of(planned.user)}): would mail "
                    f"[{what}] {planned.subject!r}, {len(planned.nudges)} nudge(s)"
                )
            if not report.planned:
                self.stdout.write("nothing is due to be mailed now")
            return
        for label in report.sent:
            self.stdout.write(f"sent: {label}")
        for label in report.skipped:
            self.stdout.write(f"not now: {label}")
        for label in report.failed:
            self.stderr.write(f"failed (kept, retried by the next run): {label}")
        self.stdout.write(
            f"{len(report.sent)} sent, {len(report.failed)} failed, {len(report.skipped)} left"
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} mail(s) failed; see above")
