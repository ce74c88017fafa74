"""``khuyencong review``: the few figures that need a human look, and remembering the answers.

``export`` writes a workbook of facts, lowest confidence first (no confidence counts
as lowest; ties by report and offset). ``apply`` reads it back: rows marked ok
become confirmations and changed attributes become corrections, added to the
overrides file (see ``pipelines.review.overrides``) that the next ingest
applies. A workbook that does not fit the tables is refused and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from pipelines.review.overrides import EDITABLE, OverrideError, merge_overrides, region_ids
from pipelines.review.apply import Decisions, review_decisions
from pipelines.review.workbook import read_workbook, write_workbook
from pipelines.tables.regions import ALL, ancestors, check_region, known_regions
from pipelines.tables.store import load

# what a workbook shows of each fact; any change to these in the tables makes it stale
VERSIONED = ("fact_id", "doc_id", "number_start", "number_text", "quote", *EDITABLE, "review_state")


def tables_version(facts: pd.DataFrame) -> str:
    """SHA-256 of the facts as a workbook shows them, in fact_id order."""
    digest = hashlib.sha256()
    for row in facts.sort_values("fact_id")[list(VERSIONED)].itertuples(index=False):
        digest.update(("\x1f".join(map(str, row)) + "\x1e").encode("utf-8"))
    return digest.hexdigest()


def select_for_review(facts: pd.DataFrame, region: str = ALL, below: float | None = None,
                      unreviewed: bool = False) -> pd.DataFrame:
    """Facts in ``region`` (or a place inside it) with confidence under ``below`` (no confidence
    counts as lowest), only those nobody reviewed if ``unreviewed``, lowest confidence first,
    then by report and offset."""
    if unreviewed:
        facts = facts[facts["review_state"] == "unreviewed"]
    if region != ALL:
        known = known_regions()
        facts = facts[[region in ancestors(r, known) for r in facts["region_id"]]]
    if below is not None:
        facts = facts[facts["confidence"].isna() | (facts["confidence"] < below)]
    return facts.sort_values(["confidence", "doc_id", "number_start"], na_position="first", kind="stable",
                             ignore_index=True)


class ReviewReadError(ValueError):
    """The file cannot be read as a review workbook (or the tables it needs are missing)."""


def export_review(processed: Path, out: Path, region: str = ALL, below: float | None = None,
                  unreviewed: bool = False, lang: str = "vi") -> pd.DataFrame:
    """Write the workbook of the selected facts to ``out`` and return the rows it holds;
    raises ValueError (unknown region) or FileNotFoundError (no tables)."""
    if region not in region_ids():  # the reference's ids and the units of 2025
        check_region(region, known_regions())
    facts, documents = load("facts", processed), load("documents", processed)
    rows = select_for_review(facts, region, below, unreviewed)
    rows = rows.merge(documents[["doc_id", "title", "published"]], on="doc_id", how="left").fillna(
        {"title": "", "published": ""})
    write_workbook(rows, tables_version(facts), out, lang)
    return rows


def apply_review(workbook: Path, processed: Path, overrides: Path, reviewer: str = "",
                 today: dt.date | None = None) -> Decisions:
    """Check the whole workbook against the tables; only when nothing is wrong, add its
    decisions to ``overrides``. The result lists the decisions or every problem found."""
    try:
        facts = load("facts", processed)
        sheet = read_workbook(workbook)
    except (ValueError, FileNotFoundError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise ReviewReadError(f"{workbook}: cannot be read as a review workbook ({exc})") from None
    by_id = {f["fact_id"]: f for f in facts.to_dict("records")}
    decisions = review_decisions(sheet, by_id, tables_version(facts), reviewer.strip(),
                                 today or dt.datetime.now(dt.timezone.utc).date())
    if not decisions.errors and decisions.overrides:
        try:
            merge_overrides(overrides, decisions.overrides)
        except (OverrideError, FileNotFoundError) as exc:
            decisions.errors.append(str(exc))
    return decisions
