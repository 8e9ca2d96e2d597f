from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from trustledger.analytics.models import RunKind


class Command(BaseCommand):
    help = (
        "Recompute the whole-organization figures (pairs, unit pairs, network, relationships). "
        "Incremental by default: only what new interactions touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="Recompute everything.")
        parser.add_argument(
            "--rebuild-copy", action="store_true", help="With --full: rebuild the columnar copy."
        )
        parser.add_argument("--as-of", default=None, help="Reference time, ISO 8601 (default now).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the run to the worker instead."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = RunKind.FULL if options["full"] else RunKind.INCREMENTAL
        if options["enqueue"]:
            from trustledger.analytics.tasks import enqueue

            run = enqueue(kind)
            self.stdout.write(f"queued {kind} run {run.pk}")
            return
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.datetime.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(f"--as-of {options['as_of']!r} is not an ISO date") from None
            if as_of.tzinfo is None:
                as_of = as_of.replace(tzinfo=dt.UTC)
        from trustledger.analytics.recompute import recompute

        if warning := stale_window(as_of):
            self.stderr.write(warning)
        bar = tqdm(total=100, file=sys.stderr, disable=options["no_progress"], unit="%")

        def progress(stage: str, fraction: float) -> None:
            bar.set_description(stage)
            bar.update(round(fraction * 100) - bar.n)

        try:
            run = recompute(
                kind, as_of=as_of, rebuild_copy=options["rebuild_copy"], progress=progress
            )
        finally:
            bar.close()
        self.stdout.write(
            f"{run.kind} run {run.pk}: {run.status}, data version {run.data_version}, "
            f"{run.pairs_written} pairs written in {run.seconds or 0:.1f} s"
        )


def stale_window(as_of: dt.datetime | None) -> str | None:
    """A warning when the attention window before `as_of` holds no interaction but older
    ones exist: every figure would then be (near) zero, which is rarely what was meant."""
    from django.db.models import Max
    from django.utils import timezone

    from trustledger.engine.reports import engine_settings
    from trustledger.ledger.models import Interaction

    moment = as_of or timezone.now()
    days = engine_settings().attention.window_days
    start = moment - dt.timedelta(days=days)
    if Interaction.objects.filter(occurred_at__gt=start, occurred_at__lte=moment).exists():
        return None
    latest = Interaction.objects.filter(occurred_at__lte=moment).aggregate(Max("occurred_at"))
    last = latest["occurred_at__max"]
    if last is None:
        return None
    return (
        f"warning: no interaction in the {days:g} days before {moment:%Y-%m-%d}; the latest is "
        f"from {last:%Y-%m-%d}, so attention has decayed to about nothing and the figures will "
        f"be (near) zero. To see the network as it was then: --as-of {last:%Y-%m-%d}"
    )
