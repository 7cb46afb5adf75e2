"""The built book opened in a real browser: headless Chromium driven by Playwright.

Every page of the book is loaded once from a local web server on 127.0.0.1, and what the
browser saw is checked: console errors, images, requests that would leave the site, an
axe-core accessibility scan, and the weight of the page with all its assets. The search
page is driven like a reader would, to find each chapter by a word of its text.

The browser is found by ``browser_path.chromium_path`` (Debian's ``chromium``, or
Playwright's own); ``make test`` installs one first if none is there
(``tools/ensure-browser.sh``). If Chromium is missing the tests fail: they are not skipped.
"""

from __future__ import annotations

import functools
import html
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from evidence import paths

from browser_path import chromium_path
from test_built_site import SITE, chapter_pages, toc_pages

CHROMIUM = chromium_path()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Page-weight budget (the goal of README, "Page weight"): one page with everything the browser
# loads for it (HTML, CSS, scripts, fonts, images), uncompressed, as served from disk, in both
# editions. Without the icon script, with only the icons the book uses and with the search
# index on the search page only, the heaviest chapter is about 0.96 MB. `make test` writes
# each page's weight, uncompressed and gzipped, to _build/page-weights.json.
PAGE_WEIGHT_BUDGET_BYTES = 1_000_000

# Impacts that fail the accessibility test (axe-core's scale: minor, moderate, serious, critical).
BLOCKING_IMPACTS = {"serious", "critical"}

# axe-core's CSS preload resolves the theme's `@import "../basic.css"` against the page, not
# the stylesheet, and asks for a file that does not exist; only one rule (css-orientation-lock)
# needs the preload.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}

BOOK_PAGES = toc_pages() + ["search", "genindex"]
# The Chinese edition's pages (tools/chinese_edition.py), for the layout checks.
BOTH_EDITIONS = BOOK_PAGES + [f"zh/{name}" for name in BOOK_PAGES]
CHAPTERS = chapter_pages()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="module")
def site_url():
    assert (SITE / "index.html").exists(), f"{SITE} was not built; run `make book`"
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM is not None, "no Chromium found: `make test` installs one (tools/ensure-browser.sh)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What the browser saw while loading one page."""

    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    local_paths: set[str] = field(default_factory=set)
    images: list[dict] = field(default_factory=list)
    empty_figures: list[str] = field(default_factory=list)
    serious_violations: list[str] = field(default_factory=list)
    widths: dict[str, tuple[int, int]] = field(default_factory=dict)  # viewport: (scroll width, client width)
    body_text_px: float = 0.0  # on the phone
    phone_figures: list[tuple[Path, float]] = field(default_factory=list)  # (SVG file, drawn width) on the phone

    def weight_bytes(self) -> int:
        return sum((SITE / path).stat().st_size for path in self.local_paths if (SITE / path).is_file())

    def gzip_bytes(self) -> int:
        """The same files compressed as a web server would send them (gzip, level 6)."""
        import gzip

        return sum(len(gzip.compress((SITE / path).read_bytes(), 6)) for path in self.local_paths
                   if (SITE / path).is_file())


# Scroll every image into loading (some are lazy), wait for each to decode, and report it.
IMAGES_SCRIPT = """async () => {
  const images = [...document.images];
  for (const img of images) { img.loading = "eager"; }
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.map(img => ({src: img.getAttribute("src"), alt: img.getAttribute("alt"),
                             width: img.naturalWidth, height: img.naturalHeight}));
}"""
EMPTY_FIGURES_SCRIPT = """() => [...document.querySelectorAll("figure")]
  .filter(f => !f.querySelector("img, svg, canvas"))
  .map(f => (f.id || f.textContent.trim().slice(0, 60)))"""


def open_page(browser, site_url: str, url: str):
    """A new page whose requests to any host but the local server are recorded and refused."""
    visit = Visit()
    page = browser.new_page()
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    # The console names no URL for a failed load; this says which one it was.
    page.on("response", lambda r: r.status >= 400 and visit.console_errors.append(f"HTTP {r.status}: {r.url}"))
    local_host = urlsplit(site_url).netloc

    def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or parts.netloc == local_host:
            if parts.netloc == local_host:
                visit.local_paths.add(unquote(parts.path).lstrip("/") or "index.html")
            route.continue_()
        else:
            visit.outside_requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="networkidle")
    return page, visit


