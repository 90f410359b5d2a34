"""The claims that notebooks/02 makes in prose hold for the data (nbval checks the outputs, not the prose)."""

import pytest
from conftest import prose_of

from plantargets import checks


@pytest.fixture(scope="module")
def prose():
    return prose_of("02-internal-consistency")


@pytest.fixture(scope="module")
def summary(targets, context):
    return checks.run_checks(targets, context).set_index(["check", "subject"])


def value(targets, indicator_id):
    return targets.set_index("indicator_id").at[indicator_id, "value"]


def test_fifty_targets_69_figures_ten_bounds_nine_estimates(targets, context, prose):
    assert (len(targets), len(context)) == (50, 69)
    assert context["file"].value_counts().to_dict() == {"outcomes.csv": 47, "context.csv": 22}
    assert (context["bound"] != "exact").sum() == 10 and context.loc["tea_area_2018", "value"] == 6200
    assert context["estimate"].sum() == 9
    assert context["year"].min() == "2017" and {"2021-2023", "2021-2025"} <= set(context["year"])
    assert "Fifty targets and 69 outside figures." in prose
    assert "22 in `context.csv` and 47 in `outcomes.csv`" in prose
    assert 'Ten are bounds ("gần 6.200 ha", nearly 6,200 ha of tea, is one), and nine are estimates' in prose
    assert "range from 2017 to the 2021-2025 plan" in prose


def test_ranges(targets, summary, prose):
    percent = targets[checks.percent_of_whole(targets) & targets["value"].notna()]
    growth = targets[targets["kind"] == "growth rate"]
    assert len(percent) == 31 and percent["value"].min() == value(targets, "share_product_taxes_less_subsidies") == 7.23
    assert percent["value"].max() == value(targets, "primary_universalisation_level2") == 100
    assert len(growth) == 6 and growth["value"].min() == 5 and growth["value"].max() == value(targets, "tourist_arrivals_growth") == 23.8
    assert set(growth.loc[growth["value"] == 5, "indicator_id"]) == {"agriculture_value_added_growth", "livestock_herd_growth"}
    assert checks.GROWTH_BAND == (0.0, 30.0)
    assert "All 31 percentages are within 0-100; the lowest is the product-tax share (7.23%)" in prose
    assert "The six growth targets run from 5% (agricultural value added, the livestock herd) to 23.8% (tourist arrivals)" in prose
    assert "0-30% a year" in prose


def test_five_bound_words(targets, prose):
    words = checks.wording_of(targets)
    assert (words["worded"] != "=").sum() == 5
    assert words.set_index("indicator_id").at["stunting_under5", "bound_words"] == "xuống"
    assert "Five numbers have a bound word next to them." in prose


def test_new_rural_communes(summary, context, prose):
    finding = summary.loc[("new_rural_communes", "new-rural communes"), "finding"]
    assert "Of the 94 xã, 42 make 44.68%" in finding and "42 - 4 = 38 at the end of 2020" in finding
    assert context.loc["ntm_communes_sep2020", "value"] == 29 and context.loc["ntm_communes_2022", "value"] == 39
    assert "Only the 94 xã fit: 42 of them make 44.68%" in prose
    assert "42 xã at the end of 2021 and, with 4 added during the year, 38 at the end of 2020" in prose
    assert "exactly the 2020 target set in 2018 (38 xã), but 9 more than the 29 counted in September 2020" in prose
    assert "set before the February 2020 reorganisation of communes" in prose
    assert "At the end of 2022 the count was 39 xã. That is below the 42 planned for the end of 2021" in prose
    end_2020 = context.loc["ntm_communes_end2020"]
    assert end_2020["value"] == 38 and "MIRROR" in end_2020["note"]
    assert "One count for the end of 2020 agrees: 38 xã, in a copy of a news article kept on an unrelated website" in prose
    assert "not whether the 2021 target was met" in prose


def test_tea(targets, context, prose):
    assert value(targets, "tea_area") - value(targets, "tea_new_planting") == 7802
    assert (context.loc["tea_area_2018", "value"], context.loc["tea_area_end2022", "value"]) == (6200, 8900)
    assert "at least 7,802 ha of tea before 2021" in prose and "nearly 6,200 ha about 2018 and 8,900 ha at the end of 2022" in prose


def test_growth_decomposition(summary, prose):
    row = summary.loc[("growth_decomposition", "GRDP growth")]
    assert f"{row['observed']:.2f}" == "8.45" and "as the weight: 8.50%" in row["finding"]
    assert "must grow 8.45%, or 8.50% with the 2020 agriculture share (15.5%, an estimate)" in prose


