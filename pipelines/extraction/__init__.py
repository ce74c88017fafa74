"""One report to rows: the figures it states, traced to their words.

Owns intake (``intake``: ``khuyencong add``), the manifest (``manifest``), report
metadata (``metadata``: dates in ``dates``, publishers' places in ``outlets``),
the sentence walk and one module per decision (plan or result and measure,
programme, activity, qualifier, period, region, grouping of totals and parts,
rows and quotes), the dating of places by period around the merger of 1 July
2025 (``units``), reviewed overrides and the review workbook that feeds them,
arithmetic cross-checks and ``ingest``, which runs all of it over ``data/raw/``
and writes the tables.
It may import ``pipelines.text`` and ``pipelines.tables``; nothing of analysis
or running.
"""
