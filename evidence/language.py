"""The edition being built, and the Chinese text of what the code writes.

The pages' prose is translated by Sphinx (``locale/zh_CN/LC_MESSAGES/<page>.po``). What the
code writes, from templates or from data (table headers and cells, figure labels, glued
phrases, verdict reasons, scorecard justifications), is translated here, from one more
catalogue in the same format: ``locale/zh_CN/LC_MESSAGES/generated.po``.

The edition is chosen by the environment variable ``BOOK_LANGUAGE``: ``tools/chinese_edition.py``
sets it to ``zh_CN`` for the kernels that run the Chinese edition's notebooks. Anything else is
the English edition, in which :func:`translated` returns its text unchanged.

Numbers are never translated: a text's numbers become the placeholders ``{0}``, ``{1}``… of its
message, and go back, unchanged, into the translation. "67 of 310 patients" is the message
"{0} of {1} patients", translated once as "310 名患者中的 67 名" written "{1} 名患者中的 {0} 名".
A text with no translation stops the Chinese build with an error that names it; with
``BOOK_COLLECT_MESSAGES`` set to a file, it is written there instead, for the catalogue.
"""

from __future__ import annotations

import functools
import os
import re

from evidence import paths

CHINESE = "zh_CN"
CATALOGUE = paths.REPO_ROOT / "locale" / CHINESE / "LC_MESSAGES" / "generated.po"
# A number on its own (not part of a word such as HbA1c or LF5): digits, with a sign, decimals or
# thousands separators. Digits inside a Chinese quote in an English text stay in its message as
# they are (\w matches Chinese characters).
NUMBER = re.compile(r"(?<![\w.])[-−+]?\d+(?:[.,]\d+)*(?![\w])")
# Any number, also one written against Chinese characters (7项): what two editions must share.
ANY_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])[-−+]?\d+(?:[.,]\d+)*(?![A-Za-z0-9_])")
PLACEHOLDER = re.compile(r"\{(\d+)\}")
LATIN_LETTERS = re.compile(r"[A-Za-z]{2,}")
LATIN_LETTER = re.compile(r"[A-Za-z]")
MARKUP = re.compile(r"\{[a-z:-]+\}`[^`]*`|https?://\S+")
CHINESE_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def mostly_chinese(text: str) -> bool:
    """Chinese already (a quote, a section title), though it may hold a few Latin words (MELD, HBV)."""
    return 2 * len(CHINESE_CHARACTER.findall(text)) >= len(LATIN_LETTER.findall(text))


class MissingTranslation(LookupError):
    """The Chinese edition meets a text that generated.po does not translate."""


def edition() -> str:
    """``zh_CN`` while the Chinese edition is built, else ``en``."""
    return CHINESE if os.environ.get("BOOK_LANGUAGE", "") == CHINESE else "en"


def chinese() -> bool:
    return edition() == CHINESE


def message_of(text: str) -> tuple[str, list[str]]:
    """A text as its message, with its numbers as placeholders, and the numbers in order."""
    numbers: list[str] = []

    def placeholder(match: re.Match) -> str:
        numbers.append(match.group(0))
        return f"{{{len(numbers) - 1}}}"

    return NUMBER.sub(placeholder, text), numbers


def fill(template: str, numbers: list[str]) -> str:
    """Put the numbers back into a translated message."""
    return PLACEHOLDER.sub(lambda match: numbers[int(match.group(1))], template)


def article_words(quote: str, translation: str) -> str:
    """An article's words as this edition shows them: the Chinese quote itself in the Chinese
    edition, the book's English translation of it in the English one."""
    return quote if chinese() else translation


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    """generated.po as {message: translation}, translated messages only."""
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        messages = read_po(handle)
    return {m.id: m.string for m in messages if m.id and m.string and not m.fuzzy}


@functools.lru_cache(maxsize=1)
def translations() -> frozenset[str]:
    """Every translation, its placeholders numbered in the order they appear (as message_of numbers them)."""
    def in_order(template: str) -> str:
        seen: list[str] = []
        return PLACEHOLDER.sub(lambda m: f"{{{seen.append(m.group(1)) or len(seen) - 1}}}", template)

    return frozenset(in_order(t) for t in catalogue().values())


def translated(text: str) -> str:
    """The text in the edition being built: unchanged in English; in Chinese, its translation.

    Text without words (numbers, symbols, Chinese quotes) is the same in both editions.
    """
    if not chinese() or not isinstance(text, str):
        return text
    words = MARKUP.sub("", text)  # a link's target or a role's name is not a word to translate
    if not LATIN_LETTERS.search(words):
        return text
    known = catalogue()
    if text in known:
        return known[text]
    message, numbers = message_of(text)
    if message in known:  # also an English sentence about Chinese names ("published by 边浩欣, …")
        return fill(known[message], numbers)
    if mostly_chinese(words) or message in translations():  # already Chinese (a quote; a figure's text drawn again)
        return text
    collect = os.environ.get("BOOK_COLLECT_MESSAGES")
    if collect:
        with open(collect, "a", encoding="utf-8") as record:
            record.write(repr(message) + "\n")
        return text
    raise MissingTranslation(
        f"the Chinese edition has no translation for {message!r}: add it to "
        f"{CATALOGUE.name} in locale/{CHINESE}/LC_MESSAGES (locale/README.md says how)"
    )
