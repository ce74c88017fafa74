"""A synthetic corpus in the genre's sentence patterns, with the figures it states.

Used by the scale benchmark and a test: each report mixes budget, execution,
project and beneficiary sentences with distractors (document numbers, dates,
ordinals, counts of provinces, page chrome), over varied places, periods and
number formats. Every figure is recorded with its offset, so the extractor can
be scored against the truth.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import paths
from pipelines.tables.vocabulary import Measure
from pipelines.text.numbers import format_number

ACTIVITY_PHRASES = {
    "technology": "ứng dụng máy móc thiết bị tiên tiến vào sản xuất",
    "cleaner_production": "áp dụng sản xuất sạch hơn",
    "trade_promotion": "tham gia hội chợ, triển lãm",
    "training": "đào tạo nghề, truyền nghề",
    "consulting": "thuê tư vấn, trợ giúp",
}


@dataclass
class Truth:
    number_start: int
    number_text: str
    measure: str
    value: float
    program: str = ""  # where a sentence shape decides it ("" when not recorded)


@dataclass
class Report:
    name: str
    text: str = ""
    truths: list[Truth] = field(default_factory=list)

    def add(self, *pieces: tuple[str, str, float] | tuple[str, str, float, str] | str) -> None:
        """Append pieces; a (text, measure, value[, program]) piece is a figure to record."""
        for piece in pieces:
            if isinstance(piece, str):
                self.text += piece
            else:
                number, measure, value, *program = piece
                self.truths.append(Truth(len(self.text), number, measure, value, *program))
                self.text += number


def _provinces() -> list[tuple[str, str]]:
    with open(paths.REFERENCE_DIR / "provinces.csv", encoding="utf-8") as fh:
        return [(r["region_id"], r["name_vi"]) for r in csv.DictReader(fh) if r["region_id"] != "ho-chi-minh"]


def _money(rng: random.Random) -> tuple[str, str, float]:
    if rng.random() < 0.5:
        billions = rng.randint(10, 9999) / 10
        return format_number(billions, 1), " tỷ đồng", billions * 1e9
    millions = rng.randint(1200, 95000)
    return format_number(millions), " triệu đồng", millions * 1e6


def make_report(index: int, rng: random.Random, provinces: list[tuple[str, str]]) -> Report:
    _, province = rng.choice(provinces)
    year = rng.randint(2014, 2024)
    report = Report(f"synthetic_{index:04d}.txt")
    report.add(f"Kết quả hoạt động khuyến công tỉnh {province} năm {year}\n\n")
    report.add(f"Thực hiện Văn bản số {rng.randint(100, 9999)}/BCT-CTĐP ngày {rng.randint(1, 28)}/"
               f"{rng.randint(1, 12)}/{year} của Bộ Công Thương, Sở Công Thương tỉnh {province} đã báo cáo "
               f"tại Hội nghị lần thứ {rng.randint(2, 15)} với {rng.randint(10, 30)} tỉnh, thành phố tham dự.\n\n")
    sentences = list(SENTENCES)
    rng.shuffle(sentences)
    for sentence in sentences[: rng.randint(4, 7)]:
        sentence(report, rng, year, province)
        report.add("\n\n")
    report.add("Các đơn vị tiếp tục triển khai nhiệm vụ theo kế hoạch./.\n\n"
               f"{rng.randint(100, 999)} Lượt xem\n{rng.randint(10**6, 10**8)}\n")
    return report


def _plan(r: Report, rng: random.Random, year: int, province: str) -> None:
    number, unit, value = _money(rng)
    growth = rng.randint(5, 900) / 10
    verb, sign = rng.choice([("tăng", 1), ("cao hơn", 1), ("giảm", -1), ("thấp hơn", -1)])
    opener = rng.choice([f"Năm {year}, tổng kế hoạch kinh phí khuyến công của tỉnh {province} được duyệt là ",
                         f"Năm {year}, dự toán kinh phí khuyến công tỉnh {province} được giao ",
                         f"Kế hoạch kinh phí khuyến công năm {year} của {province} là "])
    r.add(opener, (number, Measure.BUDGET_PLAN, value), f"{unit}, {verb} ",
          (format_number(growth, 1), Measure.GROWTH_PCT, sign * growth), f"% so với năm {year - 1}.")


def _allocated(r: Report, rng: random.Random, year: int, province: str) -> None:
    number, unit, value = _money(rng)
    share = rng.randint(10, 95)
    r.add(f"Tính đến tháng {rng.randint(4, 10)} năm {year}, kinh phí được phân bổ là ",
          (number, Measure.BUDGET_ALLOCATED, value), f"{unit}, chiếm ", (str(share), Measure.SHARE_PCT, share),
          "% tổng kinh phí khuyến công của tỉnh.")


def _completed(r: Report, rng: random.Random, year: int, province: str) -> None:
    n, firms = rng.randint(2, 30), rng.randint(10, 90)
    r.add(f"Cũng trong năm {year}, đã nghiệm thu ", (str(n), Measure.PROJECTS_COMPLETED, n),
          " đề án khuyến công và hỗ trợ hơn ",
          (str(firms), Measure.BENEFICIARIES, firms), " doanh nghiệp tham gia hội chợ.")


def _spent(r: Report, rng: random.Random, year: int, province: str) -> None:
    months = rng.randint(3, 11)
    number, unit, value = _money(rng)
    pct = rng.randint(100, 9999) / 100
    program = rng.choice(["quốc gia", "địa phương"])
    r.add(f"{months} tháng đầu năm {year}, kinh phí khuyến công {program} đã giải ngân ",
          (number, Measure.BUDGET_SPENT, value), f"{unit}, đạt ", (format_number(pct, 2), Measure.EXECUTION_PCT, pct),
          "% kế hoạch năm.")


def _projects(r: Report, rng: random.Random, year: int, province: str) -> None:
    local, national = rng.randint(5, 60), rng.randint(1, 9)
    r.add(f"Giai đoạn {year - 4}-{year}, tỉnh đã tổ chức thực hiện ",
          (str(local + national), Measure.PROJECTS_IMPLEMENTED, local + national), " đề án, trong đó ",
          (str(local), Measure.PROJECTS_IMPLEMENTED, local), " đề án khuyến công địa phương và ",
          (str(national), Measure.PROJECTS_IMPLEMENTED, national), " đề án khuyến công quốc gia.")


def _beneficiaries(r: Report, rng: random.Random, year: int, province: str) -> None:
    n = rng.randint(3, 300)
    phrase = ACTIVITY_PHRASES[rng.choice(sorted(ACTIVITY_PHRASES))]
    r.add(f"Trong năm {year}, chương trình đã hỗ trợ ",
          (format_number(n), Measure.BENEFICIARIES, n), f" cơ sở {phrase}.")


def _fraction(r: Report, rng: random.Random, year: int, province: str) -> None:
    planned = rng.randint(5, 40)
    done = rng.randint(1, planned)
    months = rng.randint(3, 9)
    r.add(f"Ước {months} tháng đầu năm {year}, tổ chức triển khai ",
          (str(done), Measure.PROJECTS_IMPLEMENTED, done), "/",
          (str(planned), Measure.PROJECTS_PLANNED, planned), " đề án được UBND tỉnh phê duyệt.")


def _breakdown(r: Report, rng: random.Random, year: int, province: str) -> None:
    parts = [rng.randint(500, 20000) for _ in range(3)]
    total = sum(parts)
    r.add(f"Giai đoạn {year - 9}-{year}, tổng kinh phí khuyến công đã thực hiện là ",
          (format_number(total), Measure.BUDGET_SPENT, total * 1e6),
          " triệu đồng, trong đó: ngân sách trung ương hỗ trợ ",
          (format_number(parts[0]), Measure.BUDGET_SPENT, parts[0] * 1e6), " triệu đồng; ngân sách tỉnh hỗ trợ ",
          (format_number(parts[1]), Measure.BUDGET_SPENT, parts[1] * 1e6), " triệu đồng; vốn đối ứng của các cơ sở là ",
          (format_number(parts[2]), Measure.BUDGET_SPENT, parts[2] * 1e6), " triệu đồng.")


def _models(r: Report, rng: random.Random, year: int, province: str) -> None:
    n = rng.randint(1, 12)
    r.add(f"Năm {year}, toàn tỉnh hỗ trợ xây dựng ", (f"{n:02d}", Measure.MODELS, n),
          " mô hình trình diễn kỹ thuật sản xuất sản phẩm mới.")


def _elided(r: Report, rng: random.Random, year: int, province: str) -> None:
    national, local = rng.randint(1, 9), rng.randint(2, 30)
    r.add(f"Năm {year} thực hiện ", (str(national + local), Measure.PROJECTS_IMPLEMENTED, national + local, "all"),
          " đề án (", (f"{national:02d}", Measure.PROJECTS_IMPLEMENTED, national, "national"), " đề án KCQG và ",
          (str(local), Measure.PROJECTS_IMPLEMENTED, local, "local"), " khuyến công địa phương).")


def _both_programmes(r: Report, rng: random.Random, year: int, province: str) -> None:
    number, unit, value = _money(rng)
    r.add(f"Năm {year}, kinh phí khuyến công quốc gia và địa phương là ", (number, Measure.BUDGET_PLAN, value, "all"),
          f"{unit}.")


def _total_after(r: Report, rng: random.Random, year: int, province: str) -> None:
    national, local = rng.randint(500, 9000), rng.randint(500, 9000)
    r.add(f"Năm {year}, kinh phí khuyến công quốc gia ",
          (format_number(national), Measure.BUDGET_PLAN, national * 1e6, "national"),
          " triệu đồng, khuyến công địa phương ", (format_number(local), Measure.BUDGET_PLAN, local * 1e6, "local"),
          " triệu đồng; tổng kinh phí ",
          (format_number(national + local), Measure.BUDGET_PLAN, (national + local) * 1e6, "all"),
          " triệu đồng.")


def _recipient(r: Report, rng: random.Random, year: int, province: str) -> None:
    """A firm named after another province: the figure stays the report's."""
    _, elsewhere = rng.choice(_provinces())
    number, unit, value = _money(rng)
    trade = rng.choice(["Gốm", "Mây tre", "Cơ khí", "Dệt may"])
    r.add(f"Năm {year}, tỉnh hỗ trợ Công ty TNHH {trade} {elsewhere} ", (number, Measure.BUDGET_SPENT, value),
          f"{unit} để đầu tư máy móc.")


