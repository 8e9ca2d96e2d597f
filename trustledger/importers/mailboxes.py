"""Where email messages come from: an mbox (streamed), a Maildir, or a single .eml.

Each reader yields (location, raw bytes) one message at a time, so memory stays flat however
large the mailbox. Readers can be iterated more than once (the mail parser makes two passes).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from trustledger.importers.records import UnreadableFile
from trustledger.importers.sources import readable_file

# A separator line: "From " + envelope sender + a date that has a time of day in it.
# Requiring the time keeps an unescaped "From here on..." in a body from cutting a message.
_SEPARATOR = re.compile(rb"^From \S*\s.*\d{1,2}:\d\d")
DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

# (location, the message's bytes) or (location, why it cannot be read, as a str)
RawMessage = tuple[str, bytes | str]


class Mbox:
    """An mbox file, split on "From " lines by a streaming line reader."""

    def __init__(self, path: str | os.PathLike[str], max_message_bytes: int) -> None:
        self.path = readable_file(path)
        self.max_message_bytes = max_message_bytes
        with open(self.path, "rb") as stream:
            first = b""
            for line in stream:
                if line.strip():
                    first = line
                    break
        if not first.startswith(b"From "):
            raise UnreadableFile(self.path, "not an mbox: the first line is not a 'From ' line")

    def __iter__(self) -> Iterator[RawMessage]:
        lines: list[bytes] = []
        size = 0
        start = 0
        previous_blank = True
        with open(self.path, "rb") as stream:
            for number, line in enumerate(stream, start=1):
                if previous_blank and line.startswith(b"From ") and _SEPARATOR.match(line):
                    if start:
                        yield self._message(start, lines, size)
                    # The separator stays: the email parser keeps it as the "unixfrom",
                    # whose date stands in for a missing Date header.
                    lines, size, start = [line], 0, number
                elif start:
                    size += len(line)
                    if size <= self.max_message_bytes:
                        lines.append(line)
                previous_blank = not line.strip() or start == number
            if start:
                yield self._message(start, lines, size)

    def _message(self, start: int, lines: list[bytes], size: int) -> RawMessage:
        location = f"line {start}"
        if size > self.max_message_bytes:
            return location, f"message larger than {self.max_message_bytes} bytes ({size})"
        return location, b"".join(lines)


class Maildir:
    """A Maildir folder (cur/ and new/), including nested sub-folders, in a stable order."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.is_dir():
            raise UnreadableFile(self.path, "not a directory, so not a Maildir")
        if not any(True for _ in self._folders()):
            raise UnreadableFile(self.path, "not a Maildir: no cur/ or new/ folder inside")

    def _folders(self) -> Iterator[Path]:
        for root, dirs, _files in os.walk(self.path, onerror=None):
            dirs.sort()
            if Path(root).name in ("cur", "new"):
                yield Path(root)

    def __iter__(self) -> Iterator[RawMessage]:
        for folder in self._folders():
            for name in sorted(os.listdir(folder)):
                file = folder / name
                if not file.is_file() or name.startswith("."):
                    continue
                location = str(file.relative_to(self.path))
                try:
                    yield location, file.read_bytes()
                except OSError as error:
                    yield location, f"message file cannot be read: {error.strerror}"


class SingleMessage:
    """One RFC 822 message in a file (.eml)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = readable_file(path)

    def __iter__(self) -> Iterator[RawMessage]:
        try:
            data = self.path.read_bytes()
        except OSError as error:
            raise UnreadableFile(self.path, f"cannot be read: {error.strerror}") from error
        yield "message 1", data


def split_header(raw: bytes) -> bytes:
    """The header block of a message (everything before the first blank line)."""
    match = re.search(rb"\r?\n\r?\n", raw)
    return raw[: match.end()] if match else raw
