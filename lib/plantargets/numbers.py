"""Numbers written the Vietnamese way: '.' groups thousands, ',' marks decimals."""

from decimal import Decimal

from babel.numbers import format_decimal


def decimals(written: str) -> int:
    """How many decimals a number written in Vietnamese notation states ('3,0' -> 1)."""
    return len(written.partition(",")[2])


def half_unit(written: str) -> float:
    """Half a unit of the last stated digit: the most that rounding can have moved it."""
    return 0.5 * 10.0 ** -decimals(written)


def vietnamese_number(value: float, places: int = 0) -> str:
    """``value`` with ``places`` decimals, as the resolution writes it (1915 -> '1.915')."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale="vi")
