"""Validated, atomic, reproducible Parquet tables in data/processed/.

A table is validated against the contract, written to a temporary file in the
same folder, flushed to disk and renamed over the old file, so a crash or kill
mid-write leaves either the old table or the new one, never a torn file. The
bytes depend only on the rows: no timestamps or library-version metadata.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipelines import paths
from pipelines.tables.schema import TABLES
from pipelines.tables.validate import validate_table


def processed_dir(processed: str | Path | None = None) -> Path:
    """The tables folder: the one given, else the project's (``""`` counts as not given)."""
    return Path(processed) if processed else paths.PROCESSED_DIR


def table_path(name: str, processed: str | Path | None = None) -> Path:
    """Where table ``name`` of the contract lives in ``processed`` (default: data/processed)."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; valid: {', '.join(TABLES)}")
    return processed_dir(processed) / f"{name}.parquet"


def write_table(
    df: pd.DataFrame, name: str, out_dir: Path | str, texts: Mapping[str, str] | None = None
) -> Path:
    """Validate ``df`` as table ``name`` (raising TableValidationError) and replace
    ``out_dir/name.parquet`` atomically; ``texts`` (doc_id -> decoded text) checks quotes."""
    table = validate_table(df, name, texts)
    path = table_path(name, out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "xb") as fh:
            pq.write_table(table, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def load(name: str, processed: str | Path | None = None, missing_ok: bool = False) -> pd.DataFrame:
    """A table of the data contract; with ``missing_ok`` an absent file reads as an empty table."""
    path = table_path(name, processed)
    if not path.exists():
        if missing_ok:
            return TABLES[name].empty_table().to_pandas()
        raise FileNotFoundError(f"{path} does not exist; run `khuyencong ingest` first")
    frame = pq.read_table(path).to_pandas()
    for column in TABLES[name].names:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype=TABLES[name].field(column).type.to_pandas_dtype())
    return frame


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; directories cannot be opened on Windows."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
