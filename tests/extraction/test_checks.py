"""Cross-checks on tiny hand-made facts: tolerance follows the precision written."""

import pytest

from pipelines.extraction.checks import Interval, document_checks, stated_interval


def fact(fid: str, measure: str, value: float, text: str, unit: str = "VND", decimals: int = 0, **kw) -> dict:
    row = {"fact_id": fid, "doc_id": "d", "measure": measure, "value": value, "unit": unit,
           "number_text": text, "decimals": decimals, "program": "all", "activity": "all",
           "qualifier": "", "period_start": "2022-01", "period_end": "2022-12",
           "sentence_start": 0, "number_start": int(fid), "group_id": "", "role": ""}
    row.update(kw)
    return row


def test_interval_of_a_rounded_figure() -> None:
    i = stated_interval(fact("1", "budget_spent", 20.7e9, "20,7", decimals=1))
    assert i.lo == pytest.approx(20.65e9) and i.hi == pytest.approx(20.75e9)
    assert Interval(1, 2).meets(Interval(2, 3)) and not Interval(1, 2).meets(Interval(2.1, 3))


def test_execution_within_rounding_passes() -> None:
    facts = [fact("1", "budget_plan", 72.8e9, "72,8", decimals=1, sentence_start=-1),
             fact("2", "budget_spent", 20.7e9, "20,7", decimals=1, period_end="2022-07"),
             fact("3", "execution_pct", 28.44, "28,44", unit="percent", decimals=2, period_end="2022-07")]
    (check,) = document_checks(facts)
    assert (check["kind"], check["status"]) == ("ratio", "ok")
    assert check["computed"] == pytest.approx(28.43, abs=0.01)


def test_wrong_denominator_is_flagged_and_explained() -> None:
    facts = [fact("1", "budget_plan", 91.3e9, "91,3", decimals=1, sentence_start=-1),
             fact("2", "budget_plan", 59e9, "59", program="local", sentence_start=-1),
             fact("3", "budget_spent", 25.3e9, "25,3", decimals=1, program="local"),
             fact("4", "execution_pct", 27.7, "27,7", unit="percent", decimals=1, program="local")]
    (check,) = document_checks(facts)
    assert check["status"] == "mismatch"
    assert "91,3" in check["description"] and "different denominator" in check["description"]
    assert check["fact_ids"] == "4,3,2"


def test_sum_of_parts() -> None:
    facts = [fact("1", "projects_implemented", 166, "166", unit="count", group_id="g", role="total"),
             fact("2", "projects_implemented", 150, "150", unit="count", group_id="g", role="part", program="local"),
             fact("3", "projects_implemented", 16, "16", unit="count", group_id="g", role="part", program="national")]
    (check,) = document_checks(facts)
    assert (check["kind"], check["status"], check["computed"]) == ("sum", "ok", 166)
    facts[1]["value"] = 140
    assert document_checks(facts)[0]["status"] == "mismatch"


def test_growth() -> None:
    facts = [fact("1", "budget_plan", 72.8e9, "72,8", decimals=1),
             fact("2", "growth_pct", 42.11, "42,11", unit="percent", decimals=2),
             fact("3", "budget_plan", 51.23e9, "51,23", decimals=2, period_start="2021-01", period_end="2021-12")]
    (check,) = document_checks(facts)
    assert (check["kind"], check["status"]) == ("growth", "ok")


def test_allocated_share_is_checked_against_allocated_over_plan() -> None:
    facts = [fact("1", "budget_plan", 32.3e9, "32,3", decimals=1, program="national", sentence_start=-1),
             fact("2", "budget_allocated", 13e9, "13", program="national"),
             fact("3", "allocated_pct", 40.0, "40", unit="percent", program="national")]
    (check,) = document_checks(facts)
    assert (check["status"], check["fact_ids"]) == ("ok", "3,2,1")
    assert check["computed"] == pytest.approx(40.25, abs=0.01)
    facts[1] = fact("2", "budget_spent", 13e9, "13", program="national")  # spent is no numerator of an allocated share
    assert document_checks(facts) == []
