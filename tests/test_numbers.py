"""Numbers in Vietnamese notation: the precision they state, and the same number in English notation."""

import pandas as pd
import pytest

from plantargets.numbers import half_unit, half_units, in_english


@pytest.mark.parametrize("written, half", [("14,16", 0.005), ("3,0", 0.05), ("47", 0.5), ("1.915", 0.5), ("222.000", 0.5)])
def test_half_a_unit_of_the_last_stated_digit(written, half):
    assert half_unit(written) == pytest.approx(half)


def test_half_units_of_a_column_keep_missing_values_missing():
    result = half_units(pd.Series(["14,16", None, "1.915"]))
    assert result.iloc[0] == pytest.approx(0.005) and pd.isna(result.iloc[1]) and result.iloc[2] == pytest.approx(0.5)


@pytest.mark.parametrize("written, english", [("1.915", "1,915"), ("7,96", "7.96"), ("3,0", "3.0"), ("222.000", "222,000")])
def test_in_english_keeps_the_stated_decimals(written, english):
    assert in_english(written) == english


def test_the_loaders_fast_path_reads_numbers_as_babel_does():
    """load.py converts well-formed Vietnamese numbers on whole columns; babel's strict parser must agree on each."""
    import re
    import random

    from babel.numbers import format_decimal, parse_decimal

    from plantargets.load import _VIETNAMESE_NUMBER

    generator = random.Random(2021)
    for _ in range(2000):
        value = round(generator.uniform(-1e7, 1e7), generator.randint(0, 3))
        written = format_decimal(value, format="#,##0.###", locale="vi")
        assert re.fullmatch(_VIETNAMESE_NUMBER, written), written
        assert float(written.replace(".", "").replace(",", ".")) == float(parse_decimal(written, locale="vi", strict=True)), written
    for wrong in ("7.96", "1,915.5", "1.91", "12.3456", "1.2.3", ",5", "5,"):
        assert not re.fullmatch(_VIETNAMESE_NUMBER, wrong), wrong
