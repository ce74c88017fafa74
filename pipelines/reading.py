"""Bytes of a raw report -> the decoded text that every offset refers to.

The decoded text is: the bytes decoded (UTF-8, with or without BOM, or a detected
legacy encoding), line endings folded to ``\n`` and Unicode normalised to NFC.
``quote == text[char_start:char_end]`` holds against exactly this text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


class BadInputError(Exception):
    """A report that cannot be ingested; the message names the file and the cause."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class DecodedReport:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Fold CRLF/CR to LF and compose to NFC so matching and offsets are stable."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode_report(data: bytes, path: Path | str = "<bytes>") -> DecodedReport:
    """Decode a report's bytes; raise BadInputError when it is not readable text."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInputError(path, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    text = normalise_text(raw)
    if text != raw.replace("\r\n", "\n").replace("\r", "\n"):
        warnings.append("text was not NFC; composed to NFC")
    if not text.strip():
        raise BadInputError(path, "empty or whitespace-only file")
    return DecodedReport(text=text, encoding=encoding, warnings=warnings)


def read_report(path: Path) -> DecodedReport:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return decode_report(data, path)
