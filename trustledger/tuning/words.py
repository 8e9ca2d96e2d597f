"""Which settings a figure was computed with, in words and as data (explanations, pages)."""

from __future__ import annotations

from typing import Any

from trustledger.tuning import store
from trustledger.tuning.catalog import BY_NAME
from trustledger.tuning.models import SettingsVersion


def version_line(version: SettingsVersion | None) -> dict[str, Any]:
    """Which settings a figure was computed with, in words and as data."""
    if version is None:
        return {
            "version": None,
            "text": "Settings: the defaults (never changed).",
            "url": "/settings/",
        }
    changed = "; ".join(_change(c) for c in version.changes[:2])
    more = f" and {len(version.changes) - 2} more" if len(version.changes) > 2 else ""
    who = version.actor_username or "the system"
    text = (
        f"Settings: {changed}{more} (changed {version.at:%Y-%m-%d} by {who}, version {version.pk})."
    )
    return {
        "version": version.pk,
        "changed_at": version.at.isoformat(),
        "changed_by": who,
        "text": text,
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


def _change(change: dict[str, Any]) -> str:
    setting = BY_NAME.get(change["name"])
    if setting is None:
        return f"{change['name']} {change['after']}"
    value = change["after"]
    shown = f"{value:g}" if isinstance(value, int | float) else str(value)
    return f"{setting.label.lower()} {shown}{' ' + setting.unit if setting.unit else ''}"
