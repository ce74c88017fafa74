"""What leaves the project for people: slide decks, spreadsheet exports and helpers for exploring.

Owns the readable tables of figures, checks and reports (``readable``), the
Excel/CSV exports (``export``), the PowerPoint decks (``deck``, ``native``,
``talk``), their up-to-date build (``build``) and the public helpers of
``notebooks/explore.ipynb`` (``explore``). It may import ``pipelines.tables``
and ``pipelines.analysis``; nothing of extraction or running.
"""
