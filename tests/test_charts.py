"""The charts draw what the data says: read back bars, labels, lines, titles and notes (nbval never sees images)."""


import matplotlib.colors as mcolors
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import plantargets
from plantargets import charts

pytestmark = pytest.mark.heavy

OKABE_ITO = {"#0072b2", "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00", "#f0e442", "#000000", "#999999"}
NEUTRAL = {"#e5e5e5", "#ffffff", "#dddddd", "#666666", "#444444", "#333333", "#555555"}  # gaps, grid, axes, text


def by_id(targets, ids):
    return targets.set_index("indicator_id").loc[list(ids)]


def tick_names(ax, axis="y"):
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text().replace("\n", " ") for t in labels]


def title(fig):
    return fig.get_suptitle().replace("\n", " ")  # wrapped to the figure's width


def with_gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def drawn(fig):
    """Lay the figure out and draw it; return the renderer, to measure what was drawn."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


@pytest.fixture(scope="module")
def all_figures(targets, context):
    return {lang: charts.figures(targets, context, lang) for lang in charts.LANGS}


@pytest.fixture(scope="module")
def renderers(all_figures):
    """Every figure laid out and drawn once, in both languages: {(lang, stem): renderer}. pytest turns warnings into
    errors, so a warning while drawing (a missing Vietnamese glyph) fails every test that uses this."""
    return {(lang, stem): drawn(fig) for lang, figures in all_figures.items() for stem, fig in figures.items()}


# ------------------------------------------------------------------ every figure

TITLES_EN = {
    "01-targets-by-group": "2 groups set the most targets, 8 each: (2) agriculture, new rural areas and forests; (6) education",
    "03-economic-structure": "Industry and construction (39.39%) and services (39.22%) make up 78.61% of GRDP in the plan",
    "03-growth-targets": "Growth of tourist arrivals has the highest growth target, 23.8%; the others run from 5% to 8.4%",
    "03-steps-from-2020": "GRDP per capita: +9.3% on 2020, presumably in current prices (nominal); the largest rise in volume: total grain (cereal) output, +0.9%; set below 2020: new tea planting",
    "04-distance-to-universal": "5 of 10 are 95% or more; furthest from 100%: communes, wards and townships with domestic waste "
    "collection and treatment, 35.9 points short",
    "04-enrolment": "The enrolment target is highest for primary (98.5%) and lowest for upper secondary (53% or more)",
    "04-health": "The ceiling for stunted children under 5 (26.02%) is 7.23 points above that for underweight children under 5 (under 18.79%)",
    "04-poverty-and-jobs": "Below the yearly figure reported for 2021-2025: workers helped into jobs 7,650 against 8,500; at or above it: "
                           "reduction of the household poverty rate 3.0 against 3 and reduction of the household poverty rate in "
                           "the poor districts 4.3 against 4",
    "04-culture": "1 of 3 is 95% or more; furthest from 100%: villages and urban quarters meeting the 'cultured' standard, 25.8 points short",
    "05-coverage": "Only 3 of the 48 numeric targets can be judged against a published result: 1 met, 2 missed (none a final statistics-office figure)",
    "05-road-levels": "After the 2021 targets, state budget revenue collected in the province must grow fastest to reach 2025: "
                      "11.9% a year; after its 2021 result, GRDP per capita needs 10.0% a year",
    "05-road-shares": "After 2021, the share of communes meeting the new-rural standard must rise fastest, at least 3.20 points a year; "
                      "the share of services falls most, 0.70 points a year",
    "05-pace": "4 targets for 2021 fall short of the yearly average given for 2021-2025: growth of gross regional domestic product "
               "(GRDP), growth of import-export turnover, workers helped into jobs and growth of the value of locally "
               "produced exports",
}


def test_every_title_states_its_finding_with_the_datas_numbers(all_figures, targets):
    values = targets.set_index("indicator_id")["value"]
    assert {stem: title(fig) for stem, fig in all_figures["en"].items()} == TITLES_EN
    # the numbers in the titles are the data's: spot-check the arithmetic behind them
    assert round(values["share_industry_construction"] + values["share_services"], 2) == 78.61
    assert round(100 * (values["grdp_per_capita"] / 43 - 1), 1) == 9.3
    assert round(values["stunting_under5"] - values["underweight_under5"], 2) == 7.23


def test_every_figure_has_axis_labels_and_the_source_note(all_figures):
    for lang, figures in all_figures.items():
        for stem, fig in figures.items():
            notes = [t.get_text() for t in fig.texts if t.get_gid() == "source"]
            assert len(notes) == 1 and notes[0].startswith(charts.source_note(lang)), (lang, stem)
            for ax in fig.axes:
                if ax.get_visible() and ax.axison:  # an axes turned off only holds a legend
                    assert ax.get_xlabel() or ax.get_ylabel(), (lang, stem, ax.get_title())


def test_value_axes_are_labelled_with_the_targets_units(all_figures):
    en = all_figures["en"]
    assert en["03-growth-targets"].axes[0].get_xlabel() == "% a year"
    assert en["03-economic-structure"].axes[0].get_xlabel() == "% of GRDP"
    assert [ax.get_ylabel() for ax in en["03-steps-from-2020"].axes if ax.get_visible()] == [
        "million VND per person", "%", "tonnes", "hectares", "%"]
    assert [ax.get_xlabel() for ax in en["04-poverty-and-jobs"].axes[:2]] == ["percentage points", "workers"]
    assert en["04-health"].axes[2].get_ylabel() == "doctors per 10,000 people"
    assert all_figures["vi"]["04-poverty-and-jobs"].axes[1].get_xlabel() == "lao động"


def test_outside_figures_are_credited_to_their_publishers(all_figures, context):
    note = [t.get_text() for t in all_figures["en"]["03-steps-from-2020"].texts if t.get_gid() == "source"][0]
    used = context[(context["role"] == "baseline") & context["indicator_id"].notna()]
    for publisher in used["publisher"]:
        assert publisher.split(" (")[0] in note
    assert note.replace("\n", " ").endswith("(quoted in data/outcomes.csv)")
    growth_note = [t.get_text() for t in all_figures["en"]["03-growth-targets"].texts if t.get_gid() == "source"][0]
    assert growth_note == charts.source_note("en")  # no outside figure used there


def test_every_figure_draws_without_a_warning_in_both_languages(all_figures, renderers):
    """pytest turns warnings into errors: a missing Vietnamese glyph would fail here (the SVG and PNG files are
    drawn, also under pytest, by test_report.py)."""
    assert set(renderers) == {(lang, stem) for lang, figures in all_figures.items() for stem in figures}


def test_a_letter_with_no_glyph_fails_the_drawing(targets):
    """The check above can fail: a title with a Khmer letter (no font here has one) warns, and pytest's
    filterwarnings = error makes that an error."""
    fig = charts.growth_targets(targets, lang="vi")
    fig.suptitle(fig.get_suptitle() + " \u1780")
    with pytest.raises(UserWarning, match="KHMER LETTER KA"):
        drawn(fig)


def test_every_colour_is_from_the_colour_blind_safe_palette(all_figures):
    for figures in all_figures.values():
        for stem, fig in figures.items():
            for ax in fig.axes:
                for patch in ax.patches:
                    assert mcolors.to_hex(patch.get_facecolor()) in OKABE_ITO | NEUTRAL, (stem, patch.get_facecolor())
                for line in ax.lines:
                    colours = {mcolors.to_hex(line.get_color()), mcolors.to_hex(line.get_markeredgecolor())}
                    assert colours <= OKABE_ITO | NEUTRAL, (stem, line.get_gid(), colours)


def test_no_text_is_cut_off_or_crosses_a_reference_line(all_figures, renderers):
    for lang, figures in all_figures.items():
        for stem, fig in figures.items():
            renderer = renderers[lang, stem]
            used = fig.get_tightbbox(renderer)  # in inches: everything drawn, titles and notes included
            width, height = fig.get_size_inches()
            assert -0.01 <= used.x0 and used.x1 <= width + 0.01 and -0.01 <= used.y0 and used.y1 <= height + 0.01, (
                lang, stem, used)
            (note,) = [t for t in fig.texts if t.get_gid() == "source"]
            note_box = note.get_window_extent(renderer)
            for ax in fig.axes:
                if ax.get_visible():  # the axes with their labels and legend stay clear of the source note
                    assert not ax.get_tightbbox(renderer).overlaps(note_box), (lang, stem, "source note")
            for ax in fig.axes:
                lines = [a for a in ax.lines if str(a.get_gid()).startswith(("reference", "universal"))]
                labels = [t for t in ax.texts if t.get_text().strip()]
                for line in lines:
                    line_box = line.get_window_extent(renderer)
                    for label in labels:
                        assert not line_box.overlaps(label.get_window_extent(renderer)), (lang, stem, label.get_text())


# ------------------------------------------------------------------ each chart reads the data

def test_growth_bars_are_the_targets_fastest_first_with_grdp_as_reference(targets):
    fig = charts.growth_targets(targets)
    ax = fig.axes[0]
    expected = charts.growth_rates(targets).sort_values("value", ascending=False)
    assert list(ax.containers[0].datavalues) == list(expected["value"])
    assert tick_names(ax) == list(expected["name_en"])
    (line,) = with_gid(ax, "reference:grdp_growth")
    assert list(line.get_xdata()) == [7.96, 7.96]


def test_labels_follow_the_language_and_the_resolutions_notation(targets):
    fig = charts.growth_targets(targets, lang="vi")
    ax = fig.axes[0]
    expected = charts.growth_rates(targets).sort_values("value", ascending=False)
    assert tick_names(ax) == list(expected["name_vi"])
    assert "23,8%" in title(fig) and "từ 5% đến 8,4%" in title(fig)
    assert "7,96" in [t.get_text() for t in ax.texts]  # the value label, as the resolution writes it


def test_names_in_labels_and_titles_come_from_the_data_not_the_code(targets):
    """Rename a target in the data: the chart's label and title follow, so no name is typed twice."""
    renamed = targets.copy()
    at = renamed["indicator_id"] == "enrolment_primary"
    renamed.loc[at, "name_en"] = "School-age enrolment rate: elementary school"
    renamed.loc[at, "name_vi"] = "Tỷ lệ huy động học sinh trong độ tuổi đến trường: Cấp một"
    en, vi = charts.enrolment(renamed), charts.enrolment(renamed, lang="vi")
    assert "Elementary school" in tick_names(en.axes[0], "x") and "highest for elementary school (98.5%)" in title(en)
    assert "Cấp một" in tick_names(vi.axes[0], "x") and "cao nhất ở cấp một (98,5%)" in title(vi)
    renamed.loc[renamed["indicator_id"] == "stunting_under5", "name_en"] = "Short-for-age children"
    assert "The ceiling for short-for-age children (26.02%)" in title(charts.health(renamed))


