"""load_targets(): the shipped table, and a DataError naming file, row and field for bad input."""

import unicodedata

import pandas as pd
import pytest

import plantargets
from plantargets import DataError


# ----------------------------------------------------------------- the shipped table


def test_one_row_per_target_with_the_schema_columns(targets):
    assert targets["indicator_id"].is_unique
    assert list(targets.columns[:5]) == ["plan_id", "group", "group_vi", "group_en", "indicator_id"]
    assert {"value", "value_as_written", "unit", "kind", "comparator", "direction", "source_text"} <= set(targets.columns)


def test_columns_are_typed(targets):
    assert targets["value"].dtype == "float64"
    assert targets["group"].dtype == "int64"
    assert targets["key_target"].dtype == bool
    assert isinstance(targets["unit"].dtype, pd.CategoricalDtype)


def test_values_are_parsed_from_vietnamese_notation(targets):
    by_id = targets.set_index("indicator_id")
    assert by_id.at["grdp_growth", "value"] == 7.96  # written 7,96
    assert by_id.at["budget_revenue", "value"] == 1915.0  # written 1.915
    assert by_id.at["grain_output", "value"] == 222000.0  # written 222.000
    assert by_id.at["poverty_rate_reduction", "value_as_written"] == "3,0"


def test_ten_groups_48_numeric_key_targets_one_without_a_number(targets):
    key = targets[targets["key_target"]]
    assert sorted(key["group"].unique()) == list(range(1, 11))
    assert key["value"].notna().sum() == 48
    assert key.loc[key["value"].isna(), "indicator_id"].tolist() == ["preschool_universalisation_age5"]


def test_target_outside_the_key_paragraph_is_flagged(targets):
    outside = targets[~targets["key_target"]]
    assert outside["indicator_id"].tolist() == ["health_stations_with_doctor"]


def test_text_is_nfc(targets):
    for column in ("name_vi", "source_text", "group_vi"):
        assert targets[column].map(lambda s: unicodedata.is_normalized("NFC", s)).all(), column


def test_every_group_has_its_labels(targets):
    assert targets["group_vi"].notna().all() and targets["group_en"].notna().all()


# ----------------------------------------------------------------- bad input: DataError
# Whole files (encodings, headers, truncated rows, NFD, BOM...) are in the corpus, tests/bad_input/.


def raises(data_copy, *fragments):
    """Loading the copy raises DataError whose message has the file name and every fragment."""
    with pytest.raises(DataError) as caught:
        data_copy.load()
    message = str(caught.value)
    assert "targets.csv" in message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    return caught.value


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)


