"""Running the analysis notebooks per region with Papermill.

Owns the batch plan (selection, parameters, fingerprint), execution in worker
processes with forked kernels (``kernels``), run records and the index page. It
may import ``pipelines.tables`` and ``pipelines.analysis.labels``; it never
imports extraction.
"""
