"""The status method: each rule on hand-made cases, then the real data."""

import math

import pandas as pd
import pytest

import plantargets
from plantargets.scoring import STATUSES


def target(indicator_id="x", value="47", comparator="=", direction="higher", kind="level", unit="million VND per person"):
    number = float(value.replace(".", "").replace(",", "."))
    return dict(plan_id="p", indicator_id=indicator_id, group=1, group_vi="Nhóm", group_en="Group", name_vi="x", name_en="x",
                key_target=True, kind=kind, comparator=comparator, direction=direction, unit=unit, value=number,
                value_as_written=value)


def outcome(figure_id, indicator_id="x", role="result", value=44.4, bound="exact", estimate=False, year="2021", published="2022-06"):
    return dict(figure_id=figure_id, plan_id="p", indicator_id=indicator_id, role=role, year=year, value=value, bound=bound,
                estimate=estimate, unit="u", publisher=f"publisher of {figure_id}", url=f"https://example.org/{figure_id}",
                published=published, value_as_written=str(value), quote=f"quote of {figure_id}")


def card(targets, outcomes):
    outcomes = pd.DataFrame(outcomes or [outcome("none", indicator_id="nothing")]).set_index("figure_id")
    return plantargets.scorecard(pd.DataFrame(targets), outcomes).set_index("indicator_id")


def status(t, *results):
    return card([t], list(results)).loc[t["indicator_id"], "status"]


# ------------------------------------------------------------------ met or missed, by comparator and direction


def test_equality_is_judged_at_the_precision_the_target_is_stated_in():
    """7,96 is reached by 7,955 (it rounds to 7,96), not by 7,954."""
    t = target(value="7,96", kind="growth rate", unit="percent")
    assert status(t, outcome("a", value=7.955)) == "met"
    assert status(t, outcome("a", value=7.954)) == "missed"
    # With no preferred direction (a share), the same precision holds on both sides.
    share = target(value="14,16", direction="neither", kind="share of a total", unit="percent")
    assert [status(share, outcome("a", value=v)) for v in (14.155, 14.165, 14.17, 14.15)] == ["met", "met", "missed", "missed"]
    # A whole number is stated to the unit: 47 is reached by 46.5.
    assert status(target(value="47"), outcome("a", value=46.5)) == "met"


def test_higher_is_better_is_met_by_more_and_lower_is_better_by_less():
    assert status(target(value="47"), outcome("a", value=50)) == "met"
    ceiling = target(value="18,79", comparator="<=", direction="lower", unit="percent")
    assert status(ceiling, outcome("a", value=17.0)) == "met"
    assert status(ceiling, outcome("a", value=18.8)) == "missed"
    lower = target(value="26,02", comparator="=", direction="lower", unit="percent")
    assert status(lower, outcome("a", value=26.024)) == "met" and status(lower, outcome("a", value=26.03)) == "missed"
    floor = target(value="8.482", comparator=">=", unit="hectares")
    assert status(floor, outcome("a", value=8482)) == "met" and status(floor, outcome("a", value=8481)) == "missed"


def test_a_bound_decides_only_when_it_is_enough():
    t = target(value="1.915", unit="billion VND")
    assert status(t, outcome("a", value=2000, bound="at least")) == "met"  # more than 2.000 is more than 1.915
    assert status(t, outcome("a", value=1800, bound="at most")) == "missed"  # under 1.800 is under 1.915
    per_capita = target(value="47")
    undecided = card([per_capita], [outcome("a", value=44, bound="at least")]).loc["x"]
    assert undecided["status"] == "undetermined"  # more than 44 may or may not reach 47
    assert "not enough to decide" in undecided["reason"]
    assert status(per_capita, outcome("a", value=50, bound="at most")) == "undetermined"


def test_no_result_is_never_a_guess():
    row = card([target(indicator_id="y")], [outcome("a")]).loc["y"]
    assert row["status"] == "no published result" and math.isnan(row["result"])
    assert pd.isna(row["publisher"]) and "No 2021 result was found" in row["reason"]


# ------------------------------------------------------------------ progress, estimates, the choice among results


