"""Every rule of every table, through the whole extractor: its examples give their
answers, and the evidence names the rule as what decided. A rule without a working
example cannot stay in a table."""

from __future__ import annotations

import pytest

from pipelines.extraction.extract import extract_document
from pipelines.text.rules import Example, Rule, all_rules
from pipelines.text.rules.evidence import deciders
from pipelines.text.gazetteer import default_gazetteer

CASES = [(rule, example) for rule in all_rules() for example in rule.examples]


def example_fact(example: Example) -> dict:
    """The fact an example speaks of: its ``number``'s, else the first."""
    facts = extract_document("example", example.text, "quang-nam", default_gazetteer(), 2023).facts
    chosen = [f for f in facts if not example.number or f["number_text"] == example.number]
    assert chosen, f"no fact for {example.number or 'the first number'} in {example.text!r}: {facts}"
    return chosen[0]


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.id}-{i}" for i, (r, _) in enumerate(CASES)])
def test_the_example_gives_its_answer_by_its_rule(rule: Rule, example: Example) -> None:
    fact = example_fact(example)
    assert {k: str(fact[k]) for k in example.expect} == example.expect, fact["evidence"]
    assert rule.id in deciders(fact["evidence"]).values(), fact["evidence"]


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in all_rules())
