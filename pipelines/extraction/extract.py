"""Figures from a report's text: every number found, the facts it became, and why not.

The rules read the genre's cues, not any particular report:
- the unit comes from the words right after the number (``tỷ đồng``, ``%``, ``đề án``);
- the measure from the head phrase or verb before it (``kế hoạch kinh phí``,
  ``đã thực hiện``, ``phân bổ``, ``đạt x%``, ``tăng x%``, ``chiếm x%``);
- programme, activity, qualifier, period and place from cue words in the clause,
  then the sentence, then what the paragraph or report has set up;
- "X, trong đó A … B …" makes X a total and A, B its parts, which inherit what
  they do not state themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipelines.text import cues
from pipelines.text.gazetteer import Gazetteer, Place
from pipelines.text.periods import Period, PeriodMention, find_periods
from pipelines.text.scan import NumberMention, scan_numbers
from pipelines.text.segments import Paragraph, Sentence, Span, split_paragraphs

FRAMING_MAX_WORDS = 12
QUOTE_MAX_CHARS = 400
_CONNECTOR = re.compile(r"^\W*(?:theo đó|trong đó|cụ thể|qua đó|từ đó|bên cạnh đó|ngoài ra)\b", re.I)
_COMPARISON = re.compile(r"so với(?: [^\d,;()]{0,25})?\s*$", re.I)
_GROUP_OPENER = re.compile(r"trong đó|bao gồm", re.I)
_PLACE_AFTER = re.compile(r"\s*(?:tại|ở|của)\s*(?:tỉnh|thành phố|TP\.?)?\s*$", re.I)
_EXECUTION_WORDS = re.compile(r"thực hiện|giải ngân|thanh toán|được triển khai", re.I)
_NEGATED = re.compile(r"(?<!\w)(?:chưa|không|chẳng|ngừng|dừng|huỷ bỏ|hủy bỏ) (?:được )?\w+(?: \w+)?\s*$", re.I)
_NOT_PROGRAMME_GROWTH = re.compile(r"doanh thu|tài sản|lợi nhuận|thu nhập|năng suất|sản lượng|giá trị sản xuất", re.I)
_PHRASE_END = re.compile(r"trong đó|[:;.(]")
_OWN_REGION = re.compile(r"(?<!\w)(?:toàn )?(?:khu vực|vùng)(?!\w)(?!\s+(?:miền|phía|MT|Đông|Tây|đồng bằng|trung du|duyên hải))", re.I)
_PURPOSE = re.compile(r"\s*(?:để|nhằm) (?:thực hiện|triển khai)", re.I)
_APPROVED_AFTER = re.compile(
    r"[^,;.]{0,30}?được (?:\w+ ){0,4}?(?:phê duyệt|duyệt|giao|đưa vào kế hoạch)(?!\w)", re.I)
_PER_UNIT = re.compile(r"(?<!\w)(?:mỗi(?! năm)|tối thiểu|tối đa)(?!\w)", re.I)  # "mỗi năm" is an average
_BUDGET_NOUN = re.compile(r"(?<!\w)(?:kinh phí|nguồn vốn|ngân sách)(?!\w)", re.I)
_PROGRAMME_SUBJECT = re.compile(r"kinh phí|ngân sách|vốn|đề án|kế hoạch|dự toán|khuyến công|IIP|chỉ số", re.I)
_REJECTED_QUANTITIES = ("products_entered", "not_supported")
_TO_DATE = re.compile(r"(?:đến|tới) nay|hiện nay|đến thời điểm này", re.I)
_PLANNED = {"budget_spent": "budget_plan", "projects_implemented": "projects_planned"}
_SHARE_OF_TOTAL = re.compile(r"^\s*(?:tổng|kinh phí|ngân sách|vốn|số)", re.I)


@dataclass
class State:
    """What a sentence hands on: its period, programme and qualifier."""

    period: Optional[Period] = None
    program: str = ""
    qualifier: str = ""
    plan: bool = False  # the sentence announces a plan ("phê duyệt …", "kế hoạch … năm 2023")

    def continued(self) -> "State":
        """What a connector sentence ("Theo đó", "Cụ thể") takes on: all but "hơn N",
        which belongs to its own number."""
        return State(self.period, self.program, "" if self.qualifier == "at_least" else self.qualifier, self.plan)


@dataclass
class Figure:
    mention: NumberMention
    measure: str = ""
    value: float = 0.0
    period: Optional[Period] = None
    program: str = "all"
    activity: str = "all"
    qualifier: str = ""
    region_id: str = ""
    quote_span: tuple[int, int] = (0, 0)
    sentence: Optional[Sentence] = None
    group_id: str = ""
    role: str = ""
    reason: str = ""
    plan: bool = False  # stated as part of a plan (see _plan_frame)
    compared: bool = False  # the figure compared with ("so với năm 2017 (44 tỷ)")


@dataclass
class Extraction:
    facts: list[dict]
    mentions: list[dict]


class DocumentExtractor:
    def __init__(self, doc_id: str, text: str, report_region: str, gazetteer: Gazetteer,
                 default_year: Optional[int], published: str = "") -> None:
        self.doc_id = doc_id
        self.published = published  # YYYY-MM-DD or ""
        self.text = text
        self.report_region = report_region
        self.gazetteer = gazetteer
        self.default_period = Period.year(default_year) if default_year else None
        self.periods = find_periods(text)
        self.numbers = scan_numbers(text, self.periods)
        self.places = sorted(gazetteer.find(text) + self._own_region_mentions(), key=lambda p: p.start)
        self.paragraphs = split_paragraphs(text)
        self._groups = 0
        self._totals: dict[str, Figure] = {}
        self._sentence_quantities: list[Figure] = []  # the sentence being read (see _counted_item)

    def _own_region_mentions(self) -> list[Place]:
        """In a regional conference report, "khu vực" or "toàn vùng" on its own is that region."""
        region = self.gazetteer.regions.get(self.report_region)
        if region is None or region.level != "macro_region":
            return []
        return [Place(m.start(), m.end(), self.report_region, region.level)
                for m in _OWN_REGION.finditer(self.text)]

    # ------------------------------------------------------------------ driver
    def run(self) -> Extraction:
        figures: list[Figure] = []
        carried: Optional[Period] = None  # set by framing periods ("Năm 2024, …")
        running = State()  # what the previous sentence handed on
        for para in self.paragraphs:
            if para.kind != "body":
                continue
            para_state: Optional[State] = None  # set when the paragraph continues ("Theo đó, …")
            for index, sentence in enumerate(para.sentences):
                if _CONNECTOR.match(self.text[sentence.start:sentence.end]) and (index == 0 or para_state is None):
                    para_state = running.continued()
                    para_state.period = para_state.period or carried or self.default_period
                base = para_state or State(carried or self.default_period, running.program if index else "", "",
                                           running.plan if index else False)
                framing = self._framing_period(sentence, base.period)
                if framing is not None:
                    carried = framing
                    if para_state is None:
                        base = State(framing, base.program, base.qualifier)
                sentence_figures = self._sentence(sentence, base, figures)
                figures += sentence_figures
                running = self._handed_on(sentence, sentence_figures, base, running, framing, index == 0)
                if para_state is not None and running.program:
                    para_state.program = running.program
        return self._tables(figures)

    def _handed_on(self, sentence: Sentence, figures: list[Figure], base: State, running: State,
                   framing: Optional[Period], opens_paragraph: bool) -> State:
        """The state a sentence hands to the next: that of its last figure, or what it named."""
        kept = [f for f in figures if not f.reason and f.mention.fraction != "denominator" and not f.compared]
        if kept:
            last = kept[-1]
            # a breakdown's last part ("đối ứng … 1,6 tỷ") does not set the programme that follows
            heads = [f for f in kept if f.role != "part"]
            program = heads[-1].program if heads else running.program
            return State(last.period, program if program != "all" else running.program, last.qualifier, last.plan)
        named = {c.label for c in cues.find_cues(self.text[sentence.start:sentence.end], cues.PROGRAMS)}
        program = named.pop() if len(named) == 1 else base.program
        plan = self._sentence_plan(sentence, base)
        if opens_paragraph and framing is None:
            return State(base.period, program, "", plan)
        # "Cụ thể, giai đoạn 2016 – 2020, …" with no figure still sets the period
        return State(framing or running.period, program or running.program, running.qualifier, plan)

    # ------------------------------------------------------------------ sentences
    def _framing_period(self, sentence: Sentence, context: Optional[Period]) -> Optional[Period]:
        """A period that opens a sentence ("Năm 2024, …"), or heads a list it introduces
        ("kết quả năm 2018 và 7 tháng đầu năm 2019 như sau: …"), frames what follows."""
        colon = self.text.find(":", sentence.start, sentence.end)
        if colon >= 0 and not any(sentence.start <= n.start < colon and not n.reason for n in self.numbers):
            head = self._periods_in(sentence.start, colon)
            if head:
                return head[0].resolve(context)
        for p in self._periods_in(sentence.start, sentence.end):
            head = self.text[sentence.start:p.start]
            if len(head.split()) > FRAMING_MAX_WORDS or ";" in head:
                return None
            if re.match(r"\s*,", self.text[p.end:p.end + 2]):
                return p.resolve(context)
        return None

    def _sentence(self, sentence: Sentence, base: State, earlier: list[Figure]) -> list[Figure]:
        mentions = [m for m in self.numbers if sentence.start <= m.start < sentence.end]
        figures = [Figure(m, sentence=sentence) for m in mentions]
        self._sentence_quantities = figures
        quantities = [f for f in figures if not f.mention.reason]
        self._group(sentence, quantities, earlier)
        for f in figures:
            if f.mention.reason:
                f.reason = f.mention.reason
                continue
            self._attributes(f, sentence, base, quantities)
        return figures

    def _group(self, sentence: Sentence, quantities: list[Figure], earlier: list[Figure]) -> None:
        """'X, trong đó A, B' -> X total, A and B parts; a following sentence that opens
        with a programme ("Kinh phí khuyến công địa phương …") continues the list."""
        for opener in _GROUP_OPENER.finditer(self.text, sentence.start, sentence.end):
            before = [f for f in quantities if f.mention.start < opener.start()]
            if not before:
                # "… 4,7 tỷ đồng. Trong đó, …": the total closes the previous sentence
                before = [f for f in self._previous_in_paragraph(sentence, earlier, rejected=True)
                          if not f.compared]
                if not before or self.text[sentence.start:opener.start()].strip(' "“('):
                    continue
                if quantities:  # the total is of the kind its parts are
                    before = [f for f in before if f.mention.unit == quantities[0].mention.unit] or before
            total = before[-1]
            if not total.group_id:
                self._groups += 1
                total.group_id, total.role = f"{self.doc_id}:g{self._groups}", "total"
                self._totals[total.group_id] = total
            for f in quantities:
                if f.mention.start > opener.start() and not f.group_id:
                    f.group_id, f.role = total.group_id, "part"
        first_number = min([f.mention.start for f in quantities] + [sentence.end])
        opening = self.text[sentence.start:min(first_number, sentence.start + 60)]  # the subject
        previous = [f for f in earlier if f.group_id and not f.reason and f.sentence is not None]
        if previous and cues.find_cues(opening, cues.PROGRAMS) and not any(f.group_id for f in quantities):
            last = previous[-1]
            same_paragraph = self._paragraph_of(last.sentence.start) is self._paragraph_of(sentence.start)
            if same_paragraph and last.sentence.end <= sentence.start:
                for f in quantities:
                    f.group_id, f.role = last.group_id, "part"

    def _previous_in_paragraph(self, sentence: Sentence, earlier: list[Figure], rejected: bool = False
                               ) -> list[Figure]:
        para = self._paragraph_of(sentence.start)
        return [f for f in earlier if (rejected and f.reason in _REJECTED_QUANTITIES or not f.reason)
                and f.sentence is not None
                and self._paragraph_of(f.sentence.start) is para and f.mention.start < sentence.start]

    def _paragraph_of(self, offset: int) -> Optional[Paragraph]:
        return next((p for p in self.paragraphs if p.start <= offset <= p.end), None)

    # ------------------------------------------------------------------ attributes
    def _attributes(self, f: Figure, sentence: Sentence, base: State, quantities: list[Figure]) -> None:
        m = f.mention
        clause = next(c for c in sentence.clauses if c.start <= m.start <= c.end)
        previous = [q for q in quantities if q.mention.start < m.start]
        prev_end = max([q.mention.unit_end for q in previous if q.mention.unit_end <= m.start] + [clause.start])
        window = (max(prev_end, clause.start), m.start)
        following = [q for q in quantities if q.mention.start > m.unit_end]
        right_end = min([q.mention.start for q in following] + [clause.end, m.unit_end + 120])
        stop = _PHRASE_END.search(self.text, m.unit_end, right_end)
        right = (m.unit_end, stop.start() if stop else max(right_end, m.unit_end))
        total = self._group_total(f)

        if previous and re.fullmatch(r"\s*[-–]\s*", self.text[previous[-1].mention.end:m.start]):
            self._range_end(f, previous[-1], clause)  # "10 - 15 đề án", "1,12 - 1,36%"
            return
        f.plan = self._plan_frame(f, window, sentence, base, previous, total)
        f.measure, f.value = self._measure(f, window, clause, sentence, previous, total)
        if not f.measure and f.plan and m.unit == "VND":
            f.measure = "budget_plan"  # "kinh phí khuyến công địa phương: 8,85 tỷ" in a plan
        if not f.measure:
            f.reason = f.reason or "no_measure_cue"
            return
        f.program = self._program(f, right, sentence, base, total)
        f.activity = self._activity(f, window, right, clause, total, previous)
        f.qualifier = self._qualifier(f, clause, base)
        if f.plan:
            self._as_plan(f)
        f.period = self._period(f, clause, sentence, base, total)
        if self._still_running(f, clause):
            self._as_plan(f)
            f.plan = True
        f.region_id = self._region(f, clause, sentence, total)
        f.quote_span = self._quote(clause, m)

    @staticmethod
    def _range_end(f: Figure, partner: Figure, clause: Span) -> None:
        """The second number of a range takes everything but its value from the first."""
        if partner.reason:
            f.reason = partner.reason
            return
        for name in ("plan", "measure", "program", "activity", "qualifier", "period", "region_id", "group_id", "role"):
            setattr(f, name, getattr(partner, name))
        value = f.mention.value or 0.0
        f.value = -value if partner.value < 0 else value
        f.quote_span = partner.quote_span[0], max(partner.quote_span[1], f.mention.unit_end)

    def _still_running(self, f: Figure, clause: Span) -> bool:
        """A result stated for a period that had not ended when the report appeared is a
        plan ("16 đề án được thực hiện trong năm 2020", published in March 2020), unless
        the words say it is done or under way ("đã thực hiện", "đang triển khai", "đạt")."""
        if not self.published or f.period is None or f.period.end <= self.published[:7]:
            return False
        if f.qualifier not in ("", "at_least") or f.measure not in _PLANNED:
            return False
        if cues.ACTUAL_FRAME.search(self.text[clause.start:f.mention.start]):
            return False  # "toàn tỉnh đang triển khai 13 đề án": under way, not planned
        return f.period.start_year == f.period.end_year or f.role != "part"

    def _plan_frame(self, f: Figure, window: tuple[int, int], sentence: Sentence, base: State,
                    previous: list[Figure], total: Optional[Figure]) -> bool:
        """Is the figure part of an announced plan ("phê duyệt … 65 đề án, với tổng kinh phí …")
        rather than a result? The nearer of a plan cue and a result cue decides; with
        neither, a figure follows the one before it, and the first one its sentence's frame."""
        if _PURPOSE.match(self.text, f.mention.unit_end):
            return True  # "hơn 3,8 tỷ đồng để thực hiện 5 đề án": money granted for what is to be done
        if f.mention.fraction != "numerator" and _APPROVED_AFTER.match(self.text, f.mention.unit_end):
            return True  # "16 đề án khuyến công được đưa vào kế hoạch": what was approved
        words = self.text[window[0]:window[1]]
        verdict = self._nearer_frame(words)
        if verdict is not None:
            return verdict
        if total is not None:
            return total.plan  # the parts of a planned total are planned
        if previous:
            if cues.WEAK_VERBS.search(words) and previous[-1].mention.unit == f.mention.unit:
                return False  # "được phê duyệt là 120 tỷ, thực hiện 118 tỷ": the second is the result
            return previous[-1].plan
        verdict = self._nearer_frame(self.text[sentence.start:f.mention.start])
        return base.plan if verdict is None else verdict

    @staticmethod
    def _nearer_frame(words: str) -> Optional[bool]:
        actuals = [m.end() for m in cues.ACTUAL_FRAME.finditer(words)]
        words = cues.ACTUAL_FRAME.sub(lambda m: " " * len(m.group(0)), words)  # what they cover is theirs
        plans = [m.end() for m in cues.PLAN_FRAME.finditer(words)]
        if not plans and not actuals:
            return None
        return max(plans, default=-1) > max(actuals, default=-1)

    def _sentence_plan(self, sentence: Sentence, base: State) -> bool:
        verdict = self._nearer_frame(self.text[sentence.start:sentence.end])
        return base.plan if verdict is None else verdict

    @staticmethod
    def _as_plan(f: Figure) -> None:
        if f.measure in _PLANNED:
            f.measure = _PLANNED[f.measure]
        elif f.measure in ("beneficiaries", "models", "products", "projects_completed") and not f.qualifier:
            f.qualifier = "target"

    def _group_total(self, f: Figure) -> Optional[Figure]:
        return self._totals.get(f.group_id) if f.role == "part" else None

    def _measure(self, f: Figure, window: tuple[int, int], clause: Span, sentence: Sentence,
                 previous: list[Figure], total: Optional[Figure]) -> tuple[str, float]:
        m = f.mention
        if m.unit == "VND":
            return self._money_measure(f, window, clause, total), m.value or 0.0
        if m.unit == "percent":
            return self._percent_measure(f, window, clause, sentence, previous)
        if m.count_noun == "projects":
            if _NEGATED.search(self.text[window[0]:window[1]]):
                return "", m.value or 0.0  # "cho ngừng thực hiện 02 đề án"
            if m.fraction == "denominator":
                return "projects_planned", m.value or 0.0
            label = (self._nearest(window, cues.PROJECT_VERBS)
                     or (total.measure if total and total.mention.unit == m.unit else "")
                     or self._nearest((clause.start, m.start), cues.PROJECT_VERBS)
                     or self._nearest((sentence.start, m.start), cues.PROJECT_VERBS))
            return label or "projects_implemented", m.value or 0.0
        if m.count_noun == "products" and self._entered(f, clause, total):
            f.reason = "products_entered"  # "382 sản phẩm tham gia bình chọn": entered, not recognised
            return "", m.value or 0.0
        after = self.text[m.unit_end:clause.end]
        if m.count_noun == "beneficiaries" and not (cues.SUPPORTED_BEFORE.search(self.text[clause.start:m.start])
                                                     or cues.SUPPORTED_AFTER.search(after)):
            f.reason = "not_supported"  # "toàn tỉnh có 2.605 cơ sở": counted, not supported
            return "", m.value or 0.0
        return m.count_noun, m.value or 0.0  # beneficiaries, models, products

    def _entered(self, f: Figure, clause: Span, total: Optional[Figure]) -> bool:
        """Products entered for a vote, as opposed to recognised. The words right after the
        count decide ("382 sản phẩm tham gia bình chọn"), else the nearer cue before it; the
        parts of an entered total ("Trong đó, nhóm … có 66 sản phẩm") are entered too."""
        m = f.mention
        after = self.text[m.unit_end:clause.end][:60]
        verdict = _first_cue(after, cues.PRODUCTS_ENTERED, cues.PRODUCTS_RECOGNISED, first=True)
        if verdict is None:
            verdict = _first_cue(self.text[clause.start:m.start], cues.PRODUCTS_ENTERED, cues.PRODUCTS_RECOGNISED,
                                 first=False)
        if verdict is None:
            return total is not None and total.reason == "products_entered"
        return verdict

    def _money_measure(self, f: Figure, window: tuple[int, int], clause: Span, total: Optional[Figure]) -> str:
        if _NEGATED.search(self.text[window[0]:window[1]]):
            return ""  # "kinh phí chưa phân bổ 340 triệu": what did not happen is no figure
        if _NOT_PROGRAMME_GROWTH.search(self.text[window[0]:window[1]]):
            return ""  # "giá trị sản xuất … 66 ngàn tỷ đồng": the economy's figures, not the programme's
        if _PER_UNIT.search(self.text[window[0]:window[1]]):
            return ""  # "mỗi cơ sở được hỗ trợ tối đa 35 triệu đồng": a rate, not an amount
        if f.mention.fraction == "denominator":
            return "budget_plan"  # "600/1.200 triệu đồng": granted of requested
        for span in (window, (clause.start, window[1])):
            head = self._nearest(span, cues.MONEY_HEADS)
            if head == "support":
                words = self.text[clause.start:window[1]]
                done = _EXECUTION_WORDS.search(words) or cues.ACTUAL_FRAME.search(words)
                return "budget_spent" if done else "budget_plan"
            label = head or self._nearest(span, cues.MONEY_VERBS)
            if label:
                return label
            if total is not None and total.mention.unit == "VND" and total.measure:
                return total.measure
            if re.match(r"\s*(?:được )?hỗ trợ", self.text[f.mention.unit_end:f.mention.unit_end + 20], re.I):
                return "budget_spent"  # "với 300 triệu đồng hỗ trợ từ nguồn …"
            if f.plan:
                return "budget_plan"
            item = self._counted_item(f, window)
            if item is not None:
                return "budget_plan" if item.measure == "projects_planned" else "budget_spent"
        if _BUDGET_NOUN.search(self.text[window[0]:window[1]]):
            # "kinh phí … của tỉnh là 3,3 tỷ": the budget, unless the clause reports what it did
            # ("với tổng kinh phí 11,977 tỷ đồng, Hà Nam đã thực hiện …")
            done = cues.ACTUAL_FRAME.search(self.text[clause.start:clause.end])
            return "budget_spent" if done else "budget_plan"
        return ""

    def _counted_item(self, f: Figure, window: tuple[int, int]) -> Optional[Figure]:
        """The project count a money figure belongs to: "4 đề án tập huấn (380 triệu đồng)"."""
        if not re.fullmatch(r"[^,;:.()]*\(\s*|[^,;:.()]*với (?:tổng )?(?:số )?kinh phí[^,;:.()]*",
                            self.text[window[0]:window[1]]):
            return None
        before = [q for q in self._sentence_quantities if q.mention.end <= window[0] and not q.reason]
        if before and before[-1].mention.count_noun == "projects" and before[-1].mention.unit_end <= window[0]:
            return before[-1]
        return None

    def _percent_measure(self, f: Figure, window: tuple[int, int], clause: Span, sentence: Sentence,
                         previous: list[Figure]) -> tuple[str, float]:
        m = f.mention
        value = m.value or 0.0
        near = (max(window[0], m.start - 40), m.start)
        label = self._nearest(near, cues.PERCENT_VERBS)
        after = self.text[m.unit_end:m.unit_end + 30]
        if label in ("increase", "decrease"):
            subject = self.text[sentence.start:m.start]
            if _NOT_PROGRAMME_GROWTH.search(subject) or not _PROGRAMME_SUBJECT.search(subject):
                return "", value  # "giảm 40% số công nhân", the firms' revenue: not the programme's figures
            signed = -value if label == "decrease" else value
            iip = cues.find_cues(self.text[sentence.start:m.start], cues.IIP_CUES)
            return ("iip_growth_pct" if iip else "growth_pct"), signed
        around = self.text[sentence.start:m.start] + self.text[m.unit_end:m.unit_end + 40]
        if label and not (_PROGRAMME_SUBJECT.search(around) or re.search(r"sản phẩm", around, re.I)):
            return "", value  # "tỷ trọng công nghiệp chiếm 29,5%", "lao động có việc làm đạt 70%"
        if label == "share_pct":
            money = [q for q in previous if q.mention.unit == "VND" and q.sentence is f.sentence]
            if not _SHARE_OF_TOTAL.match(after) and money and money[-1].measure in (
                    "budget_spent", "budget_allocated"):
                return "execution_pct", value  # "phân bổ 13 tỷ (chiếm 40%)": progress on the plan
            return "share_pct", value
        counted = [q for q in previous if q.sentence is f.sentence and q.mention.unit == "count"]
        if label == "execution_pct" and (_SHARE_OF_TOTAL.match(after) or re.search(r"tỷ lệ\s*$", self.text[near[0]:near[1]])
                                          or (counted and counted[-1] is (previous[-1] if previous else None))):
            return "share_pct", value  # "439 sản phẩm được công nhận (đạt tỷ lệ 49%)": part of a count
        if label == "execution_pct" or re.match(r"\s*(?:so với )?kế hoạch", after, re.I):
            return "execution_pct", value
        return "", value

    def _program(self, f: Figure, right: tuple[int, int], sentence: Sentence, base: State,
                 total: Optional[Figure]) -> str:
        # the number's own phrase first ("23 đề án khuyến công tỉnh"), then the words
        # before it, then the rest of its phrase ("100% kế hoạch KCQG, kế hoạch … tỉnh")
        own_end = self._coordinated_phrase_end(*right)
        own = self._programs_in(right[0], own_end)
        if own:
            return own
        found = cues.find_cues(self.text[sentence.start:f.mention.start], cues.PROGRAMS)
        if found:
            last = found[-1]
            if len(found) > 1 and found[-2].label != last.label:
                between = self.text[sentence.start + found[-2].end:sentence.start + last.start]
                if re.fullmatch(r"\s*(?:và|,|hoặc)\s*", between):
                    return "all"  # "KCQG và KCĐP"
            return last.label
        extended = self._programs_in(*right)
        if extended:
            return extended
        if total is not None:
            return total.program
        approvers = {c.label for c in cues.find_cues(self.text[sentence.start:f.mention.start], cues.APPROVERS)}
        if approvers:
            return approvers.pop() if len(approvers) == 1 else "all"
        return base.program or "all"

    def _coordinated_phrase_end(self, start: int, end: int) -> int:
        """End of the phrase after a number, up to a comma, unless what follows the comma
        repeats the phrase's head ("kế hoạch KCQG, kế hoạch … tỉnh"): then both."""
        words = self.text[start:end].split()
        head = " ".join(words[:2]) if len(words) >= 2 else ""
        comma = self.text.find(",", start, end)
        while comma >= 0 and head and self.text[comma + 1:end].lstrip().startswith(head):
            comma = self.text.find(",", comma + 1, end)
        return comma if comma >= 0 else end

    def _programs_in(self, start: int, end: int) -> str:
        labels = {c.label for c in cues.find_cues(self.text[start:end], cues.PROGRAMS)}
        if len(labels) > 1:
            return "all"
        return labels.pop() if labels else ""

    def _activity(self, f: Figure, window: tuple[int, int], right: tuple[int, int], clause: Span,
                  total: Optional[Figure], previous: list[Figure]) -> str:
        if f.mention.unit == "count":
            after = cues.find_cues(self.text[f.mention.end:clause.end][:150], cues.ACTIVITIES)
            if after:
                return after[0].label
        if f.mention.unit == "VND":
            # "7 đề án hỗ trợ máy móc … (2,7 tỷ đồng)": the money of the item just counted
            label = self._nearest(window, cues.ACTIVITIES)
            counted = [q for q in previous if q.mention.unit == "count" and q.mention.start >= clause.start]
            if not label and counted and window[0] == counted[-1].mention.unit_end:
                label = counted[-1].activity
            if not label:
                after = cues.find_cues(self.text[f.mention.unit_end:clause.end][:150], cues.ACTIVITIES)
                label = after[0].label if after else ""
            if label:
                return label
        label = self._nearest((clause.start, f.mention.start), cues.ACTIVITIES)
        if label:
            return label
        return total.activity if total is not None else "all"

    def _qualifier(self, f: Figure, clause: Span, base: State) -> str:
        m = f.mention
        if m.fraction == "denominator":
            return ""
        label = self._nearest((clause.start, m.start), cues.QUALIFIERS)
        if label:
            return label
        if cues.AT_LEAST_RE.search(self.text[max(clause.start, m.start - 12):m.start]):
            return "at_least"
        return base.qualifier

    def _period(self, f: Figure, clause: Span, sentence: Sentence, base: State,
                total: Optional[Figure]) -> Optional[Period]:
        m = f.mention
        context = self._context_period(sentence, m.start, base)
        chosen: Optional[Period] = None
        if f.qualifier == "target":
            deadline = [p for p in self._periods_in(m.unit_end, clause.end) if p.kind == "to_month"]
            if deadline:
                chosen = deadline[0].resolve(context)
        if chosen is None:
            before = [p for p in self._periods_in(clause.start, m.start) if self._applies_before(p, m)]
            if before:
                chosen = before[-1].resolve(self._context_period(sentence, before[-1].start, base))
                f.compared = bool(_COMPARISON.search(self.text[max(0, before[-1].start - 40):before[-1].start]))
        if chosen is None:
            comma = self.text.find(",", m.unit_end, clause.end)
            phrase_end = comma if comma >= 0 else clause.end
            after = [p for p in self._periods_in(m.unit_end, phrase_end)
                     if not _COMPARISON.search(self.text[max(clause.start, p.start - 40):p.start])]
            if after:
                chosen = after[0].resolve(context)
        if chosen is None and total is not None:
            chosen = total.period
        if chosen is None:
            framing = self._framing_period(sentence, base.period)
            chosen = framing or base.period
        # "đến nay" runs to the report's month, unless the sentence already names the
        # month it counts to ("tính đến tháng 9 năm 2024 …; đến nay …")
        if (chosen is not None and self.published and _TO_DATE.search(self.text[clause.start:m.start])
                and chosen.end_year == int(self.published[:4]) and chosen.end_month == 12):
            chosen = Period(chosen.start_year, chosen.start_month, chosen.end_year, int(self.published[5:7]))
        if chosen is not None and f.measure == "projects_planned" and m.fraction == "denominator":
            chosen = Period.year(chosen.end_year)  # what was approved is the year's plan
        return chosen

    def _applies_before(self, p: PeriodMention, m: NumberMention) -> bool:
        """A compared-with period ("so với năm 2021") only dates a figure right after it."""
        if not _COMPARISON.search(self.text[max(0, p.start - 40):p.start]):
            return True
        return bool(re.fullmatch(r"\s*\(?\s*", self.text[p.end:m.start]))

    def _context_period(self, sentence: Sentence, offset: int, base: State) -> Optional[Period]:
        """The period a yearless expression ("tháng 3", "cùng kỳ") is read against."""
        for p in reversed(self._periods_in(sentence.start, offset)):
            if _COMPARISON.search(self.text[max(0, p.start - 40):p.start]):
                continue  # "so với tháng 3.2023" is a baseline, not the frame
            if p.period is not None:
                return p.period
            if p.kind != "same_period_last_year" and base.period is not None:
                return p.resolve(base.period)
        return base.period

    def _region(self, f: Figure, clause: Span, sentence: Sentence, total: Optional[Figure]) -> str:
        m = f.mention
        before = [p for p in self.places if clause.start <= p.start and p.end <= m.start]
        if before:
            return before[-1].region_id
        for p in self.places:
            if m.unit_end <= p.start < clause.end and _PLACE_AFTER.search(self.text[m.unit_end:p.start][-30:]):
                return p.region_id
        if total is not None and total.region_id:
            return total.region_id
        in_sentence = [p for p in self.places if sentence.start <= p.start and p.end <= m.start]
        if in_sentence:
            return in_sentence[-1].region_id
        return self.report_region

    # ------------------------------------------------------------------ helpers
    def _periods_in(self, start: int, end: int) -> list[PeriodMention]:
        return [p for p in self.periods if start <= p.start and p.end <= end]

    def _nearest(self, span: tuple[int, int], vocabulary: list) -> str:
        found = cues.find_cues(self.text[span[0]:span[1]], vocabulary)
        return found[-1].label if found else ""

    def _quote(self, clause: Span, m: NumberMention) -> tuple[int, int]:
        start, end = clause.start, clause.end
        if end - start > QUOTE_MAX_CHARS:
            start = max(start, m.start - QUOTE_MAX_CHARS // 2)
            end = min(end, m.unit_end + QUOTE_MAX_CHARS // 2)
            while start > clause.start and not self.text[start - 1].isspace():
                start -= 1
            while end < clause.end and not self.text[end].isspace():
                end += 1
        raw = self.text[start:end]
        lead = len(raw) - len(raw.lstrip(" \t,.:;-–\u00a0"))
        trail = len(raw) - len(raw.rstrip(" \t,.:;\u00a0"))
        return start + lead, end - trail

    # ------------------------------------------------------------------ output
    def _tables(self, figures: list[Figure]) -> Extraction:
        facts: list[dict] = []
        mentions: list[dict] = []
        seen: dict[tuple, str] = {}
        seen_in: dict[tuple, int] = {}

        def sentence_of(f: Figure) -> int:
            return f.sentence.start if f.sentence else -1

        heading_reasons = {"heading": "headline", "chrome": "page_chrome"}
        in_body = {id(f.mention) for f in figures}
        for m in self.numbers:
            if id(m) in in_body:
                continue
            para = self._paragraph_of(m.start)
            reason = heading_reasons.get(para.kind, "outside_sentence") if para else "outside_sentence"
            if m.reason:
                reason = m.reason if m.reason not in ("no_unit", "not_a_measure") else reason
            mentions.append(self._mention(m, "rejected", reason, ""))
        for f in figures:
            m = f.mention
            if f.reason:
                mentions.append(self._mention(m, "rejected", f.reason, ""))
                continue
            fact_id = f"{self.doc_id}:{m.start}"
            period = f.period
            key = (f.measure, round(f.value, 6), period, f.program, f.activity, f.region_id, f.qualifier)
            # the same figure again in another sentence is a repeated statement; twice in one
            # sentence ("giữa 50-60 cơ sở … với 50-60 cơ sở") it is two figures
            if key in seen and seen_in[key] != sentence_of(f):
                mentions.append(self._mention(m, "duplicate", "repeated_statement", seen[key]))
                continue
            if period is None:
                mentions.append(self._mention(m, "rejected", "no_period", ""))
                continue
            seen[key], seen_in[key] = fact_id, sentence_of(f)
            qs, qe = f.quote_span
            sentence = f.sentence
            facts.append({
                "fact_id": fact_id,
                "doc_id": self.doc_id,
                "region_id": f.region_id,
                "period_start": period.start,
                "period_end": period.end,
                "program": f.program,
                "activity": f.activity,
                "measure": f.measure,
                "value": float(f.value),
                "unit": "count" if m.unit == "count" else m.unit,
                "qualifier": f.qualifier,
                "quote": self.text[qs:qe],
                "char_start": qs,
                "char_end": qe,
                "method": "rule",
                "number_text": m.text,
                "number_start": m.start,
                "number_end": m.end,
                "sentence": self.text[sentence.start:sentence.end] if sentence else "",
                "sentence_start": sentence.start if sentence else qs,
                "group_id": f.group_id,
                "role": f.role,
                "decimals": m.decimals,
            })
            mentions.append(self._mention(m, "fact", "", fact_id))
        mentions.sort(key=lambda row: row["char_start"])
        return Extraction(facts, mentions)

    def _mention(self, m: NumberMention, status: str, reason: str, fact_id: str) -> dict:
        lo, hi = max(0, m.start - 60), min(len(self.text), m.unit_end + 60)
        return {
            "mention_id": f"{self.doc_id}:m{m.start}",
            "doc_id": self.doc_id,
            "text": m.text,
            "char_start": m.start,
            "char_end": m.end,
            "context": self.text[lo:hi].replace("\n", " "),
            "status": status,
            "reason": reason,
            "fact_id": fact_id,
        }


def _first_cue(words: str, yes: re.Pattern[str], no: re.Pattern[str], first: bool) -> Optional[bool]:
    """Whether ``yes`` rather than ``no`` matches first (or, with ``first=False``, last) in
    ``words``; None when neither does."""
    hits = sorted([(m.start(), True) for m in yes.finditer(words)] + [(m.start(), False) for m in no.finditer(words)])
    if not hits:
        return None
    return hits[0][1] if first else hits[-1][1]


def extract_document(doc_id: str, text: str, report_region: str, gazetteer: Gazetteer,
                     default_year: Optional[int] = None, published: str = "") -> Extraction:
    """All facts and number mentions of one decoded report."""
    extractor = DocumentExtractor(doc_id, text, report_region, gazetteer, default_year, published)
    return extractor.run()
