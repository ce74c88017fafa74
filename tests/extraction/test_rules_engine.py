"""The rule engine: tables are validated when read, and the two ways of matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.text.rules import RuleError, all_rules, table
from pipelines.text.rules.engine import Matcher, read_table
from pipelines.text.rules.evidence import deciders, outweighed

HEAD = 'decision = "demo"\nanswers = ["a", "b"]\n[scopes.words]\nwhere = "before the number"\n'
EXAMPLE = 'examples = [{ text = "Năm 2023, tỉnh hỗ trợ 5 cơ sở.", expect = { measure = "beneficiaries" } }]\n'


def rule(rid: str = "demo.a.one", pattern: str = "hỗ trợ", answer: str = "a", example: str = EXAMPLE) -> str:
    return f'[[rules]]\nid = "{rid}"\nscope = "words"\npattern = \'{pattern}\'\nanswer = "{answer}"\n{example}'


def write(tmp_path: Path, *rules: str) -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(HEAD + "\n".join(rules), encoding="utf-8")
    return path


def test_a_good_table_reads(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, rule(), rule("demo.b.two", "đạt", "b")))
    assert [r.id for r in table.rules] == ["demo.a.one", "demo.b.two"]


@pytest.mark.parametrize("bad,message", [
    (rule(example=""), "example"),
    (rule(pattern="(unclosed"), "compile"),
    (rule(answer="c"), "answer"),
    (rule(rid="other.a.one"), "id"),
    (rule(pattern="(?P<x>hỗ trợ)"), "groups"),  # an alternation scope names no groups
])
def test_a_bad_rule_is_refused(tmp_path: Path, bad: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        read_table(write(tmp_path, bad))


def test_ids_are_unique_across_the_tables() -> None:
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids)) and len(ids) > 30


def test_alternation_takes_the_first_rule_that_matches_and_priority_the_earliest_rule(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, rule("demo.a.short", "hỗ trợ"), rule("demo.b.long", "hỗ trợ 5 cơ sở", "b")))
    one = Matcher(table.rules, table.scopes["words"])
    assert [h.rule.id for h in one.finditer("đã hỗ trợ 5 cơ sở")] == ["demo.a.short"]
    assert [h.rule.id for h in one.find("đã hỗ trợ 5 cơ sở")] == ["demo.a.short"]
    assert one.match("hỗ trợx") is None  # whole words only


def test_evidence_names_the_deciding_rule_and_what_it_outweighed() -> None:
    text = "measure=clause:thực hiện; frame=clause:frame.result.da_lam (over frame.plan.theo_ke_hoach, inherit.carried)"
    assert deciders(text)["frame"] == "frame.result.da_lam"
    assert outweighed(text)["frame"] == ["frame.plan.theo_ke_hoach", "inherit.carried"]


def test_the_tables_answer_in_the_contract_vocabulary() -> None:
    from pipelines.tables.vocabulary import Activity, Frame, Measure, Program, Qualifier, RecognitionLevel

    vocabulary = {"frame": set(Frame), "program": set(Program), "activity": set(Activity),
                  "qualifier": set(Qualifier), "recognition": set(RecognitionLevel),
                  # besides measures: what a verb or a noun says before the measure is known
                  "measure": set(Measure) | {"support_budget", "increase", "decrease", "projects"}}
    for decision, allowed in vocabulary.items():
        assert {r.answer for r in table(decision).rules} <= allowed, decision


ORDER = ('\n[[order.pick]]\nstep = "said"\ndoes = "the words"\nscopes = ["words"]\n'
         '[[order.pick]]\nstep = "inherited"\ndoes = "from before"\ncites = "inherit.total"\n' + EXAMPLE)


def test_an_order_reads_its_steps_in_table_order(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, rule() + ORDER))
    assert [s.id for s in table.order["pick"]] == ["demo.order.pick.said", "demo.order.pick.inherited"]
    assert table.order["pick"][1].cites == "inherit.total" and table.order["pick"][1].examples


@pytest.mark.parametrize("bad,message", [
    (ORDER.replace('scopes = ["words"]', 'scopes = ["nowhere"]'), "no scope"),
    (ORDER.replace('scopes = ["words"]\n', ""), "names the scopes"),
    (ORDER.replace('"inherited"', '"said"'), "twice"),
    (ORDER + '[applies]\npick = "sometimes"\n', "applies"),
    (ORDER + '[applies]\nother = "all"\n', "applies"),
])
def test_a_bad_order_is_refused(tmp_path: Path, bad: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        read_table(write(tmp_path, rule() + bad))


def test_a_chain_asks_its_steps_in_the_tables_order_and_refuses_code_the_table_does_not_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.text.rules import engine

    table = read_table(write(tmp_path, rule() + ORDER))
    monkeypatch.setattr(engine, "table", lambda decision: table)
    asked: list[str] = []
    steps = {"said": lambda x: asked.append("said"), "inherited": lambda x: asked.append("inherited") or x}
    assert engine.chain("demo", "pick", steps).first("answer") == "answer" and asked == ["said", "inherited"]
    with engine.without("demo.order.pick.inherited"):
        assert engine.chain("demo", "pick", steps).first("answer") is None
    with pytest.raises(RuleError, match="without code"):
        engine.chain("demo", "pick", {"said": steps["said"]})
    with pytest.raises(RuleError, match="does not place"):
        engine.chain("demo", "pick", {**steps, "extra": steps["said"]})


def test_a_weighed_order_gathers_every_steps_answers_with_its_weight_and_is_used_only_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An order that ``applies = "all"`` (the frame's votes) asks every step, each given its
    step's weight; asking it for the first answer, or another order for all, is an error."""
    from pipelines.text.rules import engine

    weighed = ORDER.replace('scopes = ["words"]\n', 'scopes = ["words"]\nweight = 8\n') + '[applies]\npick = "all"\n'
    table = read_table(write(tmp_path, rule() + weighed))
    assert [s.weight for s in table.order["pick"]] == [8.0, 1.0] and table.applies == {"pick": "all"}
    monkeypatch.setattr(engine, "table", lambda decision: table)
    votes = {"said": lambda step, x: [(x, step.weight)], "inherited": lambda step, x: [(x, step.weight)] * 2}
    chain = engine.chain("demo", "pick", votes)
    assert chain.gather("plan") == [("plan", 8.0), ("plan", 1.0), ("plan", 1.0)]
    with engine.without("demo.order.pick.said"):
        assert chain.gather("plan") == [("plan", 1.0), ("plan", 1.0)]
    with pytest.raises(RuleError, match="applies 'all'"):
        chain.first("plan")
    plain = read_table(write(tmp_path, rule() + ORDER))
    monkeypatch.setattr(engine, "table", lambda decision: plain)
    with pytest.raises(RuleError, match="applies 'first'"):
        engine.chain("demo", "pick", votes).gather("plan")


def test_the_frame_votes_weigh_as_its_table_says() -> None:
    """Where a vote stands weighs what frame.toml says: the figure's own words 8, the rest of its
    clause 4, its total 3, the figure before and its sentence 2, the paragraph's frame 1."""
    steps = {s.name: s.weight for s in table("frame").order["votes"]}
    assert steps == {"after": 1, "own_words": 8, "bare_verb": 8, "rest_of_clause": 4, "total": 3,
                     "figure_before": 2, "sentence": 2, "carried": 1}
    assert table("frame").applies["votes"] == "all" and table("period").applies == {"figure": "first",
                                                                                     "adjust": "each"}
