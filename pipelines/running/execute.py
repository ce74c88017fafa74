"""Executing runs: one notebook in one fresh kernel, and a pool of worker processes for a batch.

A failing run is reported and the others carry on: an error in a cell, a
kernel that dies, a run over its time limit. Outputs are written under a
temporary name and renamed, so a killed run never leaves a torn notebook or
page that looks finished. Workers and kernels die with the batch (see
``kernels.die_with_parent``).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from pipelines.running import index, kernels, records
from pipelines.running.plan import KERNEL, Run

DEFAULT_TIMEOUT = 600  # seconds per run: the longest notebook takes well under a minute


@dataclass(frozen=True)
class Outcome:
    run: Run
    status: str  # ok, skipped or failed
    seconds: float
    detail: str = ""


class RunTimeout(BaseException):
    """The run went over its time limit (a BaseException, so that no ``except Exception`` on the way swallows it)."""


def _on_alarm(signum: int, frame: object) -> None:
    raise RunTimeout


@lru_cache(maxsize=1)
def _warm_client() -> None:
    """Import Papermill and nbconvert and compile the page templates, once per process: called in the
    batch before its workers are forked, they inherit it done (a spawned worker does it itself)."""
    import nbformat
    import papermill  # noqa: F401

    _html_exporter().from_notebook_node(nbformat.v4.new_notebook())


def _warm_worker(batch: int) -> None:
    """Die with the batch; have the imports done (inherited from the batch when forked)."""
    from multiprocessing.util import Finalize

    kernels.die_with_parent(batch)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle
    Finalize(None, _drop_spare, exitpriority=10)  # a kernel started ahead for a run that never came
    _warm_client()


def execute(run: Run, kernel_name: str = KERNEL, timeout: int = DEFAULT_TIMEOUT, ahead: bool = False) -> Outcome:
    """Execute one notebook in a fresh kernel, then export it to HTML with the code hidden.

    ``ahead``: another run will follow in this worker, so start its kernel during this one.
    """
    started = time.perf_counter()
    run.output.parent.mkdir(parents=True, exist_ok=True)
    executed = records.partial(run.output)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    try:
        failure = _papermill(run, executed, kernel_name, timeout, ahead)
    except RunTimeout:
        failure = f"over the time limit of {timeout} s"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if executed.exists():
        os.replace(executed, run.output)  # a failed run's notebook stays for reading too
    if failure:
        return Outcome(run, "failed", time.perf_counter() - started, failure)
    export_html(run)
    return Outcome(run, "ok", time.perf_counter() - started)


def _papermill(run: Run, target: Path, kernel_name: str, timeout: int, ahead: bool) -> str:
    """Run Papermill into ``target``; return what went wrong, or an empty string.

    With ``ahead``, the kernel of this worker's next run starts now, while this one runs.
    """
    import papermill as pm
    from nbclient.exceptions import DeadKernelError

    cwd = str(run.source.parent)
    km = _kernel(kernel_name, cwd)
    if ahead:
        _start_spare(kernel_name, cwd)
    try:
        pm.execute_notebook(str(run.source), str(target), parameters=run.parameters, kernel_name=kernel_name,
                            km=km, progress_bar=False, cwd=cwd, execution_timeout=timeout,
                            request_save_on_cell_execute=False)  # one write at the end, not one per cell
    except pm.PapermillExecutionError as exc:
        evalue = (exc.evalue or "").strip().splitlines()
        where = f"In [{exc.exec_count}] (cell {exc.cell_index + 1} of the executed notebook)"
        return f"{where}: {exc.ename}: {evalue[0] if evalue else ''} → {run.output}"
    except DeadKernelError:
        return "kernel died"
    except RunTimeout:
        raise
    except Exception as exc:  # a notebook that cannot be read, a kernel that cannot start: this run only
        return f"{type(exc).__name__}: {exc}"
    finally:
        _shutdown(km)
    return ""


# A kernel started ahead for this worker's next run: (manager, kernel name, working directory).
# Each run still gets a kernel of its own; it has only had time to start.
_SPARE: tuple[object, str, str] | None = None


def _start(kernel_name: str, cwd: str) -> object:
    import subprocess

    from jupyter_core.utils import run_sync

    km = kernels.kernel_manager(kernel_name)
    run_sync(km.start_kernel)(cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              extra_arguments=["--HistoryManager.hist_file=:memory:"])
    return km


def _kernel(kernel_name: str, cwd: str) -> object:
    """The kernel started ahead for this run if it fits and is alive, else a new one."""
    global _SPARE
    from jupyter_core.utils import run_sync

    spare, _SPARE = _SPARE, None
    if spare is not None:
        km, name, where = spare
        if (name, where) == (kernel_name, cwd) and run_sync(km.is_alive)():
            return km
        _shutdown(km)
    return _start(kernel_name, cwd)


def _start_spare(kernel_name: str, cwd: str) -> None:
    global _SPARE
    _SPARE = (_start(kernel_name, cwd), kernel_name, cwd)


def _drop_spare() -> None:
    global _SPARE
    if _SPARE is not None:
        _shutdown(_SPARE[0])
        _SPARE = None


def _shutdown(km: object) -> None:
    from jupyter_core.utils import run_sync

    if km.has_kernel:
        run_sync(km.shutdown_kernel)(now=True)


@lru_cache(maxsize=1)
def _html_exporter() -> object:
    """nbconvert's HTML exporter with the report template, less its last pass: HTMLExporter parses the
    whole page again with BeautifulSoup (pure Python, every tag and every image's base64 text) only to
    add alternative text to images and focus to cells, two thirds of a conversion. The report template
    writes each chart's title as its alternative text instead (``Context.publish``)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb: object, resources: dict | None = None, **kw: object) -> tuple[str, dict]:
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name"))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter(template_name="report", extra_template_basedirs=[str(index.TEMPLATES)],
                          exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def export_html(run: Run) -> None:
    """An HTML copy for readers: outputs only, no code, no prompts; its title, language and links to the others."""
    import nbformat

    notebook = nbformat.read(run.output, as_version=4)
    body, _ = _html_exporter().from_notebook_node(notebook, resources={"metadata": {"name": run.title}})
    records.write_atomic(run.html, index.decorate(body, run).encode("utf-8"))


def execute_all(runs: list[Run], workers: int, progress: bool = True, kernel_name: str = KERNEL,
                fork: bool = True, timeout: int = DEFAULT_TIMEOUT) -> list[Outcome]:
    """Run in a pool of ``workers`` processes; each outcome is recorded as soon as it arrives.

    With ``fork`` the kernels are forked from a process that has the notebooks' imports done.
    """
    outcomes: list[Outcome] = []
    with kernels.forge(enabled=fork):
        _run_pool(runs, workers, progress, (kernel_name, timeout), outcomes)
    return outcomes


def _run_pool(runs: list[Run], workers: int, progress: bool, settings: tuple[str, int],
              outcomes: list[Outcome]) -> None:
    from concurrent.futures import as_completed

    from tqdm import tqdm

    context = get_context("fork" if "fork" in get_all_start_methods() else None)
    if context.get_start_method() == "fork":
        _warm_client()  # while the kernel forge does its own imports; forked workers inherit these
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker,
                               initargs=(os.getpid(),))
    try:
        # the last run of each worker starts no kernel ahead
        futures: dict[Future, Run] = {pool.submit(execute, run, *settings, i < len(runs) - workers): run
                                      for i, run in enumerate(runs)}
        with tqdm(total=len(runs), unit="run", desc="notebooks", disable=not progress, file=sys.stderr) as bar:
            for future in as_completed(futures):
                outcome = _outcome(future, futures[future])
                outcomes.append(outcome)
                bar.set_postfix_str(f"{outcome.run.region}/{outcome.run.notebook} {outcome.status}")
                bar.update()
    except BaseException:  # interrupted: stop the workers now rather than finish the queue
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _outcome(future: Future, run: Run) -> Outcome:
    """The run's outcome, recorded: a record for a success, none for a failure."""
    try:
        outcome = future.result()
    except Exception as exc:  # the worker process itself died
        outcome = Outcome(run, "failed", 0.0, f"{type(exc).__name__}: {exc}")
    if outcome.status == "ok":
        records.write_record(run, outcome.seconds)
    else:
        records.forget(run)
    return outcome
