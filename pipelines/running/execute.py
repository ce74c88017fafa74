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


def _warm_worker(batch: int) -> None:
    """Die with the batch; pay the imports once per worker, not once per run."""
    kernels.die_with_parent(batch)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle
    import papermill  # noqa: F401

    _html_exporter()


def execute(run: Run, kernel_name: str = KERNEL, timeout: int = DEFAULT_TIMEOUT) -> Outcome:
    """Execute one notebook in a fresh kernel, then export it to HTML with the code hidden."""
    started = time.perf_counter()
    run.output.parent.mkdir(parents=True, exist_ok=True)
    executed = records.partial(run.output)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    try:
        failure = _papermill(run, executed, kernel_name, timeout)
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


def _papermill(run: Run, target: Path, kernel_name: str, timeout: int) -> str:
    """Run Papermill into ``target``; return what went wrong, or an empty string."""
    import subprocess

    import papermill as pm
    from jupyter_core.utils import run_sync
    from nbclient.exceptions import DeadKernelError

    km = kernels.kernel_manager(kernel_name)
    try:
        run_sync(km.start_kernel)(cwd=str(run.source.parent), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        extra_arguments=["--HistoryManager.hist_file=:memory:"])
        pm.execute_notebook(str(run.source), str(target), parameters=run.parameters, kernel_name=kernel_name,
                            km=km, progress_bar=False, cwd=str(run.source.parent), execution_timeout=timeout,
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
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    return ""


@lru_cache(maxsize=1)
def _html_exporter() -> object:
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="report", extra_template_basedirs=[str(index.TEMPLATES)],
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
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker,
                               initargs=(os.getpid(),))
    try:
        futures: dict[Future, Run] = {pool.submit(execute, run, *settings): run for run in runs}
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
        records.write_record(run)
    else:
        records.forget(run)
    return outcome
