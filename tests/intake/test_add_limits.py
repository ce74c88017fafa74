"""``add`` against hostile servers (all on 127.0.0.1): redirects re-checked at every hop, a
total deadline, incomplete bodies, reader failures and credentials never printed."""

from __future__ import annotations

import http.server
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
import document_fixtures as fx  # noqa: E402

from pipelines.intake.add import AddOptions, add_reports  # noqa: E402
from pipelines.text import formats  # noqa: E402

PAGE = fx.NEWS_PAGE.encode("utf-8")


def _encrypted_pdf() -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fx.pdf_bytes())))
    writer.encrypt(user_password="", owner_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class _Hostile(http.server.BaseHTTPRequestHandler):
    other_port = 0

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, length: int | None = None, kind: str = "text/html") -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/page.html":
            self._send(PAGE)
        elif self.path == "/to-page":
            self._redirect("/page.html")
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/page.html")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/to-other-port":
            self._redirect(f"http://127.0.0.1:{self.other_port}/page.html")
        elif self.path == "/drip.html":  # a byte every 0.2 s: all of it would take 8 s
            self.send_response(200)
            self.send_header("Content-Length", "40")
            self.end_headers()
            for byte in PAGE[:40]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/short.html":  # announces more than it sends, then hangs up
            self._send(PAGE[:200], length=len(PAGE))
        elif self.path == "/encrypted.pdf":
            self._send(_encrypted_pdf(), kind="application/pdf")
        else:
            self.send_error(404)


def _serve(handler: type) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def site() -> Iterator[str]:
    other, _ = _serve(_Hostile)
    handler = type("Handler", (_Hostile,), {"other_port": other.server_address[1]})
    server, address = _serve(handler)
    yield address
    for s in (server, other):
        s.shutdown()
        s.server_close()


def _add(sources: list[str], tmp_path: Path) -> tuple[list, list]:
    return add_reports(sources, tmp_path / "raw", AddOptions(today="2026-11-30"))


def test_a_redirect_on_the_same_site_is_followed(site: str, tmp_path: Path) -> None:
    added, errors = _add([f"{site}/to-page"], tmp_path)
    assert not errors and added[0].path.read_bytes() == PAGE
    assert added[0].row["source_url"] == f"{site}/page.html"


@pytest.mark.parametrize("path, cause", [("/to-ftp", "only http and https"), ("/to-file", "not allowed"),
                                         ("/to-other-port", "another port")])
def test_a_redirect_anywhere_but_http_s_or_to_another_port_is_refused(site: str, tmp_path: Path, path: str,
                                                                        cause: str) -> None:
    added, errors = _add([f"{site}{path}", f"{site}/page.html"], tmp_path)
    assert [e.path for e in errors] == [f"{site}{path}"] and cause in errors[0].reason
    assert [a.source for a in added] == [f"{site}/page.html"]  # the next source still goes in


def test_a_server_that_drips_is_given_up_on_at_the_deadline(site: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHUYENCONG_FETCH_SECONDS", "1")
    start = time.monotonic()
    added, errors = _add([f"{site}/drip.html"], tmp_path)
    assert time.monotonic() - start < 4
    assert not added and "not received within 1 s" in errors[0].reason
    assert not list((tmp_path / "raw").glob("0*"))


def test_a_body_shorter_than_announced_is_not_stored(site: str, tmp_path: Path) -> None:
    added, errors = _add([f"{site}/short.html"], tmp_path)
    assert not added and errors and not list((tmp_path / "raw").glob("0*"))


def test_an_encrypted_or_broken_pdf_is_refused_and_the_others_go_on(site: str, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cyclic = tmp_path / "cyclic.pdf"
    cyclic.write_bytes(fx.pdf_bytes(("Một báo cáo khác có 3 cơ sở.",)))
    real = formats.pdf_to_text
    cyclic_bytes = cyclic.read_bytes()

    def reader(data: bytes, *args: object) -> object:
        # Matched by identity: an encrypted file's random bytes may hold any short pattern.
        if data == cyclic_bytes:
            raise RecursionError("maximum recursion depth exceeded")  # what a cyclic page tree does
        return real(data, *args)

    monkeypatch.setattr(formats, "pdf_to_text", reader)
    added, errors = _add([f"{site}/encrypted.pdf", str(cyclic), f"{site}/page.html"], tmp_path)
    assert [a.source for a in added] == [f"{site}/page.html"]
    reasons = {e.path: e.reason for e in errors}
    assert "encrypted PDF" in reasons[f"{site}/encrypted.pdf"]
    assert "RecursionError" in reasons[str(cyclic)]


def test_credentials_in_an_address_are_never_printed(site: str, tmp_path: Path) -> None:
    secret = site.replace("http://", "http://analyst:s3cr3t-pw@")
    added, errors = _add([f"{secret}/missing.html"], tmp_path)
    assert not added and errors
    assert "s3cr3t-pw" not in str(errors[0]) and "analyst" not in str(errors[0]) and "***@" in errors[0].path


def test_a_source_over_its_time_budget_is_refused_by_name(site: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.intake import add

    real = add.decode_report

    def slow(data: bytes, path: object, name: str = "") -> object:
        if str(path).endswith("slow.txt"):
            time.sleep(30)
        return real(data, path, name=name)

    slow_file = tmp_path / "slow.txt"
    slow_file.write_text("Năm 2023, tỉnh Bắc Giang đã hỗ trợ 5 cơ sở với kinh phí 2 tỷ đồng.\n", encoding="utf-8")
    monkeypatch.setattr(add, "decode_report", slow)
    monkeypatch.setenv("KHUYENCONG_REPORT_SECONDS", "1")
    start = time.monotonic()
    added, errors = _add([str(slow_file), f"{site}/page.html"], tmp_path)
    assert time.monotonic() - start < 10
    assert [e.path for e in errors] == [str(slow_file)] and "longer than 1 s" in errors[0].reason
    assert [a.source for a in added] == [f"{site}/page.html"]
