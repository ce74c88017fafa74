"""What one report may cost while it is read and extracted: wall-clock seconds and memory.

``report_budget(path)`` wraps the work on one report (in ``ingest`` and in ``add``).
A report over its budget raises ``OverBudget`` (a ``BadInputError``) naming the file
and the cause, so the run records it and goes on with the others:

- time: a timer signal interrupts the work after ``KHUYENCONG_REPORT_SECONDS``
  (default 120) seconds; Python code and the regex engine both stop there;
- memory: the address space the process may grow by is capped at
  ``KHUYENCONG_REPORT_MEMORY_MB`` (default 2048) more than it had when the report
  started (``RLIMIT_AS``, restored afterwards), so an allocation beyond it fails
  with MemoryError instead of exhausting the machine.

Both need the main thread of a POSIX process (ingest's workers run each report there);
elsewhere the work runs without them.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.paths import env_number
from pipelines.text.reading import BadInputError

REPORT_SECONDS = 120.0
REPORT_MEMORY_MB = 2048
SECONDS_ENV = "KHUYENCONG_REPORT_SECONDS"
MEMORY_ENV = "KHUYENCONG_REPORT_MEMORY_MB"
_active = threading.local()


class OverBudget(BadInputError):
    """A report that took too long or needed too much memory."""


class _OutOfTime(BaseException):
    """Raised by the timer inside the work; a BaseException so that no ``except Exception`` swallows it."""


def budget_seconds() -> float:
    return env_number(SECONDS_ENV, REPORT_SECONDS)


def budget_memory_mb() -> float:
    return env_number(MEMORY_ENV, REPORT_MEMORY_MB)


def _address_space() -> int | None:
    """Bytes of address space this process uses now (Linux), else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _on_timer(signum: int, frame: object) -> None:
    raise _OutOfTime()


@contextmanager
def report_budget(path: Path | str) -> Iterator[None]:
    """Run the ``with`` block under one report's time and memory budget (see the module)."""
    seconds, megabytes = budget_seconds(), budget_memory_mb()
    if getattr(_active, "on", False) or threading.current_thread() is not threading.main_thread():
        yield  # nested, or not where a signal can reach: the outer budget (if any) holds
        return
    import resource

    _active.on = True
    previous_handler = signal.signal(signal.SIGALRM, _on_timer)
    previous_limit = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    if used is not None:
        cap = used + int(megabytes * 2**20)
        hard = previous_limit[1]
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise OverBudget(path, f"took longer than {seconds:g} s (the per-report budget; set {SECONDS_ENV} "
                               "to change it); refused, the other reports go on") from None
    except MemoryError:
        raise OverBudget(path, f"needed more than {megabytes:g} MB of memory (the per-report budget; set "
                               f"{MEMORY_ENV} to change it); refused, the other reports go on") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        resource.setrlimit(resource.RLIMIT_AS, previous_limit)
        _active.on = False
