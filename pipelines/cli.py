"""The ``khuyencong`` command line: ingest, check, notebooks, slides, export."""

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
    from pipelines.running.batch import run_batch

    return run_batch(
        region=args.region,
        notebook=args.notebook,
        jobs=args.jobs,
        force=args.force,
        lang=args.lang,
        processed=Path(args.processed),
    )


def _slides(args: argparse.Namespace) -> int:
    from pipelines.publishing import build, deck

    return build.build_all("slides", lambda data, out, fmt: [deck.write_deck(data, out)], args.region, args.lang,
                           "pptx", Path(args.out), args.processed, force=args.force, progress=not args.quiet)


def _export(args: argparse.Namespace) -> int:
    from pipelines.publishing import build, export

    return build.build_all("export", export.write_export, args.region, args.lang, args.format, Path(args.out),
                           args.processed, force=args.force, progress=not args.quiet)


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
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
