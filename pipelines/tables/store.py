"""Validated, reproducible Parquet tables in data/processed/, replaced together as a set.

The tables of one ingest refer to each other by id (facts -> documents, mentions
-> facts, checks -> facts), so they are replaced as one set, never one by one.
``write_tables`` does it in this order:

1. every table is validated; one that breaks the contract stops the write before
   anything on disk changes;
2. under the folder's write lock (``pipelines.tables.lock``), each table is
   written to ``<out>/.staging/<name>.parquet`` and flushed to disk;
3. ``.staging/COMMIT``, listing the staged tables, is written to a temporary
   file, flushed and renamed into place: this is the commit point;
4. each staged file is renamed over ``<out>/<name>.parquet``, then COMMIT and
   the staging folder are removed.

A kill or a full disk before step 3 leaves the previous set (the staging folder
is discarded by the next write); after it, the COMMIT left behind is rolled
forward by the next write or ``load``, so readers get the previous set or the
new one, whole. The tables keep their names (outside checks read them as
``data/processed/<name>.parquet``; the folder is in git, so no symlinks).

``load`` validates a table as ``write_tables`` does; a table from an older
contract gets the optional columns it lacks with their empty values
(``schema.OPTIONAL_COLUMNS``), with an ``OlderContractWarning`` naming the file
and those columns, and is refused, naming the file and the columns, when it
lacks a required one. ``load_set`` reads several tables as one set: the
``.generation`` record beside them (renewed with every set, before the COMMIT
goes) must be the same before and after reading, else it reads again. The
record also holds when the run that wrote the set started, so an ingest that
started earlier and finishes later does not put its older set over a newer one
(``SupersededError``). Tables are never written into the root or a system folder. The bytes depend only on the rows: no timestamps
or library-version metadata.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import uuid
import warnings
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines import paths
from pipelines.tables.lock import tables_lock
from pipelines.tables.schema import OPTIONAL_COLUMNS, TABLES
from pipelines.tables.validate import TableValidationError, validate_table

STAGING = ".staging"
COMMIT = "COMMIT"


def processed_dir(processed: str | Path | None = None) -> Path:
    """The tables folder: the one given, else the project's (``""`` counts as not given)."""
    return Path(processed) if processed else paths.PROCESSED_DIR


def table_path(name: str, processed: str | Path | None = None) -> Path:
    """Where table ``name`` of the contract lives in ``processed`` (default: data/processed)."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; valid: {', '.join(TABLES)}")
    return processed_dir(processed) / f"{name}.parquet"


def write_tables(
    frames: Mapping[str, pd.DataFrame], out_dir: Path | str, texts: Mapping[str, str] | None = None,
    started: int | None = None,
) -> dict[str, Path]:
    """Validate every frame (raising TableValidationError, nothing written), then replace
    ``out_dir/<name>.parquet`` for all of them together; ``texts`` (doc_id -> decoded
    text) checks the facts' quotes. ``started`` (``time.time_ns()`` when the run that made
    the frames began reading) keeps an older run from replacing a newer one's set: it
    raises SupersededError, nothing written."""
    folder = check_out_dir(Path(out_dir))
    contents = {name: _parquet_bytes(validate_table(df, name, texts if name == "facts" else None))
                for name, df in frames.items()}
    with tables_lock(folder):
        recover(folder)
        newer = generation(folder).get("started", 0)
        if started is not None and newer > started:
            raise SupersededError(f"{folder}: a run that started after this one has written its tables meanwhile; "
                                  "they were kept (this run's set is older)")
        try:
            _stage(contents, folder / STAGING, {"id": uuid.uuid4().hex, "started": started or time.time_ns()})
        except BaseException:
            recover(folder)  # not committed: the staging folder is discarded
            raise
        _roll_forward(folder)
    return {name: table_path(name, folder) for name in contents}


class SupersededError(RuntimeError):
    """The set on disk came from a run that started later; the older one is not written over it."""


# folders no run may write its tables into (nor anything below the first few)
SYSTEM_FOLDERS = ("/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/root", "/run", "/sbin",
                  "/sys", "/usr", "/usr/local", "/var", "/var/lib", "/home", "/opt", "/srv", "/mnt", "/media", "/tmp")
# the system's own files: nothing below these either (a project may live in /usr/src or /var/www)
_NOTHING_BELOW = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/sbin", "/sys", "/usr/bin",
                  "/usr/include", "/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/sbin", "/usr/share")


def check_out_dir(folder: Path) -> Path:
    """``folder`` when tables may be written there: never the root, a system folder or
    one inside the system's own (``/etc/…``, ``/usr/…``); raises ValueError naming it."""
    resolved = folder.resolve()
    if str(resolved) in SYSTEM_FOLDERS or resolved == Path.home().resolve() or any(
            resolved.is_relative_to(system) for system in _NOTHING_BELOW):
        raise ValueError(f"refusing to write tables into {resolved}: the root, a home or a system folder; "
                         "name a folder of their own with --out")
    return folder


GENERATION = ".generation"  # beside the tables: which run's set they are, renewed with every set


