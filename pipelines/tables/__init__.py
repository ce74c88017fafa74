"""The data contract and the one way in and out of ``data/processed/``.

Owns the labels of the contract as names (``vocabulary``), the schemas and vocabularies
of ``docs/SCHEMA.md`` (``schema``), their
validation (``validate``), one ``load``, one ``write_tables`` (the four tables
replaced as a set) and one ``table_path`` (``store``), the folder's write lock
(``lock``), the region reference of ``data/reference/`` (``regions``) and the
digests of what an output is made from (``inputs``). It is
the bottom layer: it imports only ``pipelines.paths``, pyarrow and pandas.
"""
