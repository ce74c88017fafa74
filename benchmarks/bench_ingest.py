"""Scale benchmark: ingest a synthetic corpus of 1,000 reports and print the figures.

    python benchmarks/bench_ingest.py [--reports 1000] [--jobs 2]

Prints throughput (MB/s, reports/s), peak memory and precision/recall against the
figures the generator stated. A script, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from pipelines.extraction.ingest import ingest, write_outputs
from pipelines.extraction.synthetic import score_corpus, write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
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
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
