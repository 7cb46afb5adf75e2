"""The built HTML book (_build/html): every page present, figures described, nothing remote.

`make test` builds the book before running these tests.
"""

import html
import json
import re
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


def chapter_pages() -> list[str]:
    """The pages of the "Chapters" part: the analyses (appendices are listed elsewhere)."""
    toc = yaml.safe_load((paths.REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [c["file"] for part in toc["parts"] if part["caption"] == "Chapters" for c in part["chapters"]]


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


@pytest.mark.parametrize("page", chapter_pages())
def test_chapter_carries_the_not_medical_advice_note_and_figures(page):
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    assert "Not medical advice" in text
    assert parse(page).figures >= 1
    for local in (a for a in parse(page).assets if not a.startswith(("http", "//", "data:"))):
        assert (SITE / Path(page).parent / local.split("?")[0].split("#")[0]).exists(), local


class LinkParser(HTMLParser):
    """Every link of a page and every element id it defines."""

    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse_links(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def ledger_links(page: str) -> list[str]:
    """The page's links to an entry of the claims audit (an anchor '#claim-…')."""
    return [href for href in parse_links(SITE / f"{page}.html").links if "#claim-" in href]


@pytest.mark.parametrize("page", [p for p in toc_pages() if p.startswith("notebooks/")])
def test_every_link_to_the_claims_ledger_resolves(page):
    for href in ledger_links(page):
        target, anchor = href.split("#", 1)
        target_path = (SITE / page).parent / target if target else SITE / f"{page}.html"
        assert target_path.exists(), href
        assert anchor in parse_links(target_path).ids, f"{page}: {href} points to no anchor"


def test_the_alss_chapter_links_its_claims_to_the_ledger():
    links = ledger_links("notebooks/alss-survival")
    assert any(link.startswith("audit-lfr.html#claim-lfr-") for link in links), links


def test_every_claim_has_an_anchor_in_the_audit_appendix():
    from evidence.audit import claim_anchor, claim_page
    from evidence.data import load_table

    ids_by_page = {}
    for claim_id in load_table("claims")["claim_id"]:
        page = claim_page(claim_id)
        if page not in ids_by_page:
            ids_by_page[page] = parse_links(SITE / "notebooks" / f"{page}.html").ids
        assert claim_anchor(claim_id) in ids_by_page[page], claim_id
@pytest.mark.parametrize("page", chapter_pages())
def test_chapter_offers_its_notebook_for_download(page):
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    link = f"../_sources/{page}.ipynb"
    assert f'href="{link}"' in text, "no .ipynb download button"
    assert (SITE / "_sources" / f"{page}.ipynb").exists()


@pytest.mark.parametrize("page", chapter_pages())
def test_chapter_links_terms_to_the_glossary(page):
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    assert 'href="../book/glossary.html#term-' in text, "link first uses of terms with {term}`...`"


@pytest.mark.parametrize("page", chapter_pages())
def test_chapter_launch_buttons_are_plain_links(page):
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    # Links only: their logos are local files and nothing is fetched from either service.
    assert "mybinder.org/v2/gh/" in text and "colab.research.google.com/github/" in text


def test_datasets_appendix_links_every_table_to_its_csv_in_the_site():
    package = json.loads(paths.DATA_PACKAGE.read_text(encoding="utf-8"))
    text = (SITE / "notebooks" / "datasets.html").read_text(encoding="utf-8")
    for table in package["resources"]:
        assert f'href="../data/{table["path"]}"' in text, table["name"]
        assert (SITE / "data" / table["path"]).read_bytes() == (paths.DATA_DIR / table["path"]).read_bytes()
        assert f'id="table-{table["name"]}"' in text


# The terms the chapters rely on; each must stay defined in book/glossary.md.
GLOSSARY_TERMS = [
    "ACLF", "ACLF grade", "ALSS", "SMT", "Plasma exchange", "MARS", "MELD score", "Propensity score matching",
    "Kaplan–Meier estimate", "Confidence interval", "Credible interval", "Wilson interval", "Risk difference",
    "Risk ratio", "Hazard ratio", "Odds ratio", "NNT", "p-value", "Fisher exact test", "Meta-analysis",
    "Network meta-analysis", "GRADE certainty", "I²", "RCT", "Cohort study", "Case report", "MSC", "UC-MSC",
    "HbA1c", "C-peptide", "HOMA-IR", "HOMA-β", "Insulin resistance", "Type 2 diabetes", "Severe alcoholic hepatitis",
    "Bacterial infection", "Precipitant", "Liver transplantation", "Xenotransplantation", "HBV", "Tenofovir",
    "TMF", "TAF", "Entecavir", "人工肝支持系统", "间充质干细胞", "糖化血红蛋白", "肝移植", "诱因", "慢加急性肝衰竭",
]


def test_glossary_defines_every_term_in_english_and_chinese():
    terms = re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink"', (SITE / "book" / "glossary.html").read_text(encoding="utf-8"))
    defined = {html.unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in terms}
    assert [t for t in GLOSSARY_TERMS if t not in defined] == []
    # Every entry carries a Chinese name: count entries (definitions) against CJK term lines.
    glossary = (paths.REPO_ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    entries = re.split(r"\n\s*\n", "\n".join(b for b in re.findall(r"```\{glossary\}\n(.*?)```", glossary, re.S)))
    without_chinese = [e.split("\n")[0] for e in entries if e.strip() and not re.search(r"^[^ ].*[\u4e00-\u9fff]", e, re.M)]
    assert without_chinese == []


def test_how_to_cite_matches_citation_cff():
    cff = yaml.safe_load((paths.REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["authors"] == [{"name": "The Recomputing the Evidence contributors"}]
    assert {"message", "title", "version", "date-released", "license"} <= set(cff)
    page = (paths.REPO_ROOT / "book" / "how-to-cite.md").read_text(encoding="utf-8")
    assert f"version {cff['version']}, released {cff['date-released']}" in page
    assert f"version = {{{cff['version']}}}" in page
    assert "CITATION.cff" in (SITE / "book" / "how-to-cite.html").read_text(encoding="utf-8")


class TableParser(HTMLParser):
    """Every <table> of a page: whether it has a caption, and the text of its cells."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "cells": []})
        elif tag == "caption" and self.tables:
            self._cell = "caption"
        elif tag in ("td", "th") and self.tables:
            self.tables[-1]["cells"].append("")
            self._cell = "cell"

    def handle_endtag(self, tag):
        if tag in ("td", "th", "caption"):
            self._cell = None

    def handle_data(self, data):
        if self._cell == "caption":
            self.tables[-1]["caption"] += data
        elif self._cell == "cell":
            self.tables[-1]["cells"][-1] += data


# Data tables the book computes (not Sphinx's own layout tables, e.g. the bibliography's).
def data_tables(page: str) -> list[dict]:
    parser = TableParser()
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    parser.feed("".join(re.findall(r"<table[^>]*evidence-table.*?</table>", text, flags=re.S)))
    return parser.tables


SCIENTIFIC = re.compile(r"^-?\d+(\.\d+)?e[-+]?\d+$", re.IGNORECASE)


@pytest.mark.parametrize("page", [p for p in toc_pages() if p.startswith("notebooks/")])
def test_every_table_prints_as_a_journal_would(page):
    for table in data_tables(page):
        assert re.match(r"Table \d+\. \S", table["caption"]), f"{page}: a table without a caption"
        for cell in (c.strip() for c in table["cells"]):
            assert cell not in ("True", "False", "nan", "NaN", "None"), f"{page}, {table['caption']!r}: {cell!r}"
            assert not SCIENTIFIC.match(cell), f"{page}, {table['caption']!r}: scientific notation {cell!r}"
            assert not re.fullmatch(r"-?\d+\.\d*[1-9]0{3,}", cell), f"{page}: trailing zeros {cell!r}"


def test_the_table_check_finds_the_faults_it_looks_for():
    parser = TableParser()
    parser.feed('<table class="evidence-table"><caption>Table 1. X</caption><tr><td>True</td><td>7.19e-07</td></tr></table>')
    cells = parser.tables[0]["cells"]
    assert cells == ["True", "7.19e-07"] and parser.tables[0]["caption"] == "Table 1. X"
    assert SCIENTIFIC.match(cells[1])


def test_pages_for_readers_show_no_to_do_text():
    for page in ("book/how-to-cite", "book/intro", "book/errata"):
        text = (SITE / f"{page}.html").read_text(encoding="utf-8")
        for marker in ("TODO", "To do", "to-do", "When the book is published online, add"):
            assert marker not in text, f"{page}: {marker!r}"


def test_the_five_articles_are_cited_by_publisher_never_as_anonymous():
    text = (SITE / "book" / "bibliography.html").read_text(encoding="utf-8")
    assert "Anonymous" not in text
    assert text.count("Hangji Stem Cells") >= 4
    assert ".zh.txt" not in text and ".zh-hant.txt" not in text  # no internal file names


@pytest.mark.parametrize("page", [p for p in toc_pages() if p != "book/errata"])
def test_every_page_links_to_how_to_report_an_error(page):
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    link = re.search(r'<p class="report-an-error"><a href="([^"]+)"', text)
    assert link, f"{page} has no report-an-error link"
    target = (SITE / page).parent / link.group(1).split("#")[0]
    assert target.resolve() == (SITE / "book" / "errata.html").resolve()


def test_landing_page_shows_the_five_articles_with_their_claim_counts():
    import csv

    text = html.unescape((SITE / "book" / "intro.html").read_text(encoding="utf-8"))
    text = text.split('class="article-cards"', 1)[1]  # the cards, not the navigation
    with open(paths.DATA_DIR / "claims.csv", encoding="utf-8", newline="") as handle:
        claims = list(csv.DictReader(handle))
    with open(paths.DATA_DIR / "source_articles.csv", encoding="utf-8", newline="") as handle:
        articles = list(csv.DictReader(handle))
    assert len(articles) == 5
    for article in articles:
        n = sum(claim["article"] == article["article"] for claim in claims)
        card = text[text.index(article["short_title"]):]
        assert f"(of {n} claims)" in card[:1500], article["short_title"]


def test_landing_page_pastes_the_transplant_figure_read_from_artru():
    import csv

    with open(paths.DATA_DIR / "primary_values.csv", encoding="utf-8", newline="") as handle:
        value = next(r["value"] for r in csv.DictReader(handle) if r["key"] == "artru2017_survival_1y_aclf3")
    text = (SITE / "book" / "intro.html").read_text(encoding="utf-8")
    assert f"{value}%" in text


AUDIT_PAGES = [p for p in toc_pages() if p.startswith("notebooks/audit-")]


@pytest.mark.parametrize("page", AUDIT_PAGES)
def test_audit_pages_keep_code_identifiers_behind_a_fold(page):
    text = (SITE / f"{page}.html").read_text(encoding="utf-8")
    outside_folds = re.sub(r"<details.*?</details>", "", text, flags=re.S)
    for identifier in ("primary_values(", "km_survival_percent", "claim_checks("):
        assert identifier not in outside_folds, f"{page} shows {identifier!r} outside a fold"


def test_each_article_goes_by_its_one_plain_title_on_its_pages():
    import csv

    with open(paths.DATA_DIR / "source_articles.csv", encoding="utf-8", newline="") as handle:
        titles = [row["short_title"] for row in csv.DictReader(handle)]
    for prefix, title in zip(("lfr", "lf5", "sclt", "t2ds", "t2dh"), titles):
        for page in (f"notebooks/audit-{prefix}", f"notebooks/article-{prefix}"):
            heading = re.search(r"<h1>([^<]*)", (SITE / f"{page}.html").read_text(encoding="utf-8"))
            assert heading and html.unescape(heading.group(1)).strip().endswith(title), page
