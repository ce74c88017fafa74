"""Running the analysis notebooks per region and language with Papermill.

``plan`` decides the runs (selection, checked parameters, output paths, fingerprint),
``records`` keeps what a finished run leaves beside its outputs, ``execute`` runs them
in worker processes, ``kernels`` forks kernels from a warm process, ``index`` renders
the pages around the reports, and ``batch`` puts these together for the command line,
which does all the printing; it also writes the rendered copies of the reports that
the report tables link to (each report's proof sheet, which the index lists). It may
import ``pipelines.tables``, ``pipelines.analysis.labels``, ``pipelines.analysis.report``
and ``pipelines.analysis.proof``; it never imports extraction.
"""
