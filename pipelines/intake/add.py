"""``khuyencong add``: bring published reports into ``data/raw/`` with their manifest rows.

A report is a local file or an http(s) address. Its bytes are stored exactly as
received under a safe, unique name (``NNN_<sha256 prefix>.<format>``), and its
manifest row records the address, the day it was received, the publisher, title,
date (with where the date came from), region, doc_id and SHA-256. Nothing is
stored for a report that cannot be read (a scanned PDF, a binary file, a page
without text), nor for bytes already in the folder.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import http.client
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

from tqdm import tqdm

from pipelines import paths
from pipelines.intake.manifest import UPDATE_HINT, is_plain_file_name, read_manifest, write_manifest
from pipelines.intake.metadata import GUESSED_REGION_WARNINGS, DocumentMeta, document_meta
from pipelines.text import formats
from pipelines.text.gazetteer import default_gazetteer
from pipelines.text.limits import report_budget
from pipelines.text.reading import BadInputError, DecodedReport, decode_report, max_bytes, read_raw, read_report

FETCH_TIMEOUT_SECONDS = 30  # for connecting and for each read
FETCH_DEADLINE_SECONDS = 120.0  # for the whole of one address, redirects included
FETCH_DEADLINE_ENV = "KHUYENCONG_FETCH_SECONDS"
FETCH_CHUNK = 64 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "khuyencong-intake/0.1"
_NUMBERED = re.compile(r"^(\d+)_")
_HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class Received:
    data: bytes
    name: str  # the file name or the last part of the address, to read its suffix
    url: str = ""  # the final address after redirects, for a fetched page
    content_type: str = ""


@dataclass
class AddOptions:
    """What the person adding a report states; empty means inferred."""

    title: str = ""
    publisher: str = ""
    published: str = ""
    region_id: str = ""
    today: str = field(default_factory=lambda: datetime.datetime.now(datetime.timezone.utc).date().isoformat())


@dataclass(frozen=True)
class Added:
    source: str
    path: Path
    row: dict[str, str]
    warnings: tuple[str, ...] = ()


def fetch(url: str) -> Received:
    """The bytes at an http(s) address: every redirect re-checked (http(s) only, at most
    MAX_REDIRECTS, no other port of the same host), all of it within FETCH_DEADLINE_SECONDS
    and the raw-file size limit, never fewer bytes than the server announced."""
    shown = shown_address(url)
    check_address(url, url)
    limit, deadline = max_bytes(), time.monotonic() + fetch_deadline()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(_CheckedRedirects(url))
    try:
        with opener.open(request, timeout=min(FETCH_TIMEOUT_SECONDS, fetch_deadline())) as response:
            final_url, content_type = response.geturl(), response.headers.get_content_type()
            announced = response.headers.get("Content-Length", "")
            chunks, size = [], 0
            while chunk := response.read1(FETCH_CHUNK) if hasattr(response, "read1") else response.read(FETCH_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise BadInputError(shown, f"larger than the {limit}-byte limit for a report")
                if time.monotonic() > deadline:
                    raise BadInputError(shown, f"not received within {fetch_deadline():g} s (the deadline for "
                                               f"one address; set {FETCH_DEADLINE_ENV} to change it); nothing stored")
    except urllib.error.HTTPError as exc:
        raise BadInputError(shown, f"could not be fetched (HTTP {exc.code} {exc.reason})") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or f"{type(exc).__name__}: {exc}"
        raise BadInputError(shown, f"could not be fetched ({_without_credentials(str(reason), url)})") from None
    data = b"".join(chunks)
    if announced.isdigit() and len(data) < int(announced):
        raise BadInputError(shown, f"incomplete: {len(data)} of the {announced} bytes announced arrived; nothing stored")
    return Received(data, Path(urlsplit(final_url).path).name, shown_address(final_url), content_type)


def fetch_deadline() -> float:
    value = os.environ.get(FETCH_DEADLINE_ENV, "").strip()
    try:
        seconds = float(value) if value else FETCH_DEADLINE_SECONDS
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise ValueError(f"{FETCH_DEADLINE_ENV} must be a number of seconds > 0, got {value!r}")
    return seconds


def check_address(url: str, first: str) -> None:
    """An address ``add`` may fetch: http or https; a redirect may not move to another
    port of the first address's host (another service there)."""
    parts, origin = urlsplit(url), urlsplit(first)
    if parts.scheme not in ("http", "https"):
        raise BadInputError(shown_address(first), f"only http and https addresses can be fetched"
                                                  f"{'' if url == first else f'; redirected to {shown_address(url)}'}")
    try:
        port, first_port = parts.port, origin.port
    except ValueError:
        raise BadInputError(shown_address(first), f"bad port in {shown_address(url)}") from None
    if url != first and parts.hostname == origin.hostname and (port or 0) != (first_port or 0) \
            and {port, first_port} - {None, 80, 443}:
        raise BadInputError(shown_address(first), f"redirected to another port of the same host "
                                                  f"({shown_address(url)}); refused")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address ``check_address`` accepts, at most MAX_REDIRECTS."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, first: str) -> None:
        self.first = first

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 (urllib's signature)
        check_address(urllib.parse.urljoin(req.full_url, newurl), self.first)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def shown_address(url: str) -> str:
    """``url`` as it may be printed or recorded: a user name and password in it are left out."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, f"***@{host}", parts.path, parts.query, parts.fragment))


def _without_credentials(text: str, url: str) -> str:
    parts = urlsplit(url)
    for secret in (parts.password, parts.username):
        if secret:
            text = text.replace(secret, "***")
    return text


def is_address(source: str) -> bool:
    """``scheme://…`` rather than a file path."""
    return re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I) is not None


