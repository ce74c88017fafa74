"""Time ``khuyencong notebooks --region all`` against a plain loop of ``papermill`` calls and against its floor.

Prints, measured in this one invocation on this machine:

1. the plain loop: one ``papermill`` command per notebook × region, one after the other;
2. the forced batch: ``khuyencong notebooks --region all --force`` (a pool of workers, one per core);
3. the floor: the same runs' notebook code exec'd one after another in this one warm process (charts,
   tables and files all written; no kernels, no notebook files, no HTML), its CPU time divided by the
   cores, which is what the batch would take with no overhead of its own if the cores scaled perfectly;
   and the same code split between one warm process per core (longest runs first, to the least loaded),
   timed by the wall clock: what the batch would take with no overhead on these very cores;
4. the batch's overhead split into its parts, each summed over the runs: kernel start, notebook I/O,
   embedding images, HTML conversion, and the chart export (PNG and SVG) inside the floor;
5. the batch again with nothing changed, right after the forced one (every run skipped).

The machine's load average is printed with the figures: the machine may be shared.

Everything is written under benchmarks/out/ (ignored by git), in a copy of the
project layout pointed to by KHUYENCONG_ROOT, so the real reports/ and figures/
are left alone. Uses data/processed when it holds the tables, else the test
fixture tables.

    .venv/bin/python benchmarks/bench_notebooks.py [--jobs N] [--processed DIR]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def prepare(root: Path, processed: Path | None) -> Path:
    """A fresh project layout under ``root`` with the notebooks, reference data and tables."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    shutil.copytree(REPO / "data" / "reference", root / "data" / "reference")
    target = root / "data" / "processed"
    source = processed or REPO / "data" / "processed"
    if (source / "facts.parquet").exists():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.tmp"))
    else:
        sys.path.insert(0, str(REPO / "tests"))
        from notebook_fixtures import write_tables

        write_tables(target)
        print(f"no tables in {source}: using the test fixture tables")
    return target


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def floor(runs: list, figures: Path) -> tuple[float, float, dict[str, float], list[float]]:
    """Every run's code cells exec'd here, one after another: (wall seconds, CPU seconds, export seconds by
    format, CPU seconds of each run).

    Imports are paid once before timing, as a forked kernel has them already."""
    from matplotlib.figure import Figure

    from profile_run import cells

    shutil.rmtree(figures, ignore_errors=True)
    with contextlib.redirect_stdout(io.StringIO()):
        cells(runs[0], defaultdict(float))  # imports, font cache
    shutil.rmtree(figures, ignore_errors=True)
    export: dict[str, float] = defaultdict(float)
    savefig = Figure.savefig

    def timed_savefig(self: Figure, target: object, *args: object, **kwargs: object) -> object:
        started = time.process_time()  # CPU: the wall clock of a shared machine counts the others' work
        try:
            return savefig(self, target, *args, **kwargs)
        finally:
            export[Path(str(target)).suffix[1:].upper() or "PNG"] += time.process_time() - started

    Figure.savefig = timed_savefig
    wall, cpu = time.perf_counter(), time.process_time()
    each = []
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for run in runs:
                started = time.process_time()
                cells(run, defaultdict(float))
                each.append(time.process_time() - started)
    finally:
        Figure.savefig = savefig
    return time.perf_counter() - wall, time.process_time() - cpu, export, each


def parallel_floor(runs: list, costs: list[float], cores: int) -> float:
    """Wall seconds for the runs' code split between ``cores`` warm processes started together.

    Each process is forked from this warm one and runs its share with no kernels, notebooks or HTML;
    the shares are balanced by the runs' measured CPU time. On a machine whose cores slow each other
    down (shared caches, virtual CPUs), this is the lowest the batch could go there."""
    import multiprocessing

    from profile_run import cells

    shares: list[list[int]] = [[] for _ in range(cores)]
    loads = [0.0] * cores
    for i in sorted(range(len(runs)), key=lambda i: -costs[i]):
        least = loads.index(min(loads))
        shares[least].append(i)
        loads[least] += costs[i]
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(cores + 1)
    done = context.Queue()

    def work(share: list[int]) -> None:
        barrier.wait()
        with contextlib.redirect_stdout(io.StringIO()):
            for i in share:
                cells(runs[i], defaultdict(float))
        done.put(time.perf_counter())

    processes = [context.Process(target=work, args=(share,)) for share in shares]
    for process in processes:
        process.start()
    barrier.wait()
    started = time.perf_counter()
    ended = max(done.get() for _ in processes)
    for process in processes:
        process.join()
    return ended - started


