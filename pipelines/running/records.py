"""Run records: the ``.run.json`` beside each executed notebook, and writing outputs so that none is half there.

A record holds only what Papermill's own notebook metadata does not: the
fingerprint of what the run read and the SHA-256 of each output it wrote. A run
is up to date when its fingerprint is unchanged and its outputs still have
those hashes; an output deleted, truncated or edited since makes it run again.
When a run started and ended is read from ``metadata.papermill`` of the
executed notebook.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.tables.inputs import digest

if TYPE_CHECKING:
    from pipelines.running.plan import Run




def partial(path: Path) -> Path:
    """A temporary name in the same folder (so a rename replaces ``path`` in one step), same suffix."""
    return path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.partial{path.suffix}")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file and a rename: never a torn file."""
    tmp = partial(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def outputs(run: Run) -> tuple[Path, Path]:
    return run.output, run.html


def write_record(run: Run) -> None:
    """Record a successful run: its fingerprint and the hashes of the outputs it wrote."""
    record = {"fingerprint": run.fingerprint, "outputs": {p.name: digest(p) for p in outputs(run)}}
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


def up_to_date(run: Run) -> bool:
    """The last run succeeded with the same fingerprint and its outputs are as it wrote them."""
    return read_record(run.sidecar).get("fingerprint") == run.fingerprint and outputs_intact(run.sidecar, outputs(run))


def run_times(notebook: Path) -> dict[str, object]:
    """``start_time``, ``end_time`` (ISO) and ``duration`` (seconds) as Papermill recorded them; empty if none."""
    try:
        metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return {}
    found = metadata.get("papermill", {}) if isinstance(metadata, dict) else {}
    return {key: found.get(key) for key in ("start_time", "end_time", "duration") if found.get(key) is not None}
