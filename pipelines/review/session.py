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
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from pipelines import paths
from pipelines.review.overrides import EDITABLE, OverrideError, merge_overrides, region_ids
from pipelines.review.apply import Decisions, Reports, report_years, review_decisions
from pipelines.review.words import Words
from pipelines.review.workbook import read_workbook, write_workbook
from pipelines.tables.regions import ALL, ancestors, known_regions, resolve_region
from pipelines.tables.store import load

# numbers the scan tells apart by their shape alone (a date, a year, a document number …): rarely a missed figure
TOKEN_REASONS = ("identifier", "document_number", "time", "ordinal", "date", "year", "period", "headline",
                 "page_chrome")
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
                  unreviewed: bool = False, lang: str = "vi", words: Words | None = None) -> pd.DataFrame:
    """Write the workbook of the selected facts to ``out`` and return the rows it holds;
    raises ValueError (unknown region, with the nearest ids) or FileNotFoundError (no tables)."""
    if region not in region_ids():  # the reference's ids and the units of 2025, or a name
        region = resolve_region(region, known_regions())
    facts, documents = load("facts", processed), load("documents", processed)
    mentions = load("mentions", processed, missing_ok=True)
    rows = select_for_review(facts, region, below, unreviewed)
    rows = rows.merge(documents[["doc_id", "title", "published"]], on="doc_id", how="left").fillna(
        {"title": "", "published": ""})
    # the numbers that are not figures, of the reports the selection covers, for the add sheet
    docs = set(rows["doc_id"]) | (set(documents["doc_id"]) if region == ALL and below is None else set())
    numbers = mentions[(mentions["status"] != "fact") & mentions["doc_id"].isin(docs)]
    # the numbers the extractor weighed and turned down first: a missed figure is most likely among them
    weighed = ~numbers["reason"].isin(TOKEN_REASONS)
    numbers = numbers.assign(_first=~weighed).merge(documents[["doc_id", "title"]], on="doc_id", how="left")
    numbers = numbers.sort_values(["_first", "doc_id", "char_start"], kind="stable")
    write_workbook(rows, tables_version(facts), out, lang, words, numbers)
    return rows


def reports_for_review(processed: Path) -> Reports:
    """Every number of the tables, the years each report speaks of, and a reader of its text."""
    documents = load("documents", processed)
    mentions = load("mentions", processed, missing_ok=True)
    facts = load("facts", processed)
    dated = mentions[mentions["reason"].isin(("year", "period", "date"))]
    years = {doc.doc_id: report_years([*dated.loc[dated["doc_id"] == doc.doc_id, "text"],
                                       *facts.loc[facts["doc_id"] == doc.doc_id, "period_start"],
                                       *facts.loc[facts["doc_id"] == doc.doc_id, "period_end"]], doc.published)
             for doc in documents.itertuples()}
    files = dict(zip(documents["doc_id"], documents["path"]))

    def text(doc_id: str) -> str | None:
        from pipelines.text.reading import BadInputError, read_report

        if doc_id not in files:
            return None
        try:
            return read_report(paths.REPO_ROOT / files[doc_id]).text
        except (BadInputError, OSError):
            return None

    return Reports({m["mention_id"]: m for m in mentions.to_dict("records")}, years, text)


def apply_review(workbook: Path, processed: Path, overrides: Path, reviewer: str = "",
                 today: dt.date | None = None, words: Callable[[str], Words] | None = None) -> Decisions:
    """Check the whole workbook against the tables; only when nothing is wrong, add its
    decisions to ``overrides``. The result lists the decisions or every problem found.
    ``words(lang)`` gives the words for codes of a workbook in ``lang`` (a code reads too)."""
    try:
        facts = load("facts", processed)
        sheet = read_workbook(workbook)
        reports = reports_for_review(processed)
    except (ValueError, FileNotFoundError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise ReviewReadError(f"{workbook}: cannot be read as a review workbook ({exc})") from None
    by_id = {f["fact_id"]: f for f in facts.to_dict("records")}
    decisions = review_decisions(sheet, by_id, tables_version(facts), reviewer.strip(),
                                 today or dt.datetime.now(dt.timezone.utc).date(),
                                 words(sheet.lang) if words else Words.codes(sheet.lang), reports)
    if not decisions.errors and decisions.overrides:
        try:
            merge_overrides(overrides, decisions.overrides)
        except (OverrideError, FileNotFoundError) as exc:
            decisions.errors.append(str(exc))
    return decisions
