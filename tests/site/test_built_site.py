"""The built HTML book (_build/html): every page present, figures described, nothing remote.

`make test` builds the book before running these tests.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from evidence import paths

SITE = paths.REPO_ROOT / "_build" / "html"


def toc_pages() -> list[str]:
    toc = yaml.safe_load((paths.REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.assets, self.figures, self.captions = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        if tag in ("img", "script") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") != "canonical":
            self.assets.append(attrs["href"])
        if tag == "figure":
            self.figures += 1
        if tag == "figcaption":
            self.captions += 1


def parse(page: str) -> PageParser:
    path = SITE / f"{page}.html"
    assert path.exists(), f"{path} was not built; run `make book`"
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("page", toc_pages())
def test_page_has_no_remote_asset(page):
    remote = [a for a in parse(page).assets if a.startswith(("http:", "https:", "//"))]
    assert remote == []


@pytest.mark.parametrize("page", toc_pages())
def test_every_image_has_alt_text_and_every_figure_a_caption(page):
    parsed = parse(page)
    assert [img.get("src") for img in parsed.images if not img.get("alt", "").strip()] == []
    assert parsed.figures == parsed.captions


@pytest.mark.parametrize("page", [p for p in toc_pages() if p.startswith("notebooks/")])
def test_chapter_carries_the_not_medical_advice_note_and_figures(page):
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    assert "Not medical advice" in text
    assert parse(page).figures >= 1
    for local in (a for a in parse(page).assets if not a.startswith(("http", "//", "data:"))):
        assert (SITE / Path(page).parent / local.split("?")[0].split("#")[0]).exists(), local
