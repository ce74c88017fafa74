"""Report metadata inferred directly: title, date by each source, region, year, doc_id."""

from __future__ import annotations

import pytest

from pipelines.intake.dates import find_dateline, find_event_date, report_date
from pipelines.intake.metadata import NO_PLACE_WARNING, NO_YEAR_WARNING, document_meta, infer_title
from pipelines.intake.outlets import Outlet, host_of, outlet_region
from pipelines.text.formats import PageMetadata
from pipelines.text.gazetteer import default_gazetteer

GAZ = default_gazetteer()
BODY = ("Năm 2023, Trung tâm Khuyến công đã triển khai 12 đề án khuyến công địa phương với tổng "
        "kinh phí 3,5 tỷ đồng, hỗ trợ 20 cơ sở công nghiệp nông thôn.")


@pytest.mark.parametrize("text, date", [
    ("Ngày đăng: 04/05/2011 08:30\n" + BODY, "2011-05-04"),
    ("Tin tức\nCập nhật: 12/03/2018 10:15 | Lượt xem: 120\n" + BODY, "2018-03-12"),
    ("Cập nhật lúc 08:30 ngày 4/5/2011\n" + BODY, "2011-05-04"),
    ("Thứ Hai, 12/3/2018\n" + BODY, "2018-03-12"),
    ("Thứ sáu - 18/08/2023 05:05\n" + BODY, "2023-08-18"),
    ("Chủ nhật, 07/01/2024 - 09:00\n" + BODY, "2024-01-07"),
    (BODY + "\n15/06/2022 14:20\n", "2022-06-15"),
    ("Ngày 18/08/2022 08:30\n" + BODY, "2022-08-18"),
    ("Thứ năm, 18/08/2022, 08:30 (GMT+7)\n" + BODY, "2022-08-18"),
    ("08:30 | 18.08.2022\n" + BODY, "2022-08-18"),
    ("2022-08-18 08:30:00\n" + BODY, "2022-08-18"),
    # publication beats the later update, wherever each is printed
    ("Cập nhật: 20/05/2011 10:00\nNgày đăng: 04/05/2011 08:30\n" + BODY, "2011-05-04"),
])
def test_dateline(text: str, date: str) -> None:
    assert find_dateline(text) == date
    assert report_date(text) == (date, "dateline")


@pytest.mark.parametrize("text", [
    BODY,
    "Theo Nghị định số 45/2012/NĐ-CP ngày 21/5/2012 của Chính phủ, " + BODY,  # a decree's date
    "Thứ Hai, 31/2/2018\n" + BODY,  # no such day
    "Trong bài, cần cập nhật các số liệu ngày 12/3/2018 để báo cáo Bộ Công Thương kịp thời, đầy đủ và "
    "chính xác hơn so với các kỳ báo cáo trước đó của nhiều tỉnh.\n" + BODY,  # a long body line
])
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) == ""


@pytest.mark.parametrize("text, date", [
    ("Chiều ngày 10/10/2024, tại thành phố Phú Quốc, Bộ Công Thương tổ chức Hội nghị khuyến công.", "2024-10-10"),
    ("Sáng nay 5/6/2023, UBND tỉnh họp bàn kế hoạch khuyến công.", "2023-06-05"),
    ("Ngày 15 tháng 6 năm 2022, Sở Công Thương tổ chức hội thảo về khuyến công.", "2022-06-15"),
    ("Vừa qua, ngày 3/4/2019, Trung tâm Khuyến công đã tổ chức lễ trao hỗ trợ máy móc.", "2019-04-03"),
    ("Ngày 12/5/2020 UBND tỉnh ban hành Quyết định phê duyệt kế hoạch khuyến công năm 2021.", "2020-05-12"),
])
def test_event_date_in_the_lead(text: str, date: str) -> None:
    assert find_event_date(text + "\n" + BODY) == date
    assert report_date(text + "\n" + BODY) == (date, "text")


@pytest.mark.parametrize("text", [
    "Ngày 5/6/2020, giá cà phê tăng 5% so với tuần trước.",  # no event
    "Công văn số 3384/BCT-CTĐP ngày 15 tháng 6 năm 2022 về việc tăng cường tổ chức hội nghị.",  # not an opening
    "Ngày 10/10, Bộ Công Thương tổ chức Hội nghị khuyến công.",  # no year
    BODY + "\n" * 2 + "x" * 1600 + "\nNgày 10/10/2024, Sở tổ chức Hội nghị.",  # beyond the lead
])
def test_no_event_date(text: str) -> None:
    assert find_event_date(text) == ""


