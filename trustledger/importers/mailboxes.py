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
_SEPARATOR_AT = re.compile(rb"From \S*\s.*\d{1,2}:\d\d")
# Some tools write separators with no date ("From sender@example.org"): when the file's first
# line is one, a "From " line after a blank line whose first word is an address, or that has
# one word only, is a separator too ("From here on..." in a body has more words, no "@").
_TIMELESS_AT = re.compile(rb"From (\S*@\S*|\S+[ \t]*\r?\n)")
_BLOCK_BYTES = 1 << 20
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
        self.separator = _SEPARATOR_AT if _SEPARATOR_AT.match(first) else _TIMELESS_AT
        if not self.separator.match(first if first.endswith(b"\n") else first + b"\n"):
            reason = "not an mbox: the first 'From ' line has neither a time nor an address"
            raise UnreadableFile(self.path, reason)

    def __iter__(self) -> Iterator[RawMessage]:
        # Read in blocks of whole lines and look only at lines starting with "From ": a
        # Python loop over every line cost more than parsing the headers.
        parts: list[bytes] = []  # the current message (its separator line first)
        size = 0  # bytes after the separator line
        start = 0  # line number of the current separator (0: none yet)
        line_number = 1  # of the line at `counted` in the block
        previous_blank = True  # is the line before the block blank (or a separator)?
        parts_start = -1  # position of the current separator in the block, if in it
        with open(self.path, "rb") as stream:
            while block := stream.read(_BLOCK_BYTES):
                if not block.endswith(b"\n"):
                    block += stream.readline()
                taken = 0  # start of the block's bytes not yet in `parts`
                counted = 0  # newlines before here are counted in `line_number`
                for position in _separator_candidates(block):
                    if position:
                        previous_start = block.rfind(b"\n", 0, position - 1) + 1
                        previous_blank = not block[previous_start:position].strip() or (
                            start != 0 and previous_start == parts_start
                        )
                    end = block.find(b"\n", position) + 1 or len(block)
                    if not previous_blank or not self.separator.match(block, position, end):
                        continue
                    line_number += block.count(b"\n", counted, position)
                    counted = position
                    number = line_number
                    if start:
                        size += position - taken
                        if size <= self.max_message_bytes:
                            parts.append(block[taken:position])
                        yield self._message(start, parts, size)
                    parts, size, start, taken = [block[position:end]], 0, number, end
                    parts_start = position
                if start:
                    size += len(block) - taken
                    if size <= self.max_message_bytes:
                        parts.append(block[taken:])
                last = block.rfind(b"\n", 0, len(block) - 1) + 1
                previous_blank = not block[last:].strip() or (start != 0 and last == parts_start)
                parts_start = -1  # a position in the next block, never the separator's
                line_number += block.count(b"\n", counted)
            if start:
                yield self._message(start, parts, size)

    def _message(self, start: int, lines: list[bytes], size: int) -> RawMessage:
        location = f"line {start}"
        if size > self.max_message_bytes:
            return location, f"message larger than {self.max_message_bytes} bytes ({size})"
        return location, b"".join(lines)


def _separator_candidates(block: bytes) -> Iterator[int]:
    """Where the lines starting with "From " start in a block of whole lines."""
    if block.startswith(b"From "):
        yield 0
    found = block.find(b"\nFrom ")
    while found >= 0:
        yield found + 1
        found = block.find(b"\nFrom ", found + 1)


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
