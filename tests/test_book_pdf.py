"""The whole-book PDF that `make pdf` prints (tools/book_pdf.py): pages, figures, text as text."""

from __future__ import annotations

import re

import pytest

from evidence import paths

PDF = paths.REPO_ROOT / "_build" / "pdf" / "recomputing-the-evidence.pdf"
SITE_COPY = paths.REPO_ROOT / "_build" / "html" / "_downloads" / PDF.name

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages() -> list[str]:
    if not PDF.is_file():
        pytest.fail("no PDF: `make test` runs `make pdf` first; run `make pdf`")
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(PDF).pages]


def test_the_pdf_has_a_cover_contents_and_every_chapter(pages):
    assert 100 < len(pages) < 1000
    assert "Recomputing the evidence" in pages[0] and "Not medical advice" in pages[0]
    assert "Contents" in pages[1]
    text = "\n".join(pages)
    for title in ("Artificial liver support: does it improve survival?", "The claims audit", "Glossary"):
        assert title in text, title


def test_chinese_is_text_not_boxes(pages):
    assert "肝衰竭" in "\n".join(pages)


def test_figures_and_tables_are_numbered(pages):
    text = "\n".join(pages)
    assert len(set(re.findall(r"Fig(?:ure|\.) \d+", text))) >= 15
    assert len(set(re.findall(r"Table \d+\.", text))) >= 20


def test_no_code_toggles_are_printed(pages):
    assert not any("Show code cell" in page or "Hide code cell" in page for page in pages)


def test_the_site_carries_the_pdf_and_the_landing_page_links_it():
    assert SITE_COPY.read_bytes() == PDF.read_bytes()
    landing = (paths.REPO_ROOT / "_build" / "html" / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="../_downloads/recomputing-the-evidence.pdf"' in landing
    assert 'href="../_downloads/recomputing-the-evidence-workshop.zip"' in landing
