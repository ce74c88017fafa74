"""Time ``khuyencong notebooks --region all`` against a plain loop of ``papermill`` calls over the same runs.

Prints, measured in this one invocation on this machine:

1. the plain loop: one ``papermill`` command per notebook × region, one after the other;
2. the batch: ``khuyencong notebooks --region all --force`` (pool of workers, one per core by default);
3. the batch again with nothing changed (every run skipped);
4. where one run's time goes: kernel start (usual and forked), data load, analysis and drawing,
   PNG and SVG export, HTML export (see ``profile_run.py`` beside this script).

The machine's load average is printed with the figures: the machine may be shared.

Everything is written under benchmarks/out/ (ignored by git), in a copy of the
project layout pointed to by KHUYENCONG_ROOT, so the real reports/ and figures/
are left alone. Uses data/processed when it holds the tables, else the test
fixture tables.

    .venv/bin/python benchmarks/bench_notebooks.py [--jobs N] [--processed DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=0, help="batch workers (default: one per core)")
    parser.add_argument("--processed", type=Path, default=None, help="folder of the tables to use")
    args = parser.parse_args()

    root = REPO / "benchmarks" / "out" / "root"
    processed = prepare(root, args.processed)
    env = {**os.environ, "KHUYENCONG_ROOT": str(root), "KHUYENCONG_PROCESSED": str(processed)}
    os.environ.update(env)
    from pipelines import paths
    from pipelines.running import plan

    runs = plan.plan("all", "all", "vi", processed, root / "plain", paths.FIGURES_DIR, root / "notebooks",
                     root / "data" / "reference")
    regions = sorted({run.region for run in runs})
    print(f"{len(runs)} runs: {len(runs) // len(regions)} notebooks × {len(regions)} regions ({', '.join(regions)}); "
          f"{plan.cores()} cores; load average {load()}")

    loop = 0.0
    for run in runs:
        run.output.parent.mkdir(parents=True, exist_ok=True)
        command = [str(BIN / "papermill"), str(run.source), str(run.output), "-k", plan.KERNEL, "--no-progress-bar"]
        for name, value in run.parameters.items():
            command += ["-r", name, str(value)]
        loop += timed(command, env)
    print(f"plain loop of papermill calls: {loop:6.1f} s")

    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    cli = [str(BIN / "khuyencong"), "notebooks", "--region", "all", *jobs]
    first = timed(cli + ["--force"], env)
    print(f"khuyencong notebooks --force:   {first:6.1f} s   ({loop / first:.1f}× faster)")
    second = timed(cli, env)
    print(f"second batch, nothing changed:  {second:6.2f} s")
    print(f"load average after: {load()}")
    from profile_run import profile

    profile(next(run for run in runs if run.notebook == "regional_performance"), root / "reports" / "vi")
    return 0


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
