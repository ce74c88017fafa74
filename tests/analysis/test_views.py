"""The notebook views on tiny frames: roll-up, budgets, funding mix, growth, on-track, counts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipelines.analysis import views
from pipelines.tables.regions import ALL, Region, ancestors

KNOWN = {
    "ca-nuoc": Region("ca-nuoc", "Cả nước", "country", ""),
    "phia-nam": Region("phia-nam", "Khu vực phía Nam", "macro_region", "ca-nuoc"),
    "mien-trung-tay-nguyen": Region("mien-trung-tay-nguyen", "Miền Trung – Tây Nguyên", "macro_region", "ca-nuoc"),
    "dak-lak": Region("dak-lak", "Đắk Lắk", "province", "mien-trung-tay-nguyen"),
    "kien-giang": Region("kien-giang", "Kiên Giang", "province", "phia-nam"),
}
BN = 1e9


def facts(*rows: dict) -> pd.DataFrame:
    """Facts with defaults for every column the views read."""
    base = {"doc_id": "doc", "region_id": "phia-nam", "period_start": "2023-01", "period_end": "2023-12",
            "program": "all", "activity": "all", "measure": "budget_plan", "value": 1.0, "unit": "VND",
            "qualifier": "", "quote": "", "char_start": 0, "method": "rule", "recognition_level": "",
            "review_state": "unreviewed"}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return frame.assign(fact_id=[f"f{i}" for i in range(len(frame))],
                        char_start=frame["char_start"] if "char_start" in frame else range(len(frame)))


def test_ancestors_follow_province_to_region_to_country() -> None:
    assert ancestors("dak-lak", KNOWN) == ("dak-lak", "mien-trung-tay-nguyen", "ca-nuoc")
    assert ancestors("phia-nam", KNOWN) == ("phia-nam", "ca-nuoc")
    assert ancestors("ca-nuoc", KNOWN) == ("ca-nuoc",)
    assert ancestors("somewhere-new", KNOWN) == ("somewhere-new", "ca-nuoc")


def test_rollup_counts_a_province_toward_its_region_and_the_country() -> None:
    rolled = views.rollup(facts({"region_id": "dak-lak"}, {"region_id": "phia-nam"}), KNOWN)
    assert sorted(rolled["region"]) == sorted(["dak-lak", "mien-trung-tay-nguyen", "ca-nuoc", "phia-nam", "ca-nuoc"])
    assert set(rolled.loc[rolled["region"] == "mien-trung-tay-nguyen", "source_region"]) == {"dak-lak"}


def test_scope_keeps_the_source_of_each_figure_and_all_keeps_each_once() -> None:
    frame = facts({"region_id": "dak-lak", "doc_id": "2023-dak-lak"}, {"region_id": "mien-trung-tay-nguyen"},
                  {"region_id": "phia-nam"})
    region = views.scope(frame, "mien-trung-tay-nguyen", KNOWN)
    assert list(region["source_region"]) == ["dak-lak", "mien-trung-tay-nguyen"]
    assert list(region["doc_id"])[0] == "2023-dak-lak"
    everything = views.scope(frame, ALL, KNOWN)
    assert len(everything) == 3 and set(everything["region"]) == {ALL}
    assert views.scope(frame, "kien-giang", KNOWN).empty


def test_distinct_shows_a_figure_stated_twice_once_and_keeps_every_different_figure() -> None:
    frame = views.scope(facts({"value": 47.26 * BN, "char_start": 900}, {"value": 72.8 * BN, "char_start": 100},
                              {"value": 72.8 * BN, "char_start": 500, "doc_id": "other"}), "phia-nam", KNOWN)
    kept = views.distinct(frame)
    assert sorted(kept["value"]) == [47.26 * BN, 72.8 * BN] and kept["conflict"].all()
    assert kept.loc[kept["value"] == 72.8 * BN, "char_start"].tolist() == [100]  # the first statement
    curated = facts({"value": 2.0, "char_start": 5}, {"value": 2.0, "char_start": 9, "method": "curated"})
    assert views.distinct(views.scope(curated, "phia-nam", KNOWN))["method"].tolist() == ["curated"]
    assert len(views.conflicts(frame)) == 3


def test_distinct_keeps_each_recognition_level() -> None:
    levels = facts(*({"activity": "typical_products", "measure": "products", "unit": "count", "value": v,
                      "recognition_level": level} for v, level in ((29, "provincial"), (21, "regional"), (8, "national"))))
    rows = views.typical_products(views.scope(levels, "phia-nam", KNOWN))
    assert sorted(rows["value"]) == [8, 21, 29] and not rows["conflict"].any()


def test_a_mismatch_marks_the_stated_figure_with_the_recomputed_value() -> None:
    frame = facts({"measure": "execution_pct", "unit": "percent", "value": 27.7}, {"value": 59 * BN})
    checks = pd.DataFrame({"status": ["mismatch", "ok"], "computed": [42.88, 1.0], "fact_ids": ["f0,f1", "f1"]})
    flagged = views.flag_mismatches(frame, checks)
    assert flagged["mismatch"].tolist() == [True, False]
    assert flagged["recomputed"].iloc[0] == 42.88 and math.isnan(flagged["recomputed"].iloc[1])


def test_unreviewed_lists_only_figures_nobody_reviewed() -> None:
    frame = views.scope(facts({"value": 1.0}, {"value": 2.0, "measure": "budget_spent", "review_state": "confirmed"}),
                        "phia-nam", KNOWN)
    documents = pd.DataFrame({"doc_id": ["doc"], "title": ["Báo cáo"], "published": [""]})
    assert views.unreviewed(frame, documents)["value"].tolist() == [1.0]
    assert views.review_counts(frame) == (1, 2)


def test_budgets_are_in_billions_and_leave_out_targets_averages_and_activities() -> None:
    frame = facts({"value": 72.8 * BN}, {"value": 100 * BN, "qualifier": "target"},
                  {"value": 5 * BN, "activity": "technology"}, {"measure": "execution_pct", "value": 28.44})
    out = views.budgets(views.scope(frame, "phia-nam", KNOWN))
    assert out["value_bn"].tolist() == [pytest.approx(72.8)]


def test_funding_mix_counterpart_per_state_dong() -> None:
    spent = {"region_id": "dak-lak", "period_start": "2012-01", "period_end": "2022-12", "measure": "budget_spent"}
    frame = facts({**spent, "program": "national", "value": 3.786 * BN}, {**spent, "program": "local", "value": 15.167 * BN},
                  {**spent, "program": "counterpart", "value": 57.529 * BN}, {**spent, "program": "all", "value": 76.482 * BN},
                  {**spent, "program": "national", "measure": "budget_plan", "value": 9 * BN})
    mix = views.funding_mix(views.budgets(views.scope(frame, "dak-lak", KNOWN)))
    assert len(mix) == 1
    row = mix.iloc[0]
    assert row["measure"] == "budget_spent"
    assert row["counterpart_per_state"] == pytest.approx(57.529 / (3.786 + 15.167))


def test_funding_mix_without_counterpart_has_no_ratio() -> None:
    plan = {"period_start": "2024-01", "period_end": "2024-09"}
    frame = facts({**plan, "program": "national", "value": 32.3 * BN}, {**plan, "program": "local", "value": 59 * BN})
    mix = views.funding_mix(views.budgets(views.scope(frame, "phia-nam", KNOWN)))
    assert mix.iloc[0]["national"] == pytest.approx(32.3)
    assert math.isnan(mix.iloc[0]["counterpart_per_state"])


def test_plan_growth_compares_consecutive_years_and_shows_the_stated_figure() -> None:
    region = {"region_id": "mien-trung-tay-nguyen"}
    frame = facts({**region, "period_start": "2021-01", "period_end": "2021-12", "value": 51.23 * BN},
                  {**region, "period_start": "2022-01", "period_end": "2022-12", "value": 72.8 * BN},
                  {**region, "period_start": "2024-01", "period_end": "2024-12", "value": 80 * BN},
                  {**region, "period_start": "2022-01", "period_end": "2022-12", "measure": "growth_pct", "value": 42.11})
    scoped = views.scope(frame, "mien-trung-tay-nguyen", KNOWN)
    growth = views.plan_growth(views.budgets(scoped), scoped)
    assert growth["year"].tolist() == [2022]  # 2022 -> 2024 is not year on year
    assert growth.iloc[0]["growth_pct"] == pytest.approx(42.104, abs=1e-3)
    assert growth.iloc[0]["stated_pct"] == pytest.approx(42.11)


def test_execution_is_compared_with_the_share_of_the_year_elapsed() -> None:
    frame = facts(
        {"region_id": "mien-trung-tay-nguyen", "period_start": "2022-01", "period_end": "2022-07",
         "measure": "execution_pct", "value": 28.44},
        {"region_id": "phia-nam", "measure": "execution_pct", "value": 82.26},
        {"region_id": "phia-nam", "measure": "execution_pct", "value": 100, "qualifier": "target"},
        {"region_id": "dak-lak", "period_start": "2012-01", "period_end": "2022-12", "measure": "execution_pct"},
    )
    out = views.execution(frame, "phia-nam", KNOWN).set_index("source_region")
    assert list(out.index) == ["mien-trung-tay-nguyen", "phia-nam"]
    assert out.loc["mien-trung-tay-nguyen", "on_track_pct"] == pytest.approx(7 / 12 * 100)
    assert out.loc["mien-trung-tay-nguyen", "gap_pct"] == pytest.approx(28.44 - 58.333, abs=1e-3)
    assert out["in_scope"].to_dict() == {"mien-trung-tay-nguyen": False, "phia-nam": True}


def test_activity_counts_add_programmes_only_when_no_total_is_stated() -> None:
    count = {"measure": "projects_implemented", "unit": "count", "period_start": "2014-01", "period_end": "2018-12"}
    frame = facts({**count, "program": "all", "value": 166}, {**count, "program": "local", "value": 150},
                  {**count, "program": "national", "value": 16},
                  {**count, "activity": "technology", "program": "local", "value": 9},
                  {**count, "activity": "technology", "program": "national", "value": 6},
                  {**count, "program": "local", "value": 30, "qualifier": "average"})
    out = views.activity_counts(views.scope(frame, "phia-nam", KNOWN)).set_index("activity")
    assert out.loc["all", "value"] == 166
    assert out.loc["technology", "value"] == 15
    assert out.loc["technology", "program"] == "local+national"


def test_key_figures_prefer_the_region_own_figure_over_a_province() -> None:
    frame = facts({"region_id": "kien-giang", "period_end": "2024-12", "value": 3 * BN},
                  {"region_id": "phia-nam", "period_end": "2024-09", "value": 91.3 * BN})
    key = views.key_figures(views.scope(frame, "phia-nam", KNOWN), "phia-nam", KNOWN)
    assert key["source_region"].tolist() == ["phia-nam"]


def test_checks_concern_a_region_through_its_reports_or_its_figures() -> None:
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "region_id": ["kien-giang", "ca-nuoc", "dak-lak"],
                              "title": ["A", "B", "C"], "published": ["", "", ""]})
    frame = facts({"doc_id": "b", "region_id": "phia-nam"})
    checks = pd.DataFrame({"check_id": ["1", "2", "3"], "doc_id": ["a", "b", "c"], "fact_ids": ["", "f0", "x"],
                           "status": ["ok", "mismatch", "ok"], "rel_error": [0.0, 0.5, 0.0]})
    out = views.checks_for(checks, documents, views.scope(frame, "phia-nam", KNOWN), "phia-nam", KNOWN)
    assert sorted(out["check_id"]) == ["1", "2"]


def test_rejections_are_counted_by_reason() -> None:
    mentions = pd.DataFrame({"mention_id": list("abcd"), "doc_id": ["x"] * 4,
                             "status": ["rejected", "rejected", "fact", "rejected"],
                             "reason": ["year", "date", "", "year"]})
    out = views.rejection_reasons(mentions)
    assert out[["reason", "n"]].values.tolist() == [["year", 2], ["date", 1]]


def test_source_documents_reads_combined_doc_ids_oldest_first() -> None:
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["A", "B", "C"],
                              "published": ["2024-10-10", "2022-08-18", ""]})
    out = views.source_documents(pd.DataFrame({"doc_id": ["a,b", "b"]}), documents)
    assert out["doc_id"].tolist() == ["b", "a"]


def test_a_key_figure_says_what_a_card_must_say_besides_its_number() -> None:
    total = "Tổng vốn đầu tư là 50 tỷ đồng, trong đó vốn đối ứng của cơ sở 40 tỷ đồng."
    cut = "Năm 2021, kinh phí khuyến công của tỉnh phải cắt giảm 30% so với năm 2020."
    rows = facts(
        {"region_id": "dak-lak", "measure": "budget_spent", "value": 50 * BN, "sentence": total, "quote": total,
         "number_start": 19, "char_start": 0, "group_id": "g1"},
        {"region_id": "dak-lak", "measure": "growth_pct", "value": -30.0, "unit": "percent", "sentence": cut,
         "quote": cut, "number_start": cut.index("30%"), "char_start": 0, "group_id": ""},
    )
    keys = views.key_figures(views.scope(rows, "dak-lak", KNOWN), "dak-lak", KNOWN).set_index("measure")
    assert keys.loc["budget_spent", "with_counterpart"] and not keys.loc["growth_pct", "with_counterpart"]
    assert keys.loc["growth_pct", "said"] == "Năm 2021, kinh phí khuyến công của tỉnh phải cắt giảm"
    assert keys.loc["budget_spent", "said"] == ""