def test_date_sources_in_order() -> None:
    text = "Thứ Hai, 12/3/2018\nChiều ngày 10/3/2018, Sở Công Thương tổ chức Hội nghị khuyến công.\n" + BODY
    assert report_date(text, "2018-03-20", "", "2018-03-13") == ("2018-03-20", "manifest")
    assert report_date(text, "2018-03-13", "page_metadata") == ("2018-03-13", "page_metadata")
    assert report_date(text, "", "", "2018-03-13") == ("2018-03-13", "page_metadata")
    assert report_date(text) == ("2018-03-12", "dateline")
    assert report_date(text.split("\n", 1)[1]) == ("2018-03-10", "text")
    assert report_date(BODY) == ("", "")


def test_title_skips_page_chrome_and_short_lines() -> None:
    text = "Sàn giao dịch TMĐT\n\nBắc Giang\n\nKhuyến công Bắc Giang: 12 đề án được triển khai trong năm 2023\n\n" + BODY
    assert infer_title(text) == "Khuyến công Bắc Giang: 12 đề án được triển khai trong năm 2023"


def test_metadata_from_a_page_and_its_text() -> None:
    page = PageMetadata(title="Khuyến công 2023", site_name="Báo Đắk Lắk điện tử", published="2024-01-05",
                        url="https://baodaklak.vn/kinh-te/khuyen-cong.html")
    meta = document_meta(BODY, GAZ, None, page)
    assert (meta.title, meta.publisher, meta.published, meta.published_source) == (
        "Khuyến công 2023", "Báo Đắk Lắk điện tử", "2024-01-05", "page_metadata")
    assert (meta.region_id, meta.year, meta.doc_id, meta.source_url) == (
        "dak-lak", 2023, "2023-dak-lak", page.url)  # published in January, about 2023
    assert meta.warnings == ()


def test_year_from_the_text_up_to_the_date() -> None:
    assert document_meta(BODY, GAZ).year == 2023  # the text's year, no date
    assert document_meta("Thứ Ba, 9/1/2024\n" + BODY, GAZ).year == 2023  # January, about last year
    assert document_meta("Thứ Hai, 12/3/2018\n" + BODY, GAZ).year == 2018  # 2023 is after the date
    plan = "Thứ Hai, 12/3/2018\nKinh phí khuyến công đến năm 2030 là 50 tỷ đồng, tăng dần qua các năm."
    assert document_meta(plan, GAZ).year == 2018  # a horizon is not the report's year
    assert document_meta(BODY, GAZ, {"doc_id": "1999-x"}).year == 2023  # not parsed from the doc_id


def test_a_report_without_date_or_year_is_kept_with_a_warning() -> None:
    text = "Trung tâm Khuyến công tỉnh Quảng Nam đã triển khai 12 đề án, kinh phí 3,5 tỷ đồng."
    meta = document_meta(text, GAZ)
    assert (meta.year, meta.doc_id, meta.published) == (None, "quang-nam", "")
    assert NO_YEAR_WARNING in meta.warnings


def test_region_named_in_the_text_beats_the_outlet() -> None:
    text = "Tỉnh Quảng Nam: " + BODY
    assert document_meta(text, GAZ, {"publisher": "Báo Đắk Lắk"}).region_id == "quang-nam"


@pytest.mark.parametrize("publisher, url, region", [
    ("Báo Đắk Lắk điện tử", "", "dak-lak"),  # table, by name
    ("", "https://www.baobinhthuan.com.vn/print/124855.html", "binh-thuan"),  # table, by host
    ("Sở Công Thương Bình Định", "", "binh-dinh"),  # a province inside the name
    ("Trang thông tin điện tử Sở Công Thương tỉnh Hà Giang", "", "ha-giang"),
    ("Tạp chí Công Thương", "", "ca-nuoc"),  # national
    ("Trang tin tổng hợp", "http://127.0.0.1:8000/a.html", ""),
])
def test_outlet_region(publisher: str, url: str, region: str) -> None:
    assert outlet_region(publisher, url, GAZ) == region


def test_outlet_by_host_covers_its_subdomains() -> None:
    outlets = (Outlet("Báo X", "baox.vn", "gia-lai"),)
    assert outlet_region("", "http://m.tintuc.baox.vn/a", GAZ, outlets) == "gia-lai"
    assert outlet_region("", "http://notbaox.vn/a", GAZ, outlets) == ""
    assert host_of("https://www.baox.vn:8080/a?b=1") == "baox.vn"


def test_region_from_the_outlet_when_the_text_names_no_place() -> None:
    meta = document_meta(BODY, GAZ, None, PageMetadata(site_name="Báo Bình Định"))
    assert (meta.region_id, meta.warnings) == ("binh-dinh", ())
    unknown = document_meta(BODY, GAZ)
    assert (unknown.region_id, unknown.warnings) == ("ca-nuoc", (NO_PLACE_WARNING,))