def test_an_unknown_language_is_refused(targets):
    with pytest.raises(ValueError, match="lang must be one of"):
        charts.growth_targets(targets, lang="fr")


def test_structure_bars_are_the_four_shares_largest_first(targets, context):
    fig = charts.economic_structure(targets, context)
    ax = fig.axes[0]
    assert list(ax.containers[0].datavalues) == [39.39, 39.22, 14.16, 7.23]
    assert tick_names(ax) == ["Industry and construction", "Services", "Agriculture, forestry and fishery",
                              "Product taxes less product subsidies"]
    # the 2020 agriculture share of the outside figures is for 'ngành Nông nghiệp' alone: not linked, not drawn
    assert not [line for line in ax.lines if str(line.get_gid()).startswith("baseline")]


def test_a_linked_2020_share_is_drawn_as_a_marked_estimate(targets, context):
    linked = context.copy()
    linked.loc["structure_agri_share_baseline_2020", "indicator_id"] = "share_agriculture_forestry_fishery"
    ax = charts.economic_structure(targets, linked).axes[0]
    (marker,) = with_gid(ax, "baseline:share_agriculture_forestry_fishery")
    assert list(marker.get_xdata()) == [15.5] and marker.get_label() == "2020 (estimate)"


def test_distance_to_universal_draws_each_target_and_its_gap_to_100(targets):
    fig = charts.distance_to_universal(targets)
    ax = fig.axes[0]
    expected = charts.of_theme(targets, charts.UNIVERSAL).sort_values("value", ascending=False)
    assert list(ax.containers[0].datavalues) == list(expected["value"])
    assert [round(p.get_width(), 6) for p in ax.containers[1]] == [round(100 - v, 6) for v in expected["value"]]
    (line,) = with_gid(ax, "universal")
    assert list(line.get_xdata()) == [100, 100]
    assert tick_names(ax) == list(expected["name_en"])


