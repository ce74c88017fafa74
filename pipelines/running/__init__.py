"""Running the analysis notebooks per region and language with Papermill.

``plan`` decides the runs (selection, checked parameters, output paths, fingerprint),
``records`` keeps what a finished run leaves beside its outputs, ``execute`` runs them
in worker processes, ``kernels`` forks kernels from a warm process, ``index`` renders
the pages around the reports, and ``batch`` puts these together for the command line,
which does all the printing. It may import ``pipelines.tables`` and
``pipelines.analysis.labels``; it never imports extraction.
"""
