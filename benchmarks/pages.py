"""Server time per read page on the demo data, through Django's test client.

    TRUSTLEDGER_DEBUG=1 TRUSTLEDGER_DATA_DIR=/tmp/bench .venv/bin/python benchmarks/pages.py --runs 20

Loads the demo into the configured database when it is empty, then requests each page N
times as the admin: the first request is cold (engine reports not yet cached), the rest warm.
Prints the cold time, the median and the p95 of the warm requests, per page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--user", default="admin")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    from trustledger.accounts.models import User
    from trustledger.demo.load import demo_loaded, load_demo
    from trustledger.directory.models import Person, Unit
    from trustledger.ledger.models import Relationship

    if not demo_loaded():
        load_demo()
    it = Unit.objects.get(name="IT")
    tobias = Person.objects.get(display_name="Tobias Reinholt")
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    pages = {
        "home": "/",
        "map": "/map/",
        "unit": f"/units/{it.pk}/",
        "person": f"/people/{tobias.pk}/",
        "relationship": f"/relationships/{rel.pk}/",
        "search": "/search/?q=IT",
        "explain": f"/explain/relationship/{rel.pk}/health/",
    }
    client = Client()
    client.force_login(User.objects.get(username=args.user))
    client.get("/map/")  # import and template compilation are not page time
    cache.clear()
    print(f"{'page':<14}{'cold ms':>9}{'median ms':>11}{'p95 ms':>9}")
    for name, url in pages.items():
        times = []
        for _ in range(args.runs + 1):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        cold, warm = times[0], sorted(times[1:])
        p95 = warm[min(len(warm) - 1, int(round(0.95 * (len(warm) - 1))))]
        print(f"{name:<14}{cold:>9.0f}{statistics.median(warm):>11.1f}{p95:>9.1f}")


if __name__ == "__main__":
    main()
