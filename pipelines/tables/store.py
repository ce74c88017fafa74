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
(``schema.OPTIONAL_COLUMNS``) and is refused, naming the file and the columns,
when it lacks a required one. The bytes depend only on the rows: no timestamps
or library-version metadata.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import uuid
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
    frames: Mapping[str, pd.DataFrame], out_dir: Path | str, texts: Mapping[str, str] | None = None
) -> dict[str, Path]:
    """Validate every frame (raising TableValidationError, nothing written), then replace
    ``out_dir/<name>.parquet`` for all of them together; ``texts`` (doc_id -> decoded
    text) checks the facts' quotes."""
    contents = {name: _parquet_bytes(validate_table(df, name, texts if name == "facts" else None))
                for name, df in frames.items()}
    folder = Path(out_dir)
    with tables_lock(folder):
        recover(folder)
        try:
            _stage(contents, folder / STAGING)
        except BaseException:
            recover(folder)  # not committed: the staging folder is discarded
            raise
        _roll_forward(folder)
    return {name: table_path(name, folder) for name in contents}


def _stage(contents: Mapping[str, bytes], staging: Path) -> None:
    """Write every table into ``staging``, then the COMMIT that lists them (the commit point)."""
    staging.mkdir()
    for name, data in contents.items():
        _write_durably(data, staging / f"{name}.parquet")
    _fsync_dir(staging)
    _write_durably(json.dumps({"tables": sorted(contents)}).encode(), staging / COMMIT, via_temporary=True)
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
    filled = frame.assign(**{c: OPTIONAL_COLUMNS[name][c] for c in missing})
    extra = [c for c in frame.columns if c not in TABLES[name].names]  # refused by validation
    return filled[TABLES[name].names + extra]


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
    """Move every table a COMMIT lists into place, then drop the COMMIT and the staging folder."""
    staging = folder / STAGING
    for name in json.loads((staging / COMMIT).read_text())["tables"]:
        staged = staging / f"{name}.parquet"
        if staged.exists():  # else moved before the previous writer was stopped
            os.replace(staged, table_path(name, folder))
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
