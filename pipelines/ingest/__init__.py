"""``khuyencong ingest``: every raw report through intake, extraction and review into the tables.

Owns the run over ``data/raw/`` (``run``: workers, bad input, overrides, checks and
the validated write of the four tables). It sits above the stages it runs: it may
import ``pipelines.intake``, ``pipelines.extraction``, ``pipelines.review``,
``pipelines.text`` and ``pipelines.tables``; nothing of analysis or running.
"""
