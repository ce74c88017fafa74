"""What an output is made from, as digests: the tables, the reference data and the code.

The notebook batch and the decks and exports skip their work while these are
unchanged; both ask here, so both notice the same changes.
"""

from __future__ import annotations

import hashlib
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
