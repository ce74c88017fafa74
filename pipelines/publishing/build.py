"""``khuyencong slides`` and ``khuyencong export``: every region's deck or export, skipping what is up to date.

Next to the outputs, ``.build/<region>.<format>.json`` records a fingerprint of
what the output was made from (the tables, the reference data, the code of the
packages that draw and write it, region, language and format) and the SHA-256 of
each file written. An output whose fingerprint is unchanged and whose files are
still there with those checksums is not made again; one deleted, truncated or
edited since is made again.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipelines import paths
from pipelines.tables import regions
from pipelines.tables.inputs import digest, input_digests, write_atomic
from pipelines.tables.store import processed_dir, table_path

CODE = ("analysis", "publishing", "tables", "text")  # the packages whose code makes a deck or an export


def fingerprint(processed: Path, **settings: str) -> str:
    """What an output depends on: tables, reference data, the drawing code, and its settings."""
    package = Path(__file__).parent.parent
    code = [p for folder in CODE for p in (package / folder).glob("*.py")]
    parts = input_digests(processed, paths.REFERENCE_DIR, package, code)
    return hashlib.sha256(json.dumps({"inputs": parts, **settings}, sort_keys=True).encode()).hexdigest()


def select(region: str, processed: Path, units: str = "2024") -> list[str]:
    """``all``: every region with figures as ``units`` count places; else the one region (an id or
    a name, with or without diacritics), which must have figures."""
    known = regions.known_regions()
    region = regions.resolve_region(region, known, units)
    with_figures = regions.regions_with_facts(table_path("facts", processed), known, units)
    if region == regions.ALL:
        return with_figures
    if region not in with_figures:
        raise ValueError(f"region {region!r} has no figures; regions with figures: {', '.join(with_figures)}")
    return [region]


@dataclass(frozen=True)
class Built:
    made: list[Path]  # the files written
    skipped: int  # regions whose outputs were up to date
    out_dir: Path


def build_all(kind: str, make: Callable[..., list[Path]], region: str, lang: str, fmt: str,
              out_dir: Path, processed: Path | str | None = None, force: bool = False, progress: bool = True,
              units: str = "2024", confirmed: bool = False) -> Built:
    """Make ``kind`` (slides or export) for each selected region with ``make(data, out_dir, fmt)``;
    with ``units`` 2025 the regions are the 34 units, their former provinces' figures counted in;
    with ``confirmed`` a conference version of the regions that have confirmed or corrected
    figures, from those only.

    Raises ValueError, before anything is written, on an unknown language or region (or one
    without reviewed figures, with ``confirmed``), or FileNotFoundError without the tables.
    """
    from tqdm import tqdm

    from pipelines.analysis import labels, talk
    from pipelines.publishing.region import load_region

    processed = processed_dir(processed).resolve()
    labels.check_lang(lang)
    selected = select(region, processed, units)
    out_dir = out_dir / lang
    tables, made, skipped = None, [], 0
    if confirmed:  # only the regions with reviewed figures have a conference version
        tables = talk.load_tables(processed, units, lang, confirmed=True)
        selected = [r for r in selected if not tables.scoped(r).empty]
        if not selected:
            raise ValueError(f"no region{'' if region == regions.ALL else ' ' + repr(region)} has confirmed or "
                             "corrected figures; review some first (khuyencong review export)")
    for region_id in tqdm(selected, desc=kind, unit="region", disable=not progress, file=sys.stderr):
        sidecar = out_dir / ".build" / f"{region_id}.{fmt}.json"
        stamp = fingerprint(processed, kind=kind, region=region_id, lang=lang, fmt=fmt, units=units,
                            confirmed=str(confirmed))
        if not force and _up_to_date(sidecar, stamp):
            skipped += 1
            continue
        tables = tables or talk.load_tables(processed, units, lang)
        files = make(load_region(region_id, lang, tables=tables), out_dir, fmt)
        sidecar.parent.mkdir(parents=True, exist_ok=True)
        record = {"fingerprint": stamp, "files": {f.relative_to(out_dir).as_posix(): digest(f) for f in files}}
        write_atomic(sidecar, (json.dumps(record, indent=1) + "\n").encode())
        made += files
    return Built(made, skipped, out_dir)


def _up_to_date(sidecar: Path, stamp: str) -> bool:
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = record.get("files")
    if record.get("fingerprint") != stamp or not isinstance(files, dict):  # a list: recorded without checksums
        return False
    try:  # every file still there with the bytes it was written with: none deleted, truncated or edited
        return all(digest(sidecar.parent.parent / name) == hashed for name, hashed in files.items())
    except OSError:
        return False
