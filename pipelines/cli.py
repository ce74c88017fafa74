"""The ``khuyencong`` command line: add, ingest, check, review, notebooks, slides, export; it owns
their printing and exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import paths
from pipelines.tables.regions import UNITS

if TYPE_CHECKING:
    from pipelines.extraction.ingest import IngestRun


def _ingest(args: argparse.Namespace) -> int:
    from pipelines.extraction.ingest import IngestRefused, run_ingest
    from pipelines.tables.lock import TablesBusyError

    raw, out = Path(args.raw), Path(args.out)
    # the reviewed corrections belong to the project's own reports unless a file is named
    overrides = Path(args.overrides) if args.overrides else (
        paths.OVERRIDES if raw.resolve() == paths.RAW_DIR.resolve() else None)
    try:
        run = run_ingest(raw, out, jobs=args.jobs, progress=not args.quiet, overrides=overrides,
                         allow_empty=args.allow_empty)
    except (FileNotFoundError, ValueError, IngestRefused, TablesBusyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}; no table in {out} was left half-written", file=sys.stderr)
        return 2
    return _report_ingest(run, raw, out)


def _report_ingest(run: IngestRun, raw: Path, out: Path) -> int:
    """Summary on stdout; warnings, skipped and failed files on stderr, every name escaped."""
    from pipelines.extraction.ingest import REPORT_SUFFIXES, safe_name

    result = run.result
    if not run.written:
        print("error: no report could be read; tables left as they were", file=sys.stderr)
    mismatches = int((result.checks["status"] == "mismatch").sum())
    print(f"ingested {len(result.documents)} report(s): {len(result.facts)} facts, "
          f"{len(result.mentions)} numbers seen, {len(result.checks)} checks ({mismatches} mismatch) -> {out}")
    for doc in result.documents.itertuples():
        if doc.warnings:
            print(f"warning {safe_name(doc.path)}: {doc.warnings}", file=sys.stderr)
    for name in result.skipped:
        print(f"skipped {safe_name(str(raw / name))}: not a report file ({', '.join(REPORT_SUFFIXES)})",
              file=sys.stderr)
    for error in result.errors:
        print(f"FAILED {safe_name(error.path)}: {safe_name(error.reason)}", file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} report(s) could not be ingested; the others were written", file=sys.stderr)
        return 1
    return 0


def _add(args: argparse.Namespace) -> int:
    from pipelines.extraction import intake
    from pipelines.extraction.manifest import ManifestError, is_iso_date
    from pipelines.tables.regions import known_regions

    stated = intake.AddOptions(title=args.title, publisher=args.publisher, published=args.published,
                               region_id=args.region)
    if args.published and not is_iso_date(args.published):
        return _usage_error(f"--published {args.published!r} is not a YYYY-MM-DD date")
    if args.region and args.region not in known_regions():
        return _usage_error(f"--region {args.region!r} is not a region id of data/reference/")
    if len(args.sources) > 1 and (args.title or args.published):
        return _usage_error("--title and --published describe one report; add the others separately")
    try:
        if args.update:
            added, errors = intake.update_checksums(args.sources, Path(args.raw))
        else:
            added, errors = intake.add_reports(args.sources, Path(args.raw), stated,
                                               progress=len(args.sources) > 1 and not args.quiet)
    except ManifestError as exc:
        return _usage_error(str(exc))
    for item in added:
        row = item.row
        date = f"{row['published']} ({row['published_source']})" if row["published"] else "no date"
        print(f"{'updated' if args.update else 'added'} {item.path}: {row['doc_id']}, {date}, "
              f"{row['region_id'] or 'no region'}, sha256 {row['sha256'][:12]}…")
        for warning in item.warnings:
            print(f"warning {item.path}: {warning}", file=sys.stderr)
    for error in errors:
        print(f"FAILED {error.path!r}: {error.reason}", file=sys.stderr)
    return 1 if errors else 0


def _usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _check(args: argparse.Namespace) -> int:
    from pipelines.extraction.checks import format_checks
    from pipelines.tables.store import load

    try:
        checks = load("checks", Path(args.out))
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_checks(checks, args.all))
    return 1 if (checks["status"] == "mismatch").any() else 0


def run_review_export(processed: Path, out: Path, region: str = "all", below: float | None = None,
                      unreviewed: bool = False, lang: str = "vi") -> int:
    """``khuyencong review export``: write the workbook and say how many facts it holds."""
    from pipelines.extraction.review import export_review

    try:
        rows = export_review(processed, out, region, below, unreviewed, lang)
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    pending = int((rows["review_state"] == "unreviewed").sum())
    print(f"{len(rows)} fact(s) to review ({pending} unreviewed) -> {out}")
    return 0


def run_review_apply(workbook: Path, processed: Path, overrides: Path, reviewer: str = "",
                     today: object = None) -> int:
    """``khuyencong review apply``: every decision it added, or every problem and nothing written."""
    from pipelines.extraction.review import ReviewReadError, apply_review

    try:
        decisions = apply_review(workbook, processed, overrides, reviewer, today)
    except ReviewReadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if decisions.errors:
        for error in decisions.errors:
            print(f"refused {workbook}: {error}", file=sys.stderr)
        print(f"{workbook}: {len(decisions.errors)} problem(s); nothing was written", file=sys.stderr)
        return 1
    if not decisions.overrides:
        print(f"{workbook}: no row marked ok or changed; nothing to write")
        return 0
    for o in decisions.overrides:
        change = "confirmed" if o.is_confirmation else f"{o.field}: {o.previous!r} -> {o.value!r}"
        print(f"{o.doc_id}@{o.number_start} '{o.number_text}' {change} ({o.reviewer})")
    print(f"{decisions.confirmed} fact(s) confirmed, {decisions.corrected} corrected -> {overrides}; "
          "run `khuyencong ingest` to apply them")
    return 0


def _review_export(args: argparse.Namespace) -> int:
    return run_review_export(Path(args.processed), Path(args.out), region=args.region, below=args.below,
                             unreviewed=args.unreviewed, lang=args.lang)


def _review_apply(args: argparse.Namespace) -> int:
    return run_review_apply(Path(args.file), Path(args.processed), Path(args.overrides), reviewer=args.reviewer)


def _share(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not a confidence in (0, 1]")
    return value


def _add_review(sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser("review", help="export facts to a workbook for review, apply the reviewed workbook")
    actions = review.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write an .xlsx of facts, lowest confidence first")
    export.add_argument("--region", default="all", help="a region_id (its places included), or 'all' (default)")
    export.add_argument("--below", type=_share, default=None, help="only facts with confidence under X (0..1)")
    export.add_argument("--unreviewed", action="store_true", help="only facts nobody has confirmed or corrected")
    export.add_argument("--out", default="review.xlsx", help="workbook to write (default: %(default)s)")
    export.add_argument("--lang", default="vi", choices=("vi", "en"), help="column headers")
    export.set_defaults(func=_review_export)
    apply = actions.add_parser("apply", help="turn a reviewed workbook into confirmations and corrections")
    apply.add_argument("file", help="the reviewed .xlsx")
    apply.add_argument("--reviewer", default="", help="who reviewed, for rows whose reviewer cell is empty")
    apply.add_argument("--overrides", default=str(paths.OVERRIDES), help="file the decisions are added to "
                       "(default: %(default)s)")
    apply.set_defaults(func=_review_apply)
    for action in (export, apply):
        action.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="folder of the tables")


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


def _stop_on_sigterm() -> None:
    """A SIGTERM ends the command like Ctrl-C: workers, forge and kernels are stopped on the way out."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}")
    return int(value)


