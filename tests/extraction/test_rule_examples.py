"""Every rule of every table, through the whole extractor: each example gives its
answer, and the rule is what gave it (the facts' evidence names it as the decider, or
without the rule the example's answer changes). A rule without a working example
cannot stay in a table."""

from __future__ import annotations

import pytest

from pipelines.extraction.extract import extract_dated
from pipelines.extraction.trust import ReportContext, features
from pipelines.intake.metadata import infer_year
from pipelines.text.chrome import chrome_lines, text_lines
from pipelines.text.gazetteer import default_gazetteer
from pipelines.text.rules import Example, Rule, Step, all_rules, all_steps
from pipelines.text.rules.engine import without
from pipelines.text.rules.evidence import deciders

CASES = [(rule, example) for rule in all_rules() for example in rule.examples]


def outcome(example: Example) -> tuple[dict[str, str], str]:
    """The example's answer as its ``expect`` names it (fact columns, ``reason``: why its
    number is no fact, ``chrome``: whether its last line is page chrome, ``feature``: a
    confidence feature its fact turns on, or ``report_year``: the year the report is mainly
    about), and the
    evidence of its fact ("" when none)."""
    if "chrome" in example.expect:
        lines = [line.text for line in text_lines(example.text)]
        return {"chrome": "yes" if len(lines) - 1 in chrome_lines(lines) else "no"}, ""
    if "report_year" in example.expect:  # the year the report is mainly about
        return {"report_year": str(infer_year(example.text, example.published))}, ""
    extraction, _ = extract_dated("example", example.text, example.region or "quang-nam", default_gazetteer(), 2023,
                                  example.published)
    if "reason" in example.expect:
        reasons = [m["reason"] for m in extraction.mentions if m["text"] == example.number]
        return {"reason": reasons[0] if reasons else "(no such number)"}, ""
    chosen = [f for f in extraction.facts if not example.number or f["number_text"] == example.number]
    if not chosen or "fact" in example.expect:
        return {"fact": "none" if not chosen else "yes"}, chosen[0]["evidence"] if chosen else ""
    if "feature" in example.expect:  # a confidence feature the figure turns on (trust.toml)
        on = features(chosen[0], ReportContext()).get(example.expect["feature"])
        return {"feature": example.expect["feature"] if on else "(off)"}, chosen[0]["evidence"]
    return {k: str(chosen[0][k]) for k in example.expect}, chosen[0]["evidence"]


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.id}-{i}" for i, (r, _) in enumerate(CASES)])
def test_the_example_gives_its_answer_by_its_rule(rule: Rule, example: Example) -> None:
    answer, evidence = outcome(example)
    assert answer == example.expect, evidence
    if rule.id in "+".join(deciders(evidence).values()).split("+"):
        return
    with without(rule.id):
        assert outcome(example)[0] != example.expect, f"{rule.id} decides nothing in its example: {evidence}"


def test_a_rule_switched_off_decides_nothing() -> None:
    rule = next(r for r in all_rules() if r.id == "frame.plan.se")
    with without(rule.id):
        answer, evidence = outcome(rule.examples[0])
    assert answer != rule.examples[0].expect and "frame.plan.se" not in evidence


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in all_rules())


STEP_CASES = [(step, example) for step in all_steps() for example in step.examples]


@pytest.mark.parametrize("step,example", STEP_CASES, ids=[f"{s.id}-{i}" for i, (s, _) in enumerate(STEP_CASES)])
def test_a_step_of_a_decisions_order_gives_its_example_and_decides_it(step: Step, example: Example) -> None:
    """The step gave the answer: the evidence of its decision cites what it leaves there, or without it
    the answer changes."""
    answer, evidence = outcome(example)
    assert answer == example.expect, evidence
    if step.cites and step.cites in deciders(evidence).get(step.decision, "").split("+"):
        return
    with without(step.id):
        assert outcome(example)[0] != example.expect, f"{step.id} decides nothing in its example: {evidence}"


def test_every_step_is_tested_by_its_own_examples_or_by_the_rules_it_asks() -> None:
    for step in all_steps():
        asked = [rule for rule in all_rules() if rule.decision == step.decision and rule.scope in step.scopes]
        assert step.examples or asked, step.id
