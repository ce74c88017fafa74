"""Bytes of a raw report -> the decoded text that every offset refers to.

The decoded text is: the bytes decoded (UTF-8 with or without BOM, UTF-16/32 with
BOM, or a detected legacy encoding such as Windows-1258), an HTML page reduced to
its text, line endings folded to ``\\n`` and Unicode normalised to NFC.
``quote == text[char_start:char_end]`` holds against exactly this text.

Input that is not a readable report (empty, binary, too large, unreadable) raises
``BadInputError`` with a message naming the file and the cause, so ingestion can
record it and go on with the other files.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import charset_normalizer

# Reports are a few tens of KB; anything this large is a mistake and must not be
# loaded into memory. Overridable for odd deployments via KHUYENCONG_MAX_BYTES.
MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_ENV = "KHUYENCONG_MAX_BYTES"

# Above this share of control characters the file is treated as binary.
MAX_CONTROL_SHARE = 0.01
# A legacy decoding is accepted when at least this share of its non-ASCII
# characters are Vietnamese letters or common typographic punctuation.
MIN_VIETNAMESE_SHARE = 0.9
# How much of a legacy-encoded file is read to judge whether it is Vietnamese.
LEGACY_SAMPLE_BYTES = 1024 * 1024

# (byte-order mark, codec that consumes it, name recorded in the documents table);
# longest first, because the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
)
# files with these suffixes are HTML even when they hold only a fragment of a page
HTML_SUFFIXES = (".html", ".htm")
_LEGACY_FALLBACK = "cp1258"  # the Windows code page for Vietnamese
_ENCODING_NAMES = {"cp1258": "windows-1258"}
# encodings that write tone marks as combining characters by design, so composing
# them to NFC is expected and not worth a warning
_COMBINING_ENCODINGS = frozenset({"windows-1258"})
# C0/C1 control characters other than tab, LF, VT, FF and CR
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _vietnamese_letters() -> tuple[frozenset[str], frozenset[str]]:
    """All Vietnamese letters (NFC), and those absent from Latin-1 (đ, ơ, ư, ạ, ...)."""
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    letters = {"đ", "Đ"}
    for vowel in vowels + vowels.upper():
        letters.update(unicodedata.normalize("NFC", vowel + tone) for tone in tones)
    letters = {c for c in letters if not c.isascii()}
    specific = {c for c in letters if ord(c) > 0xFF}
    return frozenset(letters), frozenset(specific)


_VI_LETTERS, _VI_SPECIFIC = _vietnamese_letters()
_VI_PUNCTUATION = frozenset("\xa0–—‘’“”…•·°«»×±€№")


class BadInputError(Exception):
    """A report that cannot be ingested; the message names the file and the cause."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # rebuilt from path and reason when sent back from a worker process
        return type(self), (self.path, self.reason)


@dataclass
class DecodedReport:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""  # of the bytes as read, so callers need not read the file again


def normalise_text(text: str) -> str:
    """Fold CRLF/CR to LF and compose to NFC so matching and offsets are stable."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def max_bytes() -> int:
    """The size limit in bytes: KHUYENCONG_MAX_BYTES if set, else MAX_BYTES."""
    value = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not value:
        return MAX_BYTES
    if not value.isdigit() or int(value) <= 0:
        raise ValueError(f"{MAX_BYTES_ENV} must be a positive number of bytes, got {value!r}")
    return int(value)


def decode_report(data: bytes, path: Path | str = "<bytes>") -> DecodedReport:
    """Decode a report's bytes; raise BadInputError when it is not readable text."""
    if not data:
        raise BadInputError(path, "empty file (0 bytes)")
    warnings: list[str] = []
    raw, encoding = _decode(data, path, warnings)
    _reject_binary(raw, path, warnings)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        warnings.append("line endings folded to LF")
    is_html = Path(path).suffix.lower() in HTML_SUFFIXES or _looks_like_html(raw)
    if is_html:
        raw = html_to_text(raw)
        warnings.append("HTML page; converted to text")
    text = unicodedata.normalize("NFC", raw)
    if text != raw and encoding not in _COMBINING_ENCODINGS:
        warnings.append("text was not NFC; composed to NFC")
    if all(c.isspace() or c in _INVISIBLE for c in text):
        reason = "HTML page without text" if is_html else "whitespace-only file, no text"
        raise BadInputError(path, reason)
    return DecodedReport(text=text, encoding=encoding, warnings=warnings, sha256=hashlib.sha256(data).hexdigest())


