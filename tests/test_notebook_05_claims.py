"""The claims that notebooks/05 makes in prose hold for the data (nbval checks the outputs, not the prose)."""

import pytest
from conftest import prose_of

import plantargets
from plantargets import charts


@pytest.fixture(scope="module")
def prose():
    return prose_of("05-plan-versus-outcome")


@pytest.fixture(scope="module")
def card(targets, outcomes):
    return plantargets.scorecard(targets, outcomes).set_index("indicator_id")


@pytest.fixture(scope="module")
def road(targets, outcomes):
    return plantargets.road_to_2025(targets, outcomes).set_index("indicator_id")


def test_what_the_outcomes_hold(outcomes, prose):
    roles = outcomes.groupby(["role", "year"]).size()
    assert (roles["baseline"].sum(), roles["result"].sum(), roles["plan"].sum()) == (5, 5, 37)
    assert (roles["plan", "2022"], roles["plan", "2025"] + roles["plan", "2021-2025"]) == (5, 32)
    assert (outcomes["period_figure"] == "period total").sum() == 1
    assert "Five 2020 values, five 2021 results, and 37 targets of later plans: five from the 2022 plan, 32 for 2021-2025: 29 from the five-year plan" in prose
    assert "and 3 yearly figures reported at a UBND conference" in prose
    assert "one total over the five years" in prose


def test_three_targets_are_judged(card, prose):
    judged = card[card["status"] != "no published result"]
    assert judged["status"].to_dict() == {"grdp_growth": "missed", "grdp_per_capita": "missed", "budget_revenue": "met"}
    assert (card.loc["grdp_growth", "result"], card.loc["grdp_growth", "target"]) == (5.6, 7.96)
    assert (card.loc["grdp_per_capita", "result"], card.loc["grdp_per_capita", "target"], card.loc["grdp_per_capita", "baseline"]) == (44.4, 47, 43)
    assert round(100 * card.loc["grdp_per_capita", "progress"]) == 35
    budget = card.loc["budget_revenue"]
    assert (budget["result"], budget["result_bound"], bool(budget["estimate"]), budget["target"]) == (2000, "at least", True, 1915)
    assert "GRDP grew 5.6% against a target of 7.96%: missed" in prose
    assert "GRDP per capita reached 44.4 million VND against 47: missed, with 35% of the planned rise from 43 million VND (a December 2020 estimate) achieved" in prose
    assert 'Budget revenue was "more than 2,000" billion VND against 1,915: met, on an estimate' in prose


def test_the_restatement_is_what_decides_per_capita(targets, outcomes, card, prose):
    assert card.loc["grdp_growth", "other_results"] == "grdp_growth_result_2021"
    assert "kế hoạch 7,96%" in card.loc["grdp_growth", "quote"] and " đạt " in card.loc["grdp_growth", "quote"]
    without = plantargets.scorecard(targets, outcomes.drop(index="grdp_per_capita_result_2021_restated")).set_index("indicator_id")
    assert without.loc["grdp_per_capita", "status"] == "undetermined" and without.loc["grdp_per_capita", "result"] == 44
    assert "More than 44 might or might not reach 46.5, the least that rounds to 47" in prose
    assert "everything above 2,000 is above 1,914.5" in prose


def test_the_2020_value_the_restatement_implies(context, card, prose):
    assert "tăng 1,2 triệu đồng so với năm 2020" in context.loc["grdp_per_capita_increase_2021", "quote"]
    implied = card.loc["grdp_per_capita", "result"] - context.loc["grdp_per_capita_increase_2021", "value"]
    assert round(implied, 1) == 43.2 and bool(card.loc["grdp_per_capita", "baseline_estimate"])
    assert round(100 * (44.4 - implied) / (47 - implied)) == 32
    assert "which puts 2020 at 43.2" in prose and "From 43.2, the province covered 32% of the way to 47 instead of 35%" in prose


def test_how_many_can_be_judged(targets, card, prose):
    by_group = plantargets.status_by_group(card.reset_index())
    with_result = by_group.index[by_group["no published result"] < by_group["total"]]
    assert list(with_result) == [1, 3] and len(by_group) - len(with_result) == 8
    assert (card["status"] == "no published result").sum() == 47 and len(card) == 50
    key = card[card["key_target"] & card["target"].notna()]
    assert len(key) == 48 and key["status"].isin(["met", "missed"]).sum() == 3
    assert "Of the 50 targets, 47 have no published result" in prose and "the other eight groups have none" in prose
    assert "Among the 48 numeric targets of the key indicators, 3 can be judged: 1 met (hatched: an estimate) and 2 missed" in prose
    assert "Only **3 of the 48** numeric targets" in prose and "For the other 45, no result was found" in prose
    assert "key targets" not in prose  # the ten are the key indicators (chỉ tiêu); the 48 are the targets they set


