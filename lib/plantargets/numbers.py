"""Numbers written the Vietnamese way: '.' groups thousands, ',' marks decimals."""

import re
from decimal import Decimal

import pandas as pd


def decimals(written: str) -> int:
    """How many decimals a number written in Vietnamese notation states ('3,0' -> 1)."""
    return len(written.partition(",")[2])


def half_unit(written: str) -> float:
    """Half a unit of the last stated digit: the most that rounding can have moved it."""
    return 0.5 * 10.0 ** -decimals(written)


def half_units(written: pd.Series) -> pd.Series:
    """``half_unit`` of each number in a column written in Vietnamese notation (missing stays missing)."""
    text = pd.Series([str(w) if isinstance(w, str) else "" for w in written], index=written.index, dtype=object)
    places = text.map(lambda w: len(w.partition(",")[2]))
    return (0.5 * 10.0 ** -places.astype("float64")).where(written.notna())


def vietnamese_number(value: float, places: int = 0) -> str:
    """``value`` with ``places`` decimals, as the resolution writes it (1915 -> '1.915'): babel's Vietnamese notation,
    as every reader-facing number (``plantargets.i18n.number``)."""
    from .i18n import number

    return number(value, "vi", places)


def as_number_token(written: str) -> re.Pattern:
    """A pattern that finds ``written`` as a whole number in a text, not inside a longer one.

    '5' is found in 'tăng 5%' but not in '95%', '5,5' or '1.915'.
    """
    return re.compile(r"(?<![0-9])(?<![0-9][.,])" + re.escape(written) + r"(?![0-9])(?![.,][0-9])")


def in_english(written: str) -> str:
    """A number written in Vietnamese notation, in English notation with the same decimals.

    '1.915' -> '1,915'; '7,96' -> '7.96'; '3,0' -> '3.0'.
    """
    places = decimals(written)
    value = Decimal(written.replace(".", "").replace(",", "."))
    return f"{value:,.{places}f}"


def plain(written: str) -> str:
    """A number written in Vietnamese notation, in plain notation: '.' for decimals, no grouping, the decimals kept.

    '1.915' -> '1915'; '7,96' -> '7.96'; '3,0' -> '3.0'; '-2,5' -> '-2.5'. What pandas, R and a spreadsheet read as a
    number with their defaults."""
    text = written.strip().replace("\u2212", "-")
    if not re.fullmatch(r"-?[0-9]{1,3}(?:\.[0-9]{3})*(?:,[0-9]+)?|-?[0-9]+(?:,[0-9]+)?", text):
        raise ValueError(f"{written!r} is not a number in Vietnamese notation")
    return text.replace(".", "").replace(",", ".")
