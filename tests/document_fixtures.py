"""Small published-report fixtures made in the test: a news page, a PDF with a text
layer, a scanned PDF (an image only) and a Word document, all in Vietnamese."""

from __future__ import annotations

import io

ARTICLE = (
    "Năm 2023, Trung tâm Khuyến công tỉnh đã triển khai 12 đề án khuyến công địa phương với "
    "tổng kinh phí 3,5 tỷ đồng, hỗ trợ 20 cơ sở công nghiệp nông thôn đầu tư máy móc thiết bị.",
    "Trong đó, kinh phí khuyến công quốc gia là 1,2 tỷ đồng, hỗ trợ 5 cơ sở ứng dụng máy móc "
    "tiên tiến trong chế biến cà phê và nông sản.",
)

HEADLINE = "Khuyến công năm 2023: 12 đề án được triển khai"
NEWS_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Khuyến công năm 2023: 12 đề án được triển khai - Báo Đắk Lắk điện tử</title>
<meta property="og:site_name" content="Báo Đắk Lắk điện tử">
<meta property="og:title" content="Khuyến công năm 2023: 12 đề án được triển khai">
<meta property="article:published_time" content="2023-12-18T05:05:00+07:00">
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/kinh-te">Kinh tế</a></li></ul></nav>
<aside class="sidebar"><h3>Tin đọc nhiều</h3><ul><li><a href="/a">Giá cà phê hôm nay tăng 2.000 đồng</a></li></ul></aside>
<article><h1>Khuyến công năm 2023: 12 đề án được triển khai</h1>
<p>{0}</p>
<p>{1}</p>
</article>
<div class="related"><h3>Tin liên quan</h3><ul><li><a href="/c">Gia Lai hỗ trợ 30 cơ sở với 5 tỷ đồng</a></li></ul></div>
<div id="comments" class="comments"><h3>Bình luận</h3>
<p>Nguyễn Văn A: đề nghị hỗ trợ thêm 100 triệu đồng cho làng nghề.</p></div>
<footer>Bản quyền thuộc tòa soạn. Địa chỉ: 99 đường 10/3.</footer>
</body></html>""".format(*ARTICLE)

# words that are on the page but not in its article: menus, sidebars, related links, comments
PAGE_CHROME = ("Trang chủ", "Tin đọc nhiều", "Gia Lai", "100 triệu", "Bản quyền")


def pdf_bytes(lines: tuple[str, ...] = ARTICLE) -> bytes:
    """A one-page PDF with a text layer, Vietnamese set in DejaVu Sans."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "font.size": 7}):
        fig = plt.figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.03, 0.95 - 0.03 * i, line)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="pdf", metadata={"Title": "Báo cáo khuyến công", "CreationDate": None})
        plt.close(fig)
    return buffer.getvalue()


def scanned_pdf_bytes() -> bytes:
    """A PDF holding only an image, as a scanner writes it: no text layer."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(2, 2))
    fig.figimage([[0.0, 1.0], [1.0, 0.0]])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf", metadata={"CreationDate": None})
    plt.close(fig)
    return buffer.getvalue()


def docx_bytes(paragraphs: tuple[str, ...] = ARTICLE, title: str = "Báo cáo khuyến công") -> bytes:
    """A Word document: a heading, the paragraphs and a two-column table."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading("Kết quả khuyến công năm 2023", level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Kinh phí khuyến công địa phương"
    table.cell(0, 1).text = "2,3 tỷ đồng"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