def test_progress_needs_a_baseline_and_an_exact_result():
    t = target(value="47")
    with_base = card([t], [outcome("b", role="baseline", value=43, year="2020"), outcome("r", value=44.4)]).loc["x"]
    assert with_base["progress"] == pytest.approx(0.35)  # (44.4 - 43) / (47 - 43)
    assert with_base["baseline_figure"] == "b"
    assert math.isnan(card([t], [outcome("r", value=44.4)]).loc["x", "progress"])  # a missing baseline
    bound = card([t], [outcome("b", role="baseline", value=43, year="2020"), outcome("r", value=44, bound="at least")])
    assert math.isnan(bound.loc["x", "progress"])  # a bound is not a point


def test_an_estimate_is_marked_and_its_evidence_carried():
    row = card([target(value="1.915", unit="billion VND")], [outcome("r", value=2000, bound="at least", estimate=True)]).loc["x"]
    assert row["estimate"] and row["status"] == "met" and ", an estimate)" in row["reason"]
    assert (row["result_figure"], row["publisher"], row["url"], row["quote"]) == (
        "r", "publisher of r", "https://example.org/r", "quote of r")


def test_an_exact_stated_figure_is_preferred_and_the_others_listed():
    t = target(value="47")
    results = [outcome("early", value=44, bound="at least", estimate=True, published="2021-12"),
               outcome("later", value=44.4, published="")]
    row = card([t], results).loc["x"]
    assert (row["result_figure"], row["status"], row["other_results"]) == ("later", "missed", "early")
    # Between two exact figures, the one stated as reached goes before the estimate, then the latest.
    row = card([t], [outcome("estimated", value=48, estimate=True, published="2022-01"), outcome("stated", value=46, published="2021-12")]).loc["x"]
    assert row["result_figure"] == "stated"
    row = card([t], [outcome("old", value=46, published="2021-12"), outcome("new", value=48, published="2022-03")]).loc["x"]
    assert (row["result_figure"], row["status"]) == ("new", "met")


def test_growth_rates_are_compared_as_rates_not_projected():
    """A growth target of 7,96% is held against the published growth of the year, 5,6%: nothing is compounded."""
    t = target(value="7,96", kind="growth rate", unit="percent")
    row = card([t], [outcome("b", role="baseline", value=3.0, year="2020"), outcome("r", value=5.6)]).loc["x"]
    assert row["status"] == "missed" and row["result"] == 5.6
    assert row["progress"] == pytest.approx((5.6 - 3.0) / (7.96 - 3.0))


# ------------------------------------------------------------------ the real data


def test_the_published_results(targets, outcomes):
    sc = plantargets.scorecard(targets, outcomes).set_index("indicator_id")
    judged = sc[sc["status"] != "no published result"]
    assert judged["status"].to_dict() == {"grdp_growth": "missed", "grdp_per_capita": "missed", "budget_revenue": "met"}
    assert judged["result"].to_dict() == {"grdp_growth": 5.6, "grdp_per_capita": 44.4, "budget_revenue": 2000}
    assert judged["estimate"].to_dict() == {"grdp_growth": False, "grdp_per_capita": False, "budget_revenue": True}
    assert sc.loc["grdp_per_capita", "progress"] == pytest.approx(0.35)
    assert sc.loc["grdp_per_capita", "other_results"] == "grdp_per_capita_result_2021"
    assert set(sc["status"]) <= set(STATUSES) and len(sc) == len(targets)
    for indicator_id, row in judged.iterrows():  # one hop from status to quote
        assert outcomes.loc[row["result_figure"], "quote"] == row["quote"], indicator_id
        assert outcomes.loc[row["result_figure"], "value_as_written"] in row["quote"]


def test_the_same_data_through_load_context_gives_the_same_card(targets, outcomes, context):
    assert plantargets.scorecard(targets, context).equals(plantargets.scorecard(targets, outcomes))


def test_status_by_group_counts_every_target_once(targets, outcomes):
    table = plantargets.status_by_group(plantargets.scorecard(targets, outcomes))
    assert list(table.columns) == [*STATUSES, "total"]
    assert table["total"].sum() == len(targets)
    assert table.loc[1, "missed"] == 2 and table.loc[3, "met"] == 1 and table["undetermined"].sum() == 0