def _slides(args: argparse.Namespace) -> int:
    from pipelines.publishing import deck

    return _build("slides", lambda data, out, fmt: [deck.write_deck(data, out)], "pptx", args)


def _export(args: argparse.Namespace) -> int:
    from pipelines.publishing import export

    return _build("export", export.write_export, args.format, args)


def _build(kind: str, make: object, fmt: str, args: argparse.Namespace) -> int:
    """A deck or an export for each region: 0 done, 2 when it could not start."""
    from pipelines.publishing import build

    try:
        built = build.build_all(kind, make, args.region, args.lang, fmt, Path(args.out), args.processed,
                                force=args.force, progress=not args.quiet)
    except (ValueError, FileNotFoundError) as exc:
        print(f"khuyencong {kind}: {exc}", file=sys.stderr)
        return 2
    print(f"{kind}: {len(built.made)} file(s) written, {built.skipped} region(s) up to date → {built.out_dir}")
    return 0


def _publishing_options(command: argparse.ArgumentParser, out: Path) -> None:
    command.add_argument("--region", default="all", help="a region_id with figures, or 'all' (default): one file each")
    command.add_argument("--lang", default="vi", choices=("vi", "en"), help="language of the words (default: vi)")
    command.add_argument("--out", default=str(out), help="output folder, one sub-folder per language (default: %(default)s)")
    command.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="folder of the tables")
    command.add_argument("--force", action="store_true", help="remake even when nothing changed")
    command.add_argument("--quiet", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khuyencong",
        description="Turn khuyến công reports into traceable tables, analyses and charts.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    add = sub.add_parser("add", help="bring reports (files or http(s) addresses) into data/raw with their "
                         "manifest rows")
    add.add_argument("sources", nargs="+", metavar="PATH|URL", help="report files or web addresses")
    add.add_argument("--raw", default=str(paths.RAW_DIR), help="folder of raw reports (default: %(default)s)")
    add.add_argument("--title", default="", help="the headline, when the report's own is wrong")
    add.add_argument("--publisher", default="", help="site or publisher name")
    add.add_argument("--published", default="", help="date published, YYYY-MM-DD (recorded as manifest)")
    add.add_argument("--region", default="", help="region id the report is about")
    add.add_argument("--quiet", action="store_true", help="no progress bar")
    add.add_argument("--update", action="store_true",
                     help="record the current checksum of files already in the manifest (after a deliberate change)")
    add.set_defaults(func=_add)

    ingest = sub.add_parser("ingest", help="read data/raw and write the Parquet tables")
    ingest.add_argument("--raw", default=str(paths.RAW_DIR),
                        help="folder of reports: .txt, .html, .pdf, .docx (default: %(default)s)")
    ingest.add_argument("--out", default=str(paths.PROCESSED_DIR), help="folder for the tables (default: %(default)s)")
    ingest.add_argument("--jobs", type=_count, default=0,
                        help="worker processes (default: one per core; never more than the cores or the files)")
    ingest.add_argument("--allow-empty", action="store_true",
                        help="let a raw folder without reports empty existing tables (refused otherwise)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--overrides", default="", help="reviewed corrections (default: data/reference/overrides.csv "
                        "for data/raw, none for another folder)")
    ingest.set_defaults(func=_ingest)

    check = sub.add_parser("check", help="print the arithmetic cross-checks that do not add up")
    check.add_argument("--out", default=str(paths.PROCESSED_DIR), help="folder of the tables (default: %(default)s)")
    check.add_argument("--all", action="store_true", help="print every check, not only mismatches")
    check.set_defaults(func=_check)

    _add_review(sub)

    nb = sub.add_parser("notebooks", help="run the analysis notebooks per region with Papermill")
    nb.add_argument("--region", default="all",
                    help="a region id or name ('bac-ninh-2025', 'Lâm Đồng', 'lam dong'), or 'all' (default)")
    nb.add_argument("--units", default="2024", choices=UNITS, help="2024: the 63 provinces before 1 July 2025 "
                    "(default); 2025: the 34 units, former provinces counted in their unit (reports/units-2025/)")
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

    slides = sub.add_parser("slides", help="a PowerPoint deck per region: slides/<lang>/<region>.pptx")
    _publishing_options(slides, paths.SLIDES_DIR)
    slides.set_defaults(func=_slides)

    export = sub.add_parser("export", help="a region's figures, checks and reports for a spreadsheet")
    export.add_argument("--format", default="xlsx", choices=("xlsx", "csv"), help="one workbook, or one CSV per table")
    _publishing_options(export, paths.EXPORTS_DIR)
    export.set_defaults(func=_export)
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
