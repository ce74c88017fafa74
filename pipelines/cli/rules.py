"""``khuyencong rules``: the reading rules as tables, and how each does against a key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    rules = sub.add_parser("rules", help="list the reading rules (decision, id, pattern, answer, weight, example), "
                           "or measure them against a hand-made key")
    rules.add_argument("--decision", default="", help="only this decision's table (frame, measure …)")
    rules.add_argument("--measure", nargs=2, metavar=("KEY_CSV", "RAW_DIR"),
                       help="ingest RAW_DIR and print per rule how often it decided a fact of the key "
                       "and how often its answer agreed with the key")
    rules.set_defaults(func=_rules)


def _rules(args: argparse.Namespace) -> int:
    from pipelines.text.rules import tables
    from pipelines.text.rules.engine import APPLIES

    known = tables()
    if args.decision and args.decision not in known:
        print(f"no decision {args.decision!r}; the tables: {', '.join(known)}", file=sys.stderr)
        return 2
    if args.measure:
        return _measure(Path(args.measure[0]), Path(args.measure[1]), args.decision)
    for decision, table in known.items():
        if args.decision and decision != args.decision:
            continue
        print(f"# {decision} ({len(table.rules)} rules)")
        for rule in table.rules:
            example = rule.examples[0]
            gives = ", ".join(f"{k}={v}" for k, v in example.expect.items())
            answer = rule.answer or '""'  # "": plain, or "is a figure"
            print(f"{rule.id}\t{rule.scope}\t{rule.pattern}\t-> {answer}\t{rule.weight:g}\t"
                  f"{example.text.replace(chr(10), ' / ')}  => {gives}")
        for chain, steps in table.order.items():
            applies = table.applies[chain]
            print(f"## {decision}: the order {chain!r} ({APPLIES[applies]})")
            for number, step in enumerate(steps, 1):
                asks = (f"asks {', '.join(step.scopes)}" if step.scopes else f"cites {step.cites}" if step.cites
                        else "tested by its own examples")
                weight = f"\tweighs {step.weight:g}" if applies == "all" else ""
                example = f"\t{step.examples[0].text}" if step.examples else ""
                print(f"{number:2d}. {step.id}\t{step.does}\t[{asks}]{weight}{example}")
    return 0


def _measure(key_csv: Path, raw_dir: Path, decision: str) -> int:
    import pandas as pd

    from pipelines.evaluation.rules import records_table, rule_records, unmeasured_decisions
    from pipelines.evaluation.scoring import load_key
    from pipelines.ingest.run import ingest

    for path in (key_csv, raw_dir):
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            return 2
    result = ingest(raw_dir)  # nothing is written: the tables stay in memory
    records, matched = rule_records(result.facts, result.documents, load_key(key_csv))
    table = records_table(records)
    if decision:
        table = table[table["decision"] == decision]
    print(f"{matched} fact(s) matched to {key_csv.name}; per rule: facts decided, answers agreeing with the key")
    if decision in unmeasured_decisions():
        print(f"{decision}: its rules decide no attribute of a fact, so the key cannot judge them one by one")
        return 0
    with pd.option_context("display.max_rows", None, "display.width", 200):
        print(table.to_string(index=False))
    if not decision:
        print(f"not measured here (their rules decide no attribute of a fact; their effect shows in the "
              f"attributes above, the mentions' reasons and the confidence): {', '.join(unmeasured_decisions())}")
    return 0
