"""Extraction time grows linearly with a report: long lines, long paragraphs, adversarial text.

Each test times the same pipeline on a report of size n and of size 4n and asserts the
ratio stays far from quadratic (16): below 8, a generous bound for a shared machine.
Times are CPU seconds of this process, the best of two runs, so other work on the
machine weighs less.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.extraction.extract import extract_document
from pipelines.intake.metadata import document_meta
from pipelines.text.gazetteer import default_gazetteer
from pipelines.text.reading import decode_report

LINEAR_BOUND = 8.0  # linear work gives 4 for 4x the size, quadratic 16
LEAD = "Năm 2023, Sở Công Thương tỉnh Bắc Giang đã hỗ trợ 12 cơ sở với kinh phí 1.250 triệu đồng."
TAIL = "Tỉnh đã thực hiện 5 đề án khuyến công với tổng kinh phí 2,5 tỷ đồng."


def _ingest_seconds(text: str) -> float:
    """CPU seconds to decode, describe and extract one report (best of two)."""
    gazetteer = default_gazetteer()
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        decoded = decode_report(text.encode("utf-8"), "long.txt")
        meta = document_meta(decoded.text, gazetteer, None, decoded.page)
        extract_document(meta.doc_id, decoded.text, meta.region_id, gazetteer, meta.year, meta.published)
        best = min(best, time.process_time() - start)
    return best


def _report(middle: str) -> str:
    return f"{LEAD}\n\n{middle}\n\n{TAIL}\n"


def _growth(make: "callable[[int], str]", n: int) -> float:
    _ingest_seconds(_report(make(n // 4)))  # warm the caches (gazetteer, compiled patterns)
    small, large = _ingest_seconds(_report(make(n))), _ingest_seconds(_report(make(4 * n)))
    return large / max(small, 1e-3)


# a long line made of one short unit repeated: letters, digits, an e-mail's characters,
# separators, Vietnamese letters; the shapes that make a backtracking pattern quadratic
UNITS = st.text(alphabet="aZđệ1.@-_+ ,:/", min_size=1, max_size=3)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=UNITS)
def test_one_long_line_takes_linear_time(unit: str) -> None:
    growth = _growth(lambda n: (unit * (n // len(unit) + 1))[:n], 10_000)
    assert growth < LINEAR_BOUND, f"{unit!r}: 40k characters took {growth:.1f}x the time of 10k"


def test_a_long_line_of_letters_takes_linear_time() -> None:
    growth = _growth(lambda n: "a" * n, 10_000)
    assert growth < LINEAR_BOUND, f"40k letters took {growth:.1f}x the time of 10k"


def _figures(n: int, separator: str) -> str:
    return separator.join(f"Năm 2023, tỉnh đã hỗ trợ {i % 97 + 2} cơ sở với kinh phí {i + 100} triệu đồng."
                          for i in range(n))


@pytest.mark.parametrize("separator", [" ", "\n\n"], ids=["one paragraph", "many paragraphs"])
def test_many_figure_sentences_take_linear_time(separator: str) -> None:
    growth = _growth(lambda n: _figures(n, separator), 300)
    assert growth < LINEAR_BOUND, f"1,200 sentences took {growth:.1f}x the time of 300"


def test_a_repeated_sentence_in_one_paragraph_takes_linear_time() -> None:
    growth = _growth(lambda n: " ".join([LEAD] * n), 400)
    assert growth < LINEAR_BOUND, f"1,600 repeats took {growth:.1f}x the time of 400"


def test_grouping_a_sentence_does_not_scan_the_whole_paragraph_before_it() -> None:
    """The paragraph walk groups each sentence against the figures before it; that must cost
    the same after 100 figures as after 100,000, or a long paragraph is quadratic."""
    from pipelines.extraction.document import read_document
    from pipelines.extraction.grouping import group_sentence
    from pipelines.extraction.walk import walk
    from pipelines.extraction.budget import Deadline

    text = _report("Kinh phí khuyến công địa phương là 5 tỷ đồng.")
    doc = read_document("x", text, "bac-giang", default_gazetteer(), 2023, "")
    figures = walk(doc, Deadline("x", 60))
    earlier = [f for f in figures if not f.reason][:1]
    [sentence] = [s for p in doc.paragraphs for s in p.sentences if "địa phương là" in text[s.start:s.end]]
    quantities = [m for m in doc.numbers_from(sentence.start, sentence.end) if not m.reason]

    def seconds(n: int) -> float:
        paragraph = earlier * n
        start = time.process_time()
        for _ in range(20):
            group_sentence(doc, sentence, quantities, paragraph, 0)
        return time.process_time() - start

    seconds(100)
    assert seconds(100_000) < 20 * max(seconds(100), 1e-3)