def test_poverty(summary, prose):
    assert "(16.33%, on the standard in force for 2016-2020), the cut leaves 13.33% for 2021 on that measure" in summary.loc[("poverty_reduction", "poverty"), "finding"]
    assert "whose 2020 rate is 16.33% (Báo Dân sinh, read from a copy of its article on another site), the plan implies 13.33% for 2021 on that measure" in prose


def test_malnutrition_and_enrolment(targets, prose):
    assert round(value(targets, "stunting_under5") - value(targets, "underweight_under5"), 2) == 7.23
    assert "the stunting ceiling is 7.23 points above the underweight one" in prose
    levels = [value(targets, f"enrolment_{level}") for level in ("primary", "lower_secondary", "upper_secondary")]
    assert levels == [98.5, 94, 53] and levels[1] - levels[2] == 41 and levels[0] - levels[1] < 41
    assert "98.5%, 94% and at least 53%: the steepest drop, about 41 points, comes after lower secondary school" in prose


def test_towns_and_countryside(targets, prose):
    assert (value(targets, "urban_piped_clean_water"), value(targets, "rural_hygienic_water")) == (96, 87)
    assert round(value(targets, "urban_solid_waste_collected") - value(targets, "communes_waste_collection"), 1) == 30.9
    assert "96% against 87% for water" in prose and "95% against 64.1% for waste, a gap of 30.9 points" in prose


def test_jobs(targets, context, prose):
    labour = context.loc["labour_force_baseline_2020", "value"] * 1000
    assert max(value(targets, "jobs_created"), value(targets, "vocational_training")) / labour < 0.03
    assert context.loc["jobs_pace_2021_2025", "value"] - value(targets, "jobs_created") == 850
    assert "under 3% of the 2020 labour force (289,090 people" in prose and "850 fewer than the 8,500 a year" in prose


def test_grdp_and_budget(summary, prose):
    finding = summary.loc[("grdp_and_budget", "GRDP and budget"), "finding"]
    assert "= 22,485 billion VND" in finding and "8.52% of it" in finding and "come to 1,626 billion VND, 84.89%" in finding
    assert "a GRDP of about 22,485 billion VND. Budget revenue is 8.52% of it" in prose
    assert "comes to about 1,626 billion VND, 85% of budget revenue" in prose


def test_per_capita_growth(summary, prose):
    row = summary.loc[("grdp_per_capita_growth", "GRDP per capita")]
    assert "nominal growth of 9.30%" in row["finding"] and "growing 1.74% a year" in row["finding"]
    assert "is 6.11% per person, which leaves 3.00% for the rise in prices" in row["finding"]
    assert f"{100 * (46.5 / 43.5 - 1):.1f}" == "6.9" and f"{row['observed'] + row['tolerance']:.1f}" == "11.8"
    assert "From 43 million VND in 2020 (an estimate) to 47 million is 9.30% nominal growth" in prose
    assert "population growing about 1.74% a year, is 6.11% per person, which leaves about 3.0% for prices" in prose
    assert "anywhere from about 6.9% to 11.8%" in prose


def test_sixteen_rows_all_pass(summary, prose):
    assert len(summary) == 16 and len(checks.CATALOGUE) == 15
    assert (summary["status"] == "pass").all()
    assert "Sixteen rows from fifteen checks" in prose and "All sixteen pass. None is `info`" in prose
    assert "all **16** rows of the **15** checks pass" in prose and "the four sector shares sum to exactly **100.00%**" in prose
    assert round(100 * 42 / 94, 2) == 44.68 and "44.7% is 42 of 94 xã (44.68%) within rounding" in prose
    assert "the **94 xã**, not all 106 commune-level units" in prose
    assert summary.loc[("parts_sum_to_whole", "grdp_structure"), "observed"] == pytest.approx(100.0)


def test_figures_from_copies_and_aggregators_say_so(context, prose):
    """The shared collection flags a mirror, a document-sharing site and a news aggregator: the prose does too."""
    assert "Mirror on newsbreak24hr.com" in context.loc["poverty_rate_baseline_2020", "note"]
    assert "16.33% (Báo Dân sinh, read from a copy of its article on another site)" in prose
    assert "document-sharing site" in context.loc["labour_force_baseline_2020", "note"]
    assert "(289,090 people aged 15 and over, from an excerpt of a draft provincial planning report on a document-sharing site)" in prose
    assert "News aggregator" in context.loc["population_avg_2021", "note"]
    assert "478,400 (the statistics office's figure as a news aggregator, Soha, gives it)" in prose
