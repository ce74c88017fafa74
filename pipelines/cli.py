"""The ``khuyencong`` command line: add, ingest, check, notebooks."""

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
    from pipelines.extraction.checks import run_check_command

    return run_check_command(Path(args.out), show_all=args.all)


def _notebooks(args: argparse.Namespace) -> int:
    from pipelines.running.batch import run_batch

    return run_batch(
        region=args.region,
        notebook=args.notebook,
        jobs=args.jobs,
        force=args.force,
        lang=args.lang,
        processed=Path(args.processed),
    )


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
    nb.set_defaults(func=_notebooks)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
