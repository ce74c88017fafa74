"""Reading awkward and bad input: each fixture in tests/fixtures/bad/ is read or refused."""

from __future__ import annotations

import importlib.util
import os
import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.text import charsets, reading
from pipelines.text.reading import BadInputError, decode_report, normalise_text, read_report

FIXTURES = Path(__file__).parent.parent / "fixtures"
BAD = FIXTURES / "bad"

_spec = importlib.util.spec_from_file_location(
    "make_bad_fixtures", FIXTURES / "make_bad_fixtures.py"
)
make_bad_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad_fixtures)

REPORT_TEXT = normalise_text(make_bad_fixtures.REPORT)

# file -> (encoding recorded, warnings)
READABLE = {
    "utf8_bom.txt": ("utf-8-sig", []),
    "crlf.txt": ("utf-8", ["line endings folded to LF"]),
    "nfd.txt": ("utf-8", ["text was not NFC; composed to NFC"]),
    "cp1258.txt": ("windows-1258", ["decoded as windows-1258"]),
    "utf16le_bom.txt": ("utf-16-le", []),
    "utf16be_bom.txt": ("utf-16-be", []),
    "báo cáo khuyến công 2022.txt": ("utf-8", []),
}
# file -> words the message must contain to name the cause
REJECTED = {
    "empty.txt": "empty file",
    "whitespace_only.txt": "whitespace-only",
    "binary_nul.txt": "binary file (contains NUL bytes)",
    "binary_control.txt": "control characters",
    "html_no_text.txt": "HTML page without text",
    "latin1_not_vietnamese.txt": "unknown text encoding",
    "utf8_broken_byte.txt": "not valid UTF-8 (invalid start byte at byte 40)",
    "directory.txt": "is a directory",
}


def _rejection(path: Path) -> BadInputError:
    with pytest.raises(BadInputError) as info:
        read_report(path)
    return info.value


def test_fixtures_match_their_generator(tmp_path: Path) -> None:
    made = {p.name for p in make_bad_fixtures.make_fixtures(tmp_path)}
    stored = {p.name for p in BAD.iterdir() if p.name != "README.md"}
    assert made == stored
    assert made == set(READABLE) | set(REJECTED) | {"html_page.txt"}
    for name, data in make_bad_fixtures.fixture_bytes().items():
        assert (BAD / name).read_bytes() == data, f"{name} is stale; rerun make_bad_fixtures.py"


def test_readme_lists_every_fixture() -> None:
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    for name in set(READABLE) | set(REJECTED) | {"html_page.txt"}:
        assert f"`{name}`" in readme


@pytest.mark.parametrize("name", sorted(READABLE))
def test_readable_fixture(name: str) -> None:
    encoding, warnings = READABLE[name]
    report = read_report(BAD / name)
    assert report.text == REPORT_TEXT
    assert report.encoding == encoding
    assert report.warnings == warnings


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_rejected_fixture_names_file_and_cause(name: str) -> None:
    error = _rejection(BAD / name)
    assert name in str(error)
    assert REJECTED[name] in str(error)
    assert error.path == str(BAD / name)


def test_html_page_is_read_as_its_text() -> None:
    report = read_report(BAD / "html_page.txt")
    assert report.warnings == ["HTML page; main text extracted"]
    assert report.text.split("\n") == [
        "Kinh phí khuyến công năm 2022 là 72,8 tỷ đồng.",
        "Ước 6 tháng đầu năm 2024, tổ chức triển khai 16/18 đề án "
        "được UBND tỉnh phê duyệt & nghiệm thu.",
        "Hiệu quả rõ ràng.",
    ]
    assert report.page.title == "Khuyến công Bắc Giang: kết quả 6 tháng đầu năm 2024"
    assert report.page.published == ""  # "năm 2024" in the text is not the page's date


def test_text_mentioning_a_tag_is_not_treated_as_html() -> None:
    text = "Báo cáo khuyến công\n\nMẫu <p> và <html> trong văn bản.\n"
    assert decode_report(text.encode("utf-8")).text == text


def test_html_file_holding_a_fragment_is_read_as_text() -> None:
    fragment = "<div><p>Kinh phí khuyến công</p><p>năm 2022 là 72,8&nbsp;tỷ đồng</p></div>"
    report = decode_report(fragment.encode("utf-8"), "bao-cao.htm")
    assert report.text == "Kinh phí khuyến công\nnăm 2022 là 72,8 tỷ đồng"


def test_errors_survive_the_trip_back_from_a_worker_process() -> None:
    error = pickle.loads(pickle.dumps(BadInputError("báo cáo.txt", "empty file (0 bytes)")))
    assert (str(error), error.path, error.reason) == (
        "báo cáo.txt: empty file (0 bytes)", "báo cáo.txt", "empty file (0 bytes)"
    )


def test_cp1258_sentence_round_trips_to_nfc_utf8() -> None:
    sentence = "Kinh phí khuyến công năm 2022 là 72,8 tỷ đồng"
    data = make_bad_fixtures.encode_cp1258(sentence)
    assert b"\xec" in data  # "ế" is written as "ê" plus a combining acute accent
    report = decode_report(data, "cp1258.txt")
    assert report.text == sentence
    assert report.text.encode("utf-8") == unicodedata.normalize("NFC", sentence).encode("utf-8")
    assert report.encoding == "windows-1258"
    assert report.warnings == ["decoded as windows-1258"]


