"""Reading many messages at once: on every core for a large import, in process for a few.

The language core is pure and CPU-bound; a large import with bodies spends most of its time
in it. Messages are read by a pool of worker processes (TRUSTLEDGER_LANGUAGE_WORKERS, by
default the machine's cores up to four) when a batch is large enough to pay for the pool's
start; the workers only read text and never touch the database. `start` hands a batch to the
workers and returns at once, so the caller can fetch and write other batches meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Generic, TypeVar

from django.conf import settings

from trustledger.language import Message, MessageReading, read_message

log = logging.getLogger(__name__)
IN_PROCESS_BELOW = 200  # messages in a batch: fewer are read here, a pool costs more
T = TypeVar("T")
A = TypeVar("A")
POOL_FAILED = (BrokenProcessPool, RuntimeError, OSError)


class Pending(Generic[T]):
    """A batch being read: `result()` waits for its readings, in the messages' order."""

    def __init__(
        self,
        reader: Reader,
        messages: list[Message] | None,
        how: Callable[[Message], T],
        running: Iterator[T] | None,
    ) -> None:
        self._reader, self._messages, self._how, self._running = reader, messages, how, running

    def result(self) -> list[T] | None:
        """The readings; None when the pool failed on a batch started without `fallback`."""
        if self._running is None:
            return self._read_here()
        try:
            return list(self._running)
        except POOL_FAILED as error:
            self._reader._fail(error)
            return self._read_here()

    def _read_here(self) -> list[T] | None:
        if self._messages is None:
            return None
        return [self._how(message) for message in self._messages]


# How much the workers step back (os.nice): reading is background work; the import that
# feeds them, and the web pages served beside them, keep the cores they need first.
WORKER_NICENESS = 10


def _yield_to_others() -> None:
    with contextlib.suppress(OSError):  # some sandboxes refuse it; the reading goes on
        os.nice(WORKER_NICENESS)


class Reader:
    """`with Reader() as reader: reader.read(messages)` — readings in the messages' order."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = settings.TRUSTLEDGER_LANGUAGE_WORKERS if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None

    def read(self, messages: list[Message]) -> list[MessageReading]:
        found = self.start(messages, read_message).result()
        assert found is not None
        return found

    @property
    def parallel(self) -> bool:
        """Whether a large batch is read by worker processes."""
        return self.workers > 1

    def start(
        self, messages: list[Message], how: Callable[[Message], T], *, fallback: bool = True
    ) -> Pending[T]:
        """Hand the batch to the workers (`how` is a pure function of the language core, run
        on each message); a small batch, or one process, is read when its result is asked.
        Without `fallback` the messages are not kept: if the pool fails, `result()` is None
        (the caller reads them again later), and memory holds no body once it is sent."""
        if self.workers <= 1 or len(messages) < IN_PROCESS_BELOW:
            return Pending(self, messages, how, None)
        share = max(1, len(messages) // (self.workers * 4))
        try:
            running = self._started().map(how, messages, chunksize=share)
        except POOL_FAILED as error:
            self._fail(error)
            running = None
        return Pending(self, messages if fallback or running is None else None, how, running)

    def submit(self, how: Callable[[list[A]], T], items: list[A]) -> Future[T] | None:
        """`how(items)` on a worker, for work that may be dropped: None when messages are
        read in this process, or the pool cannot take it (the caller then reads them the
        usual way)."""
        if self.workers <= 1:
            return None
        try:
            return self._started().submit(how, items)
        except POOL_FAILED as error:
            self._fail(error)
            return None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # A fresh interpreter per worker (not a fork of this one, with its database
            # connections and threads); it imports only the pure core.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_yield_to_others
            )
        return self._pool

    def _fail(self, error: BaseException) -> None:
        # No pool here (a main module that cannot be imported twice, no processes
        # allowed): read in this process from now on; the import goes on.
        log.warning("reading mail in one process: the worker pool failed (%s)", error)
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._pool, self.workers = None, 1

    def __enter__(self) -> Reader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
