"""The claims that the chart notebooks (01's overview, 03, 04) make in prose hold for the data and the charts."""

import pandas as pd
import pytest
from conftest import prose_of

from plantargets import charts


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
    linked = context[context["role"] == "baseline"].dropna(subset=["indicator_id"])
    assert len(linked) == 5 and linked["estimate"].sum() == 4
    assert "Five outside figures are 2020 values of plan indicators; four of them are estimates" in prose
    assert pd.isna(context.loc["structure_agri_share_baseline_2020", "indicator_id"])
    assert context.loc["structure_agri_share_baseline_2020", "value"] == 15.5
    assert "a 2020 share for agriculture (15.5%, an estimate)" in prose and "so the chart does not draw it" in prose
    assert "78.61%" in title(charts.economic_structure(targets, context))
    assert "Industry and construction (39.39%) and services (39.22%) together make up 78.61%" in prose
    assert "agriculture, forestry and fishery 14.16%, and product taxes 7.23%" in prose
    growth = values[list(charts.growth_rates(targets)["indicator_id"])].sort_values()
    assert growth.idxmax() == "tourist_arrivals_growth" and growth.iloc[-2] == values["import_export_growth"] == 8.4
    assert growth.min() == values["livestock_herd_growth"] == values["agriculture_value_added_growth"] == 5
    assert "Tourist arrivals have the highest growth target, 23.8%. The other five run from 5% (agricultural value added, the livestock herd) to 8.4% (import-export turnover)" in prose
    assert title(charts.steps_from_2020(targets, context)).startswith("GRDP per capita: +9.3% on 2020, presumably in current prices (nominal)")
    assert (context.loc["grdp_per_capita_baseline_2020", "value"], values["grdp_per_capita"]) == (43, 47)
    assert round(100 * (222_000 / context.loc["grain_output_baseline_2020", "value"] - 1), 1) == 0.9
    assert round(100 * (values["tea_new_planting"] / context.loc["tea_new_planting_baseline_2020", "value"] - 1), 1) == -10.5
    assert round(values["households_national_grid"] - context.loc["electricity_access_baseline_2020", "value"], 1) == 0.1
    assert "GRDP per capita is set 9.3% above 2020 (43 to 47 million VND), presumably in current prices (the article does not say): a nominal rise" in prose
    assert "largest rise" not in prose
    assert "grain (+0.9%) and households on the grid (+0.1 points) barely move" in prose
    assert "New tea planting is set 10.5% below 2020 (760 to 680 ha)" in prose
    left = charts.not_charted(targets, range(1, 5), context)
    assert list(left["indicator_id"]) == ["tea_area", "new_rural_communes_added", "new_rural_communes_share", "forest_cover", "budget_revenue"]
    assert "Five targets: the total tea area (over 8,482 ha), the two new-rural targets" in prose
    assert values["budget_revenue"] == 1915 and "1,915 billion VND" in prose and "8.52%" in prose
    assert (targets["group"] == 3).sum() == 1


def test_04_society(targets, context, values):
    prose = prose_of("04-society")
    services = values[list(charts.of_theme(targets, charts.UNIVERSAL)["indicator_id"])].sort_values()
    culture = values[list(charts.of_theme(targets, charts.CULTURED)["indicator_id"])]
    assert len(services) + len(culture) == 13 and "Thirteen coverage targets" in prose
    assert (services >= 95).sum() == 5 and services.idxmax() == "schools_permanent" and services.max() == 99.5
    assert services.idxmin() == "communes_waste_collection" and round(100 - services.min(), 1) == 35.9
    assert services.index[1] == "villages_cultural_house" and services.iloc[1] == 77
    assert "Five of the ten are at 95% or more, led by permanent school buildings (99.5%)" in prose
    assert "64.1%, 35.9 points short; cultural houses in villages (77%) come next" in prose
    assert "35.9 points short" in title(charts.distance_to_universal(targets))
    assert values["enrolment_kindergarten"] < values["enrolment_primary"] == 98.5
    assert (values["enrolment_lower_secondary"], values["enrolment_upper_secondary"]) == (94, 53)
    assert "near universal up to primary school (98.5%), 94% for lower secondary, and 53% or more for upper secondary" in prose
    assert (values["underweight_under5"], values["stunting_under5"], values["electronic_health_records"], values["doctors_per_10000"]) == (18.79, 26.02, 30, 12.2)
    assert "The stunting ceiling (26.02% of children under five) is 7.23 points above the underweight one (under 18.79%)" in prose
    assert "12.2 doctors per 10,000" in prose
    drawn = charts.charted(targets, context)
    assert (targets["group"] == 7).sum() == 6 and len(set(targets.loc[targets["group"] == 7, "indicator_id"]) & drawn) == 5
    assert "Five of group (7)'s targets" in prose
    left = charts.not_charted(targets, range(5, 11), context)
    assert len(left) == 6 and set(left["group"]) == {6, 7, 8}
    assert "Six targets: the preschool target with no number" in prose
    paces = context.loc[["poverty_reduction_pace_2021_2025", "poverty_reduction_poor_districts_target_2021_2025", "jobs_pace_2021_2025"], "value"]
    assert values["poverty_rate_reduction"] >= paces.iloc[0] and values["poverty_rate_reduction_poor_districts"] >= paces.iloc[1]
    assert values["jobs_created"] < paces.iloc[2] == 8500
    assert "both at or above the yearly figures reported for 2021-2025 (4 and 3 points a year)" in prose
    assert "The 7,650 jobs fall short of the 8,500 a year reported for 2021-2025; 8,000 workers are to be trained" in prose
    assert (culture.idxmax(), culture.max(), culture["cultured_households"], culture.idxmin(), culture.min()) == (
        "cultured_agencies", 96.5, 85.1, "cultured_villages", 74.2)
    assert "Agencies, units and enterprises are nearest universal (96.5%); households are at 85.1% and villages furthest, at 74.2%, 25.8 points short" in prose
