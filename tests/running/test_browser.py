"""The index and a report opened in headless Chromium: every link resolves, no table is wider than the page
and no word of a table breaks inside."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from pipelines import paths
from pipelines.running.batch import run_batch

pytestmark = pytest.mark.slow
BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
WIDTH = 1280  # a laptop screen


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser closes a connection before a file is sent whole: nothing to report


@pytest.fixture(scope="module")
def site(tables_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A batch of one notebook for every region, served on 127.0.0.1: its address and its folder."""
    if BROWSER is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    out = tmp_path_factory.mktemp("site")
    result = run_batch(region="all", notebook="all", processed=tables_dir, reports_dir=out / "reports",
                       figures_dir=out / "figures", progress=False, jobs=2)
    assert not result.failed, [o.detail for o in result.failed]
    if (paths.PROCESSED_DIR / "facts.parquet").exists():  # the real tables' long quotes, under real/
        for region in ("dak-lak", "phia-nam"):
            real = run_batch(region=region, notebook="regional_performance", reports_dir=out / "reports" / "real",
                             figures_dir=out / "figures", progress=False, jobs=1)
            assert not real.failed, [o.detail for o in real.failed]
    server = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out / "reports")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", out / "reports"
    server.shutdown()


def dump_dom(url: str, profile: Path) -> str:
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               f"--window-size={WIDTH + 40},900", "--run-all-compositor-stages-before-draw",
               "--virtual-time-budget=15000", "--dump-dom", url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


PAGES = ["vi/index.html", "vi/phia-nam/funding_trends.html"]
TABLE_PAGES = ["vi/phia-nam/regional_performance.html", "vi/phia-nam/data_quality.html",
               "real/vi/dak-lak/regional_performance.html", "real/vi/phia-nam/regional_performance.html"]


@pytest.mark.parametrize("page", PAGES)
def test_every_link_resolves(site: tuple[str, Path], page: str, tmp_path: Path) -> None:
    site, _ = site
    parser = Links()
    parser.feed(dump_dom(site + page, tmp_path))
    assert len(parser.found) >= 3
    for href in parser.found:
        url = urljoin(site + page, href)
        assert urlsplit(url).netloc == urlsplit(site).netloc, f"{href} leaves the reports"
        try:
            assert urlopen(url).status == 200, href
        except HTTPError as exc:
            pytest.fail(f"{page}: {href} gives {exc.code}")


PROBE = """<!doctype html><html><body>
<iframe id="page" src="{page}" style="width:{width}px;height:800px;border:0"></iframe>
<script>
document.getElementById("page").onload = function () {{
  const doc = this.contentDocument;
  const out = document.createElement("pre");
  out.id = "result";
  out.textContent = JSON.stringify((function () {{ {script} }})());
  document.body.appendChild(out);
}};
</script></body></html>"""
WIDE_TABLES = """
  const width = doc.documentElement.clientWidth, tables = [...doc.querySelectorAll("table")];
  const wide = tables.filter(t => t.getBoundingClientRect().right > width + 1).length;
  return {width, tables: tables.length, wide, scroll: doc.documentElement.scrollWidth};"""
BROKEN_WORDS = r"""
  const broken = [];
  let words = 0;
  for (const cell of doc.querySelectorAll("table td, table th")) {
    const walker = doc.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\S+/g)) {
        const range = doc.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        words += 1;
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return {words, broken};"""


def probe(site: tuple[str, Path], page: str, script: str, width: int, profile: Path) -> dict:
    """What ``script`` (the body of a function of ``doc``) returns about ``page`` in a frame ``width`` px wide."""
    address, served = site
    name = f"probe-{'wide' if script is WIDE_TABLES else 'words'}-{page.replace('/', '-')}"
    (served / name).write_text(PROBE.format(page="/" + page, width=width, script=script), encoding="utf-8")
    dom = dump_dom(address + name, profile)
    return json.loads(dom.split('<pre id="result">', 1)[1].split("</pre>", 1)[0])


def measure(site: tuple[str, Path], page: str, profile: Path) -> dict:
    """The page's width, its tables, how many reach past its right edge, and its scroll width."""
    return probe(site, page, WIDE_TABLES, WIDTH, profile)


def test_the_measure_sees_a_table_wider_than_the_page(site: tuple[str, Path], tmp_path: Path) -> None:
    (site[1] / "wide.html").write_text('<table><tr><td style="min-width:3000px">x</td></tr></table>')
    measured = measure(site, "wide.html", tmp_path)
    assert measured["wide"] == 1 and measured["scroll"] > measured["width"]


@pytest.mark.parametrize("page", PAGES)
def test_no_table_is_wider_than_the_page(site: tuple[str, Path], page: str, tmp_path: Path) -> None:
    measured = measure(site, page, tmp_path)
    assert measured["tables"] >= 1 and measured["wide"] == 0, measured
    assert measured["scroll"] <= measured["width"], measured


WORDS_WIDTH = 1400


def broken_words(site: tuple[str, Path], page: str, profile: Path) -> dict:
    """How many words the page's tables hold, and those the browser breaks over two lines."""
    return probe(site, page, BROKEN_WORDS, WORDS_WIDTH, profile)


def test_the_measure_sees_a_word_broken_inside(site: tuple[str, Path], tmp_path: Path) -> None:
    (site[1] / "narrow.html").write_text('<meta charset="utf-8"><table><tr><td style="width:3em;overflow-wrap:anywhere">'
                                         "Đắk Lắk 2012–2022 kiểm tra</td><td>x</td></tr></table>", encoding="utf-8")
    assert broken_words(site, "narrow.html", tmp_path)["broken"]


@pytest.mark.parametrize("page", TABLE_PAGES)
def test_no_word_of_a_table_breaks_inside(site: tuple[str, Path], page: str, tmp_path: Path) -> None:
    if not (site[1] / page).exists():
        pytest.skip(f"{page}: no data/processed tables")
    measured = broken_words(site, page, tmp_path)
    assert measured["words"] > 20 and measured["broken"] == [], measured
