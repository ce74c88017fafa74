"""``khuyencong review export`` and ``review apply``: the figures to look at, and the answers kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines import paths


def workbook_words(lang: str) -> object:
    """The review workbook's words for codes in ``lang``: those of the charts and tables, a unit
    of 1 July 2025 formed from several provinces marked as such (its name is a former one's)."""
    from pipelines.analysis import labels
    from pipelines.review.overrides import region_ids
    from pipelines.review.words import Words
    from pipelines.tables import regions, schema

    known = regions.known_regions()
    names = regions.region_names(known)
    merged = {"vi": " (từ 1/7/2025)", "en": " (from 1 July 2025)"}[lang]
    vocab = {
        "measure": {m: labels.measure(m, lang) for m in schema.MEASURES},
        "program": {p: labels.program(p, lang) for p in schema.PROGRAMS},
        "activity": {a: labels.activity(a, lang) for a in schema.ACTIVITIES},
        "qualifier": {q: labels.t(f"qualifier.{q}", lang) if q else "" for q in schema.QUALIFIERS},
        "recognition_level": {r: labels.level(r, lang) if r else "" for r in schema.RECOGNITION_LEVELS},
        "region_id": {r: labels.region(r, lang, names) + (merged if r in known and known[r].level ==
                                                          regions.MERGED_LEVEL else "")
                      for r in regions.sort_regions(region_ids(), known)},
        "review_state": {s: labels.t(f"review.{s}", lang) for s in schema.REVIEW_STATES},
        "reason": {r: labels.reason(r, lang) for r in schema.MENTION_REASONS},
    }
    return Words(lang, vocab)


def run_review_export(processed: Path, out: Path, region: str = "all", below: float | None = None,
                      unreviewed: bool = False, lang: str = "vi") -> int:
    """``khuyencong review export``: write the workbook and say how many facts it holds."""
    from pipelines.review.session import export_review

    try:
        rows = export_review(processed, out, region, below, unreviewed, lang, workbook_words(lang))
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    pending = int((rows["review_state"] == "unreviewed").sum())
    print(f"{len(rows)} fact(s) to review ({pending} unreviewed) -> {out}")
    return 0


def run_review_apply(workbook: Path, processed: Path, overrides: Path, reviewer: str = "",
                     today: object = None) -> int:
    """``khuyencong review apply``: every decision it added, or every problem and nothing written."""
    from pipelines.review.session import ReviewReadError, apply_review

    try:
        decisions = apply_review(workbook, processed, overrides, reviewer, today, workbook_words)
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
        change = ("confirmed" if o.is_confirmation else "dropped: not a figure" if o.field == "drop"
                  else f"added: {o.value}" if o.field == "add" else f"{o.field}: {o.previous!r} -> {o.value!r}")
        print(f"{o.doc_id}@{o.number_start} '{o.number_text}' {change} ({o.reviewer})")
    print(f"{decisions.confirmed} fact(s) confirmed, {decisions.corrected} corrected, {decisions.dropped} dropped, "
          f"{decisions.added} added -> {overrides}; run `khuyencong ingest` to apply them")
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


def register(sub: argparse._SubParsersAction) -> None:
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
