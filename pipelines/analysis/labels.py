"""Words and number formats for charts and tables, in Vietnamese (``vi``) and English (``en``).

Kept free of heavy imports: the batch runner uses it for its summary and index.
"""

from __future__ import annotations

from pipelines.text.numbers import format_number

LANGS = ("vi", "en")

_TEXT: dict[str, dict[str, str]] = {
    # measures
    "budget_plan": {"vi": "Kế hoạch", "en": "Planned"},
    "budget_allocated": {"vi": "Đã phân bổ", "en": "Allocated"},
    "budget_spent": {"vi": "Đã thực hiện", "en": "Spent"},
    "execution_pct": {"vi": "Tỷ lệ thực hiện kế hoạch", "en": "Spent against plan"},
    "allocated_pct": {"vi": "Tỷ lệ phân bổ so với kế hoạch", "en": "Allocated share of plan"},
    "growth_pct": {"vi": "Tăng/giảm so với kỳ trước", "en": "Change on earlier period"},
    "share_pct": {"vi": "Tỷ trọng", "en": "Share"},
    "projects_planned": {"vi": "Đề án theo kế hoạch", "en": "Projects planned"},
    "projects_implemented": {"vi": "Đề án đã triển khai", "en": "Projects carried out"},
    "projects_completed": {"vi": "Đề án hoàn thành", "en": "Projects completed"},
    "beneficiaries": {"vi": "Cơ sở được hỗ trợ", "en": "Businesses supported"},
    "models": {"vi": "Mô hình trình diễn", "en": "Demonstration models"},
    "products": {"vi": "Sản phẩm", "en": "Products"},
    "iip_growth_pct": {"vi": "Tăng trưởng IIP", "en": "IIP growth"},
    # programmes
    "program.national": {"vi": "Khuyến công quốc gia", "en": "National programme"},
    "program.local": {"vi": "Khuyến công địa phương", "en": "Local programme"},
    "program.counterpart": {"vi": "Vốn đối ứng của cơ sở", "en": "Businesses' counterpart funds"},
    "program.all": {"vi": "Mọi nguồn", "en": "All sources"},
    # activities
    "activity.all": {"vi": "Tất cả nội dung", "en": "All activities"},
    "activity.training": {"vi": "Đào tạo, năng lực quản lý", "en": "Training"},
    "activity.technology": {"vi": "Mô hình, chuyển giao công nghệ", "en": "Technology & demonstration"},
    "activity.cleaner_production": {"vi": "Sản xuất sạch hơn", "en": "Cleaner production"},
    "activity.typical_products": {"vi": "Sản phẩm CNNT tiêu biểu", "en": "Typical rural products"},
    "activity.trade_promotion": {"vi": "Hội chợ, xúc tiến", "en": "Trade promotion"},
    "activity.consulting": {"vi": "Tư vấn, trợ giúp", "en": "Consulting"},
    "activity.information": {"vi": "Thông tin, tuyên truyền", "en": "Information"},
    "activity.capacity": {"vi": "Nâng cao năng lực", "en": "Capacity building"},
    "activity.infrastructure": {"vi": "Hạ tầng cụm công nghiệp", "en": "Industrial cluster infrastructure"},
    # recognition levels of typical products
    "level.provincial": {"vi": "cấp tỉnh", "en": "provincial level"},
    "level.regional": {"vi": "cấp khu vực", "en": "regional level"},
    "level.national": {"vi": "cấp quốc gia", "en": "national level"},
    # why a number found in a report is not a figure
    "reason.year": {"vi": "năm", "en": "a year"},
    "reason.date": {"vi": "ngày tháng", "en": "a date"},
    "reason.time": {"vi": "giờ", "en": "a time of day"},
    "reason.period": {"vi": "kỳ báo cáo", "en": "a reporting period"},
    "reason.document_number": {"vi": "số hiệu văn bản", "en": "a document number"},
    "reason.identifier": {"vi": "mã số", "en": "an identifier"},
    "reason.ordinal": {"vi": "số thứ tự (lần thứ…)", "en": "an ordinal (the n-th…)"},
    "reason.headline": {"vi": "tiêu đề", "en": "a headline"},
    "reason.page_chrome": {"vi": "phần khung trang web", "en": "web page furniture"},
    "reason.not_a_measure": {"vi": "không phải chỉ tiêu khuyến công", "en": "not a programme measure"},
    "reason.no_unit": {"vi": "không có đơn vị", "en": "no unit"},
    "reason.repeated_statement": {"vi": "nêu lại số đã có", "en": "the same figure stated again"},
    "reason.products_entered": {"vi": "sản phẩm dự thi, chưa được công nhận", "en": "products entered, not recognised"},
    "reason.not_supported": {"vi": "cơ sở được đếm, không được hỗ trợ", "en": "businesses counted, not supported"},
    "reason.unreadable_number": {"vi": "con số không đọc được", "en": "unreadable number"},
    "reason.no_measure_cue": {"vi": "không có từ chỉ tiêu (kinh phí, đề án, cơ sở …)",
                              "en": "no measure word (funds, projects, businesses …)"},
    "reason.no_period": {"vi": "không rõ kỳ (năm) của số liệu", "en": "no period (year) known"},
    "reason.outside_sentence": {"vi": "ngoài câu văn của bài", "en": "outside the article's sentences"},
    "reason.dropped_by_review": {"vi": "đã bỏ khi rà soát: không phải số liệu",
                                 "en": "dropped in review: not a figure"},
    "reason.": {"vi": "không rõ lý do", "en": "no reason given"},
    # review of a figure
    "review.unreviewed": {"vi": "chưa kiểm tra", "en": "not reviewed"},
    "review.confirmed": {"vi": "đã xác nhận", "en": "confirmed"},
    "review.corrected": {"vi": "đã sửa", "en": "corrected"},
    # qualifiers
    "qualifier.estimate": {"vi": "ước", "en": "est."},
    "qualifier.at_least": {"vi": "trên", "en": "over"},
    "qualifier.target": {"vi": "mục tiêu", "en": "target"},
    "qualifier.average": {"vi": "bình quân năm", "en": "yearly average"},
    "estimate.note": {"vi": "~ : số ước tính", "en": "~ : estimate"},
    "plan_year": {"vi": "Kế hoạch năm {year}", "en": "{year} plan"},
    "annual": {"vi": "Một năm trở xuống", "en": "One year or less"},
    "multi_year": {"vi": "Tổng nhiều năm", "en": "Multi-year totals"},
    "parts.sum": {"vi": "= {parts}", "en": "= {parts}"},
    "parts.missing": {"vi": "thiếu {parts}", "en": "without {parts}"},
    "parts.only": {"vi": "Số liệu chỉ của {present}, thiếu {missing}: chưa phải toàn đơn vị sau sáp nhập.",
                   "en": "Figures of {present} only, without {missing}: not the whole merged unit."},
    "places": {"vi": "Các vùng và tỉnh có số liệu", "en": "Regions and provinces with figures"},
    "unreviewed": {"vi": "{n}/{total} số liệu chưa được kiểm tra", "en": "{n} of {total} figures not yet reviewed"},
    "all_reviewed": {"vi": "mọi số liệu đã được kiểm tra", "en": "every figure reviewed"},
    "doubtful": {"vi": "? {n} số liệu độ tin cậy thấp, chưa ai xác nhận", "en": "? {n} low-confidence figures nobody confirmed"},
    "doubtful.mark": {"vi": "? độ tin cậy thấp, chưa ai xác nhận", "en": "? low confidence, nobody confirmed"},
    "left_out": {"vi": "Bản hội nghị: chỉ số liệu đã xác nhận hoặc đã sửa; đã bỏ {n} số liệu chưa kiểm tra của {reports} báo cáo",
                 "en": "Conference version: confirmed and corrected figures only; {n} unreviewed figures of {reports} reports left out"},
    "left_out.none": {"vi": "Bản hội nghị: chỉ số liệu đã xác nhận hoặc đã sửa; không bỏ số liệu nào",
                      "en": "Conference version: confirmed and corrected figures only; nothing left out"},
    "mismatch.mark": {"vi": "⚠ lệch khi đối chiếu", "en": "⚠ fails a cross-check"},
    "mismatch.note": {"vi": "⚠ {what}: báo cáo nêu {stated}, tính lại từ các số khác {computed}",
                      "en": "⚠ {what}: stated {stated}, recomputed from the other figures {computed}"},
    "conflict.note": {"vi": "≠ các báo cáo nêu số khác nhau cho cùng chỉ tiêu, kỳ, nơi: đều được thể hiện",
                      "en": "≠ reports state different figures for the same measure, period and place: all are shown"},
    # region names that are not proper nouns
    "region.all": {"vi": "Tất cả các khu vực", "en": "All regions"},
    "region.ca-nuoc": {"vi": "Cả nước", "en": "Whole country"},
    "region.phia-bac": {"vi": "Khu vực phía Bắc", "en": "Northern region"},
    "region.mien-trung-tay-nguyen": {"vi": "Miền Trung – Tây Nguyên", "en": "Central & Central Highlands"},
    "region.phia-nam": {"vi": "Khu vực phía Nam", "en": "Southern region"},
    # chart texts
    "bn_vnd": {"vi": "tỷ đồng", "en": "VND billion"},
    "count": {"vi": "số lượng", "en": "number"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "undated": {"vi": "không rõ ngày", "en": "undated"},
    "data_period": {"vi": "số liệu {period}", "en": "figures for {period}"},
    "more_reports": {"vi": "và {n} báo cáo khác", "en": "and {n} more"},
    "no_figures": {"vi": "Chưa có số liệu {what} cho {region}", "en": "No figures on {what} for {region}"},
    "title.funding": {"vi": "Kinh phí khuyến công theo nguồn – {region}", "en": "Khuyến công funds by programme – {region}"},
    "what.funding": {"vi": "kinh phí", "en": "funds"},
    "title.mix": {"vi": "Cơ cấu nguồn vốn – {region}", "en": "Funding mix – {region}"},
    "what.mix": {"vi": "cơ cấu nguồn vốn (quốc gia, địa phương, đối ứng)", "en": "the funding mix (national, local, counterpart)"},
    "card.with_counterpart": {"vi": "gồm cả vốn đối ứng của cơ sở", "en": "includes the businesses' own funds"},
    "mix.ratio": {"vi": "{x} đồng vốn đối ứng / 1 đồng ngân sách", "en": "{x} counterpart đồng per state đồng"},
    "mix.no_ratio": {"vi": "thiếu số liệu vốn đối ứng", "en": "no counterpart figure"},
    "title.growth": {"vi": "Kế hoạch kinh phí so với năm trước – {region}", "en": "Planned funds on the year before – {region}"},
    "what.growth": {"vi": "kế hoạch của hai năm liền nhau", "en": "plans for two consecutive years"},
    "growth.computed": {"vi": "tính từ kế hoạch hai năm", "en": "computed from the two plans"},
    "growth.stated": {"vi": "theo báo cáo", "en": "as reported"},
    "title.key": {"vi": "Số liệu chính – {region}", "en": "Key figures – {region}"},
    "what.key": {"vi": "chính", "en": "key figures"},
    "title.execution": {"vi": "Tiến độ thực hiện so với kế hoạch năm – {region}", "en": "Execution against the annual plan – {region}"},
    "what.execution": {"vi": "tỷ lệ thực hiện kế hoạch", "en": "execution against plan"},
    "execution.on_track": {"vi": "đúng tiến độ (số tháng đã qua / 12)", "en": "on track (months elapsed / 12)"},
    "execution.others": {"vi": "nơi khác, để so sánh", "en": "other places, for comparison"},
    "execution.none_here": {"vi": "{region} chưa có số liệu tỷ lệ thực hiện; các khu vực khác để so sánh", "en": "{region} has no execution figure; other regions for comparison"},
    "title.activity": {"vi": "Đề án và cơ sở được hỗ trợ theo nội dung – {region}", "en": "Projects and businesses supported by activity – {region}"},
    "what.activity": {"vi": "đề án, cơ sở được hỗ trợ", "en": "projects or businesses supported"},
    "title.typical": {"vi": "Sản phẩm CNNT tiêu biểu theo cấp – {region}", "en": "Typical rural products by level – {region}"},
    "what.typical": {"vi": "sản phẩm CNNT tiêu biểu", "en": "typical rural products"},
    "fit.rest": {"vi": "Biểu đồ vẽ {shown}/{total} số liệu: các nhóm nhiều số liệu nhất, mỗi nhóm các số lớn nhất; "
                        "số còn lại ở sổ Chất lượng dữ liệu và trong bản xuất số liệu",
                 "en": "{shown} of {total} figures drawn: the groups with most figures, the largest of each; "
                       "the others are in the data-quality notebook and the data export"},
    "level.unstated": {"vi": "chưa rõ cấp", "en": "level not stated"},
    "title.checks": {"vi": "Đối chiếu: số nêu và số tính lại – {region}", "en": "Cross-checks: stated and recomputed – {region}"},
    "what.checks": {"vi": "đối chiếu", "en": "cross-checks"},
    "checks.error": {"vi": "sai lệch tương đối (%)", "en": "relative error (%)"},
    "status.ok": {"vi": "khớp", "en": "agrees"},
    "status.mismatch": {"vi": "lệch", "en": "mismatch"},
    "title.coverage": {"vi": "Số liệu có theo địa bàn và chỉ tiêu – {region}", "en": "Figures by place and measure – {region}"},
    "what.coverage": {"vi": "nào", "en": "any measure"},
    "n_figures": {"vi": "{n} số liệu", "en": "{n} figures"},
    "one_figure": {"vi": "1 số liệu", "en": "1 figure"},
    "title.periods": {"vi": "Các kỳ có số liệu – {region}", "en": "Periods with figures – {region}"},
    "title.rejected": {"vi": "Con số bị loại và lý do – {region}", "en": "Numbers rejected, and why – {region}"},
    "what.rejected": {"vi": "con số bị loại", "en": "rejected numbers"},
}

PLAN_MEASURES = ("budget_plan", "projects_planned")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def check_lang(lang: str) -> str:
    """Fail early, with the valid choices, on a language the labels do not cover."""
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str, **fields: object) -> str:
    """The label for ``key`` in ``lang``; a missing key shows as itself so a gap is visible."""
    entry = _TEXT.get(key)
    text = entry[check_lang(lang)] if entry else key
    return text.format(**fields) if fields else text


