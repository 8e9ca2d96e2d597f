"""Which settings a figure was computed with, in words and as data (explanations, pages)."""

from __future__ import annotations

from typing import Any

from trustledger.tuning import store
from trustledger.tuning.models import SettingsVersion


def version_line(version: SettingsVersion | None) -> dict[str, Any]:
    """Which settings a figure was computed with, in words and as data."""
    if version is None:
        return {
            "version": None,
            "text": "Settings: the defaults (never changed).",
            "url": "/settings/",
        }
    changed = ", ".join(c["name"] for c in version.changes[:3])
    more = f" and {len(version.changes) - 3} more" if len(version.changes) > 3 else ""
    who = version.actor_username or "the system"
    return {
        "version": version.pk,
        "changed_at": version.at.isoformat(),
        "changed_by": who,
        "text": f"Settings: version {version.pk} ({changed}{more} changed "
        f"{version.at:%Y-%m-%d} by {who}).",
        "url": f"/settings/history/#v{version.pk}",
    }


def settings_in_force(user: Any = None) -> dict[str, Any]:
    """For explanations: the settings in force; a figure at a past date is computed with
    today's settings too (docs/settings.md). The link to the history only for admins."""
    found = store.in_force()
    line = {**version_line(found.version), "applies": "today's settings, also for past dates"}
    if not (user is not None and getattr(user, "is_superuser", False)):
        line["url"] = None
    return line
