"""The numbers a notebook's prose writes, in its edition's notation: what tests/test_editions.py compares."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

#: What is not prose of the edition: code spans and blocks, link targets, and quotes of the sources (their numbers are
#: the sources' own, checked against data/ elsewhere).
_NOT_PROSE = [
    re.compile(r"```.*?```", re.S), re.compile(r"`[^`]*`"), re.compile(r"\]\([^)]*\)"),
    re.compile(r"“[^”]*”"), re.compile(r'"[^"\n]*"'), re.compile(r"«[^»]*»"),
]
_NUMBER = {
    "vi": re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?!\d)"),
    "en": re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"),
}
#: A number in the other notation: a decimal comma in English ('7,96'), a decimal point in Vietnamese ('7.96'),
#: where the digits after it cannot be a group of thousands.
_WRONG = {
    "vi": re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.,])"),
    "en": re.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d.,])"),
}


#: A heading's section number ('### 4.10 Jobs'): a label, written alike in both languages, not a number of the text.
_SECTION_NUMBER = re.compile(r"^(#+ )\d+(?:\.\d+)*\.? ", re.M)


def prose_only(text: str) -> str:
    text = _SECTION_NUMBER.sub(r"\1", text)
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def numbers(text: str, lang: str) -> Counter:
    """The numbers of ``text`` (as Decimals, sign aside) written in the notation of ``lang``; an English month name
    counts as its number ('8-10 December 2020' is 8, 10, 12, 2020, as '8-10/12/2020' is)."""
    text = prose_only(text)
    if lang == "en":
        # 'the five-year plan' is 'kế hoạch 5 năm' in Vietnamese, as the province writes it
        text = re.sub(r"\b[Ff]ive([- ])year", r"5\1year", text)
        for i, month in enumerate(MONTHS, start=1):
            text = re.sub(rf"\b{month}\b", f" {i} ", text)
    found = Counter()
    for token in _NUMBER[lang].findall(text):
        plain = token.replace(".", "").replace(",", ".") if lang == "vi" else token.replace(",", "")
        found[Decimal(plain).normalize()] += 1
    return found


def wrong_notation(text: str, lang: str) -> list[str]:
    """The numbers of ``text`` written in the other language's notation."""
    return _WRONG[lang].findall(prose_only(text))
