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
