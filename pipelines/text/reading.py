"""Bytes of a raw report -> the decoded text that every offset refers to.

The decoded text is: a text file decoded (UTF-8 with or without BOM, UTF-16/32 with
BOM, or a detected legacy encoding such as Windows-1258, see ``charsets``), a web
page reduced to its article's main text, a PDF's text layer or a Word document's
paragraphs (see ``formats``); then line endings folded to ``\\n`` and Unicode
normalised to NFC. ``quote == text[char_start:char_end]`` holds against exactly
this text, which is the same for the same bytes.

Input that is not a readable report (empty, binary, a scanned PDF, too large,
unreadable) raises ``BadInputError`` with a message naming the file and the cause,
so ingestion can record it and go on with the other files.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.text import formats
from pipelines.text.charsets import CharsetError, decode_bytes
from pipelines.text.formats import FormatError, PageMetadata

# Reports are a few tens of KB; anything this large is a mistake and must not be
# loaded into memory. Overridable for odd deployments via KHUYENCONG_MAX_BYTES.
MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_ENV = "KHUYENCONG_MAX_BYTES"

# encodings that write tone marks as combining characters by design, so composing
# them to NFC is expected and not worth a warning
_COMBINING_ENCODINGS = frozenset({"windows-1258"})
_HTML_WARNING = "HTML page; main text extracted"
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


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
    page: PageMetadata = PageMetadata()  # what a web page, PDF or Word file says about itself


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


def decode_report(data: bytes, path: Path | str = "<bytes>", name: str = "") -> DecodedReport:
    """Decode a report's bytes; raise BadInputError when it is not readable text. ``name``
    (default: the path's) is the file name whose suffix tells a web page or Word file."""
    if not data:
        raise BadInputError(path, "empty file (0 bytes)")
    warnings: list[str] = []
    try:
        raw, encoding, page = _document_text(data, name or Path(path).name, warnings)
    except (CharsetError, FormatError) as exc:
        raise BadInputError(path, str(exc)) from None
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        warnings.append("line endings folded to LF")
    text = unicodedata.normalize("NFC", raw)
    if text != raw and encoding not in _COMBINING_ENCODINGS:
        warnings.append("text was not NFC; composed to NFC")
    if all(c.isspace() or c in _INVISIBLE for c in text):
        raise BadInputError(path, _no_text(encoding, warnings))
    return DecodedReport(text=text, encoding=encoding, warnings=warnings,
                         sha256=hashlib.sha256(data).hexdigest(), page=page)


def _document_text(data: bytes, name: str, warnings: list[str]) -> tuple[str, str, PageMetadata]:
    """(text, encoding as recorded, page metadata) by format: PDF, Word, web page or text."""
    kind = formats.sniff_format(data, name)
    if kind == "pdf":
        text, page = formats.pdf_to_text(data)
        return text, "pdf", page
    if kind == "docx":
        text, page = formats.docx_to_text(data, max_bytes())
        return text, "docx", page
    raw, encoding = decode_bytes(data, warnings)
    if not formats.looks_like_html(raw, name):
        return raw, encoding, PageMetadata()
    text, page = formats.html_to_text(raw)
    warnings.append(_HTML_WARNING)
    return text, encoding, page


def _no_text(encoding: str, warnings: list[str]) -> str:
    if encoding in ("pdf", "docx"):
        return f"{'PDF' if encoding == 'pdf' else 'Word document'} without text"
    return "HTML page without text" if _HTML_WARNING in warnings else "whitespace-only file, no text"


def read_report(path: Path | str) -> DecodedReport:
    """Read and decode one report."""
    return decode_report(read_raw(path), path)


def read_raw(path: Path | str) -> bytes:
    """The bytes of one raw file, refusing non-files and oversized files before reading."""
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
            links = os.fstat(fh.fileno()).st_nlink
            if links > 1:  # a hard link could bring in any file of the machine (/etc/passwd)
                raise BadInputError(path, f"has {links} hard links; a report must be a file of its own (copy it)")
            data = fh.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        reason = "is a link; links are not followed" if exc.errno == errno.ELOOP else exc.strerror or exc
        raise BadInputError(path, f"cannot be read ({reason})") from None
    if len(data) > limit:
        raise BadInputError(path, _too_large(len(data), limit))
    return data


def _open_no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def _too_large(size: int, limit: int) -> str:
    mb = 1024 * 1024
    return (
        f"file too large: {size / mb:.1f} MB ({size} bytes), limit {limit / mb:.1f} MB "
        f"({limit} bytes; set {MAX_BYTES_ENV} to change)"
    )