# Pages open side by side in one browser: most of a visit is waiting for the page and for
# axe-core, so a few at a time keep both cores busy.
PAGES_AT_ONCE = 4


async def visit_page(browser, axe, site_url: str, name: str) -> Visit:
    """One page, opened once: first as a phone shows it (layout, figures), then at desktop
    width (layout again), where axe-core scans it and every image is checked."""
    visit = Visit()
    page = await browser.new_page(viewport=VIEWPORTS["phone"])
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    page.on("response", lambda r: r.status >= 400 and visit.console_errors.append(f"HTTP {r.status}: {r.url}"))
    local_host = urlsplit(site_url).netloc

    async def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or parts.netloc == local_host:
            if parts.netloc == local_host:
                visit.local_paths.add(unquote(parts.path).lstrip("/") or "index.html")
            await route.continue_()
        else:
            visit.outside_requests.append(route.request.url)
            await route.abort()

    await page.route("**/*", route)
    await page.goto(f"{site_url}/{name}.html", wait_until="networkidle")
    visit.widths["phone"] = tuple(await page.evaluate(SCROLL_WIDTH_SCRIPT))
    if await page.locator("article p").count():
        visit.body_text_px = await page.evaluate(BODY_TEXT_SCRIPT)
        visit.phone_figures = [((SITE / f"{name}.html").parent / unquote(src), width)
                               for src, width in await page.evaluate(FIGURE_SIZES_SCRIPT)]
    await page.set_viewport_size(VIEWPORTS["desktop"])
    visit.widths["desktop"] = tuple(await page.evaluate(SCROLL_WIDTH_SCRIPT))
    visit.images = await page.evaluate(IMAGES_SCRIPT)
    visit.empty_figures = await page.evaluate(EMPTY_FIGURES_SCRIPT)
    await page.wait_for_load_state("networkidle")
    results = (await axe.run(page, options=AXE_OPTIONS)).response
    visit.serious_violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    await page.close()
    return visit


def visit_every_page(site_url: str, names: list[str]) -> dict[str, Visit]:
    """Every page visited, PAGES_AT_ONCE at a time, in a browser of its own (Playwright's async
    API, in a thread of its own, beside the sync browser the other tests use)."""
    import asyncio

    from axe_playwright_python.async_playwright import Axe as AsyncAxe
    from playwright.async_api import async_playwright

    async def visit_all() -> dict[str, Visit]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            axe, turns = AsyncAxe(), asyncio.Semaphore(PAGES_AT_ONCE)

            async def visit(name: str) -> Visit:
                async with turns:
                    return await visit_page(browser, axe, site_url, name)

            seen = await asyncio.gather(*(visit(name) for name in names))
            await browser.close()
        return dict(zip(names, seen))

    outcome: dict = {}
    worker = threading.Thread(target=lambda: outcome.update(seen=asyncio.run(visit_all())))
    worker.start()
    worker.join()
    return outcome["seen"]


