"""The analyst's review loop: reviewed decisions and the workbook that feeds them.

Owns ``data/reference/overrides.csv`` (``overrides``: reading, checking, applying
decisions to facts: corrections, confirmations, drops and additions), the review
workbook (``workbook``: writing and reading it; ``words``: codes in a reader's
words, amounts in the report's scale), turning a filled-in workbook into decisions
(``apply``) and the export/apply session the command runs (``session``). It may
import ``pipelines.tables`` and ``pipelines.text`` (an addition's sentence, a
report's text); nothing of extraction, analysis or running.
"""