def test_the_project_reports_get_the_date_they_state() -> None:
    """Of the five reports, 001 opens with the conference's date and 004 prints a dateline;
    000, 002 and 003 state no day (only years and a decree's date), so they get none."""
    from pipelines import paths
    from pipelines.text.reading import read_report

    dates = {p.name[:3]: report_date(read_report(p).text) for p in sorted(paths.RAW_DIR.glob("*.txt"))}
    assert dates["001"] == ("2024-10-10", "text")
    assert dates["004"] == ("2023-08-18", "dateline")
    assert dates["000"] == dates["002"] == dates["003"] == ("", "")


def test_an_undated_report_is_ingested_and_its_warning_counts_the_undated_figures(tmp_path) -> None:
    from pipelines.ingest.run import ingest

    (tmp_path / "bao-cao.txt").write_text(
        "Khuyến công tỉnh Quảng Nam: nhiều kết quả tích cực trong thời gian qua\n\n"
        "Trung tâm Khuyến công tỉnh Quảng Nam đã triển khai 12 đề án khuyến công địa phương với tổng "
        "kinh phí 3,5 tỷ đồng, hỗ trợ 20 cơ sở công nghiệp nông thôn.\n", encoding="utf-8")
    result = ingest(tmp_path)
    (doc,) = result.documents.itertuples()
    assert doc.doc_id == "quang-nam" and result.facts.empty
    assert NO_YEAR_WARNING in doc.warnings
    assert "3 figure(s) without a year are not in the facts" in doc.warnings
    assert list(result.mentions["reason"]) == ["no_period"] * 3


@pytest.mark.parametrize("sentence, period_end", [
    # the sentence names the month it counts to: "đến nay" is that month, not the report's
    ("Tính đến tháng 9 năm 2024, kinh phí khuyến công địa phương đến nay đã thực hiện đạt 25,3 tỷ đồng.", "2024-09"),
    # nothing but the year: "đến nay" runs to the month the report is dated
    ("Năm 2024, kinh phí khuyến công địa phương đến nay đã thực hiện đạt 25,3 tỷ đồng.", "2024-10"),
])
def test_a_dated_report_counts_up_to_now_from_its_date(sentence: str, period_end: str) -> None:
    from pipelines.extraction.extract import extract_document

    text = "Chiều ngày 10/10/2024, Sở Công Thương tỉnh Kiên Giang tổ chức Hội nghị khuyến công.\n" + sentence
    meta = document_meta(text, GAZ)
    assert meta.published == "2024-10-10"
    facts = extract_document(meta.doc_id, text, meta.region_id, GAZ, meta.year, meta.published).facts
    assert [(f["number_text"], f["period_end"]) for f in facts] == [("25,3", period_end)]


@pytest.mark.parametrize("url, region", [
    ("https://baoquangtri.example.vn/kinh-te/1.html", "quang-tri"),
    ("http://sctvinhlong.example.gov.vn/tin-tuc/2", "vinh-long"),
    ("https://khuyenconghagiang.example.vn/a", "ha-giang"),  # not An Giang, whose name it does not hold
    ("https://baolongan.example.vn/a", "long-an"),
    ("https://tintuc.example.vn/a", ""),  # no province in the name: nothing said
])
def test_a_province_written_in_the_sites_address_places_the_report(url: str, region: str) -> None:
    assert outlet_region("", url, GAZ) == region


def test_a_province_named_more_than_a_region_is_the_reports_place() -> None:
    from pipelines.intake.metadata import infer_region
    text = ("Cao Bằng có thêm 3 sản phẩm tiêu biểu\n\nBa sản phẩm của Cao Bằng vừa được chọn là sản phẩm công nghiệp "
            "nông thôn tiêu biểu khu vực phía Bắc năm 2022. Khuyến công tỉnh Cao Bằng góp phần vào kết quả này. Miến "
            "dong là một trong 3 sản phẩm tiêu biểu khu vực phía Bắc năm 2022.")
    assert infer_region(text, GAZ) == "cao-bang"
    conference = ("Hội nghị khuyến công khu vực phía Bắc năm 2020\n\nHội nghị khuyến công khu vực phía Bắc tổ chức "
                  "tại Lạng Sơn. Các tỉnh khu vực phía Bắc đã thực hiện 300 đề án.")
    assert infer_region(conference, GAZ) == "phia-bac"


