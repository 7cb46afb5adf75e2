"""The two editions: every page links to the same page in the other edition, and the Chinese
pages show the same glued numbers as the English ones (tools/chinese_edition.py)."""

from __future__ import annotations

import html
import json
import re

import pytest

from evidence import paths

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


@pytest.mark.parametrize("name", toc_pages())
def test_chinese_pages_carry_the_not_medical_advice_note_in_chinese(name):
    assert "不构成医疗建议" in article_text(CHINESE_SITE / f"{name}.html"), f"{name}: no Chinese not-medical-advice note"


def glued_numbers_shown(name: str) -> list[str]:
    """The short glued values with a digit that the English page shows."""
    glued = json.loads((GLUE / f"{name}.glue.json").read_text(encoding="utf-8"))
    english = article_text(SITE / f"{name}.html")
    return [value["data"]["text/plain"] for value in glued.values()
            if "text/plain" in value["data"] and re.search(r"\d", value["data"]["text/plain"])
            and len(value["data"]["text/plain"]) < 80 and value["data"]["text/plain"] in english]


PAGES_WITH_GLUED_NUMBERS = [n for n in toc_pages() if (GLUE / f"{n}.glue.json").is_file() and glued_numbers_shown(n)]


def test_the_chapters_are_among_the_pages_compared():
    assert {"notebooks/alss-survival", "notebooks/t2d-insulin"} <= set(PAGES_WITH_GLUED_NUMBERS)


@pytest.mark.parametrize("name", PAGES_WITH_GLUED_NUMBERS)
def test_the_chinese_page_shows_the_english_pages_glued_numbers(name):
    # Every glued value with a digit that the English page shows, the Chinese page shows too.
    shown = glued_numbers_shown(name)
    chinese = article_text(CHINESE_SITE / f"{name}.html")
    missing = [value for value in shown if value not in chinese]
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