def _project_nouns(r: Report, rng: random.Random, year: int, province: str) -> None:
    programmes, projects = rng.randint(2, 15), rng.randint(1, 12)
    phrase = ACTIVITY_PHRASES[rng.choice(sorted(ACTIVITY_PHRASES))]
    r.add(f"Năm {year}, tỉnh thực hiện ", (str(programmes), Measure.PROJECTS_IMPLEMENTED, programmes),
          " chương trình khuyến công, hỗ trợ ",
          (str(projects), Measure.PROJECTS_IMPLEMENTED, projects), f" dự án {phrase}.")


def _result_total(r: Report, rng: random.Random, year: int, province: str) -> None:
    """A budget with no verb of its own after what was done: spent."""
    n = rng.randint(3, 40)
    number, unit, value = _money(rng)
    r.add(f"Năm {year}, Trung tâm Khuyến công đã triển khai ", (str(n), Measure.PROJECTS_IMPLEMENTED, n),
          " đề án khuyến công. Tổng kinh phí hỗ trợ là ", (number, Measure.BUDGET_SPENT, value), f"{unit}.")


def _accepted_ratio(r: Report, rng: random.Random, year: int, province: str) -> None:
    planned = rng.randint(2, 30)
    done = rng.randint(1, planned)
    r.add(f"Năm {year} có ", (str(done), Measure.PROJECTS_COMPLETED, done), "/",
          (str(planned), Measure.PROJECTS_PLANNED, planned),
          " đề án đã được nghiệm thu.")


