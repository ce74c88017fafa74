"""Page chrome: the lines of a saved page around the article (sentences written for the tests)."""

from __future__ import annotations

import pytest

from pipelines.text.chrome import chrome_lines, chrome_spans, outside_chrome
from pipelines.text.formats import html_to_text
from pipelines.text.gazetteer import default_gazetteer
from pipelines.text.segments import split_paragraphs

HEADLINE = "Bình Định hỗ trợ cơ sở công nghiệp nông thôn đổi mới thiết bị năm 2023"
BODY = ("Năm 2023, Trung tâm Khuyến công tỉnh Bình Định đã hỗ trợ 14 cơ sở công nghiệp nông thôn ứng dụng "
        "máy móc thiết bị tiên tiến với tổng kinh phí 3,2 tỷ đồng.")
BODY_2 = ("Theo kế hoạch, năm 2024 Trung tâm tiếp tục triển khai các đề án khuyến công địa phương, "
          "ưu tiên các cơ sở ở huyện miền núi.")


def chrome_of(lines: list[str]) -> list[str]:
    return [lines[i] for i in sorted(chrome_lines(lines))]


@pytest.mark.parametrize("widget", [
    ["Hà Nội 28°C"],
    ["Thời tiết TP Hồ Chí Minh"],
    ["Thời tiết", "Đà Nẵng", "31°C", "Nắng nhẹ"],
    ["Gia Lai", "24 độ C"],
    ["Thứ Hai, 12/6/2023 | Huế 30°C"],
])
def test_a_weather_widget_is_chrome_and_the_article_is_not(widget: list[str]) -> None:
    lines = [*widget, HEADLINE, BODY]
    assert chrome_of(lines) == widget


@pytest.mark.parametrize("menu", [
    ["Trang chủ | Thời sự | Kinh tế | Xã hội | Gia Lai"],
    ["Trang chủ » Kinh tế"],
    ["Hà Nội · Đà Nẵng · Cần Thơ · Bà Rịa - Vũng Tàu"],
    ["Thời sự", "Kinh tế", "Công nghiệp", "Khuyến công", "Đồng Tháp"],
])
def test_menus_of_sections_or_places_are_chrome(menu: list[str]) -> None:
    assert chrome_of([*menu, HEADLINE, BODY]) == menu


def test_short_article_lines_are_not_a_menu() -> None:
    """Subheadings between paragraphs, numbered points and a short list are the article's."""
    lines = [HEADLINE, "Kết quả nổi bật", BODY, "Những hạn chế", BODY_2,
             "1. Về đội ngũ cán bộ", "2. Về nội dung hoạt động", "3. Về kinh phí", "4. Về phối hợp", BODY]
    assert chrome_of(lines) == []


@pytest.mark.parametrize("heading", ["Tin liên quan", "Bài liên quan:", "Tin khác", "Xem thêm", "Đọc thêm",
                                     "Tin cùng chuyên mục", "Các tin khác"])
def test_related_headlines_run_from_their_heading_to_the_next_paragraph(heading: str) -> None:
    related = [heading, "Quảng Nam hỗ trợ 5 tỷ đồng cho 20 cơ sở công nghiệp nông thôn…",
               "Kon Tum triển khai 12 đề án khuyến công địa phương năm 2022 (15/03/2022)",
               "Hậu Giang: khuyến công góp phần phát triển làng nghề truyền thống?"]
    lines = [HEADLINE, BODY, *related, BODY_2]
    assert chrome_of(lines) == related


def test_an_inline_read_more_link_is_chrome_and_the_article_after_it_is_kept() -> None:
    link = "Xem thêm: Quảng Nam hỗ trợ 5 tỷ đồng cho 20 cơ sở công nghiệp nông thôn"
    lines = [HEADLINE, BODY, link, "Kế hoạch năm 2024", BODY_2]
    assert chrome_of(lines) == [link]


def test_a_read_more_sentence_of_the_article_is_not_a_heading() -> None:
    sentence = "Xem thêm các quy định về khuyến công tại Nghị định số 45/2012/NĐ-CP của Chính phủ."
    assert chrome_of([HEADLINE, BODY, sentence, BODY_2]) == []


