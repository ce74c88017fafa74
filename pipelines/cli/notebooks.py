"""``khuyencong notebooks``: every analysis notebook for every region, and its summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines import paths
from pipelines.tables.regions import UNITS


def register(sub: argparse._SubParsersAction) -> None:
    nb = sub.add_parser("notebooks", help="run the analysis notebooks per region with Papermill")
    nb.add_argument("--region", default="all",
                    help="a region id or name ('bac-ninh-2025', 'Lâm Đồng', 'lam dong'), or 'all' (default)")
    nb.add_argument("--units", default="2024", choices=UNITS, help="2024: the 63 provinces before 1 July 2025 "
                    "(default); 2025: the 34 units, former provinces counted in their unit (reports/units-2025/)")
    nb.add_argument("--notebook", default="all", help="a notebook name, or 'all' (default)")
    nb.add_argument("--confirmed", action="store_true", help="a conference version: confirmed and corrected figures "
                    "only (reports/confirmed/, figures/confirmed/), saying what was left out")
    nb.add_argument("--jobs", type=int, default=0, help="parallel runs (default: one per core)")
    nb.add_argument("--force", action="store_true", help="rerun even when nothing changed")
    nb.add_argument("--lang", default="vi", choices=("vi", "en"), help="chart and label language")
    nb.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="folder of the tables")
    nb.add_argument("--timeout", type=_positive, default=600, help="seconds a run may take (default: %(default)s)")
    nb.add_argument("--no-fork", action="store_true", help="start every kernel the usual way, not forked from a "
                    "warm process (also: KHUYENCONG_FORK_KERNELS=0)")
    nb.add_argument("--quiet", action="store_true", help="no progress bar")
    nb.set_defaults(func=_notebooks)


def _notebooks(args: argparse.Namespace) -> int:
    from pipelines.running.batch import BatchError, run_batch
    from pipelines.tables import regions

    try:
        region = regions.resolve_region(args.region, regions.known_regions(), args.units)
    except ValueError as exc:
        print(f"khuyencong notebooks: {exc}", file=sys.stderr)
        return 2
    # the 2025 units run with their own reports and figures, beside those of the 63 provinces
    by_units = {} if args.units == "2024" else {
        "parameters": {"units": args.units}, "reports_dir": paths.REPORTS_DIR / f"units-{args.units}",
        "figures_dir": paths.FIGURES_DIR / f"units-{args.units}"}
    if args.confirmed:  # beside the full version, never over it
        by_units = {"parameters": {**by_units.get("parameters", {}), "confirmed": True},
                    "reports_dir": by_units.get("reports_dir", paths.REPORTS_DIR) / "confirmed",
                    "figures_dir": by_units.get("figures_dir", paths.FIGURES_DIR) / "confirmed"}
    try:
        result = run_batch(region=region, notebook=args.notebook, jobs=args.jobs, force=args.force,
                           lang=args.lang, processed=Path(args.processed), fork=not args.no_fork,
                           timeout=args.timeout, progress=not args.quiet, **by_units)
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
