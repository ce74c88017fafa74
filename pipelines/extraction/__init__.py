"""One report's text to rows: the figures it states, traced to their words.

Owns the sentence walk (``walk``), the order of decisions for one number
(``decide``), what every decision about a number looks at, gathered once (``around``),
and one module per decision (plan or result and measure, programme,
activity, qualifier, period, region, recognition, grouping of totals and parts),
each reading its cue words from its rule table (``pipelines.text.rules``) and
keeping only inheritance as code,
rows and quotes (``rows``), evidence (``evidence``) and confidence (``trust``), the dating of places by
period around the merger of 1 July 2025 (``units``) and arithmetic cross-checks
(``checks``). It may import ``pipelines.text`` and ``pipelines.tables``; nothing of
intake, review, ingest, analysis or running.
"""
