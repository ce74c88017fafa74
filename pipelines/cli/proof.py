"""``khuyencong proof DOC_ID|PATH``: one report's proof sheet, written and, if asked, opened."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines import paths


def register(sub: argparse._SubParsersAction) -> None:
    proof = sub.add_parser("proof", help="write (and --open) the proof sheet of one report: its text with every "
                           "number marked and read out, the figures worth a look first")
    proof.add_argument("report", metavar="DOC_ID|PATH", help="a doc_id of the documents table, or the report's file")
    proof.add_argument("--out", default=str(paths.REPORTS_DIR / "sources"), help="folder (default: %(default)s)")
    proof.add_argument("--lang", default="vi", choices=("vi", "en"), help="language of the readings")
    proof.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="folder of the tables")
    proof.add_argument("--open", action="store_true", help="open the page in the browser")
    proof.set_defaults(func=_proof)


def find_document(report: str, documents: object) -> str:
    """The doc_id ``report`` names: a doc_id, or the path of a report file in the tables."""
    if report in set(documents["doc_id"]):
        return report
    target = Path(report).resolve()
    for doc_id, path in zip(documents["doc_id"], documents["path"]):
        if (paths.REPO_ROOT / path).resolve() == target:
            return doc_id
    raise ValueError(f"{report!r} is neither a doc_id nor the file of a report in the tables; ingest it first "
                     f"(doc_ids: {', '.join(sorted(documents['doc_id'])[:8])}{' …' if len(documents) > 8 else ''})")


def _proof(args: argparse.Namespace) -> int:
    from pipelines.analysis.report import write_sources
    from pipelines.tables.store import load

    processed = Path(args.processed)
    try:
        documents = load("documents", processed)
        doc_id = find_document(args.report, documents)
        pages = write_sources(documents, load("facts", processed), paths.REPO_ROOT, Path(args.out), args.lang,
                              load("mentions", processed, missing_ok=True), load("checks", processed), only=doc_id)
    except (ValueError, FileNotFoundError) as exc:
        print(f"khuyencong proof: {exc}", file=sys.stderr)
        return 2
    if not pages:
        print(f"khuyencong proof: the raw file of {doc_id} is missing", file=sys.stderr)
        return 2
    print(f"proof sheet: {pages[0]}")
    if args.open:
        import webbrowser

        webbrowser.open(pages[0].resolve().as_uri())
    return 0
