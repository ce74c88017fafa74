"""Published formats: a news page's main text and metadata, PDF text layers, Word files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures"))
import document_fixtures as fx  # noqa: E402

from pipelines.text.reading import BadInputError, decode_report, read_report  # noqa: E402


def test_news_page_keeps_the_article_and_drops_menus_sidebars_related_and_comments() -> None:
    report = decode_report(fx.NEWS_PAGE.encode("utf-8"), "bai-viet.html")
    assert report.text.split("\n") == [fx.HEADLINE, *fx.ARTICLE]
    for chrome in fx.PAGE_CHROME:
        assert chrome not in report.text, chrome
    assert report.warnings == ["HTML page; main text extracted"]


def test_news_page_metadata_comes_from_the_page() -> None:
    page = decode_report(fx.NEWS_PAGE.encode("utf-8"), "bai-viet.html").page
    assert page.title == fx.HEADLINE
    assert page.site_name == "Báo Đắk Lắk điện tử"
    assert page.published == "2023-12-18"


def test_the_same_page_bytes_give_the_same_text() -> None:
    data = fx.NEWS_PAGE.encode("utf-8")
    assert decode_report(data, "a.html").text == decode_report(data, "b.html").text


def test_page_in_a_legacy_encoding_is_decoded_before_extraction() -> None:
    from make_bad_fixtures import encode_cp1258  # tests/fixtures is not a package

    page = fx.NEWS_PAGE.replace('<meta charset="utf-8">', "")
    report = decode_report(encode_cp1258(page), "bai-viet.htm")
    assert report.text.split("\n") == [fx.HEADLINE, *fx.ARTICLE]
    assert report.encoding == "windows-1258"


def test_pdf_text_layer_is_read_with_its_diacritics(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(fx.pdf_bytes())
    report = read_report(path)
    assert report.text.split("\n") == list(fx.ARTICLE)
    assert "tỷ đồng" in report.text and "ứng dụng" in report.text  # diacritics survive
    assert (report.encoding, report.page.title) == ("pdf", "Báo cáo khuyến công")


def test_pdf_lines_broken_mid_sentence_are_joined() -> None:
    lines = ("Kết quả khuyến công", "Năm 2023, tỉnh đã triển khai 12 đề án khuyến công địa phương với",
             "tổng kinh phí 3,5 tỷ đồng.", "Hỗ trợ 20 cơ sở công nghiệp nông thôn.")
    report = decode_report(fx.pdf_bytes(lines), "bao-cao.pdf")
    assert report.text.split("\n") == [lines[0], f"{lines[1]} {lines[2]}", lines[3]]


def test_scanned_pdf_is_refused_with_that_reason(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(fx.scanned_pdf_bytes())
    with pytest.raises(BadInputError, match=r"scan\.pdf: scanned PDF without a text layer"):
        read_report(path)


def test_broken_pdf_is_refused_naming_the_format() -> None:
    with pytest.raises(BadInputError, match="x.pdf: not a readable PDF"):
        decode_report(b"%PDF-1.4\n garbage", "x.pdf")


def test_word_document_paragraphs_and_table_rows_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(fx.docx_bytes())
    report = read_report(path)
    assert report.text.split("\n") == [
        "Kết quả khuyến công năm 2023", *fx.ARTICLE, "Kinh phí khuyến công địa phương 2,3 tỷ đồng"]
    assert (report.encoding, report.page.title) == ("docx", "Báo cáo khuyến công")


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(BadInputError, match="zip archive that is not a Word document"):
        read_report(path)


@pytest.mark.parametrize("stored, title", [
    ("Báo cáo khuyến công", "Báo cáo khuyến công"),
    ("Microsoft Word - bao cao khuyen cong 2023.docx", ""),
    ("bao-cao.pdf", ""),
])
def test_a_stored_title_that_is_a_file_name_is_not_the_headline(stored: str, title: str) -> None:
    assert decode_report(fx.docx_bytes(title=stored), "a.docx").page.title == title
