"""Tables to what an analyst shows: views, labels, the chart style and charts.

Owns tidy views of the tables (``views``), words and number formats in
Vietnamese and English (``labels``), slide-ready charts (``charts``) and the
count of figures by the units of 2024 or 2025 (``units``). The notebooks call
it. It may import ``pipelines.tables``; nothing of extraction or running.
"""