def measure(name: str, lang: str) -> str:
    return t(name, lang)


def program(name: str, lang: str) -> str:
    """A programme's name; ``national+local`` (figures of both added up) names both."""
    return " + ".join(t(f"program.{part}", lang) for part in name.split("+"))


def activity(name: str, lang: str) -> str:
    return t(f"activity.{name}", lang)


def region(region_id: str, lang: str, names: dict[str, str] | None = None) -> str:
    """A region's display name: translated for macro regions, the Vietnamese name for provinces."""
    key = f"region.{region_id}"
    if key in _TEXT:
        return t(key, lang)
    return (names or {}).get(region_id, region_id)


def number(value: float, lang: str, decimals: int = 1) -> str:
    """``1234.5`` as ``1.234,5`` (vi) or ``1,234.5`` (en); trailing zero decimals dropped."""
    return format_number(value, decimals, lang, trim=True)


def amount_bn(vnd: float, lang: str) -> str:
    """VND as billions with the unit: ``72,8 tỷ đồng`` / ``VND 72.8 billion``."""
    value = number(vnd / 1e9, lang, decimals=3)  # reports give tỷ to the triệu: 81,725 stays 81,725
    return f"{value} tỷ đồng" if lang == "vi" else f"VND {value} billion"


def value(v: float, unit: str, lang: str) -> str:
    """A figure in its unit, as a reader of the slide expects it."""
    if unit == "VND":
        return amount_bn(v, lang)
    if unit == "percent":
        return f"{number(v, lang, 2)}%"
    return number(v, lang, 0)


