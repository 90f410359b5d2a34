"""The claims that the chart notebooks (01's overview, 03, 04) make in prose hold for the data and the charts."""

import nbformat
import pytest

from plantargets import charts
from plantargets.paths import NOTEBOOKS_DIR


def prose_of(stem):
    notebook = nbformat.read(NOTEBOOKS_DIR / f"{stem}.ipynb", as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def values(targets):
    return targets.set_index("indicator_id")["value"]


def title(fig):
    return fig.get_suptitle().replace("\n", " ")


def test_01_how_each_group_is_measured(targets):
    prose = prose_of("01-the-plan-at-a-glance")
    kinds = targets.groupby("group")["kind"].agg(lambda k: k.astype(str).value_counts().to_dict())
    for group in (5, 6, 9, 10):
        assert kinds[group].get("coverage rate", 0) >= sum(kinds[group].values()) - 1, group
    assert max(kinds[1], key=kinds[1].get) == "share of a total"
    assert kinds[4] == {"growth rate": 3}
    assert kinds[8] == {"reduction": 2, "count": 2, "coverage rate": 1}
    assert "Infrastructure (5), education (6), culture (9) and waste (10) are measured almost only by coverage rates" in prose
    assert "trade and tourism (4) only by growth rates; poverty and jobs (8) mix reductions, counts and one coverage rate" in prose


def test_03_economy(targets, context, values):
    prose = prose_of("03-economy")
    linked = context[context["indicator_id"].notna()]
    assert len(linked) == 6 and linked["estimate"].sum() == 5
    assert "Six outside figures are 2020 values of plan indicators; five of them are estimates" in prose
    assert "78.61%" in title(charts.economic_structure(targets, context))
    assert "Industry and construction (39.39%) and services (39.22%) together make up 78.61%" in prose
    assert context.loc["structure_agri_share_baseline_2020", "value"] == 15.5 and values["share_agriculture_forestry_fishery"] == 14.16
    assert "is to be 14.16%, below the 15.5% estimated for 2020" in prose
    assert "3.0 times GRDP growth" in title(charts.growth_targets(targets))
    assert values["import_export_growth"] > values["grdp_growth"] > values["local_export_growth"] > values["livestock_herd_growth"]
    assert values["livestock_herd_growth"] == values["agriculture_value_added_growth"] == 5
    assert "Tourist arrivals are to grow 23.8%, 3.0 times as fast as GRDP; trade (8.4%) a little faster than GRDP" in prose
    assert "local exports (7.4%), agriculture and the livestock herd (5% each) slower" in prose
    assert title(charts.steps_from_2020(targets, context)).startswith("4 of the 6 targets with a known 2020 value are above it")
    assert (context.loc["grdp_per_capita_baseline_2020", "value"], values["grdp_per_capita"]) == (43, 47)
    assert (context.loc["grain_output_baseline_2020", "value"] * 1000, values["grain_output"]) == (220_000, 222_000)
    assert (context.loc["tea_new_planting_baseline_2020", "value"], values["tea_new_planting"]) == (760, 680)
    assert (context.loc["electricity_access_baseline_2020", "value"], values["households_national_grid"]) == (95.1, 95.2)
    assert "Four of the six targets are above their 2020 value: GRDP per capita (43 to 47 million VND)" in prose
    assert "grain (220,000 to 222,000 tonnes) and households on the grid (95.1% to 95.2%)" in prose
    assert "Two are below: new tea planting (760 to 680 ha) and agriculture's share of GRDP (15.5% to 14.16%)" in prose
    assert values["budget_revenue"] == 1915 and "1,915 billion VND" in prose and "8.52%" in prose
    assert (targets["group"] == 3).sum() == 1


def test_04_society(targets, context, values):
    prose = prose_of("04-society")
    assert len(charts.UNIVERSAL_SERVICES) + len(charts.CULTURE) == 13 and "Thirteen coverage targets" in prose
    services = values[list(charts.UNIVERSAL_SERVICES)].sort_values()
    assert (services >= 95).sum() == 5 and services.idxmax() == "schools_permanent" and services.max() == 99.5
    assert services.idxmin() == "communes_waste_collection" and round(100 - services.min(), 1) == 35.9
    assert services.index[1] == "villages_cultural_house" and services.iloc[1] == 77
    assert "Five of the ten are at 95% or more, led by permanent school buildings (99.5%)" in prose
    assert "64.1%, 35.9 points short; cultural houses in villages (77%) come next" in prose
    assert "35.9 points short" in title(charts.distance_to_universal(targets))
    assert values["enrolment_kindergarten"] < values["enrolment_primary"] == 98.5
    assert (values["enrolment_lower_secondary"], values["enrolment_upper_secondary"]) == (94, 53)
    assert "near universal up to primary school (98.5%), still 94% in lower secondary, and falls to 53% or more" in prose
    assert (values["underweight_under5"], values["stunting_under5"], values["electronic_health_records"], values["doctors_per_10000"]) == (18.79, 26.02, 30, 12.2)
    assert "Underweight is capped under 18.79% and stunting at 26.02%" in prose and "12.2 doctors per 10,000" in prose
    paces = context.loc[["poverty_reduction_pace_2021_2025", "poverty_reduction_poor_districts_target_2021_2025", "jobs_pace_2021_2025"], "value"]
    assert values["poverty_rate_reduction"] >= paces.iloc[0] and values["poverty_rate_reduction_poor_districts"] >= paces.iloc[1]
    assert values["jobs_created"] < paces.iloc[2] == 8500
    assert "both at or above the five-year pace (4 and 3 points a year)" in prose
    assert "The 7,650 jobs fall short of the five-year pace of 8,500 a year; 8,000 workers are to be trained" in prose
    culture = values[list(charts.CULTURE)]
    assert (culture.idxmax(), culture.max(), culture["cultured_households"], culture.idxmin(), culture.min()) == (
        "cultured_agencies", 96.5, 85.1, "cultured_villages", 74.2)
    assert "Agencies, units and enterprises are nearest universal (96.5%); households are at 85.1% and villages furthest, at 74.2%, 25.8 points short" in prose
