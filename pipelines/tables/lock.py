"""One writer at a time per tables folder: an ``fcntl.flock`` on ``<folder>/.tables.lock``.

The lock is taken around the replacement of the tables (and around the recovery
of an interrupted one), so two ingests into one folder write one after the
other, each a whole set. A second writer waits a bounded time
(``KHUYENCONG_LOCK_WAIT`` seconds, default 30) and then gives up with
``TablesBusyError`` naming the folder and the process that holds it. The lock
is released by the kernel when its holder exits, even when it is killed, so a
crash never leaves a stale lock behind. Nested use in one thread is allowed.
POSIX only (fcntl).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.paths import env_number

LOCK_NAME = ".tables.lock"
LOCK_WAIT_ENV = "KHUYENCONG_LOCK_WAIT"
LOCK_WAIT_SECONDS = 30.0  # a write of the tables takes well under this
_POLL_SECONDS = 0.1
_held = threading.local()  # folders this thread holds the lock of


class TablesBusyError(RuntimeError):
    """Another process is writing the same tables folder."""


def lock_wait() -> float:
    """Seconds a writer waits for the lock: KHUYENCONG_LOCK_WAIT if set, else 30."""
    return env_number(LOCK_WAIT_ENV, LOCK_WAIT_SECONDS, zero_ok=True)


@contextmanager
def tables_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the write lock of ``folder`` (created if missing) for the ``with`` block."""
    folder.mkdir(parents=True, exist_ok=True)
    key = str(folder.resolve())
    held: set[str] = _held.__dict__.setdefault("folders", set())
    if key in held:
        yield
        return
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, folder, lock_wait() if wait is None else wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)  # for the message a waiting writer shows
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, folder: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                raise TablesBusyError(
                    f"{folder}: another process (pid {holder}) is writing these tables; waited "
                    f"{wait:g} s. Run again when it has finished, or write elsewhere with --out"
                ) from None
            time.sleep(_POLL_SECONDS)
