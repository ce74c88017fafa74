"""Run every analysis notebook for every region with Papermill, in parallel, skipping what is up to date.

The steps live in their own modules: ``plan`` (which runs, their parameters and
fingerprints), ``records`` (what a finished run leaves beside its outputs),
``execute`` (one run, and the pool), ``index`` (the pages around the reports)
and ``kernels`` (kernels forked from a warm process). ``run_batch`` puts them
together and returns what happened; the command line prints it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import paths
from pipelines.running import execute, index, records
from pipelines.running.execute import DEFAULT_TIMEOUT, Outcome
from pipelines.running.plan import KERNEL, BatchError, notebook_sources, plan, regions_with_facts, worker_count
from pipelines.tables import regions as reference

__all__ = ["BatchError", "BatchResult", "run_batch"]


@dataclass(frozen=True)
class BatchResult:
    outcomes: list[Outcome]
    index: Path
    seconds: float
    removed: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def write_sources(processed: Path, out_dir: Path, lang: str) -> None:
    """The proof sheet of every report, an anchor at each figure's sentence (see analysis.proof)."""
    from pipelines.analysis.report import write_sources as render
    from pipelines.tables.store import load_set

    tables = load_set(processed=processed)  # one set, never two
    render(tables["documents"], tables["facts"], paths.REPO_ROOT, out_dir, lang, tables["mentions"], tables["checks"])


def run_batch(region: str = "all", notebook: str = "all", jobs: int = 0, force: bool = False, lang: str = "vi",
              processed: Path | None = None, *, parameters: dict[str, object] | None = None,
              reports_dir: Path | None = None, figures_dir: Path | None = None, notebooks_dir: Path | None = None,
              reference_dir: Path | None = None, progress: bool = True, kernel_name: str = KERNEL,
              fork: bool = True, timeout: int = DEFAULT_TIMEOUT) -> BatchResult:
    """The ``khuyencong notebooks`` command. Raises BatchError, before anything runs, when the batch cannot start.

    Outputs go to ``reports/<lang>/<region>/`` and charts to ``figures/<lang>/<region>/``.
    """
    started = time.perf_counter()
    # absolute paths: kernels run in the notebooks' folder
    reports_dir = Path(reports_dir or paths.REPORTS_DIR).resolve()
    figures_dir = Path(figures_dir or paths.FIGURES_DIR).resolve()
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS_DIR).resolve()
    reference_dir = Path(reference_dir or paths.REFERENCE_DIR).resolve()
    processed = Path(processed or paths.PROCESSED_DIR).resolve()
    runs = plan(region, notebook, lang, processed, reports_dir, figures_dir, notebooks_dir, reference_dir, parameters)
    lang = runs[0].lang if runs else lang
    pending = [run for run in runs if force or not records.up_to_date(run)]
    outcomes = [Outcome(run, "skipped", 0.0) for run in runs if run not in pending]
    if pending:
        outcomes += execute.execute_all(pending, worker_count(jobs, len(pending)), progress=progress,
                                        kernel_name=kernel_name, fork=fork, timeout=timeout)
    known = reference.known_regions(reference_dir)
    units = str((parameters or {}).get("units", "2024"))
    removed = index.remove_stale(reports_dir / lang, figures_dir / lang, regions_with_facts(processed, known, units),
                                 list(notebook_sources(notebooks_dir)))
    page = reports_dir / lang / "index.html"
    sources = reports_dir / "sources"  # the report tables link each quote to its sentence there
    if pending or not sources.exists():
        write_sources(processed, sources, lang)
    if pending or removed or not page.exists():  # else the index already shows these very outputs
        index.write_index(reports_dir / lang, notebooks_dir, known, lang)
    return BatchResult(outcomes, page, time.perf_counter() - started, removed)
