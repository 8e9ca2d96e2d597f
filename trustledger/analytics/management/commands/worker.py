from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Run the background worker: recomputes of the whole-organization figures, queued after "
        "new interactions, and a full recompute every night; uploaded imports; nudge mails every "
        "quarter of an hour. Stop it with Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=1, help="Worker threads (default 1).")

    def handle(self, *args: Any, **options: Any) -> None:
        from huey.consumer import Consumer

        import trustledger.analytics.tasks  # noqa: F401  (registers the tasks)
        import trustledger.ingest.tasks  # noqa: F401
        import trustledger.nudges.tasks  # noqa: F401  (nudge mails every quarter hour)
        import trustledger.reviewpacks.tasks  # noqa: F401  (a new review's pack)
        from trustledger.analytics.leases import reap
        from trustledger.analytics.queue import queue

        self.stdout.write(f"worker: {type(queue).__name__}, {options['workers']} thread(s)")
        # Jobs a killed worker left "running" fail now (and recomputes are queued again).
        found = reap()
        if any(found.values()):
            self.stdout.write(
                f"worker: {found['imports']} import(s) and {found['recomputes']} recompute(s) "
                "whose worker had stopped are marked failed"
            )
        Consumer(queue, workers=options["workers"], worker_type="thread", periodic=True).run()