def _with_counterpart(r: Report, rng: random.Random, year: int, province: str) -> None:
    """A total holding the businesses' own money is of every source."""
    state, own = rng.randint(500, 9000), rng.randint(500, 9000)
    r.add(f"Năm {year}, tổng kinh phí thực hiện các đề án là ",
          (format_number(state + own), Measure.BUDGET_SPENT, (state + own) * 1e6, "all"),
          " triệu đồng, trong đó ngân sách tỉnh hỗ trợ ",
          (format_number(state), Measure.BUDGET_SPENT, state * 1e6, "local"),
          " triệu đồng và vốn đối ứng của các cơ sở là ",
          (format_number(own), Measure.BUDGET_SPENT, own * 1e6, "counterpart"),
          " triệu đồng.")


SENTENCES = (_plan, _spent, _projects, _beneficiaries, _fraction, _breakdown, _models, _allocated, _completed,
             _elided, _both_programmes, _total_after, _recipient, _project_nouns, _result_total, _accepted_ratio,
             _with_counterpart)


def make_long_report(size: int, seed: int = 2024, name: str = "synthetic_long.txt") -> Report:
    """One report of about ``size`` bytes (UTF-8): a province's sections, year after year."""
    rng = random.Random(seed)
    _, province = rng.choice(_provinces())
    report = Report(name)
    report.add(f"Kết quả hoạt động khuyến công tỉnh {province}\n\n")
    sentences = SENTENCES
    written = len(report.text.encode("utf-8"))
    while written < size:
        section_start = len(report.text)
        year = rng.randint(2005, 2024)
        report.add(f"Kết quả năm {year}\n\n")
        for sentence in rng.sample(sentences, rng.randint(4, 7)):
            sentence(report, rng, year, province)
            report.add("\n\n")
        written += len(report.text[section_start:].encode("utf-8"))
    report.add("Các đơn vị tiếp tục triển khai nhiệm vụ theo kế hoạch./.\n")
    return report


def write_corpus(folder: Path, n_reports: int, seed: int = 2024) -> list[Report]:
    """Write ``n_reports`` reports into ``folder``; return them with their figures."""
    rng = random.Random(seed)
    provinces = _provinces()
    folder.mkdir(parents=True, exist_ok=True)
    reports = [make_report(i, rng, provinces) for i in range(n_reports)]
    for report in reports:
        (folder / report.name).write_text(report.text, encoding="utf-8")
    return reports


def score_corpus(reports: list[Report], facts, documents) -> tuple[float, float]:
    """(precision, recall) of extracted facts against the generated figures."""
    doc_of = {Path(p).name: d for p, d in zip(documents["path"], documents["doc_id"])}
    truth = {(doc_of[r.name], t.number_start, t.measure, round(t.value, 4))
             for r in reports if r.name in doc_of for t in r.truths}
    found = {(f.doc_id, int(f.number_start), f.measure, round(float(f.value), 4)) for f in facts.itertuples()}
    hits = len(truth & found)
    total_truths = sum(len(r.truths) for r in reports)
    return (hits / len(found) if found else 1.0), (hits / total_truths if total_truths else 1.0)
