"""``data/raw/manifest.csv``: one row of metadata per raw report, read strictly.

Columns (all but ``file`` may be empty; a manifest with only the first eight, as
written before intake recorded addresses, is read the same way):
``file, doc_id, title, publisher, published, region_id, received, sha256,
source_url, published_source``. A malformed manifest is refused as a whole before
anything is written, naming the file, the line and the cause; a listed file that is
missing, or whose bytes no longer match its checksum, is an error for that file.
"""

from __future__ import annotations

import csv
import datetime
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.tables import schema
from pipelines.tables.regions import known_regions
from pipelines.text.reading import BadInputError

MANIFEST_COLUMNS = ("file", "doc_id", "title", "publisher", "published", "region_id", "received", "sha256",
                    "source_url", "published_source")
UPDATE_HINT = "khuyencong add --update {file}"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DOC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")


class ManifestError(ValueError):
    """A malformed manifest; the message lists every bad line and its cause."""


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Rows keyed by file name, every column present; a missing manifest is an empty one."""
    if not path.exists():
        return {}
    rows: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    # utf-8-sig: a manifest saved by a spreadsheet program starts with a byte-order mark
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        problems = [(1, cause) for cause in _header_problems(reader.fieldnames or [])]
        if problems:
            raise ManifestError(_message(path, problems))
        for raw in reader:
            row = {c: (raw.get(c) or "").strip() for c in MANIFEST_COLUMNS}
            problems += [(reader.line_num, cause) for cause in _row_problems(raw, row, lines, seen_ids)]
            lines.setdefault(row["file"], reader.line_num)
            if row["doc_id"]:
                seen_ids.setdefault(row["doc_id"], reader.line_num)
            rows[row["file"]] = row
    if problems:
        raise ManifestError(_message(path, problems))
    return rows


def _message(path: Path, problems: list[tuple[int, str]]) -> str:
    return f"{path}: malformed manifest, nothing was written\n  " + "\n  ".join(
        f"line {line}: {cause}" for line, cause in problems)


def _header_problems(header: list[str]) -> list[str]:
    problems = []
    if "file" not in header:
        problems.append("no 'file' column")
    unknown = [c for c in header if c not in MANIFEST_COLUMNS]
    if unknown:
        problems.append(f"unknown column(s) {unknown}; known: {', '.join(MANIFEST_COLUMNS)}")
    doubled = sorted({c for c in header if header.count(c) > 1})
    if doubled:
        problems.append(f"column(s) {doubled} appear twice")
    return problems


def _row_problems(raw: dict, row: dict[str, str], lines: dict[str, int], seen_ids: dict[str, int]) -> list[str]:
    """Every cause for refusing one row."""
    causes = []
    if None in raw:
        causes.append("more fields than the header has columns")
    name = row["file"]
    if not is_plain_file_name(name):
        causes.append(f"file {name!r} is not a plain file name in the raw folder")
    if name in lines:
        causes.append(f"file {name!r} already listed on line {lines[name]}")
    if row["doc_id"] and not _DOC_ID.fullmatch(row["doc_id"]):
        causes.append(f"doc_id {row['doc_id']!r} is not a slug (a-z, 0-9 and single dashes)")
    if row["doc_id"] in seen_ids:
        causes.append(f"doc_id {row['doc_id']!r} already used on line {seen_ids[row['doc_id']]}")
    for column in ("published", "received"):
        if row[column] and not is_iso_date(row[column]):
            causes.append(f"{column} {row[column]!r} is not a YYYY-MM-DD date")
    if row["region_id"] and row["region_id"] not in known_regions():
        causes.append(f"unknown region_id {row['region_id']!r} (see data/reference/)")
    if row["sha256"] and not _SHA256.fullmatch(row["sha256"]):
        causes.append(f"sha256 {row['sha256']!r} is not 64 lowercase hex digits")
    if row["source_url"] and urlsplit(row["source_url"]).scheme not in ("http", "https"):
        causes.append(f"source_url {row['source_url']!r} is not an http(s) address")
    if row["published_source"] not in schema.PUBLISHED_SOURCES or (row["published_source"] and not row["published"]):
        causes.append(f"published_source {row['published_source']!r} is not one of "
                      f"{', '.join(s for s in schema.PUBLISHED_SOURCES if s)} with a published date")
    return causes


def is_plain_file_name(name: str) -> bool:
    """A name inside the raw folder: no folders, no control characters, not hidden."""
    return bool(name) and not _UNSAFE_NAME.search(name) and not name.startswith(".") and name.isprintable()


def is_iso_date(value: str) -> bool:
    try:
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


def write_manifest(path: Path, rows: list[dict[str, str]]) -> None:
    """Write every row with every column, through a temporary file renamed into place."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent,
                                         prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: row.get(c, "") for c in MANIFEST_COLUMNS} for row in rows)
        os.chmod(handle.name, path.stat().st_mode & 0o777 if path.exists() else 0o644)  # not the 0600 of a temp file
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def missing_files(manifest: dict[str, dict[str, str]], raw_dir: Path) -> list[BadInputError]:
    """One error per manifest row whose file is not in the raw folder."""
    return [BadInputError(raw_dir / name, f"listed in {raw_dir.name}/manifest.csv but missing from the folder")
            for name in manifest if not (raw_dir / name).exists()]


def check_checksum(path: Path, row: dict[str, str] | None, sha256: str) -> None:
    """Refuse a raw file whose bytes differ from the checksum its manifest row records."""
    if row and row.get("sha256") and row["sha256"] != sha256:
        raise BadInputError(path, f"sha256 {sha256[:12]}… differs from manifest.csv ({row['sha256'][:12]}…): "
                                  f"the file changed after it was recorded; if the new bytes are right, run "
                                  f"`{UPDATE_HINT.format(file=path.name)}`")