def test_steps_from_2020(targets, outcomes, prose):
    baselines = outcomes[outcomes["role"] == "baseline"]
    assert len(baselines) == 5 and "Five targets have a 2020 value" in prose
    key = targets[targets["key_target"] & targets["value"].notna()]
    assert len(key) - baselines["indicator_id"].isin(key["indicator_id"]).sum() == 43
    assert "For the other 43 numeric targets of the key indicators, `outcomes.csv` holds no 2020 value of the same measure" in prose
    title = charts.steps_from_2020(targets, outcomes).get_suptitle().replace("\n", " ")
    assert "+9.3% on 2020, presumably in current prices (nominal)" in title
    assert "set 9.3% above 2020, presumably in current prices (a nominal rise)" in prose
    assert "set **10.5%** below 2020" in prose and "boldest" not in prose


def test_the_road(road, prose):
    assert len(road) == 32 and "sets 2025 targets, yearly rates or a five-year total for 29 of the 2021 targets" in prose
    assert "32 in all" in prose and "The 29 five-year targets come from" in prose
    assert road["publisher_2025"].str.contains("VietnamMoi").sum() == 29
    assert road["publisher_2025"].str.startswith("Làng nghề Việt").sum() == 3
    assert road["verdict"].value_counts().to_dict() == {"cannot say": 19, "ahead": 5, "behind": 5, "on pace": 3}
    assert "Of the 32, five 2021 targets run ahead of the pace of the figures for 2021-2025, three keep it, five fall short, and 19 cannot be judged" in prose
    grid = road.loc["households_national_grid"]
    assert (grid["baseline_2020"], grid["target_2021"], round(grid["pace_2020_2025"], 2), grid["verdict"]) == (95.1, 95.2, 0.38, "behind")
    assert "+0.1 points in 2021, from 95.1% in 2020, where reaching 97% in 2025 takes 0.38 points a year" in prose
    per_capita = road.loc["grdp_per_capita"]
    assert (round(per_capita["step_2021"], 1), round(per_capita["pace_2020_2025"], 2), round(per_capita["pace_after_result"], 1)) == (9.3, 8.61, 10.0)
    assert per_capita["plan_2022"] == 47.9
    assert "faster than the 8.61% a year the whole road from 43 to 65 million VND needs" in prose
    assert round((47 ** 5 / 65) ** 0.25, 2) == 43.34  # the 2020 value from which the step to 47 keeps the pace
    assert "from about 43.34 up, the step to 47 would fall behind the pace" in prose
    assert "The 2021 result, 44.4, leaves 10.0% a year for 2022-2025 (dotted), and the 2022 targets presented at the UBND conference of 15/12/2021 asked for only about 47.9" in prose
    paces = road["pace_after_target"]
    levels = road[road["measure"] == "level"]
    assert levels["pace_after_target"].idxmax() == "budget_revenue" and round(paces["budget_revenue"], 1) == 11.9
    assert (round(paces["tea_area"], 1), round(paces["grain_output"], 1)) == (4.2, 0.4)
    assert "Budget revenue must grow 11.9% a year after its 2021 target to reach 3,000 billion VND, the steepest road of the four in nominal terms" in prose
    assert (road.loc["tea_area", "pace_after_target_bound"], road.loc["grain_output", "pace_after_target_bound"]) == ("at most", "at least")
    assert "the tea area 4.2% a year at most, and grain at least 0.4%" in prose


def test_the_shares(road, prose):
    paces = road["pace_after_target"].round(2)
    assert (paces["share_industry_construction"], paces["share_product_taxes_less_subsidies"]) == (0.76, 0.37)
    assert (paces["share_services"], paces["share_agriculture_forestry_fishery"]) == (-0.70, -0.43)
    assert (paces["new_rural_communes_share"], paces["forest_cover"]) == (3.2, 0.75)
    assert road.loc["new_rural_communes_share", "pace_after_target_bound"] == "at least"
    assert "toward industry and construction (+0.76 points a year) and product taxes (+0.37), away from services (−0.70) and agriculture (−0.43)" in prose
    assert "must rise at least 3.20 points a year, from 44.7% to more than 57.5%; forest cover 0.75 points a year, from 51% to 54%" in prose


def test_the_2020_agriculture_share_is_not_set_against_the_targets(context, prose):
    """The 15.5% is for 'ngành Nông nghiệp', of unknown scope and prices: no step is built on it."""
    assert context.loc["structure_agri_share_baseline_2020", "value"] == 15.5
    assert "43.8" not in prose and "This notebook cannot say" in prose
    assert "so no 2021 step of a sector's share is measured here" in prose