def receive(source: str) -> Received:
    """A source's bytes: fetched when it is an address, read when it is a file."""
    if is_address(source):
        return fetch(source)
    return Received(read_raw(source), Path(source).name)  # refuses folders, pipes, oversized files


def stored_suffix(received: Received) -> str:
    """The suffix the stored file gets: its format, whatever the source was called."""
    kind = formats.sniff_format(received.data, received.name)
    if kind in ("pdf", "docx"):
        return f".{kind}"
    suffix = Path(received.name).suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        return suffix
    if received.content_type in _HTML_CONTENT_TYPES:
        return ".html"
    return ".html" if formats.looks_like_html(received.data[:1024].decode("utf-8", "ignore"), "") else ".txt"


def add_reports(sources: list[str], raw_dir: Path = paths.RAW_DIR, options: AddOptions | None = None,
                progress: bool = False) -> tuple[list[Added], list[BadInputError]]:
    """Add every source; one that cannot be read is an error and the others go on."""
    options = options or AddOptions()
    manifest_path = raw_dir / paths.MANIFEST.name
    added: list[Added] = []
    errors: list[BadInputError] = []
    with folder_lock(raw_dir):
        rows = list(read_manifest(manifest_path).values())  # a malformed manifest stops here
        for source in tqdm(sources, desc="add", unit="report", disable=not progress, file=sys.stderr):
            shown = shown_address(source) if is_address(source) else source
            try:
                with report_budget(shown):  # one source's time and memory; over it, refused by name
                    item = _add_one(source, raw_dir, rows, options)
            except BadInputError as exc:
                errors.append(exc)
                continue
            except Exception as exc:  # a reader's own failure: this source is refused, the others go on
                errors.append(BadInputError(shown, f"could not be read ({type(exc).__name__}: "
                                                   f"{_without_credentials(str(exc), source)[:200]})"))
                continue
            rows.append(item.row)
            write_manifest(manifest_path, rows)  # each report is recorded as soon as it is stored
            added.append(item)
    return added, errors


