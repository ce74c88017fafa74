"""The analyst's review loop: reviewed decisions and the workbook that feeds them.

Owns ``data/reference/overrides.csv`` (``overrides``: reading, checking, applying
decisions to facts), the review workbook (``workbook``: writing and reading it),
turning a filled-in workbook into decisions (``apply``) and the export/apply
session the command runs (``session``). It may import ``pipelines.tables``;
nothing of extraction, analysis or running.
"""
