"""``khuyencong rules``: every rule listed with its example, and each rule's record
against a hand-made key (matched by file and number offset, ``accepted`` alternatives)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from pipelines import paths
from pipelines.evaluation.rules import accepted_answers, rule_records
from pipelines.text.rules import all_rules, all_steps

KEY = Path(__file__).parent.parent / "golden" / "answer_key.csv"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines", *args], capture_output=True, text=True, timeout=300)


def test_rules_lists_every_rule_with_its_example() -> None:
    out = run("rules").stdout
    for rule in all_rules():
        answer = rule.answer or '""'
        assert f"{rule.id}\t{rule.scope}\t{rule.pattern}\t-> {answer}" in out
        assert rule.examples[0].text.split("\n")[0] in out
    frame_only = run("rules", "--decision", "frame").stdout
    assert "frame.plan.phe_duyet" in frame_only and "# frame" in frame_only


def test_rules_lists_each_decisions_order_step_by_step() -> None:
    out = run("rules").stdout
    for step in all_steps():
        assert f". {step.id}\t{step.does}\t" in out
    money = [line for line in out.splitlines() if line.strip().startswith(tuple("123456789")) and ".order.money." in line]
    assert [line.split("\t")[0].split()[-1] for line in money][:3] == [
        "measure.order.money.no_figure", "measure.order.money.whole", "measure.order.money.cue_in_words"]


def test_an_unknown_decision_is_refused() -> None:
    proc = run("rules", "--decision", "nothing")
    assert proc.returncode == 2 and "the tables" in proc.stderr


def test_measure_against_the_golden_key() -> None:
    proc = run("rules", "--measure", str(KEY), str(paths.RAW_DIR), "--decision", "frame")
    assert proc.returncode == 0, proc.stderr
    assert "70 fact(s) matched" in proc.stdout
    hoan_thanh = next(line for line in proc.stdout.splitlines() if "frame.result.hoan_thanh " in line + " ")
    assert hoan_thanh.split()[2:4] == ["9", "9"]


def test_tables_that_decide_no_attribute_are_named_not_listed_as_never_firing() -> None:
    proc = run("rules", "--measure", str(KEY), str(paths.RAW_DIR))
    assert proc.returncode == 0, proc.stderr
    assert "trust.future.se" not in proc.stdout and "structure.connector.theo_do" not in proc.stdout
    assert "not measured here" in proc.stdout and "not_a_figure, structure, trust" in proc.stdout


def test_an_accepted_answer_counts_as_agreement() -> None:
    facts = pd.DataFrame([{"doc_id": "d1", "number_start": 10, "measure": "budget_plan", "program": "local",
                           "evidence": "measure=clause:x; frame=clause:frame.plan.phe_duyet; program=clause:kc"}])
    documents = pd.DataFrame([{"path": "raw/a.txt", "doc_id": "d1"}])
    key = pd.DataFrame([{"doc_file": "a.txt", "number_start": "10", "measure": "budget_spent", "program": "all",
                         "accepted": "measure=budget_plan"}])
    records, matched = rule_records(facts, documents, key)
    record = next(r for r in records if r.rule == "frame.plan.phe_duyet")
    assert matched == 1 and (record.fired, record.agreed) == (1, 1)
    without = rule_records(facts, documents, key.drop(columns="accepted"))[0]
    assert next(r for r in without if r.rule == "frame.plan.phe_duyet").agreed == 0
    assert accepted_answers("measure=a; program=b;measure=c") == {"measure": {"a", "c"}, "program": {"b"}}
