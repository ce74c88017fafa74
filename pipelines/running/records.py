"""Run records: the ``.run.json`` beside each executed notebook, and writing outputs so that none is half there.

A record holds only what Papermill's own notebook metadata does not: the
fingerprint of what the run read and the SHA-256 of each output it wrote: the
executed notebook, its HTML and the charts it drew (the files of its region's
chart folder written while it ran). A run is up to date when its fingerprint is
unchanged and its outputs still have those hashes; an output or chart deleted,
truncated or edited since makes it run again.
When a run started and ended is read from ``metadata.papermill`` of the
executed notebook.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.tables.inputs import digest, partial, write_atomic

if TYPE_CHECKING:
    from pipelines.running.plan import Run

CLOCK_SLACK_SECONDS = 1.0  # file times are coarser than the run's own clock
__all__ = ["partial", "write_atomic", "write_record", "forget", "read_record", "outputs_intact", "up_to_date",
           "run_times"]


def outputs(run: Run) -> tuple[Path, Path]:
    return run.output, run.html


def charts_folder(run: Run) -> Path | None:
    """Where the run's notebook draws its charts: ``figures/<lang>/<region>/`` (None: it draws none)."""
    figures = run.parameters.get("figures_dir")
    return Path(str(figures)) / run.region if figures else None


def charts_of_other_notebooks(run: Run, folder: Path) -> set[Path]:
    """The files the chart registry gives to another notebook. Runs of one region share its folder, so a
    run working beside this one may be writing them while this one ends: they are not this run's."""
    from pipelines.analysis import talk  # the registry draws with matplotlib: import it only to record

    return {path for chart in talk.charts_of() if chart.notebook != run.notebook
            for path in chart.files(folder.parent, folder.name)}


def charts_written(run: Run, seconds: float) -> list[Path]:
    """The chart files this run wrote: written during the ``seconds`` it took, and not another notebook's.
    (A chart missing from the registry is claimed by every run that was running when it was written.)"""
    folder = charts_folder(run)
    if folder is None or not folder.is_dir():
        return []
    since = time.time() - seconds - CLOCK_SLACK_SECONDS
    others = charts_of_other_notebooks(run, folder)
    return sorted(p for p in folder.rglob("*") if p.is_file() and p not in others and p.stat().st_mtime >= since)


def write_record(run: Run, seconds: float = 0.0) -> None:
    """Record a successful run that took ``seconds``: its fingerprint and the hashes of the
    outputs it wrote, the executed notebook, its HTML and its charts."""
    record = {"fingerprint": run.fingerprint, "outputs": {p.name: digest(p) for p in outputs(run)},
              "charts": {p.relative_to(charts_folder(run)).as_posix(): digest(p) for p in charts_written(run, seconds)}}
    write_atomic(run.sidecar, (json.dumps(record, indent=1) + "\n").encode())


def forget(run: Run) -> None:
    """A failed run: no record and no HTML, so it reruns next time; its executed notebook stays for reading."""
    run.sidecar.unlink(missing_ok=True)
    run.html.unlink(missing_ok=True)


def read_record(sidecar: Path) -> dict:
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def outputs_intact(sidecar: Path, files: tuple[Path, ...]) -> bool:
    """Every file exists with the hash its run recorded."""
    recorded = read_record(sidecar).get("outputs") or {}
    try:
        return all(p.name in recorded and digest(p) == recorded[p.name] for p in files)
    except OSError:
        return False


def charts_intact(run: Run) -> bool:
    """Every chart the last run drew is still there with the hash it was written with."""
    recorded = read_record(run.sidecar).get("charts")
    folder = charts_folder(run)
    if not isinstance(recorded, dict):  # a record from before charts were recorded
        return folder is None
    if folder is None:
        return not recorded
    try:
        return all(digest(folder / name) == hashed for name, hashed in recorded.items())
    except OSError:
        return False


def up_to_date(run: Run) -> bool:
    """The last run succeeded with the same fingerprint and its outputs and charts are as it wrote them."""
    return (read_record(run.sidecar).get("fingerprint") == run.fingerprint
            and outputs_intact(run.sidecar, outputs(run)) and charts_intact(run))


def run_times(notebook: Path) -> dict[str, object]:
    """``start_time``, ``end_time`` (ISO) and ``duration`` (seconds) as Papermill recorded them; empty if none."""
    try:
        metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return {}
    found = metadata.get("papermill", {}) if isinstance(metadata, dict) else {}
    return {key: found.get(key) for key in ("start_time", "end_time", "duration") if found.get(key) is not None}