def overhead(runs: list) -> dict[str, float]:
    """What the batch does besides the notebooks' own code, each part summed over ``runs`` (their
    executed notebooks must exist): kernel start (forked), reading and writing the notebook, embedding
    the chart images in it, and the HTML conversion."""
    import nbformat

    from profile_run import kernel_start
    from pipelines.running import execute

    parts: dict[str, float] = {"kernel start (forked)": kernel_start(fork=True) * len(runs)}
    clock = time.process_time  # CPU of this process: the parts below run here
    io_time = embed = html = 0.0
    execute._html_exporter()
    for run in runs:
        started = clock()
        notebook = nbformat.read(run.output, as_version=4)
        copy = run.output.with_name(f".bench-{run.output.name}")
        nbformat.write(notebook, copy)
        io_time += clock() - started
        for cell in notebook.cells:  # what display(Image(...)) costs: the file read and base64-encoded
            for output in cell.get("outputs", []):
                data = output.get("data", {}).get("image/png")
                if data:
                    raw = base64.b64decode(data)
                    started = clock()
                    json.dumps({"image/png": base64.b64encode(raw).decode()})
                    embed += clock() - started
        started = clock()
        body, _ = execute._html_exporter().from_notebook_node(notebook, resources={"metadata": {"name": run.title}})
        html += clock() - started
        copy.unlink()
    parts.update({"notebook I/O (read and write .ipynb)": io_time, "embedding images (base64)": embed,
                  "HTML conversion (nbconvert)": html})
    return parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=0, help="batch workers (default: one per core)")
    parser.add_argument("--processed", type=Path, default=None, help="folder of the tables to use")
    args = parser.parse_args()

    root = REPO / "benchmarks" / "out" / "root"
    processed = prepare(root, args.processed)
    env = {**os.environ, "KHUYENCONG_ROOT": str(root), "KHUYENCONG_PROCESSED": str(processed)}
    os.environ.update(env)
    sys.path.insert(0, str(Path(__file__).parent))
    from pipelines import paths
    from pipelines.running import plan

    runs = plan.plan("all", "all", "vi", processed, root / "reports", paths.FIGURES_DIR, root / "notebooks",
                     root / "data" / "reference")
    regions = sorted({run.region for run in runs})
    cores = plan.cores()
    print(f"{len(runs)} runs: {len(runs) // len(regions)} notebooks × {len(regions)} regions ({', '.join(regions)}); "
          f"{cores} cores; load average {load()}")

    loop = 0.0
    for run in runs:
        run.output.parent.mkdir(parents=True, exist_ok=True)
        command = [str(BIN / "papermill"), str(run.source), str(run.output), "-k", plan.KERNEL, "--no-progress-bar"]
        for name, value in run.parameters.items():
            command += ["-r", name, str(value)]
        loop += timed(command, env)
    print(f"plain loop of papermill calls:   {loop:6.1f} s")

    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    cli = [str(BIN / "khuyencong"), "notebooks", "--region", "all", "--quiet", *jobs]
    shutil.rmtree(paths.FIGURES_DIR, ignore_errors=True)  # nothing left from the loop
    batch = timed(cli + ["--force"], env)
    print(f"khuyencong notebooks --force:    {batch:6.1f} s   ({loop / batch:.2f}× the loop)")
    second = timed(cli, env)  # now, before the floor below writes the charts again

    wall, cpu, export, costs = floor(runs, paths.FIGURES_DIR)
    bottom = cpu / cores
    print(f"floor: the runs' code in one warm process: {wall:5.1f} s wall, {cpu:5.1f} s CPU; "
          f"/ {cores} cores = {bottom:5.1f} s   (batch = {batch / bottom:.2f}× the floor)")
    shared = parallel_floor(runs, costs, cores)
    print(f"floor on these cores: the same code in {cores} warm processes at once: {shared:5.1f} s wall   "
          f"(batch = {batch / shared:.2f}× it; the cores ran at {bottom / shared:.2f} of perfect scaling)")
    print(f"load average after: {load()}")

    print(f"the batch's overhead, summed over the {len(runs)} runs (CPU-seconds, spread over {cores} cores):")
    parts = overhead(runs)
    for key, seconds in parts.items():
        print(f"  {key:<42} {seconds:6.2f}")
    print(f"  {'sum':<42} {sum(parts.values()):6.2f}   (batch − floor = {batch - bottom:5.2f} s wall)")
    print("inside the floor, the chart export (CPU-seconds):")
    for key, seconds in sorted(export.items()):
        print(f"  {key + ' export':<42} {seconds:6.2f}")

    print(f"second batch, nothing changed:   {second:6.2f} s   (right after the forced batch)")
    return 0


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
