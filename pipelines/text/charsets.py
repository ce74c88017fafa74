"""Bytes of a text report -> str: byte-order marks, UTF-8, or a legacy Vietnamese code page.

Raises ``CharsetError`` with the cause; ``pipelines.text.reading`` names the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

import charset_normalizer

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
_LEGACY_FALLBACK = "cp1258"  # the Windows code page for Vietnamese
_ENCODING_NAMES = {"cp1258": "windows-1258"}
# C0/C1 control characters other than tab, LF, VT, FF and CR
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class CharsetError(ValueError):
    """Bytes that do not decode to readable text; the message is the cause."""


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


def decode_bytes(data: bytes, warnings: list[str]) -> tuple[str, str]:
    """Decode by BOM, else as UTF-8, else as the legacy encoding that reads as Vietnamese;
    returns (text, encoding name) and refuses binary data."""
    text, encoding = _decode(data, warnings)
    _reject_binary(text, warnings)
    return text, encoding


def _decode(data: bytes, warnings: list[str]) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise CharsetError(f"starts with a {name} byte-order mark but is not valid {name} "
                                   f"({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data:
        raise CharsetError("binary file (contains NUL bytes), not text")
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
    raise CharsetError(
        f"unknown text encoding: not valid UTF-8 ({utf8_error}), and neither the detected "
        f"encoding nor {_ENCODING_NAMES[_LEGACY_FALLBACK]} decodes it to Vietnamese text"
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


def _reject_binary(text: str, warnings: list[str]) -> None:
    if "\x00" in text:
        raise CharsetError("binary file (contains NUL characters), not text")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise CharsetError(f"binary file ({controls / len(text):.0%} control characters), not text")
    if controls:
        warnings.append(f"{controls} control characters kept")
