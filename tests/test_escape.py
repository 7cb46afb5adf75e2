"""Strings from data shown as data: in MyST/Markdown, in HTML and in exported CSV files.

The Markdown cases are rendered by MyST itself (the parser the book uses, with the book's
extensions), and the result is read back as the text a reader would see.
"""

import csv
import html
import re

import pandas as pd
import pytest
from docutils.core import publish_string
from myst_parser.parsers.docutils_ import Parser

from evidence.escape import html_link, html_text, markdown_text, spreadsheet_safe_cell, write_csv

# --- markdown_text: rendered by MyST ------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "```{raw} html\n<script>alert(3)</script>\n```",
    "{raw:html}`<b>x</b>`",
    ":::{raw} html\n<b>x</b>\n:::",
    "{{ substitution }}",
    "(a-target)=",
    "% a comment",
    "# a heading",
    "> a quote",
    "- a list",
    "1. a numbered list",
    "| a | table |",
    "+++ a block break",
    "term\n: a definition",
    "[a link](javascript:alert(4))",
    "![an image](x.png)",
    "<https://example.org>",
    "*emphasis* _emphasis_ **strong** `code`",
    "&lt;b&gt; and &amp;",
    "a\\b and a trailing backslash\\",
]


def rendered_myst(markdown: str) -> str:
    """The HTML body MyST makes of ``markdown``, with the book's Markdown extensions."""
    page = publish_string(
        markdown,
        parser=Parser(),
        writer_name="html5",
        settings_overrides={
            "myst_enable_extensions": ["colon_fence", "deflist", "substitution"],
            "output_encoding": "unicode",
            "report_level": 5,
        },
    )
    return page.split("<main>", 1)[1].split("</main>", 1)[0]


def shown_text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_renders_as_the_same_text_in_one_paragraph(payload):
    body = rendered_myst(markdown_text(payload))
    # One paragraph and nothing else: no element the payload asked for, no directive output.
    assert re.findall(r"<(\w+)", body) == ["p"], body
    assert shown_text(body) == payload.replace("\n", " ")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_stays_text_inside_a_quote_and_emphasis(payload):
    # The audit pages put a quote after "> " and a translation between "*...*".
    body = rendered_myst(f"> {markdown_text(payload)}\n\n*{markdown_text(payload)}*\n")
    assert re.findall(r"<(\w+)", body) == ["blockquote", "p", "p", "em"], body
    assert body.count(html.escape(payload.replace("\n", " "), quote=False)) == 2


def test_markdown_text_escapes_ascii_punctuation_only():
    # Worked by hand: each ASCII punctuation mark gets one backslash; nothing else changes.
    assert markdown_text("<b>") == "\\<b\\>"
    assert markdown_text("-196") == "\\-196"
    assert markdown_text("62.5%") == "62\\.5\\%"
    # Chinese text and its full-width punctuation are not ASCII: untouched.
    assert markdown_text("术后两周精心护理后，陈先生已完全康复（见图）") == "术后两周精心护理后，陈先生已完全康复（见图）"


def test_chinese_quote_and_numbers_display_exactly():
    quote = "在接受ALSS治疗的患者中,28天生存率为62.5%(n=40),而对照组为-1.1"
    assert shown_text(rendered_myst(markdown_text(quote))) == quote


def test_markdown_text_puts_every_kind_of_line_ending_on_one_line():
    assert markdown_text("a\nb\r\nc\rd") == "a b c d"
    # Outer spaces would make an indented code block; Markdown would drop them anyway.
    assert markdown_text("    code") == "code"
    assert shown_text(rendered_myst(markdown_text("line one\n# not a heading"))) == "line one # not a heading"


# --- html_text ------------------------------------------------------------------------------


def test_html_text_escapes_the_five_characters_of_html():
    assert html_text("<img src=x onerror=\"alert('2')\"> & more") == (
        "&lt;img src=x onerror=&quot;alert(&#x27;2&#x27;)&quot;&gt; &amp; more"
    )
    assert html_text("肝衰竭 37%") == "肝衰竭 37%"


@pytest.mark.parametrize("url", ["https://doi.org/10.1186/cc12508", "../data/claims.csv", "mailto:a@b.org", "#table-claims"])
def test_html_link_links_web_and_site_addresses(url):
    assert html_link("<the> source", url) == f'<a href="{url}">&lt;the&gt; source</a>'


def test_html_link_escapes_the_address():
    assert html_link("x", 'https://a.org/?q="><script>') == '<a href="https://a.org/?q=&quot;&gt;&lt;script&gt;">x</a>'


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)", "data:text/html,<b>x</b>",
            "vbscript:msgbox(1)", "http://[", "", None],
)
def test_html_link_shows_only_the_text_for_an_address_that_could_run_code(url):
    assert html_link("<the> source", url) == "&lt;the&gt; source"


# --- spreadsheet_safe_cell and write_csv ----------------------------------------------------

# OWASP "CSV Injection": the characters a spreadsheet reads as the start of a formula.
OWASP_CASES = ["=1+1", "+cmd", "-cmd", "@SUM(1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")", "-2+3", "-", "+"]


@pytest.mark.parametrize("cell", OWASP_CASES)
def test_every_owasp_trigger_is_neutralised_with_a_single_quote(cell):
    assert spreadsheet_safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("number", ["-196", "-1.1", "+5", "-0.5e3", "-.5", "12", "0.001"])
def test_a_number_stays_a_number(number):
    # A spreadsheet reads these as numbers, which cannot call anything.
    assert spreadsheet_safe_cell(number) == number


@pytest.mark.parametrize("value", [-196, -1.1, None, 3])
def test_values_that_are_not_strings_are_left_alone(value):
    assert spreadsheet_safe_cell(value) == value


@pytest.mark.parametrize("cell", ["plain", "37%", "a=b", "", "'-already quoted", "LFR-001"])
def test_strings_that_do_not_start_with_a_trigger_are_untouched(cell):
    assert spreadsheet_safe_cell(cell) == cell


@pytest.mark.parametrize("cell", ["-196;-1.1", "-inf", "-1,000", "+5 %", "-١٢"])
def test_a_string_that_only_starts_like_a_number_is_neutralised(cell):
    # Two values, a word, a thousands separator, a unit, Arabic-Indic digits: not a plain number.
    assert spreadsheet_safe_cell(cell) == "'" + cell


def test_write_csv_neutralises_formulas_and_keeps_numbers(tmp_path):
    frame = pd.DataFrame({
        "cell": ["=1+1", "+cmd", "-cmd", "@SUM(1)", "\tx", "\rx", "-196", "-1.1", "+5", "a;=1+1", "LFR-001"],
        "number": [1, -196, -1.1, 2, 3, 4, 5, 6, 7, 8, 9],
        "=header": [""] * 11,
    })
    path = tmp_path / "export.csv"
    write_csv(frame, path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["cell", "number", "'=header"]
    assert [r[0] for r in rows[1:]] == [
        "'=1+1", "'+cmd", "'-cmd", "'@SUM(1)", "'\tx", "'\rx", "-196", "-1.1", "+5", "a;=1+1", "LFR-001",
    ]
    assert [r[1] for r in rows[1:3]] == ["1.0", "-196.0"]
    # Every field is quoted, so a ";" (the separator of many locales) cannot open a new cell.
    text = path.read_text(encoding="utf-8")
    assert '"a;=1+1"' in text and '"-196"' in text
    assert text.splitlines()[0] == '"cell","number","\'=header"'