def test_steps_from_2020_put_each_2020_value_beside_its_target(targets, context):
    fig = charts.steps_from_2020(targets, context)
    bars, changes = {}, {}
    for ax in fig.axes:
        for container in ax.containers:
            (gid,) = {p.get_gid() for p in container}
            bars[gid.removeprefix("step:")] = list(container.datavalues)
            changes[gid.removeprefix("step:")] = [t.get_text() for t in ax.texts if t.get_gid() == "change"][0]
    values = targets.set_index("indicator_id")["value"]
    assert bars == {
        "tea_new_planting": [760, values["tea_new_planting"]],
        "grdp_per_capita": [43, values["grdp_per_capita"]],
        "agriculture_value_added_growth": [4, values["agriculture_value_added_growth"]],
        "grain_output": [220_000, values["grain_output"]],  # 220 nghìn tấn, in the target's tonnes
        "households_national_grid": [95.1, values["households_national_grid"]],
    }
    # a rate moves in points, an amount in percent of itself
    assert changes == {"tea_new_planting": "\u221210.5%", "grdp_per_capita": "+9.3%", "agriculture_value_added_growth": "+1.0 points",
                       "grain_output": "+0.9%", "households_national_grid": "+0.1 points"}
    hatched = {p.get_gid().removeprefix("step:") for ax in fig.axes for p in ax.patches if p.get_hatch()}
    baselines = context[(context["role"] == "baseline") & context["indicator_id"].notna()]
    assert hatched == set(baselines.loc[baselines["estimate"], "indicator_id"])