@pytest.mark.parametrize("footer", [
    "Bản quyền thuộc về Báo Quảng Ngãi. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
    "© 2023 Báo Lâm Đồng điện tử",
    "Giấy phép số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 5/6/2020",
    "Tòa soạn: 12 Trần Phú, thành phố Quy Nhơn, tỉnh Bình Định",
    "Địa chỉ: 01 Lê Lợi, Hà Nội",
    "Điện thoại: (0256) 3822 123 - Fax: (0256) 3822 124",
    "Email: toasoan@baomau.vn",
    "Hotline: 0912 345 678",
    "Tổng biên tập: Nguyễn Văn A",
])
def test_footer_lines_are_chrome(footer: str) -> None:
    assert chrome_of([HEADLINE, BODY, footer]) == [footer]


@pytest.mark.parametrize("bar", ["In bài này", "Bản in", "Chia sẻ | Facebook | Zalo", "Lên đầu trang",
                                 "Tags: Bình Định, khuyến công, công nghiệp nông thôn",
                                 "Từ khóa: Gia Lai; khuyến công"])
def test_share_print_and_tag_lines_are_chrome(bar: str) -> None:
    assert chrome_of([HEADLINE, bar, BODY]) == [bar]


def test_a_tag_heading_takes_the_tags_under_it() -> None:
    tags = ["Từ khóa", "Khuyến công", "Gia Lai", "Làng nghề"]
    assert chrome_of([HEADLINE, BODY, *tags]) == tags


@pytest.mark.parametrize("line", [
    "Chia sẻ kinh nghiệm về khuyến công, các cơ sở đã đổi mới 5 dây chuyền sản xuất.",
    ("Trung tâm đã cung cấp địa chỉ: số điện thoại và email cho 30 cơ sở tham gia hội chợ năm 2023 để kết nối "
     "với các nhà phân phối trong và ngoài tỉnh, góp phần mở rộng thị trường tiêu thụ sản phẩm công nghiệp "
     "nông thôn tiêu biểu."),
    "Thời tiết thuận lợi giúp các cơ sở hoàn thành 12 đề án đúng tiến độ.",
])
def test_article_sentences_with_chrome_words_are_not_chrome(line: str) -> None:
    assert chrome_of([HEADLINE, line, BODY]) == []


def test_spans_are_offsets_into_the_text_and_filter_what_starts_inside() -> None:
    text = f"  Hà Nội 28°C\n\n{HEADLINE}\n{BODY}\nTin liên quan\n  Gia Lai hỗ trợ 5 tỷ đồng cho 20 cơ sở\n"
    spans = chrome_spans(text)
    assert [text[s:e] for s, e in spans] == ["Hà Nội 28°C", "Tin liên quan", "Gia Lai hỗ trợ 5 tỷ đồng cho 20 cơ sở"]
    places = default_gazetteer().find(text)
    assert {p.region_id for p in outside_chrome(places, spans)} == {"binh-dinh"}
    assert {p.region_id for p in places} == {"ha-noi", "binh-dinh", "gia-lai"}


def test_chrome_lines_are_chrome_paragraphs() -> None:
    text = f"Hà Nội 28°C\n{HEADLINE}\n{BODY}\nTin liên quan\nGia Lai hỗ trợ 5 tỷ đồng cho 20 cơ sở công nghiệp…"
    assert [p.kind for p in split_paragraphs(text)] == ["chrome", "heading", "body", "chrome", "chrome"]


def test_html_residues_inside_the_article_are_found() -> None:
    """The web page reader leaves out the page's header, menus and footer, but not chrome
    written inside the article's own block: a weather line, a related list, tags."""
    paragraphs = "".join(f"<p>{BODY}</p>" for _ in range(3))
    html = (f"<html><body><header><div>Hà Nội 28°C</div></header><article><h1>{HEADLINE}</h1>"
            f"<p>Thời tiết Gia Lai 24°C</p>{paragraphs}<p><strong>Tin liên quan</strong></p>"
            "<p>Kon Tum hỗ trợ 5 tỷ đồng cho 20 cơ sở công nghiệp nông thôn…</p>"
            "<p>Tags: Gia Lai, khuyến công</p></article><footer>Địa chỉ: 01 Lê Lợi, Hà Nội</footer></body></html>")
    text, _ = html_to_text(html)
    assert "Hà Nội" not in text  # the page's own header and footer are gone already
    places = default_gazetteer().find(text)
    assert {p.region_id for p in outside_chrome(places, chrome_spans(text))} == {"binh-dinh"}
