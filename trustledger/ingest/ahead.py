"""Reading ahead: the next items of an iterator made on a second thread while the caller
works on the current one.

The columnar CSV load reads and prepares batch N+1 (polars, in Rust threads, and the row
parser's Python) while batch N is written (SQLite and psycopg release the interpreter lock
while the database works). Only the caller's thread touches the database: the iterator
given here must not (Django connections belong to the thread that opened them).

An error in the iterator is raised in the caller's thread, where the next item would have
come, with its own traceback; the caller's transaction then rolls back as for any error.
When the caller stops early (an error of its own, a break), the thread stops after the
item it is making and the iterator is closed there (its `finally` runs).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()
_WAIT = 0.05  # seconds between looks at the stop flag while the queue is full


@contextlib.contextmanager
def read_ahead(items: Iterable[T], depth: int = 1) -> Iterator[Iterator[T]]:
    """`items`, up to `depth` of them made ahead on a second thread."""
    box: queue.Queue[tuple[object, BaseException | None]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(entry: tuple[object, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                box.put(entry, timeout=_WAIT)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        iterator = iter(items)
        try:
            for item in iterator:
                if not offer((item, None)):
                    return
            offer((_END, None))
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            offer((_END, error))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    def consume() -> Iterator[T]:
        while True:
            item, error = box.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item  # type: ignore[misc]

    worker = threading.Thread(target=produce, name="read-ahead", daemon=True)
    worker.start()
    try:
        yield consume()
    finally:
        stop.set()
        worker.join()