def test_the_yearly_paces(road, prose):
    behind = road[road["verdict"] == "behind"]
    assert set(behind.index) == {"grdp_growth", "import_export_growth", "jobs_created", "local_export_growth", "households_national_grid"}
    assert (road.loc["grdp_growth", "target_2025_bound"], road.loc["import_export_growth", "target_2025"], road.loc["jobs_created", "target_2025"]) == (
        "at least", 11.5, 8500)
    assert round(road.loc["grdp_growth", "pace_after_result"], 2) == 9.87 and road.loc["grdp_growth", "plan_2022"] == 7.7
    assert set(road.index[road["verdict"] == "ahead"]) >= {"tourist_arrivals_growth", "poverty_rate_reduction_poor_districts"}
    assert set(road.index[road["verdict"] == "ahead"]) == {"tourist_arrivals_growth", "poverty_rate_reduction_poor_districts",
                                                          "tea_new_planting", "grdp_per_capita", "grain_output"}
    assert set(road.index[road["verdict"] == "on pace"]) == {"poverty_rate_reduction", "agriculture_value_added_growth", "livestock_herd_growth"}
    assert (road.loc["local_export_growth", "target_2021"], road.loc["local_export_growth", "target_2025"]) == (7.4, 10)
    assert (road.loc["tea_new_planting", "target_2021"], road.loc["tea_new_planting", "target_2025"]) == (680, 480)
    assert ("GRDP growth (7.96% against at least 9% a year), import-export growth (8.4% against 11.5%), local-goods exports "
            "(7.4% against 10%) and jobs (7,650 against 8,500 a year)") in prose
    assert "new tea planting (680 ha against 480 a year, a fifth of 2,400 ha)" in prose
    assert road.loc["grdp_growth", "pace_after_result_bound"] == "at least"
    assert "2022-2025 need at least 9.87% a year; the 2022 targets presented at the UBND conference of 15/12/2021 asked for about 7.7%" in prose
    assert "(29 of the five-year plan, 3 yearly figures from a UBND conference), **5** of the 32 2021 targets were set behind the pace" in prose
    assert "**5** ahead and **3** at it; **19** cannot be judged" in prose
    assert "GRDP must grow at least **9.87%** a year and GRDP per capita **10.0%** a year" in prose


def test_the_results_are_the_provinces_own_and_what_the_later_average_implies(card, context, prose):
    judged = card[card["status"] != "no published result"]
    assert len(judged) == 3 and not judged["result_final"].any()
    assert all(r.endswith("It is not yet a final, official figure.") for r in judged["reason"])
    assert "All three results are the province's own figures: none is a final statistics-office figure" in prose
    average = context.loc["grdp_growth_avg_2021_2023"]
    assert (average["value"], average["notation"], average["year"]) == (3.91, "en", "2021-2023")
    assert round(plantargets.growth_left(average["value"], 3, [card.loc["grdp_growth", "result"]]), 2) == 3.08
    assert "3.91% a year on average" in prose and "About 3.08% a year" in prose
    assert "leaves 3.08% a year for 2022-2023 if 2021 grew 5.6%" in prose
    growth_2022 = context.loc["grdp_growth_estimate_2022"]
    assert (growth_2022["value"], bool(growth_2022["estimate"])) == (7.7, True)
    assert round(plantargets.growth_left(average["value"], 3, [5.6, growth_2022["value"]]), 2) == -1.35 and "A fall of 1.35% in 2023, after 7.7% in 2022" in prose
    assert "a fall of 1.35% in 2023: the 5.6% is not settled" in prose


def test_the_epidemic_is_named_in_the_resolutions_own_words_only(prose):
    from plantargets.paths import RAW_ARTICLE

    article = RAW_ARTICLE.read_text(encoding="utf-8")
    assert "“mục tiêu kép”, vừa phòng chống dịch bệnh" in article
    assert '"mục tiêu kép"' in prose and '"phòng chống dịch bệnh"' in prose
    assert "COVID" not in prose  # the article names no disease, and no figure collected says what 2021 was
    assert "does not estimate it" in prose


def test_the_five_year_plan_is_dated_as_its_source_dates_it(outcomes, prose):
    assert "ngày 13/12/2020" in outcomes.loc["ntm_share_plan_2025", "note"]
    assert "announced by the council on 13/12/2020" in prose and "adopted at the same session" not in prose
    assert "three days after" not in prose


def test_a_floor_met_exactly_is_not_above_it(road, prose):
    for indicator_id in ("agriculture_value_added_growth", "livestock_herd_growth"):
        row = road.loc[indicator_id]
        assert (row["target_2021"], row["target_2025"], row["target_2025_bound"], row["verdict"]) == (5, 5, "at least", "on pace")
    assert 'at the floor of "trên 5%/năm" (more than 5% a year): not above it' in prose
    assert "(malnutrition, the poverty rate)" not in prose  # the poverty targets are reductions: higher is better
