"""data/outcomes.csv: 2020 values, 2021 results and later targets of the plan's indicators, each quoted."""

import pytest

import plantargets
from plantargets.paths import OUTCOMES_CSV


def test_every_row_is_a_target_of_the_plan_in_the_same_unit(outcomes, targets):
    joined = outcomes.merge(targets, on=["plan_id", "indicator_id"], how="left", suffixes=("", "_target"))
    assert joined["kind"].notna().all()
    assert (joined["unit"].astype(str) == joined["unit_target"].astype(str)).all()


def test_what_the_file_holds(outcomes):
    """Five 2020 values, five 2021 results (for three targets), 37 targets of later plans."""
    assert outcomes["role"].value_counts().to_dict() == {"plan": 37, "baseline": 5, "result": 5}
    results = outcomes[outcomes["role"] == "result"]
    assert sorted(set(results["indicator_id"])) == ["budget_revenue", "grdp_growth", "grdp_per_capita"]
    assert set(results["year"]) == {"2021"} and set(outcomes.loc[outcomes["role"] == "baseline", "year"]) == {"2020"}
    assert set(outcomes.loc[outcomes["role"] == "plan", "year"]) == {"2022", "2025", "2021-2025"}


def test_every_quote_contains_its_value_as_written(outcomes):
    for figure_id, row in outcomes.iterrows():
        assert row["value_as_written"] in row["quote"], figure_id


def test_thousands_and_ranges_are_read_as_the_source_writes_them(outcomes):
    assert outcomes.loc["grain_output_baseline_2020", ["value", "value_as_written"]].tolist() == [220_000, "220 nghìn tấn"]
    assert outcomes.loc["grdp_growth_plan_2021_2025", ["value", "bound", "value_as_written"]].tolist() == [9, "at least", "9 - 10%/năm"]


def test_the_shipped_file_is_the_default():
    assert plantargets.load_outcomes().equals(plantargets.load_outcomes(OUTCOMES_CSV))


# ------------------------------------------------------------------ bad input names file, row and field

BAD_OUTCOMES = [
    # (figure, changes, field, words of the message)
    ("budget_revenue_result_2021", {"indicator_id": "budget_revenues"}, "indicator_id", "is not a target of this plan"),
    ("budget_revenue_result_2021", {"plan_id": "laichau-2022"}, "indicator_id", "is not a target of this plan"),
    ("grain_output_baseline_2020", {"unit": "hectares"}, "unit", "is not the unit of the target"),
    ("grain_output_baseline_2020", {"value": "220"}, "value", "nor in thousands there with 'nghìn'"),
    ("budget_revenue_result_2021", {"bound": "exact"}, "bound", "does not match the words"),
    ("grdp_growth_plan_2021_2025", {"value": "10", "value_as_written": "9 - 10%/năm"}, "bound", "the upper end: at most"),
    ("grdp_growth_result_2021", {"estimate": "false"}, "estimate", "calls the figure an estimate"),
    ("forest_cover_plan_2025", {"value": "154"}, "value", "outside 0-100"),
    ("jobs_pace_2021_2025", {"value": "8.500,5"}, "value", "whole, non-negative"),
    ("grdp_per_capita_result_2021", {"role": "actual"}, "role", "is not one of"),
    ("grdp_per_capita_result_2021", {"year": "năm 2021"}, "year", "does not match the pattern"),
    ("grdp_per_capita_result_2021", {"quote": "ước đạt hơn 45 triệu đồng"}, "value_as_written", "is not in the quote"),
    ("jobs_pace_2021_2025", {"period_figure": ""}, "period_figure", "is empty, but year is a range"),
    ("grdp_per_capita_plan_2025", {"period_figure": "yearly average"}, "period_figure", "is set, but year is a single year"),
    ("tea_new_planting_plan_2021_2025", {"period_figure": "yearly average"}, "period_figure", "does not say it is a figure for each year"),
    ("jobs_pace_2021_2025", {"period_figure": "period total"}, "period_figure", "gives a figure for each year"),
    ("tea_new_planting_plan_2021_2025", {"period_figure": "each year"}, "period_figure", "is not one of"),
    ("enrolment_upper_secondary_plan_2025", {"bound": "exact"}, "bound", "does not match the words"),
]


@pytest.mark.parametrize("figure_id, changes, field, words", BAD_OUTCOMES, ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(BAD_OUTCOMES)])
def test_a_broken_outcome_is_refused_with_file_row_and_field(data_copy, figure_id, changes, field, words):
    data_copy.set_context(figure_id, **changes)
    for load in (data_copy.load_outcomes, data_copy.load_context):  # load_context reads outcomes.csv too
        with pytest.raises(plantargets.DataError) as caught:
            load()
        message = str(caught.value)
        assert message.startswith(f"{data_copy.outcomes_path.as_posix()}: ")
        assert f"figure_id {figure_id}" in message and f"field '{field}'" in message and words in message, message


def test_a_percentage_growth_rate_may_exceed_100(data_copy):
    """Only a share or a coverage rate is bounded by 100; a growth rate is not."""
    data_copy.set_context("tourist_arrivals_growth_plan_2021_2025", value="120")
    assert data_copy.load_outcomes().loc["tourist_arrivals_growth_plan_2021_2025", "value"] == 120


