"""The site never runs what the data says: markup put into data/claims.csv stays text.

A copy of the repository (the files git tracks) gets HTML and MyST payloads appended to every
free-text column of every claim in data/claims.csv; the book is built there with `make book`
(one build, so the test takes a few minutes); then the pages that show claims (the audit
appendix and the chapters' tables) are opened in headless Chromium. No dialog may open, no
element the payloads ask for may exist, and each payload must be on the page as text.

The copy's source articles get each new quote appended, so that the check "every quote is
in its article, verbatim" still passes (BOOK_SOURCE_ARTICLES points at them).
"""

from __future__ import annotations

import csv
import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from evidence import paths

from test_browser import CHROMIUM, CHROMIUM_ARGS, QuietHandler
from test_reproducible import start_book_build

# Each payload is appended to the cell (after a space), so that the notebooks still find
# their claims by the words of a quote. The MyST directive starts a line of its own, where
# a directive would be read if the text were taken as markup.
PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> {raw:html}`<b>x</b>`"
    "\n```{raw} html\n<script>alert(3)</script>\n```"
)
# What a reader must see, as text, on every page that shows the injected claims.
SHOWN_AS_TEXT = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "{raw:html}`<b>x</b>`",
    "```{raw} html",
    "<script>alert(3)</script>",
]
FREE_TEXT_COLUMNS = ["section", "quote", "translation", "unit", "note"]
# The chapters pick the review's claims by their exact section name ("4. 人工肝支持治疗"), so
# the sections of this article keep their names; every other section gets the payload.
SECTIONS_KEPT_IN = "liver-failure-comprehensive-treatment-review-2026.zh.txt"
AUDIT_PAGES = ["audit-lfr", "audit-lf5", "audit-sclt", "audit-t2ds", "audit-t2dh"]
# The chapters whose tables list claims with their quotes.
CHAPTERS_WITH_CLAIM_TABLES = [
    "causes-and-transplant-gap",
    "alss-survival",
    "transplant-by-aclf-grade",
    "stem-cells-and-frontier",
    "t2d-insulin",
]
# Both editions: the Chinese one shows the same data (tools/chinese_edition.py).
PAGES_WITH_CLAIMS = [f"{edition}{name}" for edition in ("", "zh/") for name in AUDIT_PAGES + CHAPTERS_WITH_CLAIM_TABLES]
BUILD_TIMEOUT_SECONDS = 1800