def test_legacy_file_judged_by_its_start_must_decode_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charsets, "LEGACY_SAMPLE_BYTES", 50)
    data = make_bad_fixtures.encode_cp1258(REPORT_TEXT) + b"\x81"  # 0x81 is unassigned in cp1258
    with pytest.raises(BadInputError, match="x.txt: unknown text encoding"):
        decode_report(data, "x.txt")


def test_bad_file_with_spaces_and_diacritics_is_named(tmp_path: Path) -> None:
    path = tmp_path / "báo cáo rỗng.txt"
    path.write_bytes(b"")
    assert "báo cáo rỗng.txt: empty file" in str(_rejection(path))


def test_missing_file(tmp_path: Path) -> None:
    error = _rejection(tmp_path / "không có.txt")
    assert "không có.txt: cannot be read" in str(error)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert "is not a regular file" in str(_rejection(path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Kinh phí khuyến công", encoding="utf-8")
    path.chmod(0)
    try:
        assert "locked.txt: cannot be read (Permission denied)" in str(_rejection(path))
    finally:
        path.chmod(0o600)


def test_permission_denied_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Kinh phí khuyến công", encoding="utf-8")

    def deny(file: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(reading, "open", deny, raising=False)
    assert "locked.txt: cannot be read (Permission denied)" in str(_rejection(path))


def _forbid_open(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(reading, "open", fail, raising=False)


def test_50_mb_file_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge report.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    monkeypatch.delenv(reading.MAX_BYTES_ENV, raising=False)
    _forbid_open(monkeypatch)
    message = str(_rejection(path))
    assert "huge report.txt: file too large: 50.0 MB (52428800 bytes)" in message
    assert "limit 20.0 MB (20971520 bytes" in message
    assert reading.MAX_BYTES_ENV in message


def test_limit_overridable_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(reading.MAX_BYTES_ENV, "100")
    _forbid_open(monkeypatch)
    assert "limit 0.0 MB (100 bytes;" in str(_rejection(BAD / "utf8_bom.txt"))


def test_limit_must_be_a_positive_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(reading.MAX_BYTES_ENV, "20MB")
    with pytest.raises(ValueError, match=reading.MAX_BYTES_ENV):
        read_report(BAD / "utf8_bom.txt")


def test_file_grown_after_stat_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"a" * 500)
    real_stat = os.stat

    def small_stat(target: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(target, *args, **kwargs)
        if Path(target) == path:
            fields = list(result)
            fields[6] = 10  # st_size
            return os.stat_result(fields)
        return result

    monkeypatch.setattr(os, "stat", small_stat)
    monkeypatch.setenv(reading.MAX_BYTES_ENV, "100")
    assert "growing.txt: file too large" in str(_rejection(path))


def test_bom_with_invalid_utf16_body() -> None:
    with pytest.raises(BadInputError, match="utf-16-le byte-order mark but is not valid"):
        decode_report(b"\xff\xfe" + "Kinh phí".encode("utf-16-le") + b"\x00\xd8", "x.txt")


def test_utf32_with_bom() -> None:
    assert decode_report("Đề án khuyến công".encode("utf-32")).text == "Đề án khuyến công"


def test_a_few_control_characters_are_kept_with_a_warning() -> None:
    text = REPORT_TEXT + "\x1a"
    report = decode_report(text.encode("utf-8"))
    assert report.text == text
    assert report.warnings == ["1 control characters kept"]


# --- properties -------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + tone) for v in _VOWELS + _VOWELS.upper()
     for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")} | {"đ", "Đ"}
)
# letters no Western code page has, so a text with one cannot be mistaken for Latin-1
_SPECIFIC = [c for c in _LETTERS if ord(c) > 0xFF]
_ALPHABET = "".join(_LETTERS) + "bcdghklmnpqrstvxBCDGHKLMNPTV0123456789 ,.%:;-/()\n"
vietnamese_text = st.text(alphabet=_ALPHABET, min_size=1, max_size=200)


@given(st.text(max_size=200))
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once


@given(vietnamese_text.map(lambda t: unicodedata.normalize("NFD", t)) | vietnamese_text,
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_vietnamese_text_round_trips(text: str, encoding: str) -> None:
    expected = normalise_text(text)
    if not expected.strip():
        with pytest.raises(BadInputError):
            decode_report(text.encode(encoding))
        return
    assert decode_report(text.encode(encoding)).text == expected


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_text, st.sampled_from(_SPECIFIC))
def test_vietnamese_text_round_trips_through_cp1258(text: str, letter: str) -> None:
    text = letter + text
    report = decode_report(make_bad_fixtures.encode_cp1258(text))
    assert report.text == normalise_text(text)
    assert report.encoding == "windows-1258"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_cleanly(data: bytes) -> None:
    try:
        report = decode_report(data, "random.txt")
    except BadInputError as error:
        assert str(error).startswith("random.txt: ")
    else:
        assert report.text == normalise_text(report.text)
        assert report.text.strip()
