"""The ``khuyencong`` command line: ingest, check, notebooks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines import paths


def _ingest(args: argparse.Namespace) -> int:
    from pipelines.extraction.ingest import run_ingest

    raw = Path(args.raw)
    # the reviewed corrections belong to the project's own reports unless a file is named
    overrides = Path(args.overrides) if args.overrides else (
        paths.OVERRIDES if raw.resolve() == paths.RAW_DIR.resolve() else None)
    return run_ingest(raw, Path(args.out), jobs=args.jobs, progress=not args.quiet, overrides=overrides)


def _check(args: argparse.Namespace) -> int:
    from pipelines.extraction.checks import run_check_command

    return run_check_command(Path(args.out), show_all=args.all)


def _notebooks(args: argparse.Namespace) -> int:
    from pipelines.running.batch import BatchError, run_batch

    try:
        result = run_batch(region=args.region, notebook=args.notebook, jobs=args.jobs, force=args.force,
                           lang=args.lang, processed=Path(args.processed), fork=not args.no_fork,
                           timeout=args.timeout, progress=not args.quiet)
    except BatchError as exc:
        print(f"khuyencong notebooks: {exc}", file=sys.stderr)
        return 2
    print(summary(result.outcomes))
    for path in result.removed:
        print(f"removed stale output {path}")
    print(f"reports: {result.index}  ({result.seconds:.1f}s)")
    return 1 if result.failed else 0


def summary(outcomes: list) -> str:
    """A plain-text table of every run: region, notebook, status, time, and where a failure happened."""
    rows = [("region", "notebook", "status", "time", "detail")]
    for o in sorted(outcomes, key=lambda o: (o.run.region, o.run.notebook)):
        rows.append((o.run.region, o.run.notebook, o.status, f"{o.seconds:.1f}s", o.detail))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths)) + "  " + row[4] for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  ------")
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "skipped", "failed")}
    lines.append(f"{counts['ok']} ran, {counts['skipped']} up to date, {counts['failed']} failed")
    return "\n".join(line.rstrip() for line in lines)


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def _stop_on_sigterm() -> None:
    """A SIGTERM ends the command like Ctrl-C: workers, forge and kernels are stopped on the way out."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khuyencong",
        description="Turn khuyến công reports into traceable tables, analyses and charts.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="read data/raw and write the Parquet tables")
    ingest.add_argument("--raw", default=str(paths.RAW_DIR), help="folder of .txt reports (default: %(default)s)")
    ingest.add_argument("--out", default=str(paths.PROCESSED_DIR), help="folder for the tables (default: %(default)s)")
    ingest.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--overrides", default="", help="reviewed corrections (default: data/reference/overrides.csv "
                        "for data/raw, none for another folder)")
    ingest.set_defaults(func=_ingest)

    check = sub.add_parser("check", help="print the arithmetic cross-checks that do not add up")
    check.add_argument("--out", default=str(paths.PROCESSED_DIR), help="folder of the tables (default: %(default)s)")
    check.add_argument("--all", action="store_true", help="print every check, not only mismatches")
    check.set_defaults(func=_check)

    nb = sub.add_parser("notebooks", help="run the analysis notebooks per region with Papermill")
    nb.add_argument("--region", default="all", help="a region_id, or 'all' (default)")
    nb.add_argument("--notebook", default="all", help="a notebook name, or 'all' (default)")
    nb.add_argument("--jobs", type=int, default=0, help="parallel runs (default: one per core)")
    nb.add_argument("--force", action="store_true", help="rerun even when nothing changed")
    nb.add_argument("--lang", default="vi", choices=("vi", "en"), help="chart and label language")
    nb.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="folder of the tables")
    nb.add_argument("--timeout", type=_positive, default=600, help="seconds a run may take (default: %(default)s)")
    nb.add_argument("--no-fork", action="store_true", help="start every kernel the usual way, not forked from a "
                    "warm process (also: KHUYENCONG_FORK_KERNELS=0)")
    nb.add_argument("--quiet", action="store_true", help="no progress bar")
    nb.set_defaults(func=_notebooks)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _stop_on_sigterm()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