def copy_tracked_files(destination: Path) -> Path:
    """The files git tracks, as they are in the working tree (uncommitted edits included)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=paths.REPO_ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = paths.REPO_ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def cells_of_other_tables(data_dir: Path) -> set[str]:
    cells = set()
    for table in data_dir.glob("*.csv"):
        if table.name != "claims.csv":
            with table.open(encoding="utf-8", newline="") as handle:
                cells.update(cell for row in csv.reader(handle) for cell in row)
    return cells


def inject(claims_csv: Path, articles: Path) -> int:
    """Append the payload to every free-text cell; each new quote goes into its article.

    A quote that another table uses as a key (e.g. stem_cell_outcome_claims) is kept, so
    that the join still finds it; the other columns of that claim get the payload.
    """
    keys_elsewhere = cells_of_other_tables(claims_csv.parent)
    with claims_csv.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        for column in FREE_TEXT_COLUMNS:
            kept = (column == "section" and row["article"] == SECTIONS_KEPT_IN) or (
                column == "quote" and row["quote"] in keys_elsewhere)
            if not kept:
                row[column] = " ".join(filter(None, (row[column], PAYLOAD)))  # no padding: validation refuses it
        with (articles / row["article"]).open("a", encoding="utf-8") as article:
            article.write(f"\n{row['quote']}\n")
    with claims_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


class InjectedBuild:
    """`make book` in a copy whose claims carry the payloads, in the background."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="injection-"))
        book = copy_tracked_files(self.root / "book")
        self.site = book / "_build" / "html"
        # Where paths.py looks by default (beside the repository) and where the variable points.
        articles = self.root / "shared" / "sources"
        shutil.copytree(paths.SOURCE_ARTICLES_DIR, articles)
        assert inject(book / "data" / "claims.csv", articles) > 0
        # The articles changed, so their stored hype-word counts and lengths are counted again.
        subprocess.run([sys.executable, "-c", "from evidence import appraisal; appraisal.write_counts()"], cwd=book,
                       env={**os.environ, "PYTHONPATH": str(book), "BOOK_SOURCE_ARTICLES": str(articles)}, check=True)
        os.environ["BOOK_SOURCE_ARTICLES"] = str(articles)  # read by the build's validation
        # The injected text has no Chinese translation: the Chinese edition shows it as it is
        # (and must escape it just the same) instead of stopping at the first one.
        os.environ["BOOK_COLLECT_MESSAGES"] = str(self.root / "untranslated.txt")
        try:
            self.process = start_book_build(book)
        finally:
            del os.environ["BOOK_SOURCE_ARTICLES"], os.environ["BOOK_COLLECT_MESSAGES"]

    def wait(self) -> str:
        return self.process.communicate(timeout=BUILD_TIMEOUT_SECONDS)[0]

    def remove(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


# tests/conftest.py starts the build as soon as the tests are collected, so that it runs while
# the other tests do; the fixture then only waits for it.
BACKGROUND_BUILD = InjectedBuild
started_build: InjectedBuild | None = None


@pytest.fixture(scope="module")
def injected_site() -> Path:
    global started_build
    build, started_build = started_build or InjectedBuild(), None
    try:
        log = build.wait()
        # The first warning or error says which cell or data row failed; the end is only a summary.
        found = re.search(r"(WARNING|ERROR|CRITICAL): |Traceback \(most recent call last\)", log)
        first_error = max(0, (found.start() if found else len(log)) - 2000)
        assert build.process.returncode == 0, \
            f"`make book` with injected data failed:\n{log[first_error:first_error + 5000]}"
        yield build.site
    finally:
        build.remove()


@pytest.fixture(scope="module")
def pages_seen(injected_site):
    """Each page opened in Chromium: the dialogs it opened and what it showed."""
    handler = functools.partial(QuietHandler, directory=str(injected_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name in PAGES_WITH_CLAIMS + ["control"]:
                page = browser.new_page()
                dialogs = []
                page.on("dialog", lambda dialog, d=dialogs: (d.append(dialog.message), dialog.dismiss()))
                edition, _, page_name = name.rpartition("/")
                path = "book/intro" if name == "control" else f"{edition + '/' if edition else ''}notebooks/{page_name}"
                response = page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}.html", wait_until="networkidle")
                if name == "control":
                    # Markup that does run, put in by the test itself: proves a dialog is seen.
                    page.evaluate("""() => { const img = document.createElement("img");
                        img.src = "x"; img.setAttribute("onerror", "alert(9)"); document.body.append(img); }""")
                    page.wait_for_timeout(500)
                seen[name] = {
                    "status": response.status,
                    "dialogs": dialogs,
                    "text": page.inner_text("body"),
                    "scripts_with_alert": page.evaluate(
                        "() => [...document.scripts].filter(s => s.textContent.includes('alert(')).length"),
                    "onerror_elements": page.evaluate("() => document.querySelectorAll('[onerror]').length"),
                    "bold_x": page.evaluate(
                        "() => [...document.querySelectorAll('b')].filter(b => b.textContent === 'x').length"),
                }
                page.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return seen


def test_the_dialog_check_sees_a_dialog_that_does_open(pages_seen):
    assert pages_seen["control"]["dialogs"] == ["9"]


@pytest.mark.parametrize("name", PAGES_WITH_CLAIMS)
def test_no_injected_markup_runs(pages_seen, name):
    page = pages_seen[name]
    assert page["status"] == 200
    assert page["dialogs"] == []
    assert page["scripts_with_alert"] == 0
    assert page["onerror_elements"] == 0
    assert page["bold_x"] == 0


@pytest.mark.parametrize("name", PAGES_WITH_CLAIMS)
def test_injected_markup_is_shown_as_text(pages_seen, name):
    text = pages_seen[name]["text"]
    assert [shown for shown in SHOWN_AS_TEXT if shown not in text] == []
