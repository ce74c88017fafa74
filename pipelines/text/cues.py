"""The extractor's structural cues and the vocabularies no rule table holds yet.

What a figure measures, for which programme, activity, qualifier and recognition
level, its plan-or-result frame and what is not a figure are rule tables
(``pipelines.text.rules``). What is left here is structure (connectors, list items,
phrase ends, comparisons), place and name cues for the region decision, period
cues, and the page chrome. Patterns are matched case-insensitively against NFC text.
"""

from __future__ import annotations

import re

# --- names of recipients: a place name inside them is no place cue ("Công ty TNHH Gốm Huế")
# a legal form, after which the name may be the place name alone ("Công ty TNHH Huế")
NAME_FORM = re.compile(r"Công ty|Cty|Hợp tác xã|HTX|Tổ hợp tác|Nhà máy|TNHH|CP|Cổ phần|MTV", re.I)
# a kind of recipient or a title, after which the name has a word of its own ("Cơ sở Gốm Huế")
NAME_HEAD = re.compile(
    r"(?<!\w)(?:Công ty|Cty|Hợp tác xã|HTX|Tổ hợp tác|Nhà máy|TNHH|CP|Cổ phần|MTV|Doanh nghiệp|DN|Cơ sở|"
    r"Hộ kinh doanh|ông|bà|anh|chị)(?!\w)", re.I)
# words no name holds: a preposition, a unit of administration or a verb ends it
NAME_BREAK = re.compile(
    r"tại|ở|của|thuộc|trên|trong|từ|tỉnh|huyện|thành|phố|thị|xã|phường|quận|và|với|được|đã|đang|cho|nhận|"
    r"hỗ|trợ|có|là|đầu|tư|thực|hiện", re.I)

# --- the extractor's structural cues ------------------------------------------------
# a sentence that continues the paragraph's frame ("Theo đó, …", "Cụ thể, …")
CONNECTOR = re.compile(r"^\W*(?:theo đó|trong đó|cụ thể|qua đó|từ đó|bên cạnh đó|ngoài ra)\b", re.I)
# "X, trong đó A … B …": X is a total, A and B its parts
GROUP_OPENER = re.compile(r"trong đó|bao gồm", re.I)
# a paragraph that is an item of a list ("- Hỗ trợ 10 cơ sở …", "2. Tập huấn …", "a) …")
LIST_ITEM_PARAGRAPH = re.compile(r"\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s", re.I)
# where the phrase after a number ends; "… 8.275 triệu đồng và nguồn vốn đối ứng …": a second
# source named after "và" is another item
PHRASE_END = re.compile(r"trong đó|còn lại|[:;.(]|\svà (?:các )?(?:nguồn|kinh phí|vốn|ngân sách)")
# a quoted title (đề án “Hỗ trợ … năm 2020”): its year names the project, not the period
QUOTED = re.compile(r"“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")
# the money of a counted item: "4 đề án tập huấn (380 triệu đồng)", "… với tổng kinh phí 2 tỷ"
ITEM_MONEY = re.compile(r"[^,;:.()]*\(\s*|[^,;:.()]*với (?:tổng )?(?:số )?kinh phí[^,;:.()]*")
# a list item after a figure: a coordinator, then a short phrase with no verb of its own
# ("…, khuyến công địa phương 3 tỷ đồng"); the phrase must name a programme or activity
LIST_ITEM = re.compile(r"\s*(?:,|và)\s*(?P<phrase>[^\d,;:.()]{1,80}?)\s*(?:là|:)?\s*", re.I)
TOTAL_WORD = re.compile(r"(?<!\w)(?:tổng|cộng)(?!\w)", re.I)  # "tổng kinh phí", "tổng cộng"
# what starts a new list item between two figures
LIST_BREAK = re.compile(r"[,;]|(?<!\w)và(?!\w)", re.I)
COORDINATION = re.compile(r"\s*(?:và|,|hoặc)\s*")  # "KCQG và KCĐP"

# --- page chrome: lines around the article that are not of it (see pipelines.text.chrome)
# a temperature ("28°C", "31 độ C"): a weather widget's line
TEMPERATURE = re.compile(r"\d\s*°\s*[CF]?|(?<!\w)\d+\s*độ\s*C(?!\w)")
WEATHER_HEADING = re.compile(r"^\W*thời tiết(?!\w)", re.I)
# the heading of a list of other articles' headlines
RELATED_HEADING = re.compile(
    r"^\W*(?:(?:các |những )?(?:tin|bài)(?: viết)? (?:liên quan|khác|cùng chuyên mục|cùng danh mục|đã đăng"
    r"|mới(?: hơn| cập nhật| nhất)?|cũ hơn|nổi bật|đọc nhiều(?: nhất)?|xem nhiều(?: nhất)?)"
    r"|xem thêm|đọc thêm|có thể bạn quan tâm|bạn có thể quan tâm|(?:newer|older|related) (?:news|news items|articles))"
    r"(?!\w)", re.I)
# the publisher's footer: copyright, licence, newsroom, address, telephone, e-mail
FOOTER = re.compile(
    r"^\W*(?:©|copyright|bản quyền(?: thuộc|\s*:)|giấy phép(?: số| hoạt động| xuất bản| thiết lập|\s*:)"
    r"|(?:tòa|toà) soạn(?:\s*:| báo| đặt tại)|cơ quan chủ quản|(?:phó )?tổng biên tập\s*:"
    r"|chịu trách nhiệm(?: xuất bản| nội dung)?\s*:"
    r"|(?:địa chỉ|điện thoại|đt|tel|fax|e-?mail|hotline|đường dây nóng)\s*:"
    r"|ghi rõ nguồn|không được sao chép|cấm sao chép)",
    re.I)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")  # bounded: linear on long lines
# share, print and rating bars: a line of nothing but these
SHARE = re.compile(
    r"^(?:\W*(?:in bài(?: này| viết)?|bản in|chia sẻ|gửi bài(?: viết)?|gửi cho bạn bè|lưu(?: bài)?|bình luận"
    r"|facebook|zalo|twitter|tweet|like|share|email|print|lên đầu trang|về đầu trang|quay lại|trở về"
    r"|click để đánh giá bài viết|theo dõi(?: [^\W\d]+){0,3} trên google news)(?!\w))+\W*$",
    re.I)
# a tag line ("Tags: …", "Từ khóa: …"), or the heading of a list of tags
TAGS = re.compile(r"^\W*(?:tags?|từ khóa|từ khoá|keywords?|chủ đề)(?:\s*[:：]|\s*$)", re.I)
# between the items of a menu on one line ("Trang chủ | Thời sự | Kinh tế")
MENU_SEPARATOR = re.compile(r"\s*[|•·»›]\s*|\s+[>/]\s+")
HOME = re.compile(r"^\W*(?:trang chủ|home)(?!\w)", re.I)
# how a line of the article ends: a full stop (not an ellipsis), a semicolon or a colon
SENTENCE_END = re.compile(r"(?<!\.)\.\s*$|[;:]\s*$")