@pytest.mark.parametrize("text, region", [
    # a district, town or commune names its province when the text names no province
    ("Khuyến công cấp huyện\n\nNăm 2023, UBND huyện Krông Năng đã hỗ trợ 4 cơ sở với kinh phí 300 triệu đồng.",
     "dak-lak"),
    ("Thị xã Buôn Hồ: hỗ trợ máy móc\n\nNăm 2022, thị xã Buôn Hồ hỗ trợ 3 cơ sở sản xuất với 210 triệu đồng.",
     "dak-lak"),
    # a venue hosts an event but the figures are the province's own
    ("Tỉnh Long An có 12 sản phẩm được chọn\n\nNăm 2022, tỉnh Long An bình chọn 12 sản phẩm, sẽ tham gia "
     "vòng chung khảo khu vực tổ chức tại tỉnh Tây Ninh vào tháng 8.", "long-an"),
    ("Bình chọn sản phẩm tiêu biểu\n\nNăm 2022, huyện Cần Giuộc có 5 sản phẩm, được đề cử tham gia cấp khu "
     "vực vào tháng 7/2022 tại tỉnh Tây Ninh.", "long-an"),
])
def test_the_report_is_placed_by_its_subject_not_a_venue(text: str, region: str) -> None:
    assert document_meta(text, default_gazetteer()).region_id == region


@pytest.mark.parametrize("text, region", [
    ("Hỗ trợ 27 đề án\n\n(VLO) Năm 2022, Sở Công Thương đã triển khai 27 đề án khuyến công.", "vinh-long"),
    ("Phê duyệt đề án\n(BĐ) - UBND tỉnh vừa phê duyệt 20 đề án khuyến công địa phương năm 2017.", "binh-dinh"),
    ("Phê duyệt đề án năm 2019\n\nUBND tỉnh phê duyệt 3 đề án.\n\nNguồn: socongthuong.hatinh.gov.vn", "ha-tinh"),
])
def test_an_outlet_named_in_the_words_places_a_file_without_address(text: str, region: str) -> None:
    meta = document_meta(text, default_gazetteer())
    assert meta.region_id == region and not meta.warnings


def test_a_shared_district_name_alone_falls_back_to_the_country_and_says_why() -> None:
    meta = document_meta("Bình chọn sản phẩm năm 2020\n\nNăm 2020, huyện Châu Thành có 11 sản phẩm tiêu biểu.",
                         default_gazetteer())
    assert meta.region_id == "ca-nuoc"
    assert "huyện Châu Thành" in meta.warnings[0] and "Bến Tre" in meta.warnings[0]


def test_the_document_id_takes_the_year_the_figures_are_about() -> None:
    # a caption repeated twice names last year's check; the sentences are about this year
    text = ("Triển khai 12 đề án khuyến công\nCập nhật lúc 09:10, Thứ Ba, 10/03/2020\n"
            "Sở Công Thương cho biết, có 12 đề án được thực hiện trong năm 2020, tổng kinh phí 2,4 tỷ đồng.\n"
            "Kiểm tra đề án khuyến công năm 2019 tại huyện Krông Năng\n"
            "Kiểm tra đề án khuyến công năm 2019 tại huyện Krông Năng\n")
    assert document_meta(text, default_gazetteer()).doc_id == "2020-dak-lak"
    # a year compared against is not the report's; a plan for the coming year may be announced before it
    compared = "Kế hoạch khuyến công\n\nNăm 2021, kinh phí tăng 20% so với năm 2020 và cao hơn năm 2020."
    assert document_meta(compared, default_gazetteer(), {"published": "2020-12-20"}).year == 2021


def test_the_five_reports_are_placed_by_their_own_words() -> None:
    """Without the manifest's region: the conference host (a lead "Chiều ngày …, tại thành phố
    Phú Quốc tỉnh Kiên Giang, …") does not make a regional conference a province's report."""
    import csv

    from pipelines import paths
    from pipelines.text.reading import read_report

    with open(paths.RAW_DIR / "manifest.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = read_report(paths.RAW_DIR / row["file"]).text
            assert document_meta(text, default_gazetteer()).region_id == row["region_id"], row["file"]


def test_a_dated_lead_naming_where_an_event_was_held_places_nothing() -> None:
    text = ("Hội nghị khuyến công khu vực phía Nam năm 2024\n\nChiều ngày 10/10/2024, tại thành phố Rạch Giá tỉnh "
            "Kiên Giang, Bộ Công Thương tổ chức Hội nghị khuyến công khu vực phía Nam. Năm 2024, kinh phí khuyến "
            "công của khu vực phía Nam là 91 tỷ đồng.")
    assert document_meta(text, default_gazetteer()).region_id == "phia-nam"
