"""``khuyencong ingest``: every report in a folder -> documents, facts, mentions, checks.

One bad file never stops the others: it is named with its problem in the summary
and the run ends non-zero, while every readable report is still written.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd
from tqdm import tqdm

from pipelines import paths
from pipelines.tables import schema
from pipelines.extraction.checks import checks_frame, document_checks
from pipelines.extraction.manifest import check_checksum, missing_files, read_manifest
from pipelines.extraction.metadata import document_meta, undated_warning
from pipelines.extraction.extract import extract_document
from pipelines.text.gazetteer import default_gazetteer
from pipelines.extraction.overrides import Override, apply_overrides, read_overrides
from pipelines.text.reading import BadInputError, read_report
from pipelines.tables.store import write_table

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
# columns of the contract that a rule fact has before review: no recognition level named,
# no confidence computed, nothing reviewed (a curated override marks its fact corrected)
FACT_DEFAULTS = {"recognition_level": "", "confidence": float("nan"), "evidence": "", "review_state": "unreviewed"}
PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves


@dataclass
class DocumentResult:
    file: str
    document: dict
    text: str
    facts: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)


@dataclass
class IngestResult:
    documents: pd.DataFrame
    facts: pd.DataFrame
    mentions: pd.DataFrame
    checks: pd.DataFrame
    texts: dict[str, str]
    errors: list[BadInputError]
    skipped: list[str]


def report_files(raw_dir: Path) -> tuple[list[Path], list[str]]:
    """The reports to ingest, in a stable order, and the other files passed over."""
    files, skipped = [], []
    for path in sorted(raw_dir.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name == paths.MANIFEST.name:
            continue
        if path.suffix.lower() in REPORT_SUFFIXES:
            files.append(path)
        else:
            skipped.append(path.name)
    return files, skipped


def process_file(path: Path, raw_dir: Path, manifest_row: Optional[dict[str, str]],
                 overrides: Optional[dict[str, list[Override]]] = None) -> DocumentResult:
    """Read, describe and extract one report (runs in a worker process)."""
    gazetteer = default_gazetteer()
    decoded = read_report(path)  # raises BadInputError with the file and cause
    sha256 = decoded.sha256
    check_checksum(path, manifest_row, sha256)
    meta = document_meta(decoded.text, gazetteer, manifest_row, decoded.page)
    warnings = list(decoded.warnings) + list(meta.warnings)
    extraction = extract_document(meta.doc_id, decoded.text, meta.region_id, gazetteer, meta.year, meta.published)
    warnings += undated_warning(extraction.mentions)
    warnings += apply_overrides(extraction.facts, (overrides or {}).get(meta.doc_id, []))
    document = {
        "doc_id": meta.doc_id,
        "path": _display_path(path),
        "sha256": sha256,
        "title": meta.title,
        "published": meta.published,
        "region_id": meta.region_id,
        "n_chars": len(decoded.text),
        "published_source": meta.published_source,
        "source_url": meta.source_url,
        "publisher": meta.publisher,
        "received": meta.received,
        "encoding": decoded.encoding,
        "warnings": "; ".join(warnings),
        "metadata_source": meta.source,
    }
    checks = document_checks(extraction.facts)  # per report, so it runs in the workers too
    return DocumentResult(path.name, document, decoded.text, extraction.facts, extraction.mentions, checks)


def _display_path(path: Path) -> str:
    """Path relative to the repository root when inside it, else as given."""
    try:
        return path.resolve().relative_to(paths.REPO_ROOT.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _worker(args: tuple) -> DocumentResult | BadInputError:
    try:
        return process_file(*args)
    except BadInputError as exc:
        return exc
    except Exception as exc:  # a bug on one report must not hide the others
        return BadInputError(args[0], f"could not be processed ({type(exc).__name__}: {exc})")


def ingest(raw_dir: Path, jobs: int = 0, progress: bool = False, overrides: Optional[Path] = None) -> IngestResult:
    """Ingest every report in ``raw_dir``; nothing is written here. ``overrides`` is a
    file of reviewed corrections (see pipelines.extraction.overrides); without it, the rules alone."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder of reports")
    manifest = read_manifest(raw_dir / paths.MANIFEST.name)
    reviewed = read_overrides(overrides)
    files, skipped = report_files(raw_dir)
    tasks = [(path, raw_dir, manifest.get(path.name), reviewed) for path in files]
    jobs = jobs or os.cpu_count() or 1
    outcomes: Iterable[DocumentResult | BadInputError]
    bar = dict(total=len(tasks), desc="ingest", unit="report", disable=not progress, file=sys.stderr)
    if jobs > 1 and len(tasks) >= PARALLEL_MIN_FILES:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outcomes = list(tqdm(pool.map(_worker, tasks, chunksize=max(1, len(tasks) // (jobs * 8))), **bar))
    else:
        outcomes = [_worker(task) for task in tqdm(tasks, **bar)]
    results = [o for o in outcomes if isinstance(o, DocumentResult)]
    errors = [o for o in outcomes if isinstance(o, BadInputError)] + missing_files(manifest, raw_dir)
    _unique_doc_ids(results)
    return _assemble(results, errors, skipped)


def _unique_doc_ids(results: list[DocumentResult]) -> None:
    """Two reports that infer the same doc_id get -2, -3 … in file-name order."""
    seen: dict[str, int] = {}
    for result in results:
        doc_id = result.document["doc_id"]
        seen[doc_id] = seen.get(doc_id, 0) + 1
        if seen[doc_id] == 1:
            continue
        new_id = f"{doc_id}-{seen[doc_id]}"
        result.document["doc_id"] = new_id
        for row in result.facts + result.mentions + result.checks:
            row["doc_id"] = new_id
            for key in ("fact_id", "mention_id", "group_id", "check_id"):
                if row.get(key, "").startswith(f"{doc_id}:"):
                    row[key] = new_id + row[key][len(doc_id):]
            if "fact_ids" in row:
                row["fact_ids"] = ",".join(new_id + f[len(doc_id):] if f.startswith(f"{doc_id}:") else f
                                           for f in row["fact_ids"].split(","))


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    columns = schema.TABLES[table].names
    return pd.DataFrame(rows, columns=columns)


def _assemble(results: list[DocumentResult], errors: list[BadInputError], skipped: list[str]) -> IngestResult:
    documents = _frame([r.document for r in results], "documents").sort_values("doc_id", ignore_index=True)
    facts = _frame([{**FACT_DEFAULTS, **f} for r in results for f in r.facts], "facts")
    facts = facts.sort_values(["doc_id", "number_start"], ignore_index=True)
    mentions = _frame([m for r in results for m in r.mentions], "mentions")
    mentions = mentions.sort_values(["doc_id", "char_start"], ignore_index=True)
    texts = {r.document["doc_id"]: r.text for r in results}
    checks = checks_frame([c for r in results for c in r.checks])
    return IngestResult(documents, facts, mentions, checks, texts, errors, skipped)


def write_outputs(result: IngestResult, out_dir: Path) -> None:
    """Validate and write every table; a table that breaks the contract is not written."""
    write_table(result.documents, "documents", out_dir)
    write_table(result.facts, "facts", out_dir, texts=result.texts)
    write_table(result.mentions, "mentions", out_dir)
    write_table(result.checks, "checks", out_dir)


def run_ingest(raw_dir: Path, out_dir: Path, jobs: int = 0, progress: bool = True,
               overrides: Optional[Path] = None) -> int:
    """The CLI command: ingest, write, print a summary; non-zero if any report failed."""
    try:
        result = ingest(raw_dir, jobs=jobs, progress=progress, overrides=overrides)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if result.documents.empty and result.errors:
        print("error: no report could be read; tables left as they were", file=sys.stderr)
    else:
        write_outputs(result, out_dir)
    mismatches = int((result.checks["status"] == "mismatch").sum()) if len(result.checks) else 0
    print(
        f"ingested {len(result.documents)} report(s): {len(result.facts)} facts, "
        f"{len(result.mentions)} numbers seen, {len(result.checks)} checks ({mismatches} mismatch) -> {out_dir}"
    )
    for doc in result.documents.itertuples():
        if doc.warnings:
            print(f"warning {doc.path}: {doc.warnings}", file=sys.stderr)
    for name in result.skipped:
        print(f"skipped {raw_dir / name}: not a report file ({', '.join(REPORT_SUFFIXES)})", file=sys.stderr)
    for error in result.errors:
        print(f"FAILED {error.path}: {error.reason}", file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} report(s) could not be ingested; the others were written", file=sys.stderr)
        return 1
    return 0
