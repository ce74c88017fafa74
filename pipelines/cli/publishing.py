"""``khuyencong slides`` and ``export``: a deck and a spreadsheet per region."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines import paths
from pipelines.tables.regions import UNITS


def register(sub: argparse._SubParsersAction) -> None:
    slides = sub.add_parser("slides", help="a PowerPoint deck per region: slides/<lang>/<region>.pptx")
    _publishing_options(slides, paths.SLIDES_DIR)
    slides.set_defaults(func=_slides)

    export = sub.add_parser("export", help="a region's figures, checks and reports for a spreadsheet")
    export.add_argument("--format", default="xlsx", choices=("xlsx", "csv"), help="one workbook, or one CSV per table")
    _publishing_options(export, paths.EXPORTS_DIR)
    export.set_defaults(func=_export)


def _slides(args: argparse.Namespace) -> int:
    from pipelines.publishing import deck

    return _build("slides", lambda data, out, fmt: [deck.write_deck(data, out)], "pptx", args)


def _export(args: argparse.Namespace) -> int:
    from pipelines.publishing import export

    return _build("export", export.write_export, args.format, args)


def _build(kind: str, make: object, fmt: str, args: argparse.Namespace) -> int:
    """A deck or an export for each region: 0 done, 2 when it could not start."""
    from pipelines.publishing import build

    # the 2025 units go beside the 63 provinces' outputs, as the notebooks' do
    default = paths.SLIDES_DIR if kind == "slides" else paths.EXPORTS_DIR
    out = Path(args.out) if args.out else default if args.units == "2024" else default / f"units-{args.units}"
    out = out / "confirmed" if args.confirmed and not args.out else out  # beside the full version, never over it
    try:
        built = build.build_all(kind, make, args.region, args.lang, fmt, out, args.processed,
                                force=args.force, progress=not args.quiet, units=args.units,
                                confirmed=args.confirmed)
    except (ValueError, FileNotFoundError) as exc:
        print(f"khuyencong {kind}: {exc}", file=sys.stderr)
        return 2
    print(f"{kind}: {len(built.made)} file(s) written, {built.skipped} region(s) up to date → {built.out_dir}")
    return 0


def _publishing_options(command: argparse.ArgumentParser, out: Path) -> None:
    command.add_argument("--region", default="all", help="a region id or name with figures, or 'all' (default): "
                         "one file each")
    command.add_argument("--units", default="2024", choices=UNITS, help="2024: the 63 provinces before 1 July 2025 "
                         "(default); 2025: the 34 units, former provinces counted in their unit (<out>/units-2025/)")
    command.add_argument("--lang", default="vi", choices=("vi", "en"), help="language of the words (default: vi)")
    command.add_argument("--out", default="", help=f"output folder, one sub-folder per language (default: {out}, "
                         "units-2025/ inside it with --units 2025)")
    command.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="folder of the tables")
    command.add_argument("--force", action="store_true", help="remake even when nothing changed")
    command.add_argument("--confirmed", action="store_true", help="a conference version: confirmed and corrected "
                         "figures only, in <out>/confirmed/; a deck's title slide says what was left out")
    command.add_argument("--quiet", action="store_true", help="no progress bar")
