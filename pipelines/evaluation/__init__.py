"""Measuring the extractor: scoring against hand-made keys and a synthetic corpus.

Owns the scorer (``scoring``: precision, recall and attributes against an answer
key) and the generated corpus of the genre's sentence patterns (``synthetic``) that
the tests and benchmarks use. It may import ``pipelines.text`` and
``pipelines.tables``; nothing else of the package imports it.
"""
