"""What an output is made from, as digests: the tables, the reference data and the code.

The notebook batch and the decks and exports skip their work while these are
unchanged; both ask here, so both notice the same changes. Both also write their
outputs here (``write_atomic``): a temporary file renamed into place, so a killed
run never leaves a half-written file that a later run would trust.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_digests(processed: Path, reference_dir: Path, package: Path, code: list[Path]) -> dict[str, str]:
    """A digest per table and reference file, and one over ``code`` (files inside ``package``)."""
    files = sorted(processed.glob("*.parquet")) + sorted(reference_dir.glob("*.csv"))
    found = {f"data/{p.name}": digest(p) for p in files}
    found["pipelines"] = hashlib.sha256(
        "".join(f"{p.relative_to(package).as_posix()}:{digest(p)}" for p in sorted(code)).encode()).hexdigest()
    return found


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
