"""``khuyencong ingest``: every report in a folder -> documents, facts, mentions, checks.

Two phases, both in worker processes. First each report is read and described
(title, date, region, year and the doc_id it asks for); then the main process
makes the doc_ids unique across the run (in file-name order, ``-2``, ``-3`` …
for repeats, never taking an id another report has), and each report is
extracted under its final id, so no id is rewritten afterwards.

One bad file never stops the others: it is named with its problem and the run
ends non-zero, while every readable report is still written. A file whose name
is not valid UTF-8 or holds control characters (a newline could forge a log
line) is refused under an escaped name; a link leading out of the raw folder is
refused. The four tables are replaced together (``pipelines.tables.store``), and
an empty raw folder does not empty existing tables unless asked. Workers never
outnumber the cores or the files, and die with the ingest that started them.
Printing and exit codes belong to ``pipelines.cli``.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import signal
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pandas as pd
from tqdm import tqdm

from pipelines import paths
from pipelines.extraction.checks import checks_frame, document_checks
from pipelines.intake.manifest import check_checksum, missing_files, read_manifest
from pipelines.extraction.extract import extract_dated
from pipelines.intake.metadata import DocumentMeta, document_meta, undated_warning
from pipelines.extraction.trust import ReportContext, rescore
from pipelines.review.overrides import Override, apply_overrides, read_overrides
from pipelines.tables import schema
from pipelines.tables.lock import tables_lock
from pipelines.tables.store import SupersededError, check_out_dir, stored_rows, write_tables
from pipelines.text.gazetteer import default_gazetteer
from pipelines.text.limits import report_budget
from pipelines.text.reading import BadInputError, DecodedReport, read_report

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves
_PR_SET_PDEATHSIG = 1  # prctl option from <linux/prctl.h>


@dataclass(frozen=True)
class ReportFile:
    name: str  # as listed in the raw folder: the manifest key
    path: Path  # in the raw folder, as shown in the documents table and in messages
    source: Path  # what is opened: the file itself, or the target of a link inside the raw folder


@dataclass
class DescribedReport:
    file: ReportFile
    decoded: DecodedReport
    meta: DocumentMeta
    warnings: list[str]


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


@dataclass
class IngestRun:
    result: IngestResult
    written: bool  # False when no report could be read and the tables were left as they were


class IngestRefused(Exception):
    """The run would lose data (an empty raw folder over existing tables); nothing was written."""


def safe_name(name: str) -> str:
    """``name`` as it can be printed: unchanged when printable, else escaped (its bytes when
    it is not valid UTF-8), so a file name can never forge a line of output."""
    if name.isprintable():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return repr(os.fsencode(name))[1:]
    return repr(name)


def report_files(raw_dir: Path) -> tuple[list[ReportFile], list[str], list[BadInputError]]:
    """The reports to ingest in file-name order, the other files passed over, and the
    files refused for their name or for leading out of the folder."""
    files, skipped, refused = [], [], []
    for name in sorted(os.listdir(raw_dir)):
        if name.startswith(".") or name == paths.MANIFEST.name:
            continue
        if Path(name).suffix.lower() not in REPORT_SUFFIXES:
            skipped.append(name)
            continue
        try:
            files.append(_report_file(raw_dir, name))
        except BadInputError as exc:
            refused.append(exc)
    return files, skipped, refused


def _report_file(raw_dir: Path, name: str) -> ReportFile:
    path = raw_dir / name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInputError(raw_dir / safe_name(name), "file name is not valid UTF-8; rename the file") from None
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise BadInputError(raw_dir / safe_name(name),
                            "file name holds control characters (such as a newline); rename the file")
    if not path.is_symlink():
        return ReportFile(name, path, path)
    target = path.resolve()
    if not target.is_relative_to(raw_dir.resolve()):
        raise BadInputError(path, f"is a link to {safe_name(str(target))}, outside the raw folder; refused")
    return ReportFile(name, path, target)


def worker_count(requested: int, n_files: int) -> int:
    """Worker processes: as asked (0 = one per core), never more than the cores or the files."""
    cores = os.cpu_count() or 1
    return max(1, min(requested or cores, cores, n_files))


def describe_report(file: ReportFile, manifest_row: Optional[dict[str, str]]) -> DescribedReport:
    """Read one report and state its metadata (runs in a worker process)."""
    decoded = read_report(file.source)  # raises BadInputError with the file and cause
    check_checksum(file.path, manifest_row, decoded.sha256)
    meta = document_meta(decoded.text, default_gazetteer(), manifest_row, decoded.page)
    warnings = list(decoded.warnings) + list(meta.warnings)
    return DescribedReport(file, decoded, meta, warnings)


def assign_doc_ids(reports: list[DescribedReport]) -> None:
    """Make every doc_id unique across the run: a repeat gets -2, -3 … in file-name order,
    skipping ids that another report already has."""
    taken = {report.meta.doc_id for report in reports}
    first_seen: set[str] = set()
    for report in reports:
        asked = report.meta.doc_id
        if asked not in first_seen:
            first_seen.add(asked)
            continue
        n = 2
        while f"{asked}-{n}" in taken:
            n += 1
        taken.add(f"{asked}-{n}")
        report.meta = dataclasses.replace(report.meta, doc_id=f"{asked}-{n}")


def extract_report(file: ReportFile, report: DescribedReport, overrides: list[Override]) -> DocumentResult:
    """Extract one described report under its final doc_id (runs in a worker process)."""
    meta, text = report.meta, report.decoded.text
    gazetteer = default_gazetteer()
    # place names are read by the period of each figure: the 2025 units from July 2025
    extraction, region_id = extract_dated(meta.doc_id, text, meta.region_id, gazetteer, meta.year, meta.published)
    warnings = report.warnings + undated_warning(extraction.mentions)
    # reviewed decisions: drops and additions change the mentions too; checks run after them
    warnings += apply_overrides(extraction.facts, overrides, extraction.mentions, text)
    document = {
        "doc_id": meta.doc_id,
        "path": _display_path(file.path),
        "sha256": report.decoded.sha256,
        "title": meta.title,
        "published": meta.published,
        "region_id": region_id,
        "n_chars": len(text),
        "published_source": meta.published_source,
        "source_url": meta.source_url,
        "publisher": meta.publisher,
        "received": meta.received,
        "encoding": report.decoded.encoding,
        "warnings": "; ".join(warnings),
        "metadata_source": meta.source,
        "region_source": meta.region_source,
    }
    checks = document_checks(extraction.facts)  # per report, so it runs in the workers too
    mismatched = frozenset(i for c in checks if c["status"] == "mismatch" for i in c["fact_ids"].split(","))
    rescore(extraction.facts, ReportContext(meta.region_source, mismatched))
    return DocumentResult(file.name, document, text, extraction.facts, extraction.mentions, checks)


def _display_path(path: Path) -> str:
    """Path relative to the repository root when inside it, else as given (a link keeps its own name)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(paths.REPO_ROOT.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


Job = tuple[Callable[..., Any], ReportFile, tuple[Any, ...]]


def _isolated(job: Job) -> Any:
    """Run one step on one report; its failure comes back as a BadInputError naming the file."""
    step, file, args = job
    try:
        with report_budget(file.path):  # one report's time and memory; over it, refused by name
            return step(file, *args)
    except BadInputError as exc:
        return exc
    except Exception as exc:  # a bug on one report must not hide the others
        return BadInputError(file.path, f"could not be processed ({type(exc).__name__}: {exc})")


def _exit_with_parent(parent: int) -> None:
    """Worker start: on Linux the kernel kills this worker when the ingest that started it
    dies, even by SIGKILL, so a killed run leaves no workers behind."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


@contextmanager
def _runner(workers: int, n_files: int, progress: bool) -> Iterator[Callable[[str, list[Job]], list[Any]]]:
    """A function running jobs in worker processes (or here, for few files), one pool for all phases."""
    pool = (ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),))
            if workers > 1 and n_files >= PARALLEL_MIN_FILES else None)

    def run(phase: str, jobs: list[Job]) -> list[Any]:
        outcomes = (pool.map(_isolated, jobs, chunksize=max(1, len(jobs) // (workers * 8))) if pool
                    else map(_isolated, jobs))
        bar = tqdm(outcomes, total=len(jobs), desc=phase, unit="report", disable=not progress, file=sys.stderr)
        return list(bar)

    try:
        yield run
    finally:
        if pool is not None:
            pool.shutdown()


def ingest(raw_dir: Path, jobs: int = 0, progress: bool = False, overrides: Optional[Path] = None) -> IngestResult:
    """Ingest every report in ``raw_dir``; nothing is written here. ``overrides`` is a
    file of reviewed corrections (see pipelines.review.overrides); without it, the rules alone."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder of reports")
    manifest = read_manifest(raw_dir / paths.MANIFEST.name)
    reviewed = read_overrides(overrides)
    files, skipped, refused = report_files(raw_dir)
    with _runner(worker_count(jobs, len(files)), len(files), progress) as run:
        read = run("read", [(describe_report, f, (manifest.get(f.name),)) for f in files])
        described = [o for o in read if isinstance(o, DescribedReport)]
        assign_doc_ids(described)
        extracted = run("extract", [(extract_report, d.file, (d, reviewed.get(d.meta.doc_id, [])))
                                    for d in described])
    results = [o for o in extracted if isinstance(o, DocumentResult)]
    errors = refused + missing_files(manifest, raw_dir) + [o for o in read + extracted if isinstance(o, BadInputError)]
    return _assemble(results, sorted(errors, key=lambda e: e.path), skipped)


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    columns = schema.TABLES[table].names
    return pd.DataFrame(rows, columns=columns)