def test_a_changed_result_changes_the_status(data_copy, targets):
    """Break the data on purpose: a budget result of 'hơn 1.900' no longer decides; 'hơn 1.915' does."""
    data_copy.set_context("budget_revenue_result_2021", value="1.900")
    sc = plantargets.scorecard(targets, data_copy.load_outcomes()).set_index("indicator_id")
    assert sc.loc["budget_revenue", "status"] == "undetermined"
    data_copy.set_context("grdp_growth_result_2021_restated", value="8,0")
    data_copy.set_context("grdp_growth_result_2021", value="8,0")  # the two results must agree
    sc = plantargets.scorecard(targets, data_copy.load_outcomes()).set_index("indicator_id")
    assert sc.loc["grdp_growth", "status"] == "met"


# ------------------------------------------------------------------ the road to 2025


def test_the_road_to_2025(targets, outcomes):
    road = plantargets.road_to_2025(targets, outcomes).set_index("indicator_id")
    assert len(road) == 32 and road["figure_2025"].isin(outcomes.index).all()
    for indicator_id, row in road.iterrows():  # one hop from each 2025 comparison to its quote
        assert outcomes.loc[row["figure_2025"], "quote"] == row["quote_2025"], indicator_id
    per_capita = road.loc["grdp_per_capita"]
    assert per_capita["pace_after_target"] == pytest.approx(100 * ((65 / 47) ** 0.25 - 1))  # 8.44% a year
    assert per_capita["pace_after_result"] == pytest.approx(100 * ((65 / 44.4) ** 0.25 - 1))  # 10.00%
    assert per_capita["step_2021"] == pytest.approx(100 * (47 / 43 - 1)) and per_capita["verdict"] == "ahead"
    growth = road.loc["grdp_growth"]
    assert growth["pace_after_target"] == pytest.approx(100 * ((1.09 ** 5 / 1.0796) ** 0.25 - 1))  # 9.26%
    assert growth["pace_after_result"] == pytest.approx(100 * ((1.09 ** 5 / 1.056) ** 0.25 - 1))  # 9.87%
    assert growth["verdict"] == "behind"
    assert road.loc["jobs_created", "pace_after_target"] == pytest.approx((5 * 8500 - 7650) / 4)
    assert road.loc["share_services", "pace_after_target"] == pytest.approx((36.43 - 39.22) / 4)
    assert road.loc["tea_area", "verdict"] == "cannot say"
    assert road.loc["local_export_growth", "verdict"] == "behind" and road.loc["tea_new_planting", "verdict"] == "ahead"
    assert road.loc["households_national_grid", "verdict"] == "behind"  # +0.1 points in 2021, +0.38 a year needed
    assert road["verdict"].value_counts().to_dict() == {"cannot say": 19, "ahead": 5, "behind": 5, "on pace": 3}


def test_the_five_year_structure_sums_to_100(outcomes):
    shares = outcomes[outcomes["indicator_id"].str.startswith("share_") & (outcomes["year"] == "2025")]
    assert len(shares) == 4 and round(shares["value"].sum(), 2) == 100.0


def test_a_slower_2021_step_is_behind(data_copy, targets):
    """Break the data on purpose: with a 2020 value of 46, GRDP per capita steps 2.2% in 2021, under the 7.2% a year it needs."""
    data_copy.set_context("grdp_per_capita_baseline_2020", value="46")
    road = plantargets.road_to_2025(targets, data_copy.load_outcomes()).set_index("indicator_id")
    assert road.loc["grdp_per_capita", "verdict"] == "behind"


def test_growth_left_for_the_rest_of_a_period():
    """Three years at 3.91% on average after a first year of 5.6% leave 3.08% a year for the other two; a year of
    growth equal to the average leaves the average; a period with no year left is an error, not a guess."""
    assert round(plantargets.growth_left(3.91, 3, [5.6]), 2) == 3.08
    assert round(plantargets.growth_left(3.91, 3, [5.6, 7.7]), 2) == -1.35
    assert plantargets.growth_left(4.0, 5, [4.0, 4.0]) == pytest.approx(4.0)
    assert plantargets.growth_left(3.0, 2, [5.0]) < 3.0 < plantargets.growth_left(3.0, 2, [1.0])
    with pytest.raises(ValueError, match="none is left"):
        plantargets.growth_left(3.91, 1, [5.6])
