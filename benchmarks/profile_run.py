"""Where one notebook run's time goes: kernel start, data load, analysis and drawing, PNG/SVG export, HTML export.

Used by ``bench_notebooks.py`` after the batch (it needs that batch's executed
notebook for the HTML export). The notebook's code cells are executed in this
process with timers around the table loads and ``Figure.savefig``; a kernel
adds only its start and the messaging, timed apart.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
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


def profile(run: Run, executed_dir: Path) -> None:
    """Print the breakdown of one run of ``run``'s notebook for its region."""
    from pipelines.running import execute

    cells(run, defaultdict(float))  # once to pay the imports, which a forked kernel has already done
    timings: Timings = defaultdict(float)
    timings["kernel start, usual"] = kernel_start(fork=False)
    timings["kernel start, forked"] = kernel_start(fork=True)
    cells(run, timings)
    exported = {"PNG export", "SVG export", "data load (Parquet to pandas)"}
    timings["analysis and drawing (views, charts)"] = timings.pop("cells") - sum(timings.get(k, 0.0) for k in exported)
    executed = executed_dir / run.region / f"{run.notebook}.ipynb"
    if executed.exists():
        with tempfile.TemporaryDirectory() as scratch:
            html = Run(**{**run.__dict__, "output": Path(scratch) / executed.name})
            html.output.write_bytes(executed.read_bytes())
            execute._html_exporter()  # imported once per worker in the batch
            with timing(timings, "HTML export (nbconvert)"):
                execute.export_html(html)
    print(f"one run of {run.notebook} for {run.region}, in seconds:")
    for key, seconds in timings.items():
        print(f"  {key:<40} {seconds:6.2f}")
