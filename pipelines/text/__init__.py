"""Bytes to text, and the Vietnamese grammar of the genre.

Owns decoding a report (``reading``: text encodings in ``charsets``, web pages,
PDF and Word files in ``formats``), what one report may cost in time and memory
(``limits``), paragraphs and sentences (``segments``),
Vietnamese number format (``numbers``), periods such as "7 tháng đầu năm 2022"
(``periods``), finding every number with its unit (``scan``), place names
(``gazetteer``), page chrome (``chrome``) and the reading rules as data with the
engine that applies them (``rules``: one table per decision, structure and page
chrome included). It works on strings and
offsets only: no pandas, nothing of extraction, analysis or running. It may import
``pipelines.paths`` and the region reference of ``pipelines.tables.regions``.
"""
