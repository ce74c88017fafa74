"""Bringing a report in and saying what it is, before any figure is read.

Owns ``khuyencong add`` (``add``: files and web addresses into ``data/raw/``), the
manifest beside the raw files (``manifest``), and a report's metadata (``metadata``:
title, date from ``dates``, year, region, with publishers' places in ``outlets``).
It may import ``pipelines.text`` and ``pipelines.tables``; nothing of extraction,
review, analysis or running.
"""
