"""Ingest time against report size for the shapes that make extraction superlinear.

    python benchmarks/bench_shapes.py [--sizes 1 2 4] [--shapes line paragraph paragraphs sentence]

Each shape is a short article with one part grown n times: ``line`` one line of 10,000·n
letters; ``paragraph`` one paragraph of 250·n different figure sentences; ``paragraphs``
250·n such sentences, each its own paragraph; ``sentence`` one run-on sentence of 100·n
figure clauses. Each report is ingested alone (reading, metadata, extraction, checks) in
this process; the script prints CPU seconds per size and, per shape, the time ratio of
the largest to the smallest against the size ratio (linear growth gives about the size
ratio; quadratic its square). A script, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipelines.ingest.run import ingest

LEAD = "Năm 2023, Sở Công Thương tỉnh Bắc Giang đã hỗ trợ 12 cơ sở với kinh phí 1.250 triệu đồng."
TAIL = "Tỉnh đã thực hiện 5 đề án khuyến công với tổng kinh phí 2,5 tỷ đồng."


def _sentence(i: int) -> str:
    return f"đã hỗ trợ {i % 97 + 2} cơ sở với kinh phí {i + 100} triệu đồng"


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "line": ("letters in one line", lambda n: "a" * (10_000 * n)),
    "paragraph": ("sentences in one paragraph",
                  lambda n: " ".join(f"Năm 2023, tỉnh {_sentence(i)}." for i in range(250 * n))),
    "paragraphs": ("paragraphs", lambda n: "\n\n".join(f"Năm 2023, tỉnh {_sentence(i)}." for i in range(250 * n))),
    "sentence": ("clauses in one sentence", lambda n: "Năm 2023, " + ", ".join(_sentence(i) for i in range(100 * n)) + "."),
}
UNITS = {"line": 10_000, "paragraph": 250, "paragraphs": 250, "sentence": 100}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 2, 4], help="multiples of the base size")
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=list(SHAPES))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="khuyencong-shapes-"))
    try:
        ingest_seconds(work, f"{LEAD}\n\n{TAIL}\n")  # warm: gazetteer, patterns, imports
        print(f"{'shape':<11} {'size':>9} {'what':<27} {'KB':>7} {'CPU s':>7} {'s/MB':>6}")
        for shape in args.shapes:
            what, grow = SHAPES[shape]
            times = []
            for n in args.sizes:
                text = f"{LEAD}\n\n{grow(n)}\n\n{TAIL}\n"
                seconds = ingest_seconds(work, text)
                kb = len(text.encode()) / 1024
                times.append((kb, seconds))
                print(f"{shape:<11} {UNITS[shape] * n:>9,} {what:<27} {kb:>7.0f} {seconds:>7.2f} "
                      f"{seconds / kb * 1024:>6.1f}", flush=True)
            (small, t_small), (large, t_large) = times[0], times[-1]
            print(f"{shape:<11} time ratio {t_large / t_small:.1f} for size ratio {large / small:.1f}\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ingest_seconds(work: Path, text: str) -> float:
    """CPU seconds to ingest ``text`` as the only report of a folder."""
    folder = work / "raw"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "report.txt").write_text(text, encoding="utf-8")
    start = time.process_time()
    result = ingest(folder, jobs=1)
    seconds = time.process_time() - start
    if result.errors:
        print(f"  ({result.errors[0].reason})")
    return seconds


if __name__ == "__main__":
    main()
