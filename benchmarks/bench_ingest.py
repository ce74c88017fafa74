"""Scale benchmark: ingest a synthetic corpus of 1,000 reports and print the figures.

    python benchmarks/bench_ingest.py [--reports 1000] [--jobs 2] [--sizes 0.5 2]

Prints throughput (MB/s, reports/s), peak memory and precision/recall against the
figures the generator stated; then the time to ingest one long report of each size
(MB) and the ratio of the largest to the smallest (linear time gives the size ratio,
4 for 2 MB / 0.5 MB). A script, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from pipelines.ingest.run import ingest, write_outputs
from pipelines.evaluation.synthetic import make_long_report, score_corpus, write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", type=float, nargs="*", default=[0.5, 2.0], help="long report sizes, MB")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="khuyencong-bench-"))
    try:
        corpus = work / "raw"
        reports = write_corpus(corpus, args.reports)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        start = time.perf_counter()
        result = ingest(corpus, jobs=args.jobs, progress=True)
        write_outputs(result, work / "processed")
        elapsed = time.perf_counter() - start
        precision, recall = score_corpus(reports, result.facts, result.documents)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"reports            {len(reports)} ({size / 1e6:.2f} MB), {len(result.errors)} failed")
        print(f"workers            {args.jobs} on {os.cpu_count()} core(s)")
        print(f"wall time          {elapsed:.2f} s (ingest, checks and validated writes)")
        print(f"throughput         {size / 1e6 / elapsed:.2f} MB/s, {len(reports) / elapsed:.1f} reports/s")
        print(f"peak memory        {own:.0f} MB main process, {children:.0f} MB largest worker")
        print(f"facts              {len(result.facts)} extracted, {sum(len(r.truths) for r in reports)} stated")
        print(f"precision / recall {precision:.4f} / {recall:.4f}")
        long_reports(work / "long", args.sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def long_reports(folder: Path, sizes: list[float]) -> None:
    """Time one report of each size through reading, metadata, extraction and checks."""
    folder.mkdir()
    times: list[tuple[float, float, float]] = []
    for size in sizes:
        report = make_long_report(int(size * 1e6), name=f"long_{size:g}mb.txt")
        alone = folder / f"{size:g}mb"  # one report a folder: ingest reads a folder
        alone.mkdir()
        path = alone / report.name
        path.write_text(report.text, encoding="utf-8")
        size = path.stat().st_size / 1e6
        wall, cpu = time.perf_counter(), time.process_time()
        result = ingest(alone, jobs=1)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        times.append((size, wall, cpu))
        print(f"long report        {size:.2f} MB: {wall:.2f} s wall, {cpu:.2f} s CPU, {len(result.facts)} facts")
    if len(times) > 1:
        (small, _, small_cpu), (large, _, large_cpu) = times[0], times[-1]
        print(f"time ratio         {large:.2f} MB / {small:.2f} MB = {large_cpu / small_cpu:.2f} "
              f"(CPU time; linear is {large / small:.2f})")


if __name__ == "__main__":
    main()
