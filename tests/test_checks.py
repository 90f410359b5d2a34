"""The consistency catalogue: each check passes on the plan, and fails when the data is broken on purpose."""

import re

import pandas as pd
import pytest

import plantargets
from plantargets import checks
from plantargets.checks import CATALOGUE, CHECK_COLUMNS, run_checks, wording_of


def row(result: pd.DataFrame, subject: str | None = None) -> pd.Series:
    if subject is not None:
        result = result[result["subject"] == subject]
    assert len(result) == 1, result
    return result.iloc[0]


def changed(targets: pd.DataFrame, indicator_id: str, **changes) -> pd.DataFrame:
    """A copy of the loaded table with fields of one target changed: for breaks the loader itself refuses."""
    broken = targets.copy()
    at = broken.index[broken["indicator_id"] == indicator_id]
    assert len(at) == 1, indicator_id
    for field, value in changes.items():
        broken.loc[at, field] = value
    return broken


# ------------------------------------------------------------------ the plan as it is

EXPECTED_ON_THE_PLAN = {
    # check: (subject or None, status, observed, expected)
    "parts_sum_to_whole": (None, "pass", 100.0, 100.0),
    "percentages_within_0_100": (None, "pass", 0, 0),
    "growth_rates_plausible": (None, "pass", 0, 0),
    "comparator_matches_wording": (None, "pass", 0, 0),
    "commune_units_add_up": (None, "pass", 106, 106),
    "new_rural_communes": (None, "pass", 44.7, 100 * 42 / 94),
    "tea_area_before_planting": (None, "pass", 680, 8482),
    "growth_decomposition": (None, "pass", (7.96 - 0.1416 * 5) / (1 - 0.1416), None),
    "poverty_reduction": (None, "pass", 4.3, 3.0),
    "malnutrition_ceilings": (None, "pass", 26.02, 18.79),
    "enrolment_by_level": (None, "pass", 0, 0),
    "urban_at_least_rural": ("water", "pass", 96, 87),
    "jobs_and_training": (None, "pass", 100 * 8000 / 289090, 100),
    "grdp_and_budget": (None, "pass", 100 * 1915 / (47 * 478400 / 1000), 100),
    "grdp_per_capita_growth": (None, "pass", 100 * (47 / 43 - 1), 100 * (1.0796 / (478400 / 460196) ** (1 / 2.25) - 1)),
}


@pytest.mark.parametrize("check", CATALOGUE, ids=[c.__name__ for c in CATALOGUE])
def test_each_check_on_the_plan(check, targets, context):
    subject, status, observed, expected = EXPECTED_ON_THE_PLAN[check.__name__]
    result = row(check(targets, context), subject)
    assert result["check"] == check.__name__
    assert result["status"] == status, result["finding"]
    assert result["observed"] == pytest.approx(observed)
    if expected is None:
        assert pd.isna(result["expected"])
    else:
        assert result["expected"] == pytest.approx(expected)


# ------------------------------------------------------------------ broken on purpose

def in_file(indicator_id, **changes):
    """Break targets.csv (the value is rewritten in source_text too, as a changed plan would be)."""
    return lambda data: data.set(indicator_id, **changes)


def in_context(figure_id, **changes):
    return lambda data: data.set_context(figure_id, **changes)


def in_memory(indicator_id, **changes):
    """For a break the loader refuses: the check must catch it in a table made some other way."""
    return ("memory", indicator_id, changes)