#: One field of one row changed, and what the error must say: (id, {field: bad text}, fragments).
BAD_FIELDS = [
    ("grdp_growth", {"value": "bảy"}, ["row 1 (line 2, indicator_id grdp_growth)", "field 'value'", "'bảy' is not a number"]),
    ("grdp_growth", {"value": "7.96"}, ["row 1 (line 2, indicator_id grdp_growth)", "field 'value'", "'7.96'", "7,96"]),
    ("grdp_growth", {"value": "NaN"}, ["field 'value'", "'NaN' is not a number"]),
    ("grdp_growth", {"value": "Infinity"}, ["field 'value'", "'Infinity' is not a number"]),
    ("grdp_growth", {"value": "-inf"}, ["field 'value'", "'-inf' is not a number"]),
    ("grdp_growth", {"value": "1e3"}, ["field 'value'", "'1e3'"]),
    ("grdp_growth", {"value": "7,96%"}, ["field 'value'", "'7,96%' is not a number"]),
    ("grdp_per_capita", {"value": "47,"}, ["field 'value'", "'47,' is not a number"]),
    ("grain_output", {"unit": "tons"}, ["(line 9, indicator_id grain_output)", "field 'unit'", "'tons' is not one of"]),
    ("grain_output", {"kind": "amount"}, ["grain_output", "field 'kind'", "'amount' is not one of"]),
    ("tea_area", {"comparator": ">"}, ["tea_area", "field 'comparator'", "'>' is not one of"]),
    ("tea_area", {"direction": "up"}, ["tea_area", "field 'direction'", "'up' is not one of"]),
    ("households_national_grid", {"value": "104"}, ["households_national_grid", "field 'value'", "'104' is outside 0-100"]),
    ("share_services", {"value": "-1"}, ["share_services", "field 'value'", "outside 0-100"]),
    ("stunting_under5", {"value": "126,02"}, ["stunting_under5", "field 'value'", "outside 0-100"]),
    ("budget_revenue", {"group": "11"}, ["budget_revenue", "field 'group'", "11"]),
    ("grdp_growth", {"group": "1,5"}, ["grdp_growth", "field 'group'", "'1,5' is not a whole number"]),
    ("grdp_growth", {"key_target": "yes"}, ["grdp_growth", "field 'key_target'", "'yes'"]),
    ("grdp_growth", {"indicator_id": "GRDP growth"}, ["field 'indicator_id'", "does not match the pattern"]),
    ("forest_cover", {"source_text": ""}, ["forest_cover", "field 'source_text'", "is missing"]),
    ("forest_cover", {"value": ""}, ["forest_cover", "field 'value'", "is missing"]),
    ("forest_cover", {"unit": ""}, ["forest_cover", "field 'unit'", "is missing"]),
    ("preschool_universalisation_age5", {"value": "100"}, ["preschool_universalisation_age5", "field 'value'", "must be empty"]),
    ("share_services", {"part_of": ""}, ["share_services", "field 'part_of'", "must name its whole"]),
    ("forest_cover", {"part_of": "land"}, ["forest_cover", "field 'part_of'", "only for a share of a total"]),
    ("share_services", {"part_of": "grdp_structur"}, ["share_services", "field 'part_of'", "only share of its whole"]),
    ("grain_output", {"value": "222,000", "source_text": "tổng sản lượng lương thực có hạt 222.000 tấn"},
     ["grain_output", "field 'value'", "'222,000' is not written this way in source_text"]),
    ("forest_cover", {"value": "52", "source_text": "Tỷ lệ che phủ rừng 51%"}, ["forest_cover", "field 'value'", "'52'"]),
    ("new_rural_communes_added", {"value": "4,5"}, ["new_rural_communes_added", "field 'value'", "not a whole number"]),
    ("grdp_per_capita", {"value": "-47"}, ["grdp_per_capita", "field 'value'", "is negative"]),
    ("underweight_under5", {"direction": "higher"}, ["underweight_under5", "field 'comparator'", "against the direction"]),
    ("tea_area", {"direction": "lower"}, ["tea_area", "field 'comparator'", "against the direction"]),
]


@pytest.mark.parametrize("indicator_id, changes, fragments", BAD_FIELDS, ids=[f"{i}-{next(iter(c))}={next(iter(c.values()))!r}" for i, c, _ in BAD_FIELDS])
def test_bad_field(data_copy, indicator_id, changes, fragments):
    data_copy.set(indicator_id, **changes)
    error = raises(data_copy, *fragments)
    assert len(error.problems) == 1, str(error)


def test_growth_rate_above_100_is_allowed(data_copy):
    data_copy.set("tourist_arrivals_growth", value="103,2")
    assert data_copy.load().set_index("indicator_id").at["tourist_arrivals_growth", "value"] == 103.2


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        plantargets.load_targets(tmp_path / "targets.csv")


def test_a_folder_instead_of_a_file(tmp_path):
    (tmp_path / "targets.csv").mkdir()
    with pytest.raises(DataError, match="cannot be read"):
        plantargets.load_targets(tmp_path / "targets.csv")


def test_all_problems_are_listed_at_once(data_copy):
    rows = data_copy.rows()
    rows[0]["unit"] = "tons"
    rows[1]["direction"] = "up"
    data_copy.write(rows)
    error = raises(data_copy, "field 'unit'", "field 'direction'")
    assert len(error.problems) == 2


# ----------------------------------------------------------------- input that loads as it should


def test_rows_in_another_order_give_the_same_targets(data_copy, targets):
    data_copy.write(list(reversed(data_copy.rows())))
    loaded = data_copy.load().set_index("indicator_id").sort_index()
    expected = targets.set_index("indicator_id").sort_index()
    pd.testing.assert_frame_equal(loaded, expected, check_categorical=False)