def _assemble(results: list[DocumentResult], errors: list[BadInputError], skipped: list[str]) -> IngestResult:
    documents = _frame([r.document for r in results], "documents").sort_values("doc_id", ignore_index=True)
    # a rule fact before review has the optional columns' empty values (a curated override sets its own)
    facts = _frame([{**schema.OPTIONAL_COLUMNS["facts"], **f} for r in results for f in r.facts], "facts")
    facts = facts.sort_values(["doc_id", "number_start"], ignore_index=True)
    mentions = _frame([m for r in results for m in r.mentions], "mentions")
    mentions = mentions.sort_values(["doc_id", "char_start"], ignore_index=True)
    texts = {r.document["doc_id"]: r.text for r in results}
    checks = checks_frame([c for r in results for c in r.checks])
    return IngestResult(documents, facts, mentions, checks, texts, errors, skipped)


def write_outputs(result: IngestResult, out_dir: Path, started: int | None = None) -> None:
    """Validate the four tables, then replace them together; if one breaks the contract,
    none is written (see pipelines.tables.store)."""
    frames = {"documents": result.documents, "facts": result.facts,
              "mentions": result.mentions, "checks": result.checks}
    write_tables(frames, out_dir, texts=result.texts, started=started)


def run_ingest(raw_dir: Path, out_dir: Path, jobs: int = 0, progress: bool = True,
               overrides: Optional[Path] = None, allow_empty: bool = False) -> IngestRun:
    """Ingest ``raw_dir`` and replace the tables in ``out_dir``. When no report could be read
    the tables stay as they were; an empty raw folder over existing tables raises
    IngestRefused unless ``allow_empty``. Bad folders, manifests and override files raise
    before anything is written (FileNotFoundError, ValueError), as do TablesBusyError
    and TableValidationError from the store."""
    check_out_dir(out_dir)  # never the root or a system folder, checked before any work
    started = time.time_ns()  # a run that started later and finished first keeps its set
    result = ingest(raw_dir, jobs=jobs, progress=progress, overrides=overrides)
    if result.documents.empty and result.errors:
        return IngestRun(result, written=False)
    with tables_lock(out_dir):
        existing = stored_rows("documents", out_dir)
        if result.documents.empty and existing and not allow_empty:
            raise IngestRefused(f"{raw_dir} holds no report to ingest; the {existing} report(s) in {out_dir} "
                                "were left as they were (--allow-empty to empty the tables)")
        try:
            write_outputs(result, out_dir, started)
        except SupersededError as exc:
            raise IngestRefused(str(exc)) from None
    return IngestRun(result, written=True)