def read_report(path: Path | str) -> DecodedReport:
    """Read and decode one report, refusing non-files and oversized files before reading."""
    limit = max_bytes()
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise BadInputError(path, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise BadInputError(path, "is not a regular file")
        if info.st_size > limit:
            raise BadInputError(path, _too_large(info.st_size, limit))
        # a link (even one swapped in since stat) is not followed: the open fails with ELOOP
        with open(path, "rb", opener=_open_no_follow) as fh:
            data = fh.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        reason = "is a link; links are not followed" if exc.errno == errno.ELOOP else exc.strerror or exc
        raise BadInputError(path, f"cannot be read ({reason})") from None
    if len(data) > limit:
        raise BadInputError(path, _too_large(len(data), limit))
    return decode_report(data, path)


def _open_no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def html_to_text(html: str) -> str:
    """Text of an HTML page: no tags, scripts or styles; entities resolved; paragraphs kept."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    blocks = "".join(parser.parts).split("\n\n")
    paragraphs = ("\n".join(s for line in b.split("\n") if (s := line.strip())) for b in blocks)
    return "\n\n".join(p for p in paragraphs if p)


def _too_large(size: int, limit: int) -> str:
    mb = 1024 * 1024
    return (
        f"file too large: {size / mb:.1f} MB ({size} bytes), limit {limit / mb:.1f} MB "
        f"({limit} bytes; set {MAX_BYTES_ENV} to change)"
    )


def _decode(data: bytes, path: Path | str, warnings: list[str]) -> tuple[str, str]:
    """Decode by BOM, else as UTF-8, else as the legacy encoding that reads as Vietnamese."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise BadInputError(
                    path, f"starts with a {name} byte-order mark but is not valid {name} "
                          f"({exc.reason} at byte {exc.start})",
                ) from None
    if b"\x00" in data:
        raise BadInputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    for codec in _legacy_candidates(data):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # the sample read well, a later part of the file does not
        name = _ENCODING_NAMES.get(codec, codec)
        warnings.append(f"decoded as {name}")
        return text, name
    raise BadInputError(
        path,
        f"unknown text encoding: not valid UTF-8 ({utf8_error}), and neither the detected "
        f"encoding nor {_ENCODING_NAMES[_LEGACY_FALLBACK]} decodes it to Vietnamese text",
    )


def _legacy_candidates(data: bytes) -> list[str]:
    """Codecs (charset-normalizer's guess, cp1258) whose reading of the first
    LEGACY_SAMPLE_BYTES looks Vietnamese, most Vietnamese first."""
    best = charset_normalizer.from_bytes(data).best()
    candidates = [best.encoding] if best and best.encoding != _LEGACY_FALLBACK else []
    candidates.append(_LEGACY_FALLBACK)
    scored = []
    for codec in candidates:
        try:
            # incremental, so a character cut by the sample's end is not an error
            sample = codecs.getincrementaldecoder(codec)().decode(data[:LEGACY_SAMPLE_BYTES])
        except (UnicodeDecodeError, LookupError):
            continue
        share = _vietnamese_share(unicodedata.normalize("NFC", sample))
        if share >= MIN_VIETNAMESE_SHARE:
            # on a tie prefer the Vietnamese code page over one that merely shares its letters
            scored.append((share, codec == _LEGACY_FALLBACK, codec))
    return [codec for *_, codec in sorted(scored, reverse=True)]


def _vietnamese_share(text: str) -> float:
    """Share of non-ASCII characters that are Vietnamese letters or common punctuation;
    0 when no letter specific to Vietnamese (đ, ơ, ư, ạ, ...) occurs at all."""
    counts = Counter(re.sub(r"[\x00-\x7f]+", "", text))
    if not any(c in _VI_SPECIFIC for c in counts):
        return 0.0
    good = sum(n for c, n in counts.items() if c in _VI_LETTERS or c in _VI_PUNCTUATION)
    return good / sum(counts.values())


def _reject_binary(text: str, path: Path | str, warnings: list[str]) -> None:
    if "\x00" in text:
        raise BadInputError(path, "binary file (contains NUL characters), not text")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise BadInputError(
            path, f"binary file ({controls / len(text):.0%} control characters), not text"
        )
    if controls:
        warnings.append(f"{controls} control characters kept")


_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def _looks_like_html(text: str) -> bool:
    """A saved page, not a report that mentions a tag: it begins with a doctype or html/head/body tag."""
    return _HTML_START.match(text) is not None


class _HtmlText(HTMLParser):
    """Collects visible text; block tags become paragraph breaks, <br> a line break."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg"})
    _BLOCK = frozenset({
        "title", "p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "blockquote",
        "pre", "figure", "figcaption", "form", "hr", "dl", "dt", "dd",
    })
    _CELL = frozenset({"td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._in_head = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "title":
            self._in_title = True
        if tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag in self._CELL:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip or (self._in_head and not self._in_title):
            return
        self.parts.append(re.sub(r"\s+", " ", data))
