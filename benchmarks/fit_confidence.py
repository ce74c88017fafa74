"""Fit the confidence model on hand-keyed sets and write its weights.

    python benchmarks/fit_confidence.py --texts-root DIR evaluation/sets/set10 evaluation/sets/set11 ... [--write]

Each set is ingested with the rules alone (its texts are DIR/<set>/texts, checked
against the set's checksums) and every fact labelled right or wrong against the set's
key. A logistic regression (scikit-learn) of "right" on the features of
``pipelines.extraction.trust`` is fitted on all the sets given; before that, each set
is held out once and scored by a model fitted on the others (ROC AUC and the share
of wrong facts in the lowest-confidence fifth), which is the figure to quote for a
set. ``--write`` stores the fit in pipelines/extraction/trust_weights.json. A script,
not a test: it prints.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.evaluation.fit import table_features
from pipelines.evaluation.scoring import lowest_share, roc_auc
from pipelines.evaluation.sets import evaluate
from pipelines.extraction.trust import WEIGHTS_FILE, rule_ids

C = 0.5  # L2 strength: a few hundred facts, two dozen features; stronger pulls every weight to 0


MIN_FIRED = 3  # a rule measured on fewer facts says nothing of itself
PRIOR_RIGHT, PRIOR_N = 0.75, 2.0  # each rule's rate starts near the sets' share of right facts


def labelled(set_dir: Path, texts_root: Path) -> tuple[pd.DataFrame, np.ndarray, list[list[str]]]:
    with tempfile.TemporaryDirectory() as work:
        result = evaluate(set_dir, texts_root / set_dir.name / "texts", Path(work))
    right = ~result.facts["fact_id"].isin(result.score.wrong).to_numpy()
    return result, right, [rule_ids(e) for e in result.facts["evidence"]]


def rule_accuracy(data: list[tuple[object, np.ndarray, list[list[str]]]]) -> dict[str, float]:
    """Per rule: the share of the facts it helped decide that were right (smoothed toward the prior)."""
    fired: dict[str, list[bool]] = {}
    for _, right, ids in data:
        for ok, rules in zip(right, ids):
            for rule in set(rules):
                fired.setdefault(rule, []).append(bool(ok))
    return {rule: round((sum(v) + PRIOR_RIGHT * PRIOR_N) / (len(v) + PRIOR_N), 3)
            for rule, v in sorted(fired.items()) if len(v) >= MIN_FIRED}


def features(data: list[tuple], rates: dict[str, float]) -> list[pd.DataFrame]:
    return [table_features(r.facts, r.documents, r.checks, rates) for r, _, _ in data]


def fit(xs: list[pd.DataFrame], ys: list[np.ndarray]):  # -> (LogisticRegression, feature names)
    from sklearn.linear_model import LogisticRegression

    x = pd.concat(xs, ignore_index=True).fillna(0.0)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(x.to_numpy(), np.concatenate(ys))
    return model, list(x.columns)


def lowest_fifth(p: np.ndarray, right: np.ndarray) -> float:
    caught, wrong = lowest_share(p.tolist(), (~right).tolist())
    return caught / wrong if wrong else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", type=Path, nargs="+")
    parser.add_argument("--texts-root", type=Path, required=True)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    data = {s.name: labelled(s, args.texts_root) for s in args.sets}
    print(f"{'held out':10} {'facts':>5} {'wrong':>5} {'AUC':>5} {'lowest fifth':>12}")
    for name, held in data.items():
        others = [v for k, v in data.items() if k != name]
        if not others:
            break
        rates = rule_accuracy(others)  # measured without the held-out set
        model_, columns = fit(features(others, rates), [v[1] for v in others])
        (x,) = features([held], rates)
        right = held[1]
        p = model_.predict_proba(x.reindex(columns=columns, fill_value=0.0).to_numpy())[:, 1]
        print(f"{name:10} {len(right):5} {(~right).sum():5} {roc_auc(p.tolist(), (~right).tolist()):5.2f} "
              f"{lowest_fifth(p, right):12.2f}")
    everything = list(data.values())
    rates = rule_accuracy(everything)
    model_, columns = fit(features(everything, rates), [v[1] for v in everything])
    weights = {name: round(float(w), 4) for name, w in zip(columns, model_.coef_[0])}
    fitted = {"fitted_on": sorted(data), "C": C, "intercept": round(float(model_.intercept_[0]), 4),
              "weights": weights, "rule_accuracy": rates}
    print(json.dumps({k: v for k, v in fitted.items() if k != "rule_accuracy"}, indent=1, ensure_ascii=False))
    print(f"{len(rates)} rules measured (fired on at least {MIN_FIRED} facts)")
    if args.write:
        WEIGHTS_FILE.write_text(json.dumps(fitted, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
