"""`make pdf`: the whole book as one typeset PDF, printed by headless Chromium.

Route: the pages `make book` built, in the order of `_toc.yml`, are put on one HTML page
(`_build/pdf/print.html`: each page's article, no scripts) with a print stylesheet, and printed by
the Chromium the browser tests already use (Playwright drives it). Jupyter Book's own
single-page builder (`--builder singlehtml`) fails on myst-nb's folded code cells
(HideCodeCellNode has no singlehtml visitor), and the built pages are what readers see anyway. The PDF gets a
cover, a table of contents, the book's numbered figures and tables, no code toggles (the code
the book hides is left out; solutions stay folded), tables set to the page's width, and Chinese
as text (Noto CJK, which `tools/ensure-browser.sh` installs). LaTeX with a CJK engine would need
TeX Live's XeLaTeX and CJK packages, several hundred megabytes more; Chromium and the font are
already there for the tests.

The PDF's dates are the commit's (SOURCE_DATE_EPOCH), so it does not change with the day it is
printed. It is written to `_build/pdf/recomputing-the-evidence.pdf` and copied into the site
(`_build/html/_downloads/`), where the landing page links to it.

Usage: python tools/book_pdf.py   (after `make book`; the Makefile's `pdf` target runs both)
"""

from __future__ import annotations

import datetime
import html
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "site"))

from browser_path import chromium_path  # noqa: E402

OUT = ROOT / "_build" / "pdf" / "recomputing-the-evidence.pdf"
SITE_COPY = ROOT / "_build" / "html" / "_downloads" / OUT.name

PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
html { font-size: 10pt; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif; font-variant-ligatures: none; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-content,
.bd-header-article, .header-article, .prev-next-area, .headerlink, .report-an-error,
.theme-switch-button, .search-button, .launch-buttons, .dropdown-download-buttons,
.cell.tag_hide-input > .cell_input, .cell.tag_remove-input > .cell_input,
details.hide > summary, .toggle-details, button, .skip-link, #pst-back-to-top,
.bd-sidebar, .sidebar-toggle, nav.bd-links { display: none !important; }
.cell.tag_hide-input details.hide { display: contents; }
.bd-main, .bd-content, .bd-article-container, .bd-article, .bd-page-width, .bd-container,
.bd-container__inner { max-width: none !important; width: auto !important; margin: 0 !important;
  padding: 0 !important; display: block !important; }
.table-scroll, .output, .cell_output, .highlight, pre { overflow: visible !important; max-height: none !important; }
pre { white-space: pre-wrap; word-break: break-word; font-size: 8pt; }
table { width: 100% !important; table-layout: auto; font-size: 7.5pt; border-collapse: collapse; }
td, th { overflow-wrap: break-word; padding: 1.5pt 3pt !important; }
img, svg { max-width: 100% !important; height: auto; }
figure, img, svg, tr { break-inside: avoid; }
h1, h2, h3 { break-after: avoid; }
section.book-chapter { break-before: page; }
#pdf-cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
#pdf-cover h1 { font-size: 26pt; line-height: 1.2; }
#pdf-cover p { font-size: 12pt; }
#pdf-toc { break-after: page; }
#pdf-toc ol { font-size: 11pt; line-height: 1.6; }
"""


def pages_in_order() -> list[str]:
    """The book's pages in the order of _toc.yml (the landing page first)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.S)
HEADING = re.compile(r"<h1>(.*?)<a class=\"headerlink\"", re.S)


def one_page(site: Path, title: str, author: str, date: str) -> str:
    """Every page's article, in the book's order, after a cover and a table of contents."""
    chapters, items = [], []
    for number, name in enumerate(pages_in_order()):
        text = (site / f"{name}.html").read_text(encoding="utf-8")
        article = ARTICLE.search(text)
        if article is None:
            raise RuntimeError(f"{name}.html has no <article class=\"bd-article\">: update tools/book_pdf.py")
        heading = HEADING.search(article.group(1))
        anchor = f"pdf-page-{number}"
        items.append(f'<li><a href="#{anchor}">{heading.group(1) if heading else html.escape(name)}</a></li>')
        chapters.append(f'<section class="book-chapter" id="{anchor}">{article.group(1)}</section>')
    first = (site / f"{pages_in_order()[0]}.html").read_text(encoding="utf-8")
    head = re.search(r"<head>(.*?)</head>", first, re.S).group(1)
    head = re.sub(r"<script\b.*?</script>", "", head, flags=re.S)  # nothing runs: the print is static
    base = (site / pages_in_order()[0]).parent.as_uri() + "/"
    front = (f'<div id="pdf-cover"><h1>{html.escape(title)}</h1><p>{html.escape(author)}</p>'
             f"<p>{html.escape(date)}</p><p>Not medical advice: the book checks published numbers; "
             "it recommends no treatment.</p></div>"
             f'<nav id="pdf-toc"><h1>Contents</h1><ol>{"".join(items)}</ol></nav>')
    return (f'<!DOCTYPE html><html lang="en"><head><base href="{base}">{head}<style>{PRINT_CSS}</style></head>'
            f'<body><main class="bd-main"><article class="bd-article">{front}{"".join(chapters)}</article></main></body></html>')


def print_pdf(page: Path, target: Path, epoch: int) -> None:
    from playwright.sync_api import sync_playwright

    browser_path = chromium_path()
    if browser_path is None:
        raise SystemExit("no Chromium found: run tools/ensure-browser.sh .venv/bin/python")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(browser_path))
        tab = browser.new_page()
        tab.goto(page.as_uri(), wait_until="load")
        tab.emulate_media(media="print")
        tab.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                header_template="<span></span>",
                footer_template='<div style="font-size:8pt;width:100%;text-align:center">'
                                '<span class="pageNumber"></span></div>',
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        browser.close()
    fix_dates(target, epoch)


def fix_dates(target: Path, epoch: int) -> None:
    """The PDF's creation and modification dates become the commit's, its ID a digest of its pages."""
    import hashlib

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    reader = PdfReader(target)
    writer = PdfWriter(clone_from=reader)
    stamp = time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(epoch))
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp,
                         "/Title": "Recomputing the evidence: liver failure and stem-cell therapy"})
    digest = hashlib.md5(b"".join(p.extract_text().encode("utf-8") for p in reader.pages)).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    with open(target, "wb") as stream:
        writer.write(stream)


def main() -> int:
    import yaml

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    start = time.monotonic()
    site = ROOT / "_build" / "html"
    if not (site / "book" / "intro.html").is_file():
        raise SystemExit("no built book: run `make book` first")
    date = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%d %B %Y").lstrip("0")
    printable = OUT.parent / "print.html"
    printable.parent.mkdir(parents=True, exist_ok=True)
    printable.write_text(one_page(site, config["title"], config["author"], date), encoding="utf-8")
    print_pdf(printable, OUT, epoch)
    SITE_COPY.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(OUT, SITE_COPY)
    from pypdf import PdfReader

    pages = len(PdfReader(OUT).pages)
    print(f"wrote {OUT.relative_to(ROOT)} ({pages} pages, {OUT.stat().st_size:,} bytes) in "
          f"{time.monotonic() - start:.0f} s; copied into the site as {SITE_COPY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