def generation(folder: Path) -> dict:
    """The record of the set in ``folder``: ``id`` (new with every set) and ``started``; empty if none."""
    try:
        found = json.loads((folder / GENERATION).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _stage(contents: Mapping[str, bytes], staging: Path, record: dict) -> None:
    """Write every table into ``staging``, then the COMMIT that lists them and the set's
    generation record (the commit point)."""
    staging.mkdir()
    for name, data in contents.items():
        _write_durably(data, staging / f"{name}.parquet")
    _fsync_dir(staging)
    _write_durably(json.dumps({"tables": sorted(contents), "generation": record}).encode(), staging / COMMIT,
                   via_temporary=True)
    _fsync_dir(staging)


def write_table(
    df: pd.DataFrame, name: str, out_dir: Path | str, texts: Mapping[str, str] | None = None
) -> Path:
    """Validate ``df`` as table ``name`` and replace ``out_dir/name.parquet`` atomically."""
    return write_tables({name: df}, out_dir, texts)[name]


def recover(folder: Path) -> None:
    """Finish the replacement a killed writer committed, or discard one it had not."""
    staging = folder / STAGING
    if (staging / COMMIT).exists():
        _roll_forward(folder)
    elif staging.exists():
        shutil.rmtree(staging)


def stored_rows(name: str, processed: str | Path | None = None) -> int:
    """Rows of the stored table ``name`` (0 when there is none), read from its footer."""
    path = table_path(name, processed)
    _complete_interrupted(path.parent)
    return pq.ParquetFile(path).metadata.num_rows if path.exists() else 0


def load(name: str, processed: str | Path | None = None, missing_ok: bool = False) -> pd.DataFrame:
    """A table of the data contract, validated; with ``missing_ok`` an absent file reads
    as an empty table."""
    path = table_path(name, processed)
    _complete_interrupted(path.parent)
    if not path.exists():
        if missing_ok:
            return TABLES[name].empty_table().to_pandas()
        raise FileNotFoundError(f"{path} does not exist; run `khuyencong ingest` first")
    frame = _with_optional_columns(pq.read_table(path).to_pandas(), name, path)
    try:
        validate_table(frame, name)
    except TableValidationError as exc:
        raise TableValidationError(name, f"{path}: {exc.rule}", exc.row_ids) from None
    return frame


def _complete_interrupted(folder: Path) -> None:
    """Finish a replacement a killed writer committed, before anything is read."""
    if (folder / STAGING / COMMIT).exists():
        with tables_lock(folder):
            recover(folder)


def _with_optional_columns(frame: pd.DataFrame, name: str, path: Path) -> pd.DataFrame:
    """Fill the optional columns an older table lacks; refuse one that lacks required ones."""
    missing = [c for c in TABLES[name].names if c not in frame.columns]
    required = [c for c in missing if c not in OPTIONAL_COLUMNS.get(name, {})]
    if required:
        raise TableValidationError(
            name, f"{path} lacks required column(s) {', '.join(required)} (written under an older "
                  "contract?); run `khuyencong ingest` to rewrite it")
    if not missing:
        return frame
    warnings.warn(OlderContractWarning(
        f"{path} lacks optional column(s) {', '.join(missing)} (written under an older contract); read with "
        "their empty values, so what they say is missing here and in exports; run `khuyencong ingest` to rewrite it"),
        stacklevel=3)
    filled = frame.assign(**{c: OPTIONAL_COLUMNS[name][c] for c in missing})
    filled.attrs["missing_optional"] = missing
    extra = [c for c in frame.columns if c not in TABLES[name].names]  # refused by validation
    return filled[TABLES[name].names + extra]


class OlderContractWarning(UserWarning):
    """A table read from an older contract: the optional columns it lacks are filled with empty values."""


def load_set(names: tuple[str, ...] = ("documents", "facts", "checks", "mentions"),
             processed: str | Path | None = None, missing_ok: tuple[str, ...] = ("mentions",)) -> dict[str, pd.DataFrame]:
    """Tables of one set, never a mix of two: read, then checked that no replacement
    ran meanwhile (the generation unchanged and no COMMIT pending); else read again,
    the last time under the write lock."""
    folder = processed_dir(processed)
    for _ in range(SET_READ_ATTEMPTS):
        before = _settled_generation(folder)
        if before is not None:
            tables = {name: load(name, folder, missing_ok=name in missing_ok) for name in names}
            if _settled_generation(folder) == before:
                return tables
        time.sleep(0.05)
    with tables_lock(folder):  # a writer that keeps replacing: wait for it and read between two sets
        return {name: load(name, folder, missing_ok=name in missing_ok) for name in names}


SET_READ_ATTEMPTS = 5


def _settled_generation(folder: Path) -> str | None:
    """The generation id of a set no writer is moving into place (None while one is)."""
    if (folder / STAGING / COMMIT).exists():
        return None
    return str(generation(folder).get("id", ""))


def _parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _write_durably(data: bytes, path: Path, via_temporary: bool = False) -> None:
    """Write ``data`` to ``path`` and flush it to disk (through a renamed temporary file if asked)."""
    target = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp") if via_temporary else path
    try:
        with open(target, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if via_temporary:
            os.replace(target, path)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _roll_forward(folder: Path) -> None:
    """Move every table a COMMIT lists into place, record the new generation, then drop
    the COMMIT and the staging folder (a reader checks both, see ``load_set``)."""
    staging = folder / STAGING
    commit = json.loads((staging / COMMIT).read_text())
    for name in commit["tables"]:
        staged = staging / f"{name}.parquet"
        if staged.exists():  # else moved before the previous writer was stopped
            os.replace(staged, table_path(name, folder))
    for stale in folder.glob(f".{GENERATION}.*.tmp"):  # left by a writer killed while recording it
        stale.unlink(missing_ok=True)
    record = commit.get("generation") or {"id": uuid.uuid4().hex, "started": 0}
    _write_durably(json.dumps(record).encode(), folder / GENERATION, via_temporary=True)
    _fsync_dir(folder)
    (staging / COMMIT).unlink()
    shutil.rmtree(staging)
    _fsync_dir(folder)


def _fsync_dir(directory: Path) -> None:
    """Make renames in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
