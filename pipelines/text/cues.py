"""Cue words of the genre: what a figure measures, for which programme and activity.

Each vocabulary is a list of (regex, label) pairs. Patterns are matched
case-insensitively against NFC text; the extractor decides *where* to look
(before the number, after it, in the clause or the sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    label: str


def _compile(pairs: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.I), label) for p, label in pairs]


def find_cues(text: str, vocabulary: list[tuple[re.Pattern[str], str]]) -> list[Cue]:
    """Non-overlapping cues, earlier vocabulary entries winning overlaps."""
    found: list[Cue] = []
    for pattern, label in vocabulary:
        for m in pattern.finditer(text):
            if any(m.start() < c.end and c.start < m.end() for c in found):
                continue
            found.append(Cue(m.start(), m.end(), label))
    return sorted(found, key=lambda c: c.start)


# --- what a count counts: the noun right after the number -------------------------
COUNT_NOUNS = _compile([
    (r"(?:lượt )?(?:(?:chương trình|nhiệm vụ),? )?đề án", "projects"),  # "7 nhiệm vụ, đề án"
    (r"chương trình (?:khuyến công|tuyên truyền)", "projects"),
    (r"(?:lượt )?(?:cơ sở|doanh nghiệp|DN|HTX|hợp tác xã|hộ kinh doanh|hộ|đơn vị(?! hành chính))|lượt tổ chức",
     "beneficiaries"),
    (r"mô hình", "models"),
    (r"sản phẩm", "products"),
])
# Counted things that are not khuyến công figures (said in mentions, not dropped silently).
OTHER_COUNT_NOUNS = re.compile(
    r"(?:tỉnh|thành phố|huyện|xã|nhóm|nội dung|gian hàng|bản tin|bản|năm|tháng|ngày|giờ|giây|"
    r"người|lao động|học viên|lớp|lần|đợt|vấn đề|giải pháp|ngành|làng nghề|cụm|phút|kỳ|khóa|"
    r"hội chợ|triển lãm|sự kiện|hội nghị|hội thảo|phiên chợ)(?!\w)",  # events are not beneficiaries
    re.I,
)

# --- money: plan / allocated / spent -------------------------------------------
# Head phrases ("tổng kế hoạch kinh phí …") name the figure more surely than the verbs
# around it, so they are tried first and win when present.
MONEY_HEADS = _compile([
    (r"(?:tổng )?kế hoạch kinh phí", "budget_plan"),
    (r"tổng kế hoạch", "budget_plan"),
    (r"dự toán", "budget_plan"),
    (r"kinh phí (?:được )?phân bổ", "budget_allocated"),
    (r"số thực hiện", "budget_spent"),
    (r"kinh phí(?: khuyến công)?(?: quốc gia| địa phương)? (?:đã )?thực hiện", "budget_spent"),
    # "kinh phí hỗ trợ" alone names the support budget; with an execution verb, the spending.
    (r"kinh phí hỗ trợ", "support"),
    (r"kinh phí giải ngân", "budget_spent"),
    # what was asked for: "tổng kinh phí đề nghị hỗ trợ", "kinh phí xin hỗ trợ"
    (r"kinh phí (?:đề nghị|đề xuất|xin|đăng ký)(?: hỗ trợ)?", "budget_plan"),
])
MONEY_VERBS = _compile([
    (r"hoàn thành(?: tốt)?(?: \d+%?)? kế hoạch", "budget_spent"),
    (r"giải ngân", "budget_spent"),
    (r"thanh toán", "budget_spent"),
    (r"đã thực hiện", "budget_spent"),
    (r"thực hiện", "budget_spent"),
    (r"triển khai", "budget_spent"),
    (r"hỗ trợ", "budget_spent"),
    (r"đầu tư", "budget_spent"),  # the funding verb: spent unless a plan frames it
    (r"phân bổ", "budget_allocated"),
    (r"trích(?: ra)?", "budget_allocated"),
    (r"(?:được )?(?<!cung )cấp(?! tỉnh| huyện| xã| khu vực| quốc gia| trên)", "budget_allocated"),
    (r"(?:được )?(?:phê )?duyệt", "budget_plan"),
    (r"(?:được |đã )?(?<!bàn )giao(?! lưu| thương| dịch| thông)", "budget_plan"),
    (r"đạt", "budget_spent"),
    (r"bố trí", "budget_plan"),
    (r"dành(?: cho)?", "budget_plan"),
    (r"kế hoạch", "budget_plan"),
])

# --- percentages: the word just before the number ---------------------------------
PERCENT_VERBS = _compile([
    (r"cắt giảm", "decrease"),
    (r"giảm", "decrease"),
    (r"thấp hơn", "decrease"),
    (r"tăng", "increase"),
    (r"cao hơn", "increase"),
    (r"vượt", "increase"),
    (r"chiếm", "share_pct"),
    (r"tương đương(?: với)?(?: khoảng)?", "share_pct"),  # "195 triệu đồng tương đương với khoảng 40% …"
    (r"đạt", "execution_pct"),
    (r"hoàn thành", "execution_pct"),
    (r"bằng", "execution_pct"),
])
IIP_CUES = _compile([(r"chỉ số sản xuất công nghiệp", "iip"), (r"IIP", "iip")])

# --- projects: what happened to them ----------------------------------------------
PROJECT_VERBS = _compile([
    (r"(?:phê )?duyệt (?:thực hiện|triển khai)", "projects_planned"),
    (r"nghiệm thu", "projects_completed"),
    (r"hoàn thành|thực hiện thành công", "projects_completed"),
    (r"(?:được )?(?:UBND tỉnh |Bộ trưởng |Chủ tịch UBND tỉnh )?phê duyệt", "projects_planned"),
    (r"được duyệt", "projects_planned"),
    (r"đăng ký", "projects_planned"),
    (r"tiếp nhận", "projects_planned"),  # applications received: "đã tiếp nhận 04 đề án"
    (r"(?:được )?(?<!bàn )giao(?! lưu| thương| dịch| thông)", "projects_planned"),
    (r"triển khai", "projects_implemented"),
    (r"thực hiện", "projects_implemented"),
    (r"hỗ trợ", "projects_implemented"),
])

# --- programme --------------------------------------------------------------------
_SOURCE = r"(?:khuyến công|kinh phí|nguồn(?: vốn)?|ngân sách) (?:khuyến công )?"
_NATIONAL = r"(?:khuyến công |ngân sách )?(?:quốc gia|trung ương)"
_LOCAL = r"(?:khuyến công |ngân sách )?(?:địa phương|tỉnh)"
PROGRAMS = _compile([
    # both named together ("kinh phí khuyến công quốc gia và địa phương") is every programme
    (rf"{_SOURCE}(?:quốc gia|trung ương) và {_LOCAL}(?!(?-i: [A-ZĐÀ-Ỹ]))", "all"),
    (rf"{_SOURCE}(?:địa phương|tỉnh) và {_NATIONAL}", "all"),
    (r"khuyến công quốc gia", "national"),
    (r"KC quốc gia", "national"),
    (r"KCQG", "national"),
    (r"ngân sách (?:nhà nước )?trung ương", "national"),
    (r"(?:kinh phí|nguồn|nguồn vốn) (?:khuyến công )?quốc gia", "national"),
    (r"khuyến công địa phương", "local"),
    (r"KC địa phương", "local"),
    (r"KCĐP", "local"),
    (r"khuyến công (?:cấp )?tỉnh(?!(?-i: [A-ZĐÀ-Ỹ]))", "local"),  # not "khuyến công tỉnh Đắk Lắk"
    (r"ngân sách (?:của )?(?:tỉnh|địa phương)", "local"),
    (r"(?:kinh phí|nguồn|nguồn vốn) (?:khuyến công )?địa phương", "local"),
    (r"vốn tự có", "counterpart"),
    # investment drawn in from the supported businesses ("thu hút các nguồn vốn đầu tư … 208 tỷ")
    (r"thu hút (?:được )?(?:\w+ ){0,2}?(?:nguồn )?(?:vốn|đầu tư)", "counterpart"),
    (r"vốn đối ứng", "counterpart"),
    (r"(?:vốn|kinh phí) (?:đóng góp|tham gia) của (?:các )?(?:doanh nghiệp|cơ sở|đơn vị)", "counterpart"),
    (r"đối ứng", "counterpart"),
])

# --- activity: content areas of Decree 45/2012/NĐ-CP -------------------------------
# the provincial centre's own name ("Trung tâm Khuyến công và Tư vấn phát triển công nghiệp")
# names no activity of a figure
_CENTRE = (r"(?<!khuyến công và )(?<!khuyến công - )(?<!khuyến công – )(?<!khuyến công, )(?<!khuyến công & )"
           # a plan of both ("Kế hoạch Khuyến công địa phương và Xúc tiến thương mại"), an agency's name
           # ("Trung tâm Xúc tiến, Đầu tư, Thương mại và Du lịch")
           r"(?<!khuyến công địa phương và )(?<!khuyến công quốc gia và )(?<!trung tâm )")
ACTIVITIES = _compile([
    (r"(?:nâng cao )?(?:năng lực )?(?:quản lý và )?tổ chức (?:thực hiện )?(?:các )?hoạt động khuyến công", "capacity"),
    (r"(?:nâng cao )?năng lực (?:quản lý và )?(?:tổ chức )?thực hiện (?:các )?hoạt động khuyến công", "capacity"),
    # "tập huấn và tư vấn công tác khuyến công": for those who run the programme
    (r"(?:tập huấn|đào tạo|bồi dưỡng)(?: và tư vấn)? (?:về )?(?:nghiệp vụ |công tác )khuyến công", "capacity"),
    (r"sản xuất sạch hơn|SXSH", "cleaner_production"),
    (r"sản phẩm (?:công nghiệp nông thôn|CNNT) tiêu biểu", "typical_products"),
    (r"sản phẩm tiêu biểu", "typical_products"),
    (r"bình chọn", "typical_products"),
    (r"(?:đăng ký )?(?:nhãn hiệu|thương hiệu)", "typical_products"),
    (r"mô hình trình diễn", "technology"),
    (r"trình diễn kỹ thuật", "technology"),
    (r"chuyển giao công nghệ", "technology"),
    (r"ứng dụng máy móc", "technology"),
    (r"máy móc(?: thiết bị)? tiên tiến", "technology"),
    (r"(?:máy móc|dây chuyền)", "technology"),
    (r"(?:mua sắm|mua|trang bị)(?: \d+)? (?:máy|thiết bị)", "technology"),  # "mua sắm 2 máy ép"
    (r"MMTB", "technology"),
    (r"đào tạo nghề", "training"),
    (r"truyền nghề", "training"),
    (r"tập huấn", "training"),
    (r"năng lực quản lý(?: doanh nghiệp| cho các cơ sở| cho cơ sở)?", "training"),
    (r"(?:khóa|khoá|lớp) đào tạo|đào tạo (?:nâng cao|khởi sự)|khởi sự doanh nghiệp", "training"),
    (r"hội chợ", "trade_promotion"),
    (r"triển lãm", "trade_promotion"),
    (rf"{_CENTRE}xúc tiến(?: thương mại| tiêu thụ)?", "trade_promotion"),
    (r"quảng bá", "trade_promotion"),
    (r"website bán hàng|thương mại điện tử|sàn giao dịch điện tử", "trade_promotion"),
    (rf"{_CENTRE}tư vấn", "consulting"),
    (r"thiết kế mẫu mã", "consulting"),
    (r"bao bì", "consulting"),
    (r"trợ giúp", "consulting"),
    (r"cung cấp thông tin", "information"),
    (r"thông tin,? tuyên truyền", "information"),
    (r"tuyên truyền", "information"),
    (r"hạ tầng(?: cụm công nghiệp)?", "infrastructure"),
    (r"xử lý ô nhiễm", "infrastructure"),
])

# --- qualifiers ---------------------------------------------------------------------
QUALIFIERS = _compile([
    (r"trung bình(?: mỗi năm| hàng năm| hằng năm)?", "average"),
    (r"bình quân(?: mỗi năm| hàng năm)?", "average"),
    (r"mỗi năm|hằng năm|hàng năm", "average"),
    (r"phấn đấu", "target"),
    (r"mục tiêu", "target"),
    (r"dự kiến", "target"),
    (r"dự báo", "target"),
    (r"ước(?: tính| đạt| thực hiện)?", "estimate"),
])
AT_LEAST_RE = re.compile(r"(?<!cao )(?<!thấp )(?<!nhiều )(?<!ít )(?:hơn|trên|ít nhất|không dưới)\s*$", re.I)

# --- plan or actual: announcements of approved plans state figures with the same
# verbs as results ("hỗ trợ", "thực hiện"); the sentence's frame tells them apart.
# a plan set by a decision ("Theo Quyết định …", "… ký ban hành")
_BY_DECISION = r"theo quyết định|ký ban hành"
PLAN_FRAME = re.compile(
    r"(?<!\w)(?:phê duyệt|được duyệt|kế hoạch (?:khuyến công|kinh phí)"
    r"|ban hành (?:quyết định )?(?:thực hiện |phê duyệt )?(?:kế hoạch|đề án|chương trình)"
    r"|dự kiến|mục tiêu|phấn đấu|sẽ|được giao|giao cho|giao (?:thực hiện|triển khai)|nhất trí|đưa vào kế hoạch"
    rf"|theo kế hoạch|kế hoạch giai đoạn|{_BY_DECISION}"
    r"|để (?:thực hiện|triển khai))(?!\w)",
    re.I,
)
ACTUAL_FRAME = re.compile(
    # "hoàn thành (tốt) kế hoạch … được phê duyệt": the plan is what was completed
    r"(?<!\w)(?:(?:đã )?hoàn thành(?: tốt)?(?: \d+%?)?(?: các)? kế hoạch[^,;.]*"
    r"|(?:đã|đang) (?:\w+ ){0,2}?(?:thực hiện|triển khai|hoàn thành|hỗ trợ|giải ngân|nghiệm thu|tổ chức|đầu tư)"
    r"|tiếp tục (?:thực hiện|triển khai)"
    r"|hoàn thành|nghiệm thu|giải ngân|đến nay|ước|đạt)(?!\w)",
    re.I,
)
# "đạt" after an amount is "amounting to" ("tổng kinh phí đạt 995 triệu"): a result cue that says little
WEAK_RESULT = re.compile(r"đạt", re.I)
# an aim right before a result word ("mục tiêu cụ thể là nhằm đạt …", "phấn đấu đạt")
AIM_BEFORE = re.compile(r"(?:nhằm|phấn đấu|mục tiêu(?: \w+){0,2}(?: là)?)\s*$", re.I)
# verbs that name an action without saying whether it happened
WEAK_VERBS = re.compile(r"(?:hỗ trợ|thực hiện|triển khai|đầu tư)\s*$", re.I)
# an aim named as the purpose of the money ("để thực hiện mục tiêu trên, … bố trí 6 tỷ"):
# the purpose, not a qualifier of the figure
PURPOSE_BEFORE = re.compile(r"(?:để|nhằm)(?: \w+){0,3}?\s*$", re.I)

# a count of products entered for a vote is not of products recognised
PRODUCTS_ENTERED = re.compile(r"đăng ký|tham gia|dự thi", re.I)
PRODUCTS_RECOGNISED = re.compile(r"công nhận|chứng nhận|đạt|được (?:bình )?chọn|tiêu biểu", re.I)
# businesses counted as supported, not merely as existing ("toàn tỉnh có 2.605 cơ sở")
SUPPORTED_BEFORE = re.compile(
    r"hỗ trợ|tham gia|được|thụ hưởng|cho|giúp|chuyển giao|ứng dụng|áp dụng|tập huấn|đào tạo|"
    r"nghiệm thu|hoàn thành|thực hiện|triển khai|kết nối|tư vấn",
    re.I,
)
SUPPORTED_AFTER = re.compile(r"^[^;.]{0,60}?(?:được|tham gia|thụ hưởng|đạt|ứng dụng|áp dụng|chuyển giao)", re.I)

# who approved or assigned the money tells the programme when no programme is named:
# the province's People's Committee approves the local programme, the Ministry the national one
APPROVERS = _compile([
    (r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|Chủ tịch UBND) (?:tỉnh|thành phố|TP\.?)"
     r"(?=[^.;]{0,60}?(?:phê duyệt|ban hành|giao|nhất trí|bố trí))", "local"),
    (r"Bộ (?:trưởng Bộ )?Công Thương(?=[^.;]{0,60}?(?:phê duyệt|giao|phân bổ|nhất trí))", "national"),
])

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
# what a figure is compared with ("so với năm 2017 (44 tỷ)") ends the words before it
COMPARISON = re.compile(r"so với(?: [^\d,;()]{0,25})?\s*$", re.I)
# "X, trong đó A … B …": X is a total, A and B its parts
GROUP_OPENER = re.compile(r"trong đó|bao gồm", re.I)
# a place after the number that the number belongs to ("… 12 tỷ đồng của tỉnh Quảng Nam")
PLACE_AFTER = re.compile(r"\s*(?:tại|ở|của)\s*(?:tỉnh|thành phố|TP\.?)?\s*$", re.I)
# work under way: its money is the budget, not yet spent
UNDER_WAY = re.compile(r"(?<!\w)(?:đang|tiếp tục)(?: \w+){0,2}? (?:thực hiện|triển khai)(?!\w)", re.I)
EXECUTION_WORDS = re.compile(r"thực hiện|giải ngân|thanh toán|được triển khai", re.I)
# what did not happen is no figure ("kinh phí chưa phân bổ 340 triệu")
NEGATED = re.compile(r"(?<!\w)(?:chưa|không|chẳng|ngừng|dừng|huỷ bỏ|hủy bỏ) (?:được )?\w+(?: \w+)?\s*$", re.I)
# the economy's or the firms' figures, not the programme's
NOT_PROGRAMME_GROWTH = re.compile(
    r"doanh thu|tài sản|lợi nhuận|thu nhập|năng suất|sản lượng|giá trị sản xuất", re.I)
# a paragraph that is an item of a list ("- Hỗ trợ 10 cơ sở …", "2. Tập huấn …", "a) …")
LIST_ITEM_PARAGRAPH = re.compile(r"\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s", re.I)
# the whole of an investment, whoever paid ("tổng giá trị 620 triệu", "tổng vốn đầu tư của đề án")
WHOLE_INVESTMENT = re.compile(r"tổng (?:giá trị|vốn đầu tư|mức đầu tư|nguồn vốn(?: đầu tư)?)", re.I)
# where the phrase after a number ends; "… 8.275 triệu đồng và nguồn vốn đối ứng …": a second
# source named after "và" is another item
PHRASE_END = re.compile(r"trong đó|còn lại|[:;.(]|\svà (?:các )?(?:nguồn|kinh phí|vốn|ngân sách)")
# "khu vực" or "toàn vùng" on its own, in a regional conference report, is that region
OWN_REGION = re.compile(
    r"(?<!\w)(?:toàn )?(?:khu vực|vùng)(?!\w)(?!\s+(?:miền|phía|MT|Đông|Tây|đồng bằng|trung du|duyên hải))", re.I)
# money granted for what is to be done ("3,8 tỷ đồng để thực hiện 5 đề án")
PURPOSE = re.compile(r"\s*(?:để|nhằm) (?:thực hiện|triển khai)", re.I)
# what follows a number and says it was approved ("16 đề án … được đưa vào kế hoạch"), not
# reaching into "trong tổng số 3 tỷ đồng được giao", which is said of the total
APPROVED_AFTER = re.compile(
    r"(?:(?!tổng)[^,;.]){0,30}?được (?:\w+ ){0,4}?(?:phê duyệt|duyệt|giao|đưa vào kế hoạch)(?!\w)", re.I)
# "2/2 đề án (khuyến công quốc gia) đã hoàn thành": the verb after the counted projects
DONE_AFTER = re.compile(
    r"\s*(?:khuyến công(?: quốc gia| địa phương| tỉnh)?\s*)?(?:đã )?(?:được )?(?:hoàn thành|nghiệm thu)(?!\w)", re.I)
# a photo's caption ("Ảnh: Hỗ trợ … giai đoạn 2019 – 2020")
PHOTO_CAPTION = re.compile(r"\s*(?:Ảnh|Hình ảnh|Hình)\s*(?:minh họa|minh hoạ)?\s*:", re.I)
BY_DECISION = re.compile(rf"(?<!\w)(?:{_BY_DECISION})(?!\w)", re.I)
# approving a plan, and the date it was approved on ("ngày 10/3/2022 UBND tỉnh phê duyệt …")
APPROVAL = re.compile(r"(?<!\w)(?:phê duyệt|ban hành|được giao|giao kế hoạch)(?!\w)", re.I)
APPROVED_ON = re.compile(
    r"ngày\s*\d{1,2}\s*(?:[/.-]\s*\d{1,2}\s*[/.-]|tháng\s*\d{1,2}\s*năm)\s*(?P<year>(?:19|20)\d{2})"
    r"[^.;]{0,80}?(?:phê duyệt|ban hành|được giao)(?!\w)", re.I)
# a quoted title (đề án “Hỗ trợ … năm 2020”): its year names the project, not the period
QUOTED = re.compile(r"“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")
# "1,2 tỷ trong tổng số 3 tỷ", "10 đề án trên tổng số 12 đề án": the figure after is the whole
OF_THE_WHOLE = re.compile(r"(?:trong|trên) tổng (?:số|kinh phí|nguồn vốn|vốn|mức)(?: \w+){0,3}?\s*(?:là\s*)?$", re.I)
PER_UNIT = re.compile(r"(?<!\w)(?:mỗi(?! năm)|tối thiểu|tối đa)(?!\w)", re.I)  # "mỗi năm" is an average
BUDGET_NOUN = re.compile(r"(?<!\w)(?:kinh phí|nguồn vốn|ngân sách)(?!\w)", re.I)
PROGRAMME_SUBJECT = re.compile(r"kinh phí|ngân sách|vốn|đề án|kế hoạch|dự toán|khuyến công|IIP|chỉ số", re.I)
PRODUCT_SUBJECT = re.compile(r"sản phẩm", re.I)
TO_DATE = re.compile(r"(?:đến|tới) nay|hiện nay|đến thời điểm này", re.I)
SHARE_OF_TOTAL = re.compile(r"^\s*(?:tổng|kinh phí|ngân sách|vốn|số)", re.I)
RATE_WORD = re.compile(r"tỷ lệ\s*$")  # "đạt tỷ lệ 49%": a share, not progress
AGAINST_PLAN = re.compile(r"\s*(?:so với )?kế hoạch", re.I)
SUPPORT_AFTER = re.compile(r"\s*(?:được )?hỗ trợ", re.I)  # "với 300 triệu đồng hỗ trợ từ nguồn …"
# "7 tỷ đồng dành hỗ trợ các đề án …": money set aside for a purpose is planned
SET_ASIDE_AFTER = re.compile(r"\s*(?:được )?dành (?:cho|để|hỗ trợ)", re.I)
# the money of a counted item: "4 đề án tập huấn (380 triệu đồng)", "… với tổng kinh phí 2 tỷ"
ITEM_MONEY = re.compile(r"[^,;:.()]*\(\s*|[^,;:.()]*với (?:tổng )?(?:số )?kinh phí[^,;:.()]*")
# a list item after a figure: a coordinator, then a short phrase with no verb of its own
# ("…, khuyến công địa phương 3 tỷ đồng"); the phrase must name a programme or activity
LIST_ITEM = re.compile(r"\s*(?:,|và)\s*(?P<phrase>[^\d,;:.()]{1,80}?)\s*(?:là|:)?\s*", re.I)
TOTAL_WORD = re.compile(r"(?<!\w)(?:tổng|cộng)(?!\w)", re.I)  # "tổng kinh phí", "tổng cộng"
# what starts a new list item between two figures
LIST_BREAK = re.compile(r"[,;]|(?<!\w)và(?!\w)", re.I)
COORDINATION = re.compile(r"\s*(?:và|,|hoặc)\s*")  # "KCQG và KCĐP"
# "163 cơ sở … đến từ 25 tỉnh, thành phố": a figure that spans several provinces
PROVINCE_COUNT = re.compile(r"(?<![\w,.])\d+\s+(?:tỉnh|thành phố|địa phương)(?!\w)", re.I)

# --- the level at which a product or facility was recognised (sản phẩm tiêu biểu cấp …)
RECOGNITION_LEVELS = _compile([
    (r"cấp (?:tỉnh|thành phố)", "provincial"),
    (r"cấp (?:khu vực|vùng|miền)", "regional"),
    (r"cấp (?:quốc gia|toàn quốc|Bộ|trung ương)", "national"),
])

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