@pytest.fixture(scope="module")
def visits(site_url):
    """Each page of both editions, loaded once; the tests below read what was seen."""
    seen = visit_every_page(site_url, BOTH_EDITIONS)
    report = {name: {"bytes": visit.weight_bytes(), "gzip_bytes": visit.gzip_bytes(), "budget": PAGE_WEIGHT_BUDGET_BYTES}
              for name, visit in seen.items()}
    (paths.REPO_ROOT / "_build" / "page-weights.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return seen


@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_page_loads_without_console_errors(visits, name):
    assert visits[name].console_errors == []


@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_no_request_leaves_the_site(visits, name):
    assert visits[name].outside_requests == []


@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_every_image_renders_and_has_alt_text(visits, name):
    images = visits[name].images
    assert [i["src"] for i in images if i["width"] == 0 or i["height"] == 0] == [], "images that did not render"
    assert [i["src"] for i in images if not (i["alt"] or "").strip()] == [], "images without alt text"
    assert visits[name].empty_figures == [], "figures without an image"


@pytest.mark.parametrize("name", CHAPTERS + [f"zh/{name}" for name in CHAPTERS])
def test_chapter_figures_render(visits, name):
    assert any(i["width"] > 0 for i in visits[name].images if "_images/" in (i["src"] or ""))


@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_no_serious_or_critical_accessibility_violation(visits, name):
    assert visits[name].serious_violations == []


@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_page_weight_within_budget(visits, name):
    weight = visits[name].weight_bytes()
    assert weight > 0
    assert weight <= PAGE_WEIGHT_BUDGET_BYTES, f"{name}: {weight:,} bytes > budget {PAGE_WEIGHT_BUDGET_BYTES:,}"


def word_from_text(chapter: str) -> str:
    """A long plain word from the chapter's Overview, the kind a reader would search for."""
    html = (SITE / f"{chapter}.html").read_text(encoding="utf-8")
    overview = html.split('id="overview"', 1)[1]
    paragraph = re.sub(r"<[^>]+>", " ", overview.split("<p>", 1)[1].split("</p>", 1)[0])
    return max(re.findall(r"\b[a-z]{6,}\b", paragraph), key=len)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_search_page_finds_the_chapter_by_a_word_of_its_text(browser, site_url, chapter):
    word = word_from_text(chapter)
    page, visit = open_page(browser, site_url, f"{site_url}/search.html?q={word}")
    hit = page.locator(f'#search-results a[href^="{chapter}.html"]')
    hit.first.wait_for(timeout=20_000)
    assert hit.count() >= 1, f"searching {word!r} did not list {chapter}"
    page.close()
    assert visit.console_errors == [] and visit.outside_requests == []


def test_the_offline_check_catches_a_request_to_another_host(browser, site_url):
    # Proves the route above sees what a page asks of the internet, so a pass means something.
    page, visit = open_page(browser, site_url, f"{site_url}/index.html")
    page.evaluate("() => fetch('https://example.org/font.woff2').catch(() => null)")
    page.close()
    assert visit.outside_requests == ["https://example.org/font.woff2"]


VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


# For each SVG figure in the article: its address and the width it is drawn at, in px.
FIGURE_SIZES_SCRIPT = """() => [...document.querySelectorAll("article img")]
    .filter(image => image.getAttribute("src").endsWith(".svg"))
    .map(image => [image.getAttribute("src"), image.getBoundingClientRect().width])"""
SCROLL_WIDTH_SCRIPT = "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
BODY_TEXT_SCRIPT = """() => parseFloat(getComputedStyle(document.querySelector("article p")).fontSize)"""
# What each page showed on the phone: body text size and (figure file, drawn width) pairs.
PHONE_FIGURES: dict[str, tuple[float, list[tuple[Path, float]]]] = {}


@pytest.fixture(scope="module")
def page_widths(visits):
    """How wide each page lays out at a phone's and a desktop's width; on the phone, also the
    size of body text and of every figure (measured during each page's one visit)."""
    for name, visit in visits.items():
        if visit.body_text_px:
            PHONE_FIGURES[name] = (visit.body_text_px, visit.phone_figures)
    return {(name, viewport): visit.widths[viewport] for name, visit in visits.items() for viewport in VIEWPORTS}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_no_page_scrolls_sideways(page_widths, name, viewport):
    scroll_width, client_width = page_widths[name, viewport]
    assert scroll_width <= client_width, f"{name} is {scroll_width} px wide on a {client_width}-px {viewport} screen"


def smallest_text_on_screen(svg: Path, drawn_width: float) -> float:
    """The smallest text of a Matplotlib SVG, in screen px, when the SVG is drawn that wide.
    Its user unit is the point, so px = font size × drawn width ÷ viewBox width."""
    text = svg.read_text(encoding="utf-8")
    view_width = float(re.search(r'viewBox="0 0 ([0-9.]+)', text).group(1))
    sizes = [float(size) for size in re.findall(r"font-size: ([0-9.]+)px", text)]
    return min(sizes) * drawn_width / view_width if sizes else float("inf")


@pytest.mark.parametrize("name", toc_pages() + [f"zh/{name}" for name in toc_pages()])
def test_figure_text_is_readable_on_a_phone(page_widths, name):
    # The rule: no figure text smaller than 70% of the body text at 390 px.
    body, figures = PHONE_FIGURES.get(name, (0.0, []))
    for svg, drawn_width in figures:
        smallest = smallest_text_on_screen(svg, drawn_width)
        assert smallest >= 0.7 * body - 0.05, (
            f"{name}: {svg.name} is drawn {drawn_width:.0f} px wide on a 390-px phone, so its smallest text is "
            f"{smallest:.1f} px, under 70% of the {body:g}-px body text")


def test_the_phone_figure_check_catches_a_small_text(page_widths):
    # The check measures: a chapter's first figure, drawn at a third of its width, fails it.
    body, figures = PHONE_FIGURES[CHAPTERS[0]]
    svg, drawn_width = figures[0]
    assert smallest_text_on_screen(svg, drawn_width / 3) < 0.7 * body


def pages_containing(word: str, edition: str = "") -> list[str]:
    """Book pages whose main text contains the word, read from the built HTML (not the index);
    ``edition`` is "" for the English site and "zh/" for the Chinese one."""
    found = []
    for name in toc_pages():
        text = (SITE / f"{edition}{name}.html").read_text(encoding="utf-8")
        article = text.split('<article class="bd-article"', 1)[-1].split("</article>", 1)[0]
        if word in html.unescape(re.sub(r"<[^>]+>", "", article)):
            found.append(name)
    return found


@pytest.mark.parametrize("edition", ["", "zh/"])
@pytest.mark.parametrize("word", ["肝移植", "人工肝", "790"])
def test_search_finds_every_page_with_a_chinese_word_or_a_number(browser, site_url, word, edition):
    expected = pages_containing(word, edition)
    assert expected, f"no page contains {word!r}; the test would prove nothing"
    page, visit = open_page(browser, site_url, f"{site_url}/{edition}search.html?q={quote(word)}")
    page.locator("#search-results a").first.wait_for(timeout=20_000)
    page.wait_for_function("() => !document.querySelector('#search-progress')?.textContent.includes('Preparing')")
    page.wait_for_timeout(500)
    listed = {a.split("#")[0].removesuffix(".html") for a in
              page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")}
    # The results quote the pages' text, web addresses included: on a phone they must wrap.
    page.set_viewport_size(VIEWPORTS["phone"])
    scroll_width, client_width = page.evaluate(SCROLL_WIDTH_SCRIPT)
    page.close()
    missing = [name for name in expected if name not in listed]
    assert not missing, f"searching {word!r} does not list {missing}"
    assert scroll_width <= client_width, f"the results for {word!r} are {scroll_width} px wide on a {client_width}-px phone"


def test_the_search_button_of_an_ordinary_page_leads_to_results(browser, site_url):
    # Ordinary pages no longer load the search index; their search box hands the words over.
    page, visit = open_page(browser, site_url, f"{site_url}/book/glossary.html")
    page.set_viewport_size(VIEWPORTS["phone"])
    page.locator("button.search-button").first.click()
    page.keyboard.type("肝移植")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.locator("#search-results a").first.wait_for(timeout=20_000)
    listed = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
    page.close()
    assert any(link.startswith("book/glossary") for link in listed), listed
    assert "searchindex.js" not in (SITE / "book" / "glossary.html").read_text(encoding="utf-8")


def test_claims_explorer_finds_a_claim_by_a_number_and_filters_by_verdict(browser, site_url):
    import csv

    with open(paths.DATA_DIR / "claims.csv", encoding="utf-8", newline="") as handle:
        claims = list(csv.DictReader(handle))
    with_790 = sorted(c["claim_id"] for c in claims if "790" in c["quote"])
    page, visit = open_page(browser, site_url, f"{site_url}/notebooks/claims-explorer.html")
    assert page.inner_text(".claims-explorer__count") == f"{len(claims)} of {len(claims)} claims shown"
    page.fill("[data-filter=text]", "790")
    shown = page.eval_on_selector_all("tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.innerText)")
    assert sorted(shown) == with_790
    page.fill("[data-filter=text]", "")
    page.select_option("[data-filter=verdict]", "contradicted")
    verdicts = page.eval_on_selector_all("tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.verdict)")
    page.close()
    assert verdicts and set(verdicts) == {"contradicted"}
    assert visit.console_errors == [] and visit.outside_requests == []
