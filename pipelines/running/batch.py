"""Run every analysis notebook for every region with Papermill, in parallel, skipping what is up to date.

Each run (notebook × region) executes in a fresh kernel driven by a worker
process of a pool; a failing run is reported and the others carry on. Kernels
are forked from a process that has already imported what the notebooks use
(see ``pipelines.running.kernels``), which saves each run a Python start-up and the imports
of ipykernel, pandas and matplotlib. Next to
each executed notebook a small ``.run.json`` records a fingerprint of what the
run read (notebook, parameters, tables, reference data, ``pipelines/*.py``):
when it is unchanged the run is skipped. Deciding that needs no Papermill, no
pandas and no kernel, so a batch with nothing to do takes well under a second.
"""

from __future__ import annotations

import ast
import hashlib
import html
import json
import os
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

from pipelines.tables import regions as reference
from pipelines.tables.store import table_path
from pipelines.running import kernels
from pipelines.analysis import labels
from pipelines import paths

KERNEL = "python3"
NOTEBOOK_CODE = ("analysis", "tables")  # sub-packages whose code a notebook run executes


class BatchError(ValueError):
    """A batch that cannot start: the message says what is wrong and lists the valid values."""


@dataclass(frozen=True)
class Run:
    notebook: str
    region: str
    source: Path
    parameters: dict[str, object]
    output: Path  # reports/<region>/<notebook>.ipynb
    fingerprint: str

    @property
    def html(self) -> Path:
        return self.output.with_suffix(".html")

    @property
    def sidecar(self) -> Path:
        return self.output.with_suffix(".run.json")


@dataclass(frozen=True)
class Outcome:
    run: Run
    status: str  # ok, skipped or failed
    seconds: float
    detail: str = ""


def notebook_sources(notebooks_dir: Path) -> dict[str, Path]:
    """The analysis notebooks: those with a cell tagged ``parameters`` (``explore`` is for people, not the batch)."""
    return {path.stem: path for path in sorted(notebooks_dir.glob("*.ipynb")) if notebook_parameters(path)}


def notebook_parameters(path: Path) -> dict[str, object]:
    """The names and defaults in the cell tagged ``parameters``, read without Papermill.

    Agrees with ``papermill.inspect_notebook`` (a test checks it) at a fraction of its import time.
    """
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            found: dict[str, object] = {}
            for node in ast.parse(source).body:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
                for target in targets:
                    if isinstance(target, ast.Name) and node.value is not None:
                        found[target.id] = ast.literal_eval(node.value)
            return found
    return {}


def select_notebooks(notebook: str, notebooks_dir: Path) -> dict[str, Path]:
    available = notebook_sources(notebooks_dir)
    if notebook == "all":
        if not available:
            raise BatchError(f"no notebooks in {notebooks_dir}")
        return available
    name = notebook.removesuffix(".ipynb")
    if name not in available:
        raise BatchError(f"unknown notebook {notebook!r}; valid: all, {', '.join(available)}")
    return {name: available[name]}


def select_regions(region: str, processed: Path, known: dict[str, reference.Region]) -> list[str]:
    """``all``: every region with figures after roll-up; else one known region id."""
    if not table_path("facts", processed).exists():
        raise BatchError(f"{table_path('facts', processed)} does not exist; run `khuyencong ingest` first")
    if region == "all":
        return regions_with_facts(processed, known)
    try:
        reference.check_region(region, known)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    return [region]


def regions_with_facts(processed: Path, known: dict[str, reference.Region]) -> list[str]:
    """Every region that has figures once provinces roll up into their region and the country."""
    import pyarrow.parquet as pq

    # ParquetFile, not read_table: read_table imports pyarrow.dataset and pandas, a third of a second
    path = table_path("facts", processed)
    stated = set(pq.ParquetFile(path).read(columns=["region_id"]).column("region_id").to_pylist())
    rolled = {region for region_id in stated if region_id for region in reference.ancestors(region_id, known)}
    return reference.sort_regions(rolled, known)


def check_parameters(parameters: dict[str, object], notebooks: dict[str, Path]) -> None:
    """Every parameter must exist in every selected notebook: Papermill itself would only warn."""
    for name, path in notebooks.items():
        declared = notebook_parameters(path)
        unknown = [p for p in parameters if p not in declared]
        if unknown:
            raise BatchError(f"unknown parameter {', '.join(map(repr, unknown))} for notebook {name}; "
                             f"valid: {', '.join(declared) or '(none: no cell tagged parameters)'}")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_digests(processed: Path, reference_dir: Path) -> dict[str, str]:
    """What every run reads besides its notebook: the tables, the reference data and the pipeline code."""
    files = sorted(processed.glob("*.parquet")) + sorted(reference_dir.glob("*.csv"))
    package = Path(__file__).parent.parent
    # the code a notebook run executes: the analysis and the tables it loads, not the extraction rules
    code = sorted(p for folder in NOTEBOOK_CODE for p in (package / folder).glob("*.py")) + [package / "paths.py"]
    found = {f"data/{p.name}": digest(p) for p in files}
    found["pipelines"] = hashlib.sha256(
        "".join(f"{p.relative_to(package).as_posix()}:{digest(p)}" for p in code).encode()).hexdigest()
    return found


