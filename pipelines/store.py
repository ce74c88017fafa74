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

from pipelines.validate import validate_table


def table_path(name: str, out_dir: Path | str) -> Path:
    """Where table ``name`` lives in ``out_dir``."""
    return Path(out_dir) / f"{name}.parquet"


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


def read_table(name: str, out_dir: Path | str) -> pd.DataFrame:
    """Table ``name`` from ``out_dir`` as a DataFrame."""
    return pq.read_table(table_path(name, out_dir)).to_pandas()


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; directories cannot be opened on Windows."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
