"""``khuyencong slides`` and ``khuyencong export``: every region's deck or export, skipping what is up to date.

Next to the outputs, ``.build/<region>.<format>.json`` records a fingerprint of
what the output was made from (the tables, the reference data, the code of the
packages that draw and write it, region, language and format). An output whose
fingerprint is unchanged and whose files are still there is not made again.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

from pipelines import paths
from pipelines.tables import regions
from pipelines.tables.store import processed_dir, table_path

CODE = ("analysis", "publishing", "tables", "text")  # the packages whose code makes a deck or an export


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(processed: Path, **settings: str) -> str:
    """What an output depends on: tables, reference data, the drawing code, and its settings."""
    package = Path(__file__).parent.parent
    files = (sorted(processed.glob("*.parquet")) + sorted(paths.REFERENCE_DIR.glob("*.csv"))
             + sorted(p for folder in CODE for p in (package / folder).glob("*.py")))
    parts = {p.name if p.suffix != ".py" else p.relative_to(package).as_posix(): _digest(p) for p in files}
    return hashlib.sha256(json.dumps({"inputs": parts, **settings}, sort_keys=True).encode()).hexdigest()


def regions_with_figures(processed: Path, known: dict[str, regions.Region]) -> list[str]:
    """Every region that has figures once provinces roll up into their region and the country."""
    import pyarrow.parquet as pq

    stated = set(pq.ParquetFile(table_path("facts", processed)).read(columns=["region_id"]).column(0).to_pylist())
    return regions.sort_regions({r for place in stated if place for r in regions.ancestors(place, known)}, known)


def select(region: str, processed: Path) -> list[str]:
    """``all``: every region with figures; else the one region, which must have figures."""
    known = regions.known_regions()
    regions.check_region(region, known)
    if not table_path("facts", processed).exists():
        raise ValueError(f"{table_path('facts', processed)} does not exist; run `khuyencong ingest` first")
    with_figures = regions_with_figures(processed, known)
    if region == regions.ALL:
        return with_figures
    if region not in with_figures:
        raise ValueError(f"region {region!r} has no figures; regions with figures: {', '.join(with_figures)}")
    return [region]


def build_all(kind: str, make: Callable[..., list[Path]], region: str, lang: str, fmt: str,
              out_dir: Path, processed: Path | str | None = None, force: bool = False, progress: bool = True) -> int:
    """Make ``kind`` (slides or export) for each selected region with ``make(data, out_dir, fmt)``.

    Returns the command's exit code: 0 done, 2 when it could not start.
    """
    from tqdm import tqdm

    from pipelines.analysis import labels, talk
    from pipelines.publishing.region import load_region

    processed = processed_dir(processed).resolve()
    try:
        labels.check_lang(lang)
        selected = select(region, processed)
    except ValueError as exc:
        print(f"khuyencong {kind}: {exc}", file=sys.stderr)
        return 2
    out_dir = out_dir / lang
    tables, made, skipped = None, [], 0
    for region_id in tqdm(selected, desc=kind, unit="region", disable=not progress, file=sys.stderr):
        sidecar = out_dir / ".build" / f"{region_id}.{fmt}.json"
        stamp = fingerprint(processed, kind=kind, region=region_id, lang=lang, fmt=fmt)
        if not force and _up_to_date(sidecar, stamp):
            skipped += 1
            continue
        tables = tables or talk.load_tables(processed)
        files = make(load_region(region_id, lang, tables=tables), out_dir, fmt)
        sidecar.parent.mkdir(parents=True, exist_ok=True)
        sidecar.write_text(json.dumps({"fingerprint": stamp, "files": [str(f.relative_to(out_dir)) for f in files]},
                                      indent=1) + "\n", encoding="utf-8")
        made += files
    print(f"{kind}: {len(made)} file(s) written, {skipped} region(s) up to date → {out_dir}")
    return 0


def _up_to_date(sidecar: Path, stamp: str) -> bool:
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return record.get("fingerprint") == stamp and all((sidecar.parent.parent / f).exists() for f in record["files"])