@contextlib.contextmanager
def folder_lock(raw_dir: Path) -> Iterator[None]:
    """One ``add`` at a time per raw folder, so that two never record over each other's
    manifest rows (a lock on the folder itself: no lock file is left behind)."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(raw_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _add_one(source: str, raw_dir: Path, rows: list[dict[str, str]], options: AddOptions) -> Added:
    received = receive(source)
    suffix = stored_suffix(received)
    decoded = decode_report(received.data, received.url or source, name=f"report{suffix}")
    known = next((r for r in rows if r.get("sha256") == decoded.sha256), None)
    if known:
        raise BadInputError(source, f"already in {raw_dir.name}/ as {known['file']} (same bytes); nothing added")
    in_place = Path(source) if _dropped_in(source, raw_dir) else None  # a file put there by hand keeps its name
    if in_place and any(r["file"] == in_place.name for r in rows):
        raise BadInputError(source, f"already listed in manifest.csv with other bytes; if the new bytes are right, "
                                    f"run `{UPDATE_HINT.format(file=in_place.name)}`")
    meta = _describe(decoded, received.url, options, {r["doc_id"] for r in rows if r.get("doc_id")})
    path = in_place or _store(received.data, raw_dir, f"{decoded.sha256[:16]}{suffix}")
    return Added(source, path, manifest_row(path.name, meta, decoded.sha256, options.today), meta.warnings)


def _dropped_in(source: str, raw_dir: Path) -> bool:
    """A local file already in the raw folder, under a name the manifest accepts."""
    path = Path(source)
    return (not is_address(source) and path.resolve().parent == raw_dir.resolve()
            and is_plain_file_name(path.name))


def _describe(decoded: DecodedReport, url: str, options: AddOptions, taken_ids: set[str]) -> DocumentMeta:
    stated = {"title": options.title, "publisher": options.publisher, "published": options.published,
              "region_id": options.region_id, "source_url": url}
    meta = document_meta(decoded.text, default_gazetteer(), {k: v for k, v in stated.items() if v},
                         decoded.page)
    doc_id, n = meta.doc_id, 1
    while doc_id in taken_ids:
        n += 1
        doc_id = f"{meta.doc_id}-{n}"
    meta.doc_id = doc_id
    return meta


def manifest_row(file: str, meta: DocumentMeta, sha256: str, received: str) -> dict[str, str]:
    """The row ``add`` records. A region that is only the fallback is left empty, with the
    doc_id made from it, so that ingest warns and a region set later names the report."""
    guessed = any(m.startswith(w) for m in meta.warnings for w in GUESSED_REGION_WARNINGS)
    return {"file": file, "doc_id": "" if guessed else meta.doc_id, "title": meta.title, "publisher": meta.publisher,
            "published": meta.published, "region_id": "" if guessed else meta.region_id, "received": received, "sha256": sha256,
            "source_url": meta.source_url, "published_source": meta.published_source}


def _store(data: bytes, raw_dir: Path, stem: str) -> Path:
    """Write the bytes under the next free number, never over an existing file."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    incoming = raw_dir / f".incoming-{os.getpid()}-{stem}"  # hidden: ingest passes over it
    fd = os.open(incoming, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        while True:
            numbers = [int(m.group(1)) for p in raw_dir.iterdir() if (m := _NUMBERED.match(p.name))]
            target = raw_dir / f"{max(numbers, default=-1) + 1:03d}_{stem}"
            try:
                os.link(incoming, target)  # fails rather than replace a file of the same name
                return target
            except FileExistsError:
                continue  # another add took that number meanwhile
    finally:
        incoming.unlink(missing_ok=True)


def update_checksums(names: list[str], raw_dir: Path = paths.RAW_DIR) -> tuple[list[Added], list[BadInputError]]:
    """Record the current bytes of files already listed in the manifest (``--update``)."""
    manifest_path = raw_dir / paths.MANIFEST.name
    updated: list[Added] = []
    errors: list[BadInputError] = []
    with folder_lock(raw_dir):
        rows = read_manifest(manifest_path)
        for name in names:
            file = Path(name).name
            try:
                if file not in rows:
                    raise BadInputError(name, f"not listed in {raw_dir.name}/manifest.csv; add it without --update")
                rows[file]["sha256"] = read_report(raw_dir / file).sha256
            except BadInputError as exc:
                errors.append(exc)
                continue
            updated.append(Added(name, raw_dir / file, rows[file]))
        write_manifest(manifest_path, list(rows.values()))
    return updated, errors
