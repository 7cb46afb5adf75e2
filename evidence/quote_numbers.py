"""Every number a quote states, however it is written, so that a claim's values can be
checked against its quote.

The articles write numbers as digits (``37%``), with a Chinese multiplier (``10万`` is
100,000; ``50–80万元`` is 500,000 to 800,000), in scientific notation (``2.0×10^6``), in
Chinese numerals (``三次`` 3, ``百万`` 1,000,000, ``三成`` 30%, ``十分之一`` 0.1) or in Roman
numerals (``III 级`` 3). The ledger's ``values`` column holds each as a plain number.
A vague ``数`` ("a few") before a counter of time (``数周``, a few weeks) is read as 1 of
that counter: the ledger records the unit and says in its note that the number is vague.
"""

from __future__ import annotations

import re
import unicodedata

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CHINESE_NUMBER = re.compile(f"[{''.join(DIGITS)}{''.join(UNITS)}{''.join(BIG_UNITS)}]+")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# 5–10万: a range whose multiplier, written once after the second number, applies to both.
ARABIC = re.compile(r"(-?\d+(?:\.\d+)?)(?:\s*[–\-~～至到]\s*(\d+(?:\.\d+)?))?\s*(百万|千万|[万萬亿億])?")
POWER_OF_TEN = re.compile(r"(\d+(?:\.\d+)?)\s*[×x\*]\s*10\^?(\d+)")


def chinese_numeral(text: str) -> int:
    """二十三 → 23, 百万 → 1,000,000, 十 → 10, 三 → 3."""
    total, section, digit = 0, 0, None
    for character in text:
        if character in DIGITS:
            digit = DIGITS[character]
        elif character in UNITS:
            section += (1 if digit is None else digit) * UNITS[character]
            digit = None
        else:  # 万 or 亿 closes a section
            section += digit or 0
            total += (section or 1) * BIG_UNITS[character]
            section, digit = 0, None
    return total + section + (digit or 0)


def numbers_in(quote: str) -> set[float]:
    """Every number the quote states (full-width digits are read as ASCII ones)."""
    text = unicodedata.normalize("NFKC", quote)
    found: set[float] = set()
    for match in ARABIC.finditer(text):
        multiplier = {"百万": 10**6, "千万": 10**7}.get(match[3] or "", BIG_UNITS.get(match[3] or "", 1))
        for number in filter(None, (match[1], match[2])):
            # '10%-20%' reads as 10 and -20: a '-' may be a range's dash, so keep 20 as well.
            found |= {float(number), abs(float(number)), float(number) * multiplier}
    for match in POWER_OF_TEN.finditer(text):
        found.add(float(match[1]) * 10 ** int(match[2]))
    for match in re.finditer(r"([一二三四五六七八九十百千]+)分之([一二三四五六七八九十]+)", text):
        found.add(chinese_numeral(match[2]) / chinese_numeral(match[1]))
    for match in CHINESE_NUMBER.finditer(text):
        value = chinese_numeral(match[0])
        found.add(float(value))
        if text[match.end():match.end() + 1] == "成":  # 三成: three tenths, 30%
            found.add(float(value * 10))
    if re.search(r"数(?=[周天日月年个小])", text):  # 数周: a few weeks, recorded as the unit
        found.add(1.0)
    for match in re.finditer(r"(?<![A-Za-z])(I{1,3}|IV|VI{0,3}|IX|X)(?![A-Za-z])", text):
        found.add(float(ROMAN[match[0]]))
    return found


def value_in_quote(value: str, quote: str) -> bool:
    """Whether a ledger value (a plain number) is stated in the quote."""
    wanted = float(value)
    return any(abs(wanted - number) <= 1e-9 * max(1.0, abs(wanted)) for number in numbers_in(quote))
