"""A time budget per report: extraction that runs longer is refused, not waited for.

Extraction is linear in a report's length (a few seconds per megabyte), so a report
that takes a minute is not one the rules were made for; ingest reports it as a bad
input and carries on with the others.
"""

from __future__ import annotations

import os
import time

from pipelines.text.reading import BadInputError

EXTRACTION_BUDGET_S = 60.0
BUDGET_ENV = "KHUYENCONG_EXTRACTION_BUDGET_S"  # seconds; overrides the constant


class ExtractionTooLong(BadInputError):
    """A report whose extraction ran over its time budget."""


def budget_seconds() -> float:
    value = os.environ.get(BUDGET_ENV, "")
    try:
        return float(value) if value else EXTRACTION_BUDGET_S
    except ValueError:
        raise ValueError(f"{BUDGET_ENV}={value!r}: expected a number of seconds") from None


class Deadline:
    """The moment a report's extraction must be done by."""

    def __init__(self, doc_id: str, seconds: float) -> None:
        self.doc_id, self.seconds = doc_id, seconds
        self.at = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise ExtractionTooLong(self.doc_id, f"extraction took longer than {self.seconds:g} s "
                                                 f"(the budget; set {BUDGET_ENV} to change it)")