def test_steps_need_the_outside_figures(targets):
    with pytest.raises(ValueError, match="no 2020 values"):
        charts.steps_from_2020(targets, None)


def test_targets_by_group_stacks_the_count_of_each_kind(targets):
    fig = charts.targets_by_group(targets)
    ax = fig.axes[0]
    totals = [0] * 10
    for container in ax.containers:
        for k, bar in enumerate(container):
            totals[k] += bar.get_width()
    assert totals == list(targets.groupby("group").size())
    assert tick_names(ax)[0] == "(1) Growth and economic structure"
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["level", "growth rate"]


def test_enrolment_health_and_poverty_charts_draw_the_targets(targets, context):
    enrol = charts.enrolment(targets).axes[0]
    assert list(enrol.containers[0].datavalues) == list(charts.of_theme(targets, charts.ENROLMENT)["value"])
    assert [t.get_text() for t in enrol.texts] == ["98%", "98.5%", "94%", "≥ 53%"]
    health = charts.health(targets)
    assert list(health.axes[0].containers[0].datavalues) == [18.79, 26.02]
    records = health.axes[1]
    assert list(records.containers[0].datavalues) == [30.0] and list(records.containers[1].datavalues) == [70.0]
    assert [t.get_text() for t in health.axes[0].texts] == ["≤ 18.79", "≤ 26.02"]  # ceilings, marked as such
    assert list(health.axes[2].containers[0].datavalues) == [12.2]
    poverty = charts.poverty_and_jobs(targets, context)
    assert [list(ax.containers[0].datavalues) for ax in poverty.axes] == [[3.0, 4.3], [7650.0, 8000.0]]
    assert [tick_names(ax) for ax in poverty.axes] == [
        list(by_id(targets, ["poverty_rate_reduction", "poverty_rate_reduction_poor_districts"])["name_en"]),
        list(by_id(targets, ["jobs_created", "vocational_training"])["name_en"]),
    ]
    paces = {a.get_gid(): list(a.get_xdata()) for ax in poverty.axes for a in ax.lines if a.get_gid()}
    assert paces == {
        "pace:poverty_reduction_pace_2021_2025": [3.0],
        "pace:poverty_reduction_poor_districts_target_2021_2025": [4.0],
        "pace:jobs_pace_2021_2025": [8500.0],
    }


