"""Every rule of every table, through the whole extractor: each example gives its
answer, and the rule is what gave it (the facts' evidence names it as the decider, or
without the rule the example's answer changes). A rule without a working example
cannot stay in a table."""

from __future__ import annotations

import pytest

from pipelines.extraction.extract import extract_document
from pipelines.text.gazetteer import default_gazetteer
from pipelines.text.rules import Example, Rule, all_rules
from pipelines.text.rules.engine import without
from pipelines.text.rules.evidence import deciders

CASES = [(rule, example) for rule in all_rules() for example in rule.examples]


def outcome(example: Example) -> tuple[dict[str, str], str]:
    """The example's answer as its ``expect`` names it (fact columns, or ``reason``: why its
    number is no fact), and the evidence of its fact ("" when none)."""
    extraction = extract_document("example", example.text, example.region or "quang-nam", default_gazetteer(), 2023,
                                  example.published)
    if "reason" in example.expect:
        reasons = [m["reason"] for m in extraction.mentions if m["text"] == example.number]
        return {"reason": reasons[0] if reasons else "(no such number)"}, ""
    chosen = [f for f in extraction.facts if not example.number or f["number_text"] == example.number]
    if not chosen:
        return {"fact": "none"}, ""
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