def fingerprint(source: Path, parameters: dict[str, object], inputs: dict[str, str]) -> str:
    blob = json.dumps({"notebook": digest(source), "parameters": parameters, "inputs": inputs}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def plan(region: str, notebook: str, lang: str, processed: Path, reports_dir: Path, figures_dir: Path,
         notebooks_dir: Path, reference_dir: Path, extra: dict[str, object] | None = None) -> list[Run]:
    """Every run of the batch, after checking all its parameters; raises BatchError on the first problem."""
    try:
        labels.check_lang(lang)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    notebooks = select_notebooks(notebook, notebooks_dir)
    known = reference.known_regions(reference_dir)
    regions = select_regions(region, processed, known)
    base = {"lang": lang, "processed_dir": str(processed), "figures_dir": str(figures_dir), **(extra or {})}
    check_parameters({"region": region, **base}, notebooks)
    inputs = input_digests(processed, reference_dir)
    runs = []
    for region_id in regions:
        for name, source in notebooks.items():
            parameters = {"region": region_id, **base}
            runs.append(Run(name, region_id, source, parameters, reports_dir / region_id / f"{name}.ipynb",
                            fingerprint(source, parameters, inputs)))
    return runs


def up_to_date(run: Run) -> bool:
    """The last run succeeded with the same fingerprint and its outputs are still there."""
    try:
        record = json.loads(run.sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return record.get("fingerprint") == run.fingerprint and run.output.exists() and run.html.exists()


def record(outcome: Outcome) -> None:
    """Write the sidecar of a successful run; forget a failed run's so it reruns next time."""
    run = outcome.run
    if outcome.status == "ok":
        run.sidecar.write_text(json.dumps({
            "fingerprint": run.fingerprint, "notebook": run.notebook, "region": run.region,
            "parameters": run.parameters, "seconds": round(outcome.seconds, 2),
            "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    elif outcome.status == "failed":
        run.sidecar.unlink(missing_ok=True)
        run.html.unlink(missing_ok=True)


# --- worker side: imports Papermill once per process --------------------------------------


def _warm_worker() -> None:
    """Pay the imports once per worker, not once per run."""
    import papermill  # noqa: F401

    _html_exporter()


def execute(run: Run, kernel_name: str = KERNEL) -> Outcome:
    """Execute one notebook in a fresh kernel and export it to HTML with the code hidden."""
    import subprocess

    import papermill as pm

    started = time.perf_counter()
    run.output.parent.mkdir(parents=True, exist_ok=True)
    km = kernels.kernel_manager(kernel_name)
    try:
        km.start_kernel(cwd=str(run.source.parent), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        extra_arguments=["--HistoryManager.hist_file=:memory:"])
        pm.execute_notebook(str(run.source), str(run.output), parameters=run.parameters, kernel_name=kernel_name,
                            km=km, progress_bar=False, cwd=str(run.source.parent),
                            request_save_on_cell_execute=False)  # one write at the end, not one per cell
    except pm.PapermillExecutionError as exc:
        evalue = (exc.evalue or "").strip().splitlines()
        where = f"In [{exc.exec_count}] (cell {exc.cell_index + 1} of the executed notebook)"
        return Outcome(run, "failed", time.perf_counter() - started,
                       f"{where}: {exc.ename}: {evalue[0] if evalue else ''} → {run.output}")
    except Exception as exc:  # a kernel that dies or a notebook that cannot be read fails this run only
        return Outcome(run, "failed", time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    export_html(run.output, run.html)
    return Outcome(run, "ok", time.perf_counter() - started)


@lru_cache(maxsize=1)
def _html_exporter() -> object:
    from nbconvert import HTMLExporter

    return HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def export_html(notebook: Path, target: Path) -> None:
    """An HTML copy for readers: outputs only, no code, no prompts."""
    import nbformat

    body, _ = _html_exporter().from_notebook_node(nbformat.read(notebook, as_version=4))
    target.write_text(body, encoding="utf-8")


# --- main side ----------------------------------------------------------------------------


def execute_all(runs: list[Run], jobs: int, progress: bool = True, kernel_name: str = KERNEL,
                forge: bool = True) -> list[Outcome]:
    """Run in a pool of worker processes; each outcome is recorded as soon as it arrives.

    With ``forge`` the kernels are forked from a process that has the notebooks' imports done.
    """
    outcomes: list[Outcome] = []
    with kernels.forge(enabled=forge):
        _run_pool(runs, jobs, progress, kernel_name, outcomes)
    return outcomes


def _run_pool(runs: list[Run], jobs: int, progress: bool, kernel_name: str, outcomes: list[Outcome]) -> None:
    from concurrent.futures import as_completed

    from tqdm import tqdm

    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(runs))), mp_context=get_context("fork"),
                             initializer=_warm_worker) as pool:
        futures: dict[Future, Run] = {pool.submit(execute, run, kernel_name): run for run in runs}
        with tqdm(total=len(runs), unit="run", desc="notebooks", disable=not progress, file=sys.stderr) as bar:
            for future in as_completed(futures):
                run = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # the worker process itself died
                    outcome = Outcome(run, "failed", 0.0, f"{type(exc).__name__}: {exc}")
                record(outcome)
                outcomes.append(outcome)
                bar.set_postfix_str(f"{run.region}/{run.notebook} {outcome.status}")
                bar.update()


def summary(outcomes: list[Outcome]) -> str:
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


def write_index(reports_dir: Path, known: dict[str, reference.Region], lang: str = "vi") -> Path:
    """``reports/index.html`` linking every region's reports, with when and how each run ended."""
    names = reference.region_names(known)
    sections = []
    folders = [p for p in reports_dir.iterdir() if p.is_dir()] if reports_dir.exists() else []
    for region_id in reference.sort_regions([p.name for p in folders], known):
        items = []
        for notebook in sorted((reports_dir / region_id).glob("*.ipynb")):
            sidecar = notebook.with_suffix(".run.json")
            page = notebook.with_suffix(".html")
            if sidecar.exists() and page.exists():
                info = json.loads(sidecar.read_text(encoding="utf-8"))
                items.append(f'<li><a href="{region_id}/{page.name}">{html.escape(notebook.stem)}</a>'
                             f' <small>{info["finished"]}, {info["seconds"]}s</small></li>')
            else:
                items.append(f'<li><a href="{region_id}/{notebook.name}">{html.escape(notebook.stem)}</a>'
                             ' <small>failed: see the executed notebook</small></li>')
        title = html.escape(labels.region(region_id, lang, names))
        sections.append(f"<h2>{title} <small>({region_id})</small></h2>\n<ul>\n" + "\n".join(items) + "\n</ul>")
    page = ("<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Khuyến công – báo cáo</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}small{color:#777}</style></head>\n"
            "<body><h1>Khuyến công – báo cáo theo khu vực</h1>\n" + "\n".join(sections) + "\n</body></html>\n")
    reports_dir.mkdir(parents=True, exist_ok=True)
    index = reports_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def run_batch(region: str = "all", notebook: str = "all", jobs: int = 0, force: bool = False, lang: str = "vi",
              processed: Path | None = None, *, parameters: dict[str, object] | None = None,
              reports_dir: Path | None = None, figures_dir: Path | None = None, notebooks_dir: Path | None = None,
              reference_dir: Path | None = None, progress: bool = True, kernel_name: str = KERNEL) -> int:
    """The ``khuyencong notebooks`` command: 0 when every run succeeded or was up to date, 1 if any failed,
    2 when the batch could not start."""
    started = time.perf_counter()
    # absolute paths: kernels run in the notebooks' folder
    reports_dir = Path(reports_dir or paths.REPORTS_DIR).resolve()
    reference_dir = Path(reference_dir or paths.REFERENCE_DIR).resolve()
    try:
        runs = plan(region, notebook, lang, Path(processed or paths.PROCESSED_DIR).resolve(), reports_dir,
                    Path(figures_dir or paths.FIGURES_DIR).resolve(), Path(notebooks_dir or paths.NOTEBOOKS_DIR).resolve(),
                    reference_dir, parameters)
    except BatchError as exc:
        print(f"khuyencong notebooks: {exc}", file=sys.stderr)
        return 2
    pending = [run for run in runs if force or not up_to_date(run)]
    outcomes = [Outcome(run, "skipped", 0.0) for run in runs if run not in pending]
    if pending:
        outcomes += execute_all(pending, jobs or cores(), progress=progress, kernel_name=kernel_name)
    index = write_index(reports_dir, reference.known_regions(reference_dir), lang)
    print(summary(outcomes))
    print(f"reports: {index}  ({time.perf_counter() - started:.1f}s)")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