BREAKS = [
    # (check, subject, how it is broken, words the finding must contain)
    ("parts_sum_to_whole", None, in_file("share_services", value="39,32"), "= 100.10"),
    ("percentages_within_0_100", None, in_memory("households_national_grid", value=104.0), "households supplied from the national grid = 104"),
    ("growth_rates_plausible", None, in_file("grdp_growth", value="79,6"), "growth of gross regional domestic product (GRDP) = 79.6"),
    ("growth_rates_plausible", None, in_file("tourist_arrivals_growth", value="-23,8"), "growth of tourist arrivals = \u221223.8"),
    ("comparator_matches_wording", None, in_file("tea_area", comparator="="), "total tea area: the words 'trên' mean >="),
    ("comparator_matches_wording", None, in_file("grain_output", comparator=">="), "total grain (cereal) output: the words '(none)' mean ="),
    ("comparator_matches_wording", None, in_memory("underweight_under5", comparator=">=", direction="higher"), "underweight children under 5"),
    ("commune_units_add_up", None, in_context("wards_2020", value="6"), "= 107; the source says 106"),
    ("new_rural_communes", None, in_file("new_rural_communes_share", value="44,9"), "do not fit together"),
    ("new_rural_communes", None, in_context("communes_xa_2020", value="95"), "do not fit together"),
    ("tea_area_before_planting", None, in_file("tea_new_planting", value="9.000"), "leaves at least \u2212518 ha"),
    ("growth_decomposition", None, in_file("agriculture_value_added_growth", value="60"), "to grow \u22120.62%"),
    ("poverty_reduction", None, in_file("poverty_rate_reduction_poor_districts", value="2,5"), "cut 2.5 points against 3.0"),
    ("poverty_reduction", None, in_context("poverty_rate_baseline_2020", value="2,33"), "leaves \u22120.67%"),
    ("malnutrition_ceilings", None, in_file("stunting_under5", comparator=">=", direction="higher"), "1 of the two is not a ceiling"),
    ("malnutrition_ceilings", None, in_file("stunting_under5", value="15"), "were the two values swapped?"),
    ("enrolment_by_level", None, in_file("enrolment_upper_secondary", value="97"), "a later level enrols more"),
    ("urban_at_least_rural", "water", in_file("rural_hygienic_water", value="97"), "a gap of \u22121 points"),
    ("urban_at_least_rural", "waste", in_file("communes_waste_collection", value="96,1"), "a gap of \u22121.1 points"),
    ("jobs_and_training", None, in_file("jobs_created", value="765.000"), "264.62% of the 2020 labour force"),
    ("grdp_and_budget", None, in_file("budget_revenue", value="191.500"), "851.69% of it"),
    ("grdp_per_capita_growth", None, in_file("grdp_per_capita", value="44"), "nominal growth of 2.33%"),
]


@pytest.mark.parametrize("check_id, subject, break_it, words", BREAKS, ids=[f"{b[0]}-{i}" for i, b in enumerate(BREAKS)])
def test_each_check_fails_on_data_broken_on_purpose(check_id, subject, break_it, words, data_copy, targets, context):
    check = getattr(checks, check_id)
    if isinstance(break_it, tuple):
        _, indicator_id, changes = break_it
        broken_targets, broken_context = changed(targets, indicator_id, **changes), context
    else:
        break_it(data_copy)
        broken_targets, broken_context = data_copy.load(), data_copy.load_context()
    result = row(check(broken_targets, broken_context), subject)
    assert result["status"] == "fail", result["finding"]
    assert words in result["finding"], result["finding"]


def test_every_check_in_the_catalogue_is_broken_on_purpose():
    assert {b[0] for b in BREAKS} == {c.__name__ for c in CATALOGUE}


def test_percentages_above_100_are_also_refused_by_the_loader(data_copy):
    data_copy.set("households_national_grid", value="104")
    with pytest.raises(plantargets.DataError, match="outside 0-100"):
        data_copy.load()


# ------------------------------------------------------------------ tolerances

def test_tolerance_is_four_half_hundredths(targets):
    assert row(checks.parts_sum_to_whole(targets))["tolerance"] == pytest.approx(4 * 0.005)


def test_a_sum_within_rounding_passes(data_copy):
    data_copy.set("share_services", value="39,24")  # 100.02: what rounding can do, no more
    assert row(checks.parts_sum_to_whole(data_copy.load()))["status"] == "pass"


def test_a_sum_just_beyond_rounding_fails(data_copy):
    data_copy.set("share_services", value="39,25")  # 100.03
    assert row(checks.parts_sum_to_whole(data_copy.load()))["status"] == "fail"


def test_a_missing_share_fails(data_copy):
    data_copy.write([r for r in data_copy.rows() if r["indicator_id"] != "share_product_taxes_less_subsidies"])
    result = row(checks.parts_sum_to_whole(data_copy.load()))
    assert result["observed"] == pytest.approx(92.77)
    assert result["status"] == "fail"


def test_tolerance_follows_the_stated_precision(data_copy):
    data_copy.set("share_services", value="39,2")  # one decimal: may be off by 0.05
    result = row(checks.parts_sum_to_whole(data_copy.load()))
    assert result["tolerance"] == pytest.approx(3 * 0.005 + 0.05)
    assert result["status"] == "pass"


