"""Tables to what an analyst shows: views, labels, the chart style and charts.

Owns tidy views of the tables (``views``), words and number formats in
Vietnamese and English (``labels``) and slide-ready charts (``charts``). The
notebooks call it. It may import ``pipelines.tables``; nothing of extraction
or running.
"""
