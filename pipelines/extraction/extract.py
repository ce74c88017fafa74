"""Figures from a report's text: every number found, the facts it became, and why not.

The rules read the genre's cues, not any particular report:
- the unit comes from the words right after the number (``tỷ đồng``, ``%``, ``đề án``);
- the measure from the head phrase or verb before it (``kế hoạch kinh phí``,
  ``đã thực hiện``, ``phân bổ``, ``đạt x%``, ``tăng x%``, ``chiếm x%``);
- programme, activity, qualifier, period and place from cue words in the clause,
  then the sentence, then what the paragraph or report has set up;
- "X, trong đó A … B …" makes X a total and A, B its parts, which inherit what
  they do not state themselves.

The stages: ``document`` (find and index), ``walk`` (sentences in order, what each
hands on), ``decide`` (the order of decisions for one number, each in its own
module), ``rows`` (facts and mentions).
"""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.budget import Deadline, budget_seconds
from pipelines.extraction.document import read_document
from pipelines.extraction.rows import Extraction, tables
from pipelines.extraction.units import date_units
from pipelines.extraction.walk import walk
from pipelines.text.gazetteer import Gazetteer

__all__ = ["Extraction", "extract_document", "extract_dated"]


def extract_document(doc_id: str, text: str, report_region: str, gazetteer: Gazetteer,
                     default_year: Optional[int] = None, published: str = "") -> Extraction:
    """All facts and number mentions of one decoded report. Raises ExtractionTooLong (a
    BadInputError) when it runs over the time budget (see ``budget``)."""
    deadline = Deadline(doc_id, budget_seconds())
    doc = read_document(doc_id, text, report_region, gazetteer, default_year, published)
    deadline.check()
    return tables(doc, walk(doc, deadline))


def extract_dated(doc_id: str, text: str, report_region: str, gazetteer: Gazetteer,
                  default_year: Optional[int] = None, published: str = "") -> tuple[Extraction, str]:
    """``extract_document``, then each figure's place read by its period (the units of 1 July
    2025 from July 2025 on, see ``units``); also returns the report's region as of its date."""
    extraction = extract_document(doc_id, text, report_region, gazetteer, default_year, published)
    return extraction, date_units(extraction.facts, text, report_region, published, gazetteer)