def test_the_new_rural_tolerance_is_half_a_tenth(targets, context):
    assert row(checks.new_rural_communes(targets, context))["tolerance"] == pytest.approx(0.05)


def test_per_capita_growth_is_uncertain_by_whole_millions(targets, context):
    """47 and 43 are whole millions: the nominal growth may be as high as 47.5 / 42.5."""
    result = row(checks.grdp_per_capita_growth(targets, context))
    assert result["observed"] + result["tolerance"] == pytest.approx(100 * (47.5 / 42.5 - 1))


def test_a_growth_rate_on_the_band_edge_passes(data_copy):
    data_copy.set("tourist_arrivals_growth", value="30")
    assert row(checks.growth_rates_plausible(data_copy.load()))["status"] == "pass"


# ------------------------------------------------------------------ what the relations imply

def test_the_plan_counts_xa_42_at_end_2021_and_38_at_end_2020(targets, context):
    finding = row(checks.new_rural_communes(targets, context))["finding"]
    assert "Of the 94 xã, 42 make 44.68%" in finding
    assert "106 commune-level units (xã, phường and thị trấn), no whole number does (47 would be 44.34%)" in finding
    assert "42 - 4 = 38 at the end of 2020" in finding
    assert "the same as the 2020 target set in 2018, before the February 2020 reorganisation of communes (38 xã)" in finding
    assert "9 more than the 29 counted in September 2020" in finding


def test_four_more_communes_moves_the_implied_2020_count(data_copy):
    data_copy.set("new_rural_communes_added", value="6")
    assert "42 - 6 = 36 at the end of 2020" in row(checks.new_rural_communes(data_copy.load(), data_copy.load_context()))["finding"]


def test_the_rest_of_the_economy_must_grow_8_45_or_8_50(targets, context):
    finding = row(checks.growth_decomposition(targets, context))["finding"]
    assert "to grow 8.45%" in finding and "(15.5%, an estimate) as the weight: 8.50%" in finding


def test_poverty_2021_implied_from_the_provincial_list_only(targets, context):
    finding = row(checks.poverty_reduction(targets, context))["finding"]
    assert "(16.33%, on the standard in force for 2016-2020), the cut leaves 13.33% for 2021 on that measure" in finding
    assert "27,9" not in finding and "27.9" not in finding


def test_implied_grdp_budget_and_product_taxes(targets, context):
    finding = row(checks.grdp_and_budget(targets, context))["finding"]
    assert "= 22,485 billion VND of GRDP" in finding and "8.52% of it" in finding and "come to 1,626 billion VND" in finding


def test_the_growth_decomposition_says_what_it_assumes(targets, context):
    finding = row(checks.growth_decomposition(targets, context))["finding"]
    assert "Assumes that this year's shares stand in for last year's constant-price weights" in finding
    assert "'ngành nông nghiệp' covers agriculture, forestry and fishery" in finding


def test_jobs_and_training_are_not_related_to_each_other(targets, context):
    """Two separate programmes: the finding sets each against the labour force, never one against the other; and it
    names the five-year pace as the province's, not a plan's, as its source (a conference report) does."""
    finding = row(checks.jobs_and_training(targets, context))["finding"]
    assert "per worker trained" not in finding and "2.77% and 2.65% of the 2020 labour force" in finding
    assert ("Làng nghề Việt (langngheviet.com.vn), reporting the UBND tỉnh Lai Châu conference of 13/12/2020 on the "
            "2021-2025 and 2021 plans gives 8,500 jobs a year for 2021-2025: 2021 asks 850 fewer.") in finding


def test_implied_price_rise_is_3_percent(targets, context):
    assert "which leaves 3.00% for the rise in prices" in row(checks.grdp_per_capita_growth(targets, context))["finding"]


# ------------------------------------------------------------------ without the outside figures

NEEDS_CONTEXT = {
    "commune_units_add_up", "new_rural_communes", "poverty_reduction", "jobs_and_training", "grdp_and_budget",
    "grdp_per_capita_growth",
}


def test_without_context_the_checks_that_need_it_say_what_they_need(targets):
    result = run_checks(targets)
    info = result[result["status"] == "info"]
    assert set(info["check"]) == NEEDS_CONTEXT
    assert info["finding"].str.contains("from data/context.csv or data/outcomes.csv").all()
    assert (result.loc[result["status"] != "info", "status"] == "pass").all()


