"""Published formats to plain text: web pages (trafilatura), PDF with a text layer
(pypdf) and Word documents (python-docx), with the metadata each format carries.

The text returned here is what every offset refers to, so each reader must give the
same text for the same bytes. Each refusal raises ``FormatError`` with its cause.
Each library is imported when a file of its format is read: a folder of plain text
reports does not pay for them.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import docx.table
    import pypdf

HTML_SUFFIXES = (".html", ".htm")
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
DOCX_PART = "word/document.xml"
# A Word file is a zip; refuse one that would inflate beyond this many times the
# size limit for raw files, rather than decompress a zip bomb.
MAX_DOCX_INFLATION = 10
# What a PDF's page contents or a Word file's XML parts may inflate to: a report's
# text is tens of KB; parsing 190 MB of XML takes minutes and gigabytes.
MAX_INFLATED_BYTES = 16 * 1024 * 1024
_BINARY_PARTS = ("word/media/", "word/embeddings/", "media/")
_SENTENCE_END = re.compile(r"[.!?:;…]\W*$")
_FILE_NAME_TITLE = re.compile(r"^Microsoft (?:Word|PowerPoint) - |\.(?:docx?|pdf|odt|rtf)$", re.I)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


class FormatError(ValueError):
    """A document whose format cannot be read as a report; the message is the cause."""


@dataclass(frozen=True)
class PageMetadata:
    """What a document says about itself, where it says it (empty otherwise)."""

    title: str = ""
    site_name: str = ""
    published: str = ""  # YYYY-MM-DD from the page's own metadata
    url: str = ""


def sniff_format(data: bytes, name: str) -> str:
    """``pdf``, ``docx`` or ``text`` (HTML is told apart once the bytes are decoded)."""
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(ZIP_MAGIC) or name.lower().endswith(".docx"):
        return "docx"
    return "text"


def looks_like_html(text: str, name: str) -> bool:
    """A saved page, not a report that mentions a tag: an HTML suffix, or the text
    begins with a doctype or an html/head/body tag."""
    return name.lower().endswith(HTML_SUFFIXES) or _HTML_START.match(text) is not None


def html_to_text(html: str) -> tuple[str, PageMetadata]:
    """The article's main text (no menus, sidebars, comments or related-article lists)
    and the page's own title, site name, date and address. A paragraph repeated word
    for word is kept once: it states nothing new."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, deduplicate=False) or ""
    meta = trafilatura.extract_metadata(html, extensive=False)
    # extensive=False: only the page's metadata (meta tags, time elements, structured
    # data, address), never a date guessed from the article's own words
    published = meta.date if meta and meta.date and _ISO_DATE.fullmatch(meta.date) else ""
    return text, PageMetadata(
        title=(meta.title or "") if meta else "",
        site_name=(meta.sitename or "") if meta else "",
        published=published,
        url=(meta.url or "") if meta else "",
    )


def pdf_to_text(data: bytes, limit: int = MAX_INFLATED_BYTES) -> tuple[str, PageMetadata]:
    """The text layer of every page, pages separated by a blank line; a PDF without
    one (a scan) is refused, and so is one whose page contents inflate beyond ``limit`` bytes."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    reader = _guard(lambda: PdfReader(io.BytesIO(data)), "PDF", (PyPdfError,))
    if _guard(lambda: reader.is_encrypted, "PDF", (PyPdfError,)):
        raise FormatError("encrypted PDF: its text cannot be read; save a copy without a password")
    _guard(lambda: _check_inflated_pdf(reader, limit), "PDF", (PyPdfError,))
    pages = [_guard(page.extract_text, "PDF", (PyPdfError,)) or "" for page in _guard(lambda: list(reader.pages), "PDF")]
    text = "\n\n".join(_reflow(page) for page in pages if page.strip())
    if not text:
        raise FormatError(f"scanned PDF without a text layer ({len(pages)} page(s), no text): "
                          "run OCR on it or add a text version")
    title = _guard(lambda: reader.metadata.title if reader.metadata else "", "PDF", (PyPdfError,)) or ""
    return text, PageMetadata(title=_document_title(str(title)))


def _check_inflated_pdf(reader: "pypdf.PdfReader", limit: int) -> None:
    """Refuse a PDF by what its pages' content streams inflate to, page by page, before any text is laid out."""
    inflated = 0
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        inflated += len(contents.get_data()) if contents is not None else 0
        if inflated > limit:
            raise FormatError(f"PDF whose page contents inflate to over {limit} bytes by page {number} "
                              f"(limit {limit // 2**20} MB of page contents); refused rather than read")


def _reflow(page: str) -> str:
    """A PDF breaks lines where the page ends; join a line to the one before when that
    one ends mid-sentence and this one goes on in lower case, so sentences stay whole."""
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and not _SENTENCE_END.search(out[-1]) and (line[0].islower() or line[0].isdigit()):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def docx_to_text(data: bytes, limit: int) -> tuple[str, PageMetadata]:
    """Paragraphs and table rows of a Word document, in the order the document has them."""
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            inflated = sum(info.file_size for info in archive.infolist())
            # what the XML parser must hold: every part but the pictures and embedded files
            markup = sum(info.file_size for info in archive.infolist() if not info.filename.startswith(_BINARY_PARTS))
    except zipfile.BadZipFile:
        raise FormatError("not a readable Word document (.docx): broken zip archive") from None
    if DOCX_PART not in names:
        raise FormatError("zip archive that is not a Word document (.docx)")
    if inflated > MAX_DOCX_INFLATION * limit:
        raise FormatError(f"Word document inflates to {inflated} bytes, above {MAX_DOCX_INFLATION}x the size limit")
    if markup > MAX_INFLATED_BYTES:
        raise FormatError(f"Word document whose text parts inflate to {markup} bytes, above the "
                          f"{MAX_INFLATED_BYTES // 2**20} MB limit for a report's text; refused rather than read")
    document = _guard(lambda: docx.Document(io.BytesIO(data)), "Word document (.docx)")
    blocks = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            blocks.extend(" ".join(_unique_cells(row)) for row in block.rows)
        else:
            blocks.append(block.text)
    text = "\n".join(line.strip() for line in blocks if line.strip())
    return text, PageMetadata(title=_document_title(document.core_properties.title or ""))


def _document_title(title: str) -> str:
    """A file's stored title, unless it is only the name of the file it was made from
    ("Microsoft Word - bao cao.docx"); then the headline is found in the text."""
    title = title.strip()
    return "" if _FILE_NAME_TITLE.search(title) else title


def _unique_cells(row: "docx.table._Row") -> list[str]:
    """Cell texts of a row; a merged cell is reported once per cell it spans, so keep it once."""
    cells: list[str] = []
    for cell in row.cells:
        text = cell.text.strip()
        if text and (not cells or cells[-1] != text):
            cells.append(text)
    return cells


def _guard(read: Callable, kind: str, library_errors: tuple[type[Exception], ...] = ()):
    """Run a library reader, turning its errors into a FormatError naming the format."""
    try:
        return read()
    except FormatError:
        raise
    except (*library_errors, ValueError, KeyError, OSError, zipfile.BadZipFile, RecursionError, NotImplementedError,
            AttributeError, TypeError, IndexError, AssertionError) as exc:  # broken, cyclic or unsupported files
        raise FormatError(f"not a readable {kind} ({type(exc).__name__}: {str(exc)[:200]})") from None
