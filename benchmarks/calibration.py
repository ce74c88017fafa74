"""Calibration of the facts' confidence against a hand-made answer key.

    python benchmarks/calibration.py [--raw data/raw] [--key tests/golden/answer_key.csv]

Ingests the reports with the rules alone (no reviewed overrides), matches the facts
to the key (pipelines.evaluation.scoring) and prints what share of the wrong
facts (a false figure, or any attribute wrong) falls among the lowest-confidence
fifth and third of facts. Ties are broken against the measure: among facts of equal
confidence, the right ones count as lower. A script, not a test: it prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from pipelines import paths
from pipelines.evaluation.scoring import load_key, score
from pipelines.ingest.run import ingest

SHARES = (("lowest fifth", 1 / 5), ("lowest third", 1 / 3), ("lowest half", 1 / 2))


def calibration_table(facts: pd.DataFrame, wrong: set[str]) -> pd.DataFrame:
    """Per share of facts, lowest confidence first: how many facts, how many of them wrong."""
    ranked = facts.assign(wrong=facts["fact_id"].isin(wrong)).sort_values(
        ["confidence", "wrong"], ascending=[True, True], kind="stable", ignore_index=True)
    rows = []
    for name, share in SHARES:
        lowest = ranked.head(round(len(ranked) * share))
        caught = int(lowest["wrong"].sum())
        rows.append({"facts": name, "n": len(lowest), "wrong in it": caught,
                     "share of wrong facts": caught / len(wrong) if wrong else 1.0,
                     "max confidence": float(lowest["confidence"].max()) if len(lowest) else float("nan")})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=paths.RAW_DIR)
    parser.add_argument("--key", type=Path, default=Path("tests/golden/answer_key.csv"))
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    result = ingest(args.raw, jobs=args.jobs)
    s = score(result.facts, result.documents, load_key(args.key))
    print(f"{len(result.facts)} facts, {len(s.wrong)} wrong ({len(s.false_positives)} false, "
          f"{len(s.facts_with_errors)} with a wrong attribute); precision {s.precision:.3f}, recall {s.recall:.3f}")
    print(calibration_table(result.facts, s.wrong).to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    wrong = result.facts[result.facts["fact_id"].isin(s.wrong)].sort_values("confidence")
    for f in wrong.itertuples():
        rank = int((result.facts["confidence"] < f.confidence).sum()) + 1
        print(f"  wrong: {f.fact_id} {f.number_text} {f.measure} confidence {f.confidence:.3f} "
              f"(rank {rank} of {len(result.facts)}): {f.evidence}")


if __name__ == "__main__":
    main()