def test_a_missing_figure_turns_only_its_check_to_info(data_copy, targets):
    data_copy.write([r for r in data_copy.rows(data_copy.context_path) if r["figure_id"] != "labour_force_baseline_2020"], path=data_copy.context_path)
    result = run_checks(targets, data_copy.load_context())
    assert result.loc[result["status"] == "info", "check"].tolist() == ["jobs_and_training"]
    assert "Needs labour_force_baseline_2020 from data/context.csv or data/outcomes.csv." in result.loc[result["status"] == "info", "finding"].iloc[0]


def test_a_plan_without_an_indicator_says_which(targets, context):
    result = row(checks.tea_area_before_planting(targets[targets["indicator_id"] != "tea_area"], context))
    assert result["status"] == "info" and result["finding"] == "Needs the plan's tea_area."


def test_an_outside_figure_in_thousands_is_read_in_units(data_copy, targets):
    data_copy.set_context("population_census_2019", unit="thousand persons", value="460,196", value_as_written="460,196",
                          quote="dân số 460,196 nghìn người")
    finding = row(checks.grdp_per_capita_growth(targets, data_copy.load_context()))["finding"]
    assert "population growing 1.74% a year" in finding  # 460,196 thousand (Vietnamese notation) = 460,196 persons


def test_an_outside_figure_in_the_wrong_unit_is_an_error_naming_it(data_copy, targets):
    data_copy.set_context("labour_force_baseline_2020", unit="percent", value="28,909", value_as_written="28,909",
                          quote="LĐ 28,909")
    with pytest.raises(ValueError, match="data/context.csv, figure_id labour_force_baseline_2020: unit 'percent' cannot be read as 'persons'"):
        checks.jobs_and_training(targets, data_copy.load_context())


def test_the_estimate_flag_of_a_figure_reaches_the_finding(data_copy, targets, context):
    assert "43 in 2020 (an estimate)" in row(checks.grdp_per_capita_growth(targets, context))["finding"]
    data_copy.set_context("grdp_per_capita_baseline_2020", estimate="false")
    assert "43 in 2020 is nominal growth" in row(checks.grdp_per_capita_growth(targets, data_copy.load_context()))["finding"]


def test_every_row_states_its_rule(targets, context):
    result = run_checks(targets, context)
    assert result["rule"].str.contains("observed").all()


# ------------------------------------------------------------------ the catalogue as one table

def test_run_checks_is_one_table_in_catalogue_order(targets, context):
    result = run_checks(targets, context)
    assert list(result.columns) == CHECK_COLUMNS
    order = [c.__name__ for c in CATALOGUE]
    assert list(dict.fromkeys(result["check"])) == order
    assert (result["status"] == "pass").all(), result.loc[result["status"] != "pass", ["check", "finding"]]
    assert result["what"].str.len().min() > 20 and result["finding"].str.len().min() > 20


def test_run_checks_judges_each_plan_on_its_own(targets, context):
    other = targets.assign(plan_id="laichau-2021-broken")
    other.loc[other["indicator_id"] == "enrolment_upper_secondary", "value"] = 97.0
    result = run_checks(pd.concat([targets, other], ignore_index=True), context)
    assert len(result) == 2 * len(run_checks(targets, context))
    failed = result[result["status"] == "fail"]
    assert failed[["plan_id", "check"]].values.tolist() == [["laichau-2021-broken", "enrolment_by_level"]]


# ------------------------------------------------------------------ reading the wording

@pytest.mark.parametrize(
    "source_text, written, worded",
    [
        ("diện tích cây chè trên 8.482 ha", "8.482", ">="),
        ("Trung học phổ thông 53% trở lên", "53", ">="),
        ("xuống dưới 18,79%", "18,79", "<="),
        ("thể thấp còi xuống 26,02%", "26,02", "<="),
        ("không dưới 5%", "5", ">="),
        ("Thu ngân sách trên địa bàn 1.915 tỷ đồng", "1.915", "="),
        ("100% xã đạt chuẩn phổ cập giáo dục Tiểu học mức độ 2 trở lên", "100", "="),
        ("trẻ em dưới 5 tuổi suy dinh dưỡng xuống 18%", "18", "<="),
        ("tỷ lệ hộ nghèo dưới 10%", "10", "<="),
        ("hơn 2.000 tỷ đồng", "2.000", ">="),
        ("20% trở xuống", "20", "<="),
        ("8.482 ha trở lên", "8.482", ">="),
    ],
)
def test_the_words_next_to_a_number_make_it_a_bound(source_text, written, worded):
    table = pd.DataFrame({"plan_id": ["p"], "indicator_id": ["x"], "value": [1.0], "value_as_written": [written], "comparator": ["="], "source_text": [source_text]})
    assert wording_of(table)["worded"].iloc[0] == worded