def test_poverty_and_jobs_without_the_outside_figures_has_no_pace(targets):
    fig = charts.poverty_and_jobs(targets, None)
    assert not [a for ax in fig.axes for a in ax.lines if a.get_gid()]
    assert "five-year" not in title(fig)


def test_a_broken_value_is_drawn_as_broken(data_copy):
    """The charts read the data, not a copy of it: change a target and its bar moves."""
    data_copy.set("tourist_arrivals_growth", value="12,5")
    fig = charts.growth_targets(data_copy.load())
    assert 12.5 in list(fig.axes[0].containers[0].datavalues)
    assert "23.8" not in title(fig)


def test_not_charted_lists_what_no_chart_draws(targets, context):
    drawn = charts.charted(targets, context)
    left = charts.not_charted(targets, range(1, 11), context)
    assert not set(left["indicator_id"]) & drawn
    assert len(left) + len(drawn) == len(targets)
    # what the charts draw is decided by the data: a target moved to another theme leaves its chart
    moved = targets.copy()
    moved["theme"] = moved["theme"].astype(str)
    moved.loc[moved["indicator_id"] == "forest_cover", "theme"] = "universal services"
    assert "forest_cover" in charts.charted(moved, context) and "forest_cover" not in drawn
    fig = charts.distance_to_universal(moved)
    assert moved.set_index("indicator_id").at["forest_cover", "name_en"] in tick_names(fig.axes[0])


# The same bytes every time, across processes: tests/test_report.py builds every figure of the report in a
# second process and compares the files.


# ------------------------------------------------------------------ 05: plan against outcome


def test_coverage_stacks_each_groups_statuses_and_hatches_estimates(targets, outcomes):
    card = plantargets.scorecard(targets, outcomes)
    fig = charts.coverage(card)
    ax = fig.axes[0]
    key = card[card["key_target"] & card["target"].notna()]
    widths = {}
    for container in ax.containers:
        (gid,) = {p.get_gid() for p in container}
        widths[gid] = list(container.datavalues)
    groups = sorted(key["group"].unique())
    total = [sum(w[i] for w in widths.values()) for i in range(len(groups))]
    assert total == list(key.groupby("group").size().reindex(groups))
    assert widths["status:missed"][0] == 2 and widths["status:met:estimate"][2] == 1  # group 1; group 3, hatched
    assert {p.get_hatch() for c in ax.containers for p in c if p.get_gid() == "status:met:estimate"} == {"//"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["met", "missed", "no published result", "hatched: an estimate"]


def test_road_puts_each_figure_at_its_year(targets, outcomes):
    fig = charts.road_to_2025(targets, outcomes)
    points = {line.get_gid(): (list(line.get_xdata()), list(line.get_ydata())) for ax in fig.axes for line in ax.lines if line.get_gid()}
    assert points["baseline:grdp_per_capita"] == ([2020], [43])
    assert points["target2021:grdp_per_capita"] == ([2021], [47])
    assert points["result:grdp_per_capita"] == ([2021], [44.4])
    assert points["plan2022:grdp_per_capita"] == ([2022], [47.9])
    assert points["road:grdp_per_capita"] == ([2021, 2025], [47, 65])
    assert points["result:budget_revenue"] == ([2021], [2000])
    assert "baseline:budget_revenue" not in points  # no 2020 value was found
    hollow = {gid for ax in fig.axes for line in ax.lines if (gid := line.get_gid()) and line.get_markerfacecolor() == "white"}
    assert hollow == {"baseline:grdp_per_capita", "baseline:grain_output", "result:budget_revenue"}  # the estimates
    labels = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"≥ 2,000", "≥ 226,000", "≥ 8,482", "47", "44.4"} <= labels
    assert {"+8.4% a year (from the 2021 target)", "+10.0% a year (from the 2021 result)", "+11.9% a year (from the 2021 target)",
            "≤ +4.2% a year (from the 2021 target)", "≥ +0.4% a year (from the 2021 target)"} <= labels  # bounds carried into the pace
    assert points["road-from-result:grdp_per_capita"] == ([2021, 2025], [44.4, 65])
    legend = fig.axes[-1].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        "2020", "2021 target", "2021 result", "2022 plan", "2025 target", "hollow marker: an estimate"]
    shares = charts.road_to_2025(targets, outcomes, measure="share", themes=charts.ROAD_SHARE_THEMES)
    assert [t.get_text() for t in shares.axes[-1].get_legend().get_texts()] == ["2021 target", "2025 target"]