def reason(code: str, lang: str) -> str:
    return t(f"reason.{code}", lang)


def level(code: str, lang: str) -> str:
    return t(f"level.{code}", lang) if code else t("level.unstated", lang)


def date(iso: str, lang: str) -> str:
    """``2024-10-10`` as ``10/10/2024`` (vi) or unchanged (en); empty as 'undated'."""
    if not iso:
        return t("undated", lang)
    if lang == "vi" and len(iso) == 10:
        year, month, day = iso.split("-")
        return f"{day}/{month}/{year}"
    return iso


def figure_period(measure_name: str, start: str, end: str, lang: str) -> str:
    """The period a figure is for: a plan within one year is that year's plan, whatever
    part of the year the report covers ("Kế hoạch năm 2024", not "9 tháng 2024")."""
    if measure_name in PLAN_MEASURES and start[:4] == end[:4]:
        return t("plan_year", lang, year=start[:4])
    return period(start, end, lang)


def period(start: str, end: str, lang: str) -> str:
    """A short period name: ``2022``, ``7 tháng 2022`` / ``Jan–Jul 2022``, ``2012–2022``."""
    y0, m0 = int(start[:4]), int(start[5:7])
    y1, m1 = int(end[:4]), int(end[5:7])
    if (m0, m1) == (1, 12):
        return str(y0) if y0 == y1 else f"{y0}–{y1}"
    if y0 == y1 and m0 == m1:
        return f"T{m0}/{y0}" if lang == "vi" else f"{_MONTHS_EN[m0 - 1]} {y0}"
    if y0 == y1 and m0 == 1:
        return f"{m1} tháng {y0}" if lang == "vi" else f"Jan–{_MONTHS_EN[m1 - 1]} {y0}"
    if y0 == y1:
        return f"T{m0}–T{m1}/{y0}" if lang == "vi" else f"{_MONTHS_EN[m0 - 1]}–{_MONTHS_EN[m1 - 1]} {y0}"
    return f"{m0:02d}/{y0}–{m1:02d}/{y1}"
