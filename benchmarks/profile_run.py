"""Pieces of one notebook run, for ``bench_notebooks.py``: its code cells exec'd in this process
(``cells``, with timers around the table loads and ``Figure.savefig``) and a kernel's start
(``kernel_start``, usual or forked), timed apart.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

from pipelines.running.plan import Run

Timings = dict[str, float]


@contextmanager
def timing(timings: Timings, key: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[key] += time.perf_counter() - started


def kernel_start(fork: bool, repeat: int = 3) -> float:
    """Seconds from asking for a kernel to its first reply, median of ``repeat``."""
    from jupyter_core.utils import run_sync

    from pipelines.running import kernels

    times = []
    with kernels.forge(enabled=fork):
        for _ in range(repeat):
            started = time.perf_counter()
            km = kernels.kernel_manager("python3")
            run_sync(km.start_kernel)()
            client = km.client()
            client.start_channels()
            run_sync(client.wait_for_ready)(timeout=60)
            times.append(time.perf_counter() - started)
            client.stop_channels()
            run_sync(km.shutdown_kernel)(now=True)
    return sorted(times)[len(times) // 2]


def cells(run: Run, timings: Timings) -> None:
    """Execute the notebook's code cells here, timing table loads and each savefig by format."""
    import matplotlib

    matplotlib.use("agg")
    from matplotlib.figure import Figure

    from pipelines.tables import store

    load, savefig = store.load, Figure.savefig

    def timed_load(*args: object, **kwargs: object) -> object:
        with timing(timings, "data load (Parquet to pandas)"):
            return load(*args, **kwargs)

    def timed_savefig(self: Figure, target: object, *args: object, **kwargs: object) -> object:
        with timing(timings, f"{Path(str(target)).suffix[1:].upper()} export"):
            return savefig(self, target, *args, **kwargs)

    store.load, Figure.savefig = timed_load, timed_savefig
    try:
        from pipelines.running.plan import notebook_parameters

        namespace: dict = {**notebook_parameters(run.source), **run.parameters}  # as Papermill injects them
        source = json.loads(run.source.read_text(encoding="utf-8"))["cells"]
        with timing(timings, "cells"):
            for cell in source:
                text = "".join(cell["source"])
                if cell["cell_type"] == "code" and "parameters" not in cell.get("metadata", {}).get("tags", []):
                    exec(compile(text, run.source.name, "exec"), namespace)
    finally:
        store.load, Figure.savefig = load, savefig
