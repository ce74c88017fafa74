"""``khuyencong add``, ``ingest`` and ``check``: reports in, tables out, sums checked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import paths

if TYPE_CHECKING:
    from pipelines.ingest.run import IngestRun


def register(sub: argparse._SubParsersAction) -> None:
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


def _ingest(args: argparse.Namespace) -> int:
    from pipelines.ingest.run import IngestRefused, run_ingest
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
    from pipelines.ingest.run import REPORT_SUFFIXES, safe_name

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
    from pipelines.intake import add as intake
    from pipelines.intake.manifest import ManifestError, is_iso_date
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


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}")
    return int(value)
