"""Measuring the extractor: scoring against hand-made keys and a synthetic corpus.

Owns the scorer (``scoring``: precision, recall and attributes against an answer
key), the generated corpus of the genre's sentence patterns (``synthetic``) that
the tests and benchmarks use, and each reading rule's record against a key
(``rules``). It may import ``pipelines.text``, ``pipelines.tables`` and the rule
tables of ``pipelines.text.rules``; nothing but the command line imports it.
"""
