"""The two editions: every page links to the same page in the other edition, and the Chinese
pages show the same glued numbers as the English ones (tools/chinese_edition.py)."""

from __future__ import annotations

import html
import json
import re

import pytest

from evidence import paths
from evidence.language import ANY_NUMBER, CHINESE_CHARACTER

from test_built_site import SITE, toc_pages

CHINESE_SITE = SITE / "zh"
GLUE = paths.REPO_ROOT / "_build" / "jupyter_execute"


def article_text(page) -> str:
    text = page.read_text(encoding="utf-8")
    article = text.split('<article class="bd-article"', 1)[-1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", article)))


def switch_link(page) -> str:
    found = re.search(r'<p class="edition-switch"><a href="([^"]+)"', page.read_text(encoding="utf-8"))
    assert found, f"{page} has no link to the other edition"
    return found.group(1)


@pytest.mark.parametrize("name", toc_pages())
def test_each_page_links_to_itself_in_the_other_edition(name):
    english, chinese = SITE / f"{name}.html", CHINESE_SITE / f"{name}.html"
    assert chinese.is_file(), f"no Chinese page for {name}"
    assert (english.parent / switch_link(english)).resolve() == chinese.resolve()
    assert (chinese.parent / switch_link(chinese)).resolve() == english.resolve()
    assert '<html lang="zh-CN"' in chinese.read_text(encoding="utf-8")


SIDEBAR_CAPTION = re.compile(r'<span class="caption-text">([^<]*)</span>')


@pytest.mark.parametrize("name", toc_pages())
def test_the_chinese_sidebar_names_the_book_s_parts_in_chinese(name):
    captions = SIDEBAR_CAPTION.findall((CHINESE_SITE / f"{name}.html").read_text(encoding="utf-8"))
    assert captions, f"{name}: the sidebar has no part captions; the test would prove nothing"
    english = [caption for caption in captions if not CHINESE_CHARACTER.search(caption)]
    assert not english, f"{name}: the sidebar names parts in English: {english}"


@pytest.mark.parametrize("name", toc_pages())
def test_chinese_pages_carry_the_not_medical_advice_note_in_chinese(name):
    assert "不构成医疗建议" in article_text(CHINESE_SITE / f"{name}.html"), f"{name}: no Chinese not-medical-advice note"


CHINESE_GLUE = paths.REPO_ROOT / "_build" / "zh" / "_build" / "jupyter_execute"


def glued_texts(folder, name: str) -> dict[str, str]:
    """A page's glued values, as text, by key."""
    glued = json.loads((folder / f"{name}.glue.json").read_text(encoding="utf-8"))
    return {key: value["data"]["text/plain"] for key, value in glued.items() if "text/plain" in value["data"]}


def numbers_in(text: str) -> list[str]:
    return sorted(ANY_NUMBER.findall(text))


PAGES_WITH_GLUED_NUMBERS = [n for n in toc_pages() if (GLUE / f"{n}.glue.json").is_file()
                            and any(re.search(r"\d", v) for v in glued_texts(GLUE, n).values())]


def test_the_chapters_are_among_the_pages_compared():
    assert {"notebooks/alss-survival", "notebooks/t2d-insulin"} <= set(PAGES_WITH_GLUED_NUMBERS)


@pytest.mark.parametrize("name", PAGES_WITH_GLUED_NUMBERS)
def test_the_chinese_page_glues_the_same_numbers_and_shows_them(name):
    # The Chinese edition's notebooks compute every glued value again; its words differ, its
    # numbers may not.
    english, chinese = glued_texts(GLUE, name), glued_texts(CHINESE_GLUE, name)
    assert chinese.keys() == english.keys()
    differ = {key: (english[key], chinese[key]) for key in english if numbers_in(english[key]) != numbers_in(chinese[key])}
    assert not differ, f"{name}: glued numbers differ between the editions: {list(differ.items())[:3]}"
    english_page, chinese_page = article_text(SITE / f"{name}.html"), article_text(CHINESE_SITE / f"{name}.html")
    shown = [key for key, text in english.items() if re.search(r"\d", text) and len(text) < 80 and text in english_page]
    missing = [chinese[key] for key in shown if chinese[key] not in chinese_page]
    assert not missing, f"{name}: the Chinese page lacks {missing[:5]}"


CATALOGUES = paths.REPO_ROOT / "locale" / "zh_CN" / "LC_MESSAGES"


@pytest.mark.parametrize("name", [n for n in toc_pages() if (CATALOGUES / f"{n}.po").is_file()])
def test_a_translated_page_shows_its_translation(name):
    # The page's title as translated in its catalogue is the Chinese page's title.
    from babel.messages.pofile import read_po

    with (CATALOGUES / f"{name}.po").open("rb") as handle:
        translations = {m.id: m.string for m in read_po(handle) if m.id}
    article = (SITE / f"{name}.html").read_text(encoding="utf-8").split('<article class="bd-article"', 1)[-1]
    english_title = re.search(r"<h1>(.*?)<a class=\"headerlink", article, re.S).group(1)
    english_title = html.unescape(re.sub(r"<[^>]+>", "", english_title)).strip()
    chinese = (CHINESE_SITE / f"{name}.html").read_text(encoding="utf-8")
    assert english_title in translations, f"{name}: its title {english_title!r} is not in its catalogue"
    assert translations[english_title] in html.unescape(chinese), f"{name}: the Chinese page is not translated"


# Four English words in a row: a sentence or a label left untranslated.
ENGLISH_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:()/–-]+[A-Za-z][A-Za-z'’-]*){3,}")
# What stays as it is in the Chinese edition: code, the link to the English page, references
# and links to sources (titles of papers and journals), and the glossary's English terms (it is
# bilingual).
NOT_TRANSLATED = ("pre, code, script, style, .cell_input, .edition-switch, .citation-list, .citation, "
                  "dl.glossary dt, a.reference, a[href^='http']")
# The values a data column may hold, as the CSV files hold them (the datasets page), values
# quoted from the data, file names and citation keys (stem-cells-vs-liver-transplant).
DATA_VALUES = re.compile(r"取值之一：[^\n]*|'[^'\n]*'|[\w.-]+\.(?:txt|csv|bib|zip|json)\b|\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b")
# Names and words that are the same in Chinese: authors that are organisations, a journal
# abbreviation and English printed in the articles themselves, the book's own English title in
# its citation, and a file name.
SAME_IN_CHINESE = (
    "American Diabetes Association Professional Practice Committee", "U.S. Food and Drug Administration",
    "Stem Cell Res Ther", "Copyright © 2026 by author(s) and Hans Publishers Inc.",
    "Efficacy and safety of mesenchymal stem cell therapy in acute on chronic liver failure",
    "Uncertainty in the impact", "The Recomputing the Evidence contributors",
    "Recomputing the evidence: liver failure and stem-cell therapy", "Standards of Care in Diabetes",
    "Stem Cells Translational Medicine",
)
URL = re.compile(r"https?://\S+")


def english_left(page) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    for element in article.select(NOT_TRANSLATED):
        element.decompose()
    text = URL.sub("", DATA_VALUES.sub("", article.get_text("\n")))
    for same in SAME_IN_CHINESE:
        text = text.replace(same, "")
    return ENGLISH_WORDS.findall(text)


@pytest.mark.parametrize("name", toc_pages())
def test_every_chinese_page_is_in_chinese(name):
    left = english_left(CHINESE_SITE / f"{name}.html")
    assert not left, f"{name}: {len(left)} English phrases, e.g. {left[:5]}"


def test_the_chinese_edition_shows_the_quotes_without_their_english_translations():
    import csv

    with open(paths.DATA_DIR / "claims.csv", encoding="utf-8", newline="") as handle:
        claims = list(csv.DictReader(handle))
    pages = " ".join(article_text(page) for page in (CHINESE_SITE / "notebooks").glob("*.html"))
    assert all(claim["quote"] in pages for claim in claims)
    assert [claim["claim_id"] for claim in claims if claim["translation"] in pages] == []
