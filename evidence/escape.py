"""Data shown as data: strings from data/ made safe for the page (MyST, HTML) and spreadsheets.

A quote, note or reason in a table is text. On a page it must never become markup that the
browser runs (``<script>``) or that MyST reads (a ``{raw}`` role or directive, a link, a
heading); in an exported CSV it must never become a formula that a spreadsheet evaluates.

- ``markdown_text``: for text put into Markdown/MyST (glued text, the audit's entries);
- ``html_text``: for text put into HTML; ``html_link`` for a link whose address is data;
- ``spreadsheet_safe_cell`` and ``write_csv``: for CSV exports (OWASP "CSV Injection").
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

# CommonMark: "Any ASCII punctuation character may be backslash-escaped", and an escaped
# character is always literal text. Every syntax of Markdown and of MyST's extensions starts
# with ASCII punctuation (`<`, `&`, `*`, `_`, `[`, `!`, `` ` ``, `{`, `:`, `#`, `>`, `-`, `+`,
# `|`, `$`, `%`, `(`...), so escaping all of it leaves nothing to parse; letters, digits and
# Chinese text (its punctuation is not ASCII) pass through unchanged.
ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# CommonMark's line endings; any of them could start a new block (a heading, a directive).
LINE_ENDING = re.compile(r"\r\n|\r|\n")


def markdown_text(text: object) -> str:
    """A data string as MyST/Markdown that renders as exactly this text, on one line.

    Line endings become spaces, so the text stays inside the paragraph it is put in, and
    outer spaces and tabs are dropped (Markdown drops them anyway; kept, four of them would
    start a code block). For Markdown text only: inside a role's or directive's content
    (``{ref}`...```), backslashes are not read as escapes.
    """
    one_line = LINE_ENDING.sub(" ", str(text)).strip(" \t")
    return ASCII_PUNCTUATION.sub(r"\\\1", one_line)


def html_text(text: object) -> str:
    """A data string as HTML text or attribute value: ``& < > " '`` become entities."""
    return html.escape(str(text), quote=True)


# Addresses a link may have: web pages, mail, and paths within the site. Others, such as
# "javascript:" or "data:", would run or show what the data says when the link is followed.
LINKABLE_SCHEMES = {"", "http", "https", "mailto"}
# Browsers drop these characters from an address before reading its scheme ("java\tscript:").
IGNORED_IN_ADDRESS = re.compile(r"[\x00-\x20]")


def html_link(text: object, url: object) -> str:
    """An HTML link showing ``text``; only the text when ``url`` is empty or not linkable."""
    if url:
        try:
            scheme = urlsplit(IGNORED_IN_ADDRESS.sub("", str(url))).scheme.lower()
        except ValueError:  # not an address at all, e.g. "http://["
            scheme = None
        if scheme in LINKABLE_SCHEMES:
            return f'<a href="{html_text(url)}">{html_text(text)}</a>'
    return html_text(text)


# OWASP, "CSV Injection": a spreadsheet reads a cell that begins with one of these as a
# formula (or, for tab and line breaks, strips them and reads what follows). NUL is in the
# list of OWASP ASVS 1.2.10.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
# A plain decimal number, sign allowed: a spreadsheet reads "-196" or "+5" as that number,
# which cannot call anything, so it stays a number rather than becoming text.
SIGNED_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)


def spreadsheet_safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula.

    A string that begins with ``=``, ``+``, ``-``, ``@``, a tab, a line break or NUL gets a
    leading single quote, which spreadsheets take as "this is text" (OWASP's advice), unless
    the whole string is a plain number such as ``-196``, ``-1.1`` or ``+5``. Anything that is
    not a string (a number, a missing value) is returned as it is.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not SIGNED_NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table for people to open in a spreadsheet, with no cell read as a formula.

    Every cell and column name goes through ``spreadsheet_safe_cell``, and every field is
    quoted, as OWASP advises, so that a separator inside a cell (``;`` in many locales)
    cannot start a new cell whose first character is a formula's.
    """
    safe = frame.map(spreadsheet_safe_cell)
    safe.columns = [spreadsheet_safe_cell(str(c)) for c in frame.columns]
    safe.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_ALL, lineterminator="\n")
