"""Tables to what an analyst shows: views, labels, the chart style, charts and report tables.

Owns tidy views of the tables (``views``), words and number formats in
Vietnamese and English (``labels``), the one slide theme (``style``), what every
chart shares (``context``), the conference charts (``charts``) and data-quality
charts (``quality``), the ordered chart registry the notebooks and slides use
(``talk``) and the HTML tables and rendered source reports (``report``). The
notebooks call it. It may import ``pipelines.tables`` and ``pipelines.text``;
nothing of extraction or running.
"""