def test_pace_bars_are_the_targets_the_averages_and_what_is_left(targets, outcomes):
    fig = charts.pace_to_2025(targets, outcomes)
    bars = {c[0].get_gid(): c.datavalues[0] for ax in fig.axes for c in ax.containers}
    assert (bars["target2021:grdp_growth"], bars["result:grdp_growth"], bars["plan2022:grdp_growth"], bars["average:grdp_growth"]) == (
        7.96, 5.6, 7.7, 9)
    assert round(bars["needed:grdp_growth"], 2) == 9.26 and round(bars["needed_result:grdp_growth"], 2) == 9.87
    assert bars["needed:jobs_created"] == 8712.5
    labels = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"≥ 9", "≥ 5", "7.96", "8,713", "≥ 9.26", "≥ 9.87", "12.29"} <= labels
    assert "8,712.5" not in labels  # 8,712.5 workers a year: whole workers, the least number that is enough


def test_charts_of_the_outcomes_need_the_five_year_targets(targets, outcomes):
    with pytest.raises(KeyError, match="the five-year plan sets no target for vocational_training"):
        charts.pace_to_2025(targets, outcomes, ids=["vocational_training"])


def test_share_panels_have_the_same_span_so_slopes_compare(targets, outcomes):
    fig = charts.road_to_2025(targets, outcomes, measure="share", themes=charts.ROAD_SHARE_THEMES)
    spans = {round(ax.get_ylim()[1] - ax.get_ylim()[0], 6) for ax in fig.axes if ax.axison}
    assert len(spans) == 1
    labels = [t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == "pace-label"]
    assert "−0.70 points a year (from the 2021 target)" in labels and "+0.75 points a year (from the 2021 target)" in labels


def test_the_outlet_read_is_credited(targets, outcomes):
    note = [t.get_text() for t in charts.road_to_2025(targets, outcomes, measure="share", themes=charts.ROAD_SHARE_THEMES).texts if t.get_gid() == "source"][0]
    assert "VietnamMoi" in note and "HĐND tỉnh Lai Châu (" not in note


# ------------------------------------------------------------------ in Vietnamese

AVOIDED_VI = ("tỷ lệ bao phủ", "khoảng cách tới 100%", "điểm rỗng", "trần (không quá)", "Source", " a year", "target")


