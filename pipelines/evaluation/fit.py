"""Fitting the confidence model on hand-keyed sets: features from the tables, labels from the key.

A fact is labelled wrong when the key has no such figure or any scored attribute
disagrees (``pipelines.evaluation.scoring``). Its features are those the extractor
computes at ingest (``pipelines.extraction.trust.features``), rebuilt here from the
four tables, so what is fitted is what runs.
"""

from __future__ import annotations

import pandas as pd

from pipelines.extraction.trust import ReportContext, features


def table_features(facts: pd.DataFrame, documents: pd.DataFrame, checks: pd.DataFrame,
                   rule_accuracy: dict[str, float] | None = None) -> pd.DataFrame:
    """One row of features per fact, in the facts' order (the rules weighed by ``rule_accuracy``,
    else by the fitted model's rates)."""
    source = dict(zip(documents["doc_id"], documents.get("region_source", pd.Series(dtype=str))))
    failed = checks[checks["status"] == "mismatch"] if len(checks) else checks
    mismatched = frozenset(i for ids in failed.get("fact_ids", []) for i in str(ids).split(","))
    rows = []
    for doc_id, group in facts.groupby("doc_id", sort=False):
        counts = group["sentence_start"].astype(int).value_counts().to_dict()
        context = ReportContext(source.get(doc_id) or "text", mismatched, counts, rule_accuracy)
        rows += [(fact["fact_id"], features(fact, context)) for fact in group.to_dict("records")]
    frame = pd.DataFrame([x for _, x in rows], index=[i for i, _ in rows])
    return frame.loc[facts["fact_id"]].reset_index(drop=True)
