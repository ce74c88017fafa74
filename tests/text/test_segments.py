"""Paragraphs, sentences and clauses with offsets into the text."""

from pipelines.text.segments import split_paragraphs, split_sentences


def test_lines_are_paragraphs_of_their_kind() -> None:
    text = ("Kết quả hoạt động khuyến công năm 2023\n\nNăm 2023, tỉnh đã hỗ trợ 14 cơ sở. Kinh phí đạt 3 tỷ đồng.\n"
            "Các đơn vị tiếp tục triển khai nhiệm vụ./.\n694 Go top\n21872197")
    kinds = [(text[p.start:p.end][:12], p.kind) for p in split_paragraphs(text)]
    assert kinds == [("Kết quả hoạt", "heading"), ("Năm 2023, tỉ", "body"), ("Các đơn vị t", "body"),
                     ("694 Go top", "chrome"), ("21872197", "chrome")]


def test_sentences_split_after_end_marks_but_not_abbreviations() -> None:
    text = "Đoàn làm việc tại TP. Hồ Chí Minh và Đồng Nai. Năm 2023 đạt 5 tỷ đồng! “Kết quả” rất tốt."
    sentences = [text[s.start:s.end] for s in split_sentences(text, 0, len(text))]
    assert sentences == ["Đoàn làm việc tại TP. Hồ Chí Minh và Đồng Nai.", "Năm 2023 đạt 5 tỷ đồng!",
                         "“Kết quả” rất tốt."]


def test_clauses_break_at_semicolons_and_before_a_new_counted_item() -> None:
    text = "Có 23 cơ sở đạt cấp tỉnh, 19 cơ sở đạt cấp khu vực; 6 cơ sở đạt cấp quốc gia, trong đó có 2 HTX."
    (sentence,) = split_sentences(text, 0, len(text))
    assert [text[c.start:c.end] for c in sentence.clauses] == [
        "Có 23 cơ sở đạt cấp tỉnh", "19 cơ sở đạt cấp khu vực", " 6 cơ sở đạt cấp quốc gia, trong đó có 2 HTX."]


def test_offsets_are_into_the_whole_text() -> None:
    text = "Tiêu đề ngắn\n   Năm 2024, tỉnh triển khai 10 đề án khuyến công địa phương.  "
    (_, body) = split_paragraphs(text)
    assert text[body.start:body.end] == "Năm 2024, tỉnh triển khai 10 đề án khuyến công địa phương."
    assert text[body.sentences[0].start:body.sentences[0].end] == text[body.start:body.end]


def test_a_run_on_sentence_is_read_in_pieces_cut_at_clause_breaks() -> None:
    from pipelines.text.segments import SENTENCE_MAX_CHARS, split_sentences

    text = "Năm 2023, " + ", ".join(f"đã hỗ trợ {i} cơ sở với kinh phí {i + 100} triệu đồng" for i in range(400)) + "."
    pieces = split_sentences(text, 0, len(text))
    assert len(pieces) > 1 and all(p.end - p.start <= SENTENCE_MAX_CHARS for p in pieces)
    assert all(text[p.end - 1] == "," for p in pieces[:-1]) and pieces[-1].end == len(text)
    assert "".join(text[p.start:p.end] + " " for p in pieces).strip() == text  # nothing lost


def test_an_abbreviation_still_holds_a_sentence_together() -> None:
    from pipelines.text.segments import split_sentences

    text = "Ông A, Giám đốc Sở. TP. Hồ Chí Minh có 5 đề án. ThS. Nguyễn B nói."
    assert [text[s.start:s.end] for s in split_sentences(text, 0, len(text))] == [
        "Ông A, Giám đốc Sở.", "TP. Hồ Chí Minh có 5 đề án.", "ThS. Nguyễn B nói."]
