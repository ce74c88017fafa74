"""Score the rules on a private evaluation set of published articles.

    python benchmarks/evaluate_set.py evaluation/sets/set12 TEXTS_DIR [--with-addresses] [--details]

TEXTS_DIR holds the set's articles, rebuilt from the addresses in its sources.csv
(evaluation/README.md); their SHA-256 must match. The articles are ingested as files
(only their publication dates in a manifest; with --with-addresses also their page
addresses) with the rules alone, and scored against the set's key.csv: precision,
recall, F1, each attribute on the matched figures, and how well the confidence column
ranks the wrong facts (a false figure or any attribute wrong) below the right ones.
A script, not a test: it prints.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from pipelines.evaluation.sets import evaluate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("texts_dir", type=Path)
    parser.add_argument("--with-addresses", action="store_true", help="give the ingest each page's address")
    parser.add_argument("--details", action="store_true", help="list every wrong attribute, false figure and miss")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        result = evaluate(args.set_dir, args.texts_dir, Path(work), args.with_addresses)
    s = result.score
    caught, wrong = result.lowest_share(0.2)
    figures = {"set": args.set_dir.name, "articles": int(len(result.documents)), "key": s.n_key,
               "facts": s.n_facts, "matched": s.matched, "precision": round(s.precision, 3),
               "recall": round(s.recall, 3), "f1": round(s.f1, 3),
               "all_attributes_right": round(s.attributes_correct, 3),
               **{attr: round(s.attribute_accuracy(attr), 3) for attr in s.scored},
               "wrong_facts": wrong, "auc": round(result.auc(), 3),
               "lowest_fifth_holds": caught, "lowest_fifth_share": round(caught / wrong, 3) if wrong else 1.0}
    for name, value in figures.items():
        print(f"{name:22} {value}")
    if args.details:
        print(s.summary())
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