def test_vietnamese_figures_are_in_vietnamese_with_vietnamese_numbers(all_figures):
    from matplotlib.text import Text

    from plantargets.i18n import messages

    vi = all_figures["vi"]
    assert title(vi["03-economic-structure"]) == (
        "Công nghiệp, xây dựng (39,39%) và dịch vụ (39,22%) chiếm 78,61% GRDP theo kế hoạch")
    assert title(vi["04-poverty-and-jobs"]) == (
        "Thấp hơn mức bình quân hằng năm được nêu cho giai đoạn 2021-2025: giải quyết việc làm 7.650 so với 8.500; bằng hoặc "
        "cao hơn mức đó: mức giảm tỷ lệ hộ nghèo 3,0 so với 3 và mức giảm tỷ lệ hộ nghèo: các huyện nghèo 4,3 so với 4")
    assert title(vi["04-culture"]) == (
        "1/3 chỉ tiêu đặt từ 95% trở lên; xa mức 100% nhất là thôn, bản, khu phố đạt tiêu chuẩn văn hóa, còn thiếu 25,8 "
        "điểm phần trăm")
    (note,) = [t.get_text() for t in vi["04-poverty-and-jobs"].texts if t.get_gid() == "source"]
    assert note == ("Nguồn: Nghị quyết HĐND tỉnh Lai Châu, kỳ họp thứ 15, tháng 12/2020; theo www.hdnd.laichau.gov.vn\n"
                    "Số liệu ngoài Nghị quyết: Làng nghề Việt (trích dẫn trong data/outcomes.csv)")
    assert [t.get_text() for t in vi["05-road-levels"].axes[-1].get_legend().get_texts()] == [
        "Năm 2020", "Chỉ tiêu 2021", "Kết quả 2021", "Kế hoạch 2022", "Mục tiêu 2025", "không tô màu: số ước tính"]
    road = {t.get_text() for ax in vi["05-road-levels"].axes for t in ax.texts}
    assert {"≥ 2.000", "≥ 226.000", "44,4", "+8,4%/năm (từ chỉ tiêu 2021)", "+10,0%/năm (từ kết quả 2021)"} <= road
    shares = {t.get_text() for ax in vi["05-road-shares"].axes for t in ax.texts}
    assert "−0,70 điểm phần trăm/năm (từ chỉ tiêu 2021)" in shares
    steps = {t.get_text() for ax in vi["03-steps-from-2020"].axes for t in ax.texts if t.get_gid() == "change"}
    assert {"−10,5%", "+9,3%", "+1,0 điểm phần trăm"} <= steps
    pace = vi["05-pace"]
    assert {"8.713", "≥ 9,26", "7,96"} <= {t.get_text() for ax in pace.axes for t in ax.texts}
    assert "Cần đạt 2022-2025 (tính từ mức kế hoạch 2021)" in tick_names(pace.axes[0])
    assert "lao động/năm" in [ax.get_xlabel() for ax in pace.axes]
    kinds = [t.get_text() for t in vi["01-targets-by-group"].axes[0].get_legend().get_texts()]
    assert kinds[:2] == ["mức cần đạt", "tốc độ tăng"] and "tỷ lệ" in kinds
    statuses = [t.get_text() for t in vi["05-coverage"].axes[0].get_legend().get_texts()]
    msg = messages("vi")
    assert statuses == [msg.pgettext("status", s) for s in ("met", "missed", "no published result")] + ["gạch chéo: số ước tính"]
    assert vi["04-distance-to-universal"].axes[0].get_legend().get_texts()[0].get_text() == "khoảng cách đến mức 100%"
    assert "Mức tối đa" in [vi["04-health"].axes[0].get_title(loc) for loc in ("left", "center", "right")]
    for stem, fig in vi.items():  # none of the words to avoid, and no English chart word, anywhere in a figure
        for text in fig.findobj(Text):
            for avoided in AVOIDED_VI:
                assert avoided not in text.get_text(), (stem, text.get_text())


# ------------------------------------------------------------------ what a chart says in words (its alt text)

def test_every_description_opens_with_the_title_and_holds_every_value_drawn(all_figures):
    for lang, figures in all_figures.items():
        for stem, fig in figures.items():
            said = charts.description(fig)
            assert said.startswith(title(fig)), (lang, stem)
            for ax in fig.axes:
                for text in ax.texts:
                    if text.get_visible() and text.get_text().strip():
                        assert " ".join(text.get_text().split()) in said, (lang, stem, text.get_text())
            # what a notebook shows: the description as the image's alt text
            assert fig._repr_mimebundle_()[1] == {"image/png": {"alt": said}}, (lang, stem)


def test_a_description_pairs_each_category_with_its_own_value(all_figures):
    said = charts.description(all_figures["en"]["03-economic-structure"])
    assert "Industry and construction: 39.39; Services: 39.22; Agriculture, forestry and fishery: 14.16; " \
           "Product taxes less product subsidies: 7.23" in said
    said = charts.description(all_figures["vi"]["04-enrolment"])
    assert "Tiểu học: 98,5%" in said and "Chú giải" in said
    stacked = charts.description(all_figures["en"]["01-targets-by-group"])
    assert "(3) Budget: level 1" in stacked, "bars without labels are read from their sizes"


def test_a_description_follows_the_data(targets, context):
    changed = targets.copy()
    row = changed.index[changed["indicator_id"] == "share_agriculture_forestry_fishery"][0]
    changed.loc[row, ["value", "value_as_written"]] = [15.16, "15,16"]
    other = changed.index[changed["indicator_id"] == "share_services"][0]
    changed.loc[other, ["value", "value_as_written"]] = [38.22, "38,22"]
    said = charts.description(charts.economic_structure(changed, context, lang="en"))
    assert "Agriculture, forestry and fishery: 15.16" in said and "Services: 38.22" in said and "14.16" not in said
