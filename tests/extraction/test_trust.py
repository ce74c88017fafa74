"""Confidence from what predicts a wrong figure: the features move it the measured way."""

from pipelines.extraction.trust import REVIEWED, ReportContext, evidence_sources, features, model, rescore


def fact(**kw) -> dict:
    base = {"fact_id": "f1", "evidence": "measure=clause:đã hỗ trợ; frame=clause:đã; program=clause:khuyến công tỉnh; "
            "activity=clause:máy móc; qualifier=default; period=clause:Năm 2023; region=clause:tỉnh Nam Định",
            "sentence": "Năm 2023, khuyến công tỉnh đã hỗ trợ 12 cơ sở ứng dụng máy móc.", "unit": "count",
            "measure": "beneficiaries", "role": "", "qualifier": "", "sentence_start": 0,
            "review_state": "unreviewed"}
    return {**base, **kw}


def test_evidence_sources_are_read_per_attribute() -> None:
    assert evidence_sources("measure=clause:đạt; region=report; period=sentence:Năm 2022")["region"] == "report"


def test_a_report_that_fell_back_to_the_country_lowers_every_figure() -> None:
    placed = model().probability_right(features(fact(), ReportContext("text")))
    fallback = model().probability_right(features(fact(), ReportContext("fallback")))
    assert fallback < placed


def test_inherited_attributes_lower_the_confidence() -> None:
    stated = model().probability_right(features(fact(), ReportContext()))
    inherited = fact(evidence="measure=clause:đã hỗ trợ; frame=clause:đã; program=report; activity=default; "
                              "qualifier=default; period=report; region=report")
    assert model().probability_right(features(inherited, ReportContext())) < stated


def test_reviewed_figures_are_trusted_and_others_get_a_probability() -> None:
    facts = [fact(), fact(fact_id="f2", review_state="confirmed")]
    rescore(facts, ReportContext())
    assert 0 < facts[0]["confidence"] < 1 and facts[1]["confidence"] == REVIEWED
