"""What an import did: counts per kind of record, skips and rejections with their reasons.

Plain Python (no Django): the loader fills it, the `import` command prints it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

# Rejections kept with their file and location; beyond this only the count grows, so a
# badly mapped 10-million-row file cannot fill the memory with error messages.
KEEP_REJECTIONS = 10_000
KINDS = ("organizations", "units", "people", "interactions", "commitments")


@dataclass(frozen=True)
class Rejection:
    file: str
    location: str
    reason: str
    code: str = ""  # UnreadableFile.code: what a program may act on

    def __str__(self) -> str:
        return f"{self.file}:{self.location}: {self.reason}"


@dataclass(frozen=True)
class PossibleDuplicate:
    """A person created next to an existing one with the same name: never merged on a name."""

    person_id: int
    existing_id: int
    name: str
    identity: str
    reason: str

    def __str__(self) -> str:
        return (
            f"person {self.person_id} ({self.identity}) may be person {self.existing_id}: "
            f"{self.reason} — `trustledger people merge {self.existing_id} {self.person_id}` "
            "if they are the same"
        )


@dataclass
class ImportSummary:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count
    earliest: dict[str, datetime] = field(default_factory=dict)  # reason -> earliest skipped
    rejected_count: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    unreadable: list[Rejection] = field(default_factory=list)
    # Files of an import by a user that named something outside the user's scope.
    refused: list[Rejection] = field(default_factory=list)
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    batches: int = 0
    dry_run: bool = False
    # Interactions written with their body kept, and the promises found in them afterwards
    # (trustledger.promises): None when the import kept no bodies.
    bodies_written: list[int] = field(default_factory=list)
    promises_found: int | None = None

    def reject(self, file: str, location: str, reason: str) -> None:
        self.rejected_count += 1
        if len(self.rejections) < KEEP_REJECTIONS:
            self.rejections.append(Rejection(file, location, reason))

    def skip(self, reason: str, *, when: datetime | None = None) -> None:
        self.skipped[reason] += 1
        if when is not None and (reason not in self.earliest or when < self.earliest[reason]):
            self.earliest[reason] = when

    def _skip_text(self, reason: str) -> str:
        when = self.earliest.get(reason)
        return f"{reason} (the earliest on {when:%Y-%m-%d})" if when else reason

    @property
    def rejected_reasons(self) -> Counter[str]:
        """Rejections counted by reason, with the field values taken out where we can."""
        return Counter(_reason_kind(r.reason) for r in self.rejections)

    @property
    def records(self) -> int:
        return sum(
            sum(c.values()) for c in (self.created, self.updated, self.unchanged, self.removed)
        )

    @property
    def exit_status(self) -> int:
        """`trustledger import`'s exit status: 0 all good, 1 some records or files were
        rejected (the rest is imported), 2 nothing usable (no record imported at all)."""
        if not self.records:
            return 2
        if self.rejected_count or self.unreadable or self.refused:
            return 1
        return 0

    def why_nothing(self) -> str | None:
        """When no record was imported, one line that says why (the commonest reasons)."""
        if self.records or not self.files:
            return None
        reasons = [
            f"{count} {self._skip_text(reason)}" for reason, count in self.skipped.most_common(3)
        ]
        if self.rejected_count:
            reasons.append(f"{self.rejected_count} rejected (see below)")
        if self.refused:
            reasons.append(f"{len(self.refused)} files refused (see below)")
        return "Nothing imported: " + ("; ".join(reasons) or "the files hold no records") + "."

    def text(self, *, show_rejections: int = 20) -> str:
        """The summary as the `import` command prints it."""
        lines = []
        if self.dry_run:
            lines.append("Dry run: everything below was rolled back, nothing was written.")
        if why := self.why_nothing():
            lines.append(why)
        for title, counts in (
            ("created", self.created),
            ("updated", self.updated),
            ("unchanged", self.unchanged),
            ("removed", self.removed),
        ):
            if counts or title != "removed":
                lines.append(f"{title + ':':11}{_per_kind(counts)}")
        lines.append(f"{'skipped:':11}{sum(self.skipped.values())}")
        for reason, count in self.skipped.most_common():
            lines.append(f"  {count:>8}  {self._skip_text(reason)}")
        lines.append(f"{'rejected:':11}{self.rejected_count}")
        for reason, count in self.rejected_reasons.most_common(10):
            lines.append(f"  {count:>8}  {reason}")
        if self.rejections:
            shown = self.rejections[:show_rejections]
            lines.append(f"first {len(shown)} rejections:")
            lines.extend(f"  {r}" for r in shown)
        if self.unreadable:
            lines.append(f"unreadable files (nothing imported from them): {len(self.unreadable)}")
            lines.extend(f"  {r.file}: {r.reason}" for r in self.unreadable)
        if self.refused:
            lines.append(
                f"refused files (records outside your scope; nothing imported from them): "
                f"{len(self.refused)}"
            )
            lines.extend(f"  {r.file}: {r.reason}" for r in self.refused)
        if self.promises_found is not None:
            lines.append(f"{'promises:':11}{self.promises_found} found, awaiting review")
        if self.possible_duplicates:
            lines.append(
                f"possible duplicates (same name, not merged): {len(self.possible_duplicates)}"
            )
            lines.extend(f"  {d}" for d in self.possible_duplicates[:show_rejections])
        return "\n".join(lines)


def _per_kind(counts: Counter[str]) -> str:
    total = sum(counts.values())
    parts = [f"{counts[kind]} {kind}" for kind in KINDS if counts[kind]]
    return f"{total}" + (f" ({', '.join(parts)})" if parts else "")


def _reason_kind(reason: str) -> str:
    """'field 'email': 'x' is not an email address' -> 'field 'email': is not an email...'."""
    first = reason.split(";")[0]
    if first.startswith("field '") and ": '" in first:
        name, _, rest = first.partition(": ")
        value_end = rest.find("' ", 1)
        if rest.startswith("'") and value_end > 0:
            return f"{name}: {rest[value_end + 2 :]}"
    return first[:120]