# ------------------------------------------------------------------ in Vietnamese

def test_the_vietnamese_findings_are_vietnamese_with_vietnamese_numbers(targets, context):
    result = run_checks(targets, context, lang="vi").set_index("check")
    assert result.at["parts_sum_to_whole", "finding"] == "14,16 + 39,39 + 39,22 + 7,23 = 100,00."
    assert result.at["parts_sum_to_whole", "rule"] == "|giá trị tính được − giá trị đối chiếu| ≤ sai số cho phép"
    assert "Trong tổng số 94 xã, 42 xã ứng với 44,68%, làm tròn thành 44,7%" in result.at["new_rural_communes", "finding"]
    assert "42 - 4 = 38 vào cuối năm 2020" in result.at["new_rural_communes", "finding"]
    assert result.at["tea_area_before_planting", "subject"] == "diện tích chè"
    assert "có ít nhất 7.802 ha chè đã trồng trước năm 2021" in result.at["tea_area_before_planting", "finding"]
    assert "= 22.485 tỷ đồng GRDP" in result.at["grdp_and_budget", "finding"]
    assert "phải tăng 8,45%" in result.at["growth_decomposition", "finding"]
    assert "mức tăng danh nghĩa 9,30%" in result.at["grdp_per_capita_growth", "finding"]
    assert result.at["commune_units_add_up", "finding"] == "94 xã + 5 phường + 7 thị trấn = 106; nguồn ghi 106."
    assert result.at["enrolment_by_level", "tolerance_reason"] == "một quan hệ thứ tự, không phải một đẳng thức"
    # the same numbers and verdicts as in English; no English sentence left
    english = run_checks(targets, context).set_index("check")
    assert (result["status"] == english["status"]).all() and (result["observed"].equals(english["observed"]))
    for column in ("what", "rule", "tolerance_reason", "finding"):
        assert not (result[column] == english[column]).any(), column
    assert not result["finding"].str.contains(r"\d\.\d{2}%|the plan|points", regex=True).any()


def test_a_broken_plan_fails_in_vietnamese_with_a_true_minus(data_copy):
    data_copy.set("rural_hygienic_water", value="97")
    result = row(checks.urban_at_least_rural(data_copy.load(), data_copy.load_context(), lang="vi"), "nước sạch")
    assert result["status"] == "fail" and "chênh lệch \u22121 điểm phần trăm" in result["finding"]


def test_without_context_the_vietnamese_note_says_what_is_missing(targets):
    result = run_checks(targets, lang="vi")
    assert "Cần labour_force_baseline_2020 trong data/context.csv hoặc data/outcomes.csv." in result["finding"].tolist()


def test_the_card_reads_in_vietnamese(targets):
    shown = checks.card(checks.parts_sum_to_whole(targets, lang="vi"), lang="vi")
    assert shown.loc["Sai số cho phép", "grdp_structure"] == "0,02"
    assert shown.loc["Đánh giá", "grdp_structure"] == "khớp"


def test_each_check_says_which_targets_it_read(targets, context):
    """The column ``uses`` lists the ids of the targets a check read: what a target's page lists its checks by."""
    summary = run_checks(targets, context)
    ids = set(targets["indicator_id"])
    for row in summary.itertuples():
        used = row.uses.split()
        assert set(used) <= ids, row.check
        if row.check not in ("percentages_within_0_100", "growth_rates_plausible", "comparator_matches_wording"):
            assert used == [i for i in re.split(r"[,;]? ", str(row.inputs).split(";")[0]) if i in ids], row.check
    growth = summary[summary["check"] == "growth_rates_plausible"].iloc[0]
    assert set(growth["uses"].split()) == set(targets.loc[targets["kind"] == "growth rate", "indicator_id"])
    assert summary[summary["check"] == "commune_units_add_up"].iloc[0]["uses"] == ""  # outside figures only
    fewer = targets[targets["indicator_id"] != "tourist_arrivals_growth"]
    again = run_checks(fewer, context)
    assert "tourist_arrivals_growth" not in again[again["check"] == "growth_rates_plausible"].iloc[0]["uses"].split()