def test_the_plans_own_figure_is_not_a_result(data_copy):
    """'đạt 5,6% (kế hoạch 7,96%)': reading the 7,96 as the result would make a missed target look met."""
    data_copy.set_context("grdp_growth_result_2021_restated", value="7,96", value_as_written="7,96%")
    with pytest.raises(plantargets.DataError) as caught:
        data_copy.load_outcomes()
    message = str(caught.value)
    assert "figure_id grdp_growth_result_2021_restated), field 'value_as_written': '7,96%' follows 'kế hoạch'" in message
    assert "field 'value': '7,96%' contradicts the result '5,6%' of grdp_growth_result_2021" in message


def test_results_for_one_target_must_agree(data_copy):
    """'hơn 44' and 44,4 agree; 'hơn 44' and 43,9 do not."""
    data_copy.set_context("grdp_per_capita_result_2021_restated", value="43,9")
    with pytest.raises(plantargets.DataError, match=r"'43,9 triệu đồng' contradicts the result 'hơn 44 triệu đồng'"):
        data_copy.load_outcomes()


def test_a_wrong_unit_names_the_right_one(data_copy):
    data_copy.set_context("grain_output_baseline_2020", unit="hectares")
    with pytest.raises(plantargets.DataError, match=r"'hectares' is not the unit of the target in targets.csv, 'tonnes'"):
        data_copy.load_outcomes()


SHARED_FIGURES = plantargets.paths.PROJECT_ROOT.parent / "shared" / "context" / "lai_chau_figures.csv"
#: Five-year-plan figures of the shared collection that outcomes.csv does not hold, and why.
NOT_A_2021_TARGET = {
    "ntm_districts_plan_2025": "two more new-rural districts: the 2021 plan counts communes, not districts",
    "poverty_reduction_target_2021_2025": "the same 3 points a year, from an English report of the Party Congress; "
                                          "outcomes.csv quotes the Vietnamese report (poverty_reduction_pace_2021_2025)",
    "jobs_target_2021_2025": "the same 8,500 a year, from the same English report; outcomes.csv quotes the Vietnamese "
                             "one (jobs_pace_2021_2025)",
}


@pytest.mark.skipif(not SHARED_FIGURES.exists(), reason=f"needs {SHARED_FIGURES} (the shared context figures) beside the project")
def test_every_five_year_figure_of_a_target_is_in_outcomes(outcomes):
    """Each 2025 or 2021-2025 target of the shared collection is a row of outcomes.csv (same address, quote and
    figure as written), unless it is named above with the reason it is left out."""
    import csv

    with SHARED_FIGURES.open(encoding="utf-8", newline="") as f:
        five_year = [r for r in csv.DictReader(f) if r["role"] == "plan" and r["year"] in ("2025", "2021-2025")]
    held = {(r["url"], r["quote"], r["value_as_written"]) for _, r in outcomes.iterrows()}
    missing = [r["figure_id"] for r in five_year
               if (r["url"], r["quote"], r["value_as_written"]) not in held and r["figure_id"] not in NOT_A_2021_TARGET]
    assert missing == []
    assert set(NOT_A_2021_TARGET) <= {r["figure_id"] for r in five_year}  # no reason kept for a figure that is gone
    assert len(five_year) == 32


def test_a_total_over_the_period_is_read_as_its_yearly_average(targets, outcomes):
    road = plantargets.road_to_2025(targets, outcomes).set_index("indicator_id")
    tea = road.loc["tea_new_planting"]
    assert (tea["measure"], tea["target_2025"], tea["target_2025_period"]) == ("yearly amount", 480, "period total")
    assert tea["pace_after_target"] == (2400 - 680) / 4 and tea["verdict"] == "ahead"
    assert "'2.400 ha' over 2021-2025 (480 a year)" in tea["reason"]
    assert road.loc["jobs_created", "target_2025_period"] == "yearly average"
    assert "need 8,713 workers a year" in road.loc["jobs_created", "reason"]  # 8,712.5 workers: no half workers


def test_a_total_over_the_period_marked_as_a_yearly_figure_changes_the_road(data_copy):
    """The column decides: the same 2.400 ha read as a yearly figure would make the 2021 target fall far behind,
    which is why the loader holds period_figure to the words of value_as_written."""
    rows = data_copy.rows(data_copy.outcomes_path)
    (tea,) = [r for r in rows if r["figure_id"] == "tea_new_planting_plan_2021_2025"]
    tea["period_figure"], tea["value_as_written"] = "yearly average", "2.400 ha/năm"
    tea["quote"] = tea["quote"].replace("trồng mới 2.400 ha", "trồng mới 2.400 ha/năm")
    data_copy.write(rows, path=data_copy.outcomes_path)
    road = plantargets.road_to_2025(data_copy.load(), data_copy.load_outcomes()).set_index("indicator_id")
    assert road.loc["tea_new_planting", "verdict"] == "behind" and road.loc["tea_new_planting", "target_2025"] == 2400
