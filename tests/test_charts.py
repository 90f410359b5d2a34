"""The charts draw what the data says: read back bars, labels, lines, titles and notes (nbval never sees images)."""

import io
import re

import matplotlib.colors as mcolors
import pytest

from plantargets import charts

OKABE_ITO = {"#0072b2", "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00", "#f0e442", "#000000", "#999999", "#e5e5e5"}


def by_id(targets, ids):
    return targets.set_index("indicator_id").loc[list(ids)]


def tick_names(ax, axis="y"):
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text().replace("\n", " ") for t in labels]


def title(fig):
    return fig.get_suptitle().replace("\n", " ")  # wrapped to the figure's width


def with_gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


@pytest.fixture(scope="module")
def all_figures(targets, context):
    return {lang: charts.figures(targets, context, lang) for lang in charts.LANGS}


def test_every_figure_has_a_title_axis_labels_and_the_source_note(all_figures):
    for lang, figures in all_figures.items():
        for stem, fig in figures.items():
            assert len(title(fig)) > 30, (lang, stem)
            assert charts.SOURCE_NOTE in [t.get_text().split(" · ")[0] for t in fig.texts], (lang, stem)
            for ax in fig.axes:
                if ax.get_visible():
                    assert ax.get_xlabel() or ax.get_ylabel() or ax.get_xticklabels(), (lang, stem)


def test_every_figure_draws_without_a_warning_in_both_languages(all_figures):
    """pytest turns warnings into errors: a missing Vietnamese glyph would fail here."""
    for figures in all_figures.values():
        for fig in figures.values():
            fig.savefig(io.BytesIO(), format="svg")


def test_every_colour_is_from_the_colour_blind_safe_palette(all_figures):
    for figures in all_figures.values():
        for stem, fig in figures.items():
            for ax in fig.axes:
                for patch in ax.patches:
                    assert mcolors.to_hex(patch.get_facecolor()) in OKABE_ITO | {"#ffffff"}, (stem, patch.get_facecolor())


def test_growth_bars_are_the_targets_fastest_first_with_grdp_as_reference(targets):
    fig = charts.growth_targets(targets)
    ax = fig.axes[0]
    expected = by_id(targets, charts.GROWTH).sort_values("value", ascending=False)
    assert list(ax.containers[0].datavalues) == list(expected["value"])
    assert tick_names(ax) == list(expected["name_en"])
    (line,) = with_gid(ax, "reference:grdp_growth")
    assert list(line.get_xdata()) == [7.96, 7.96]
    assert "23.8%" in title(fig) and "3.0 times GRDP growth" in title(fig)


def test_labels_follow_the_language_and_the_resolutions_notation(targets):
    fig = charts.growth_targets(targets, lang="vi")
    ax = fig.axes[0]
    expected = by_id(targets, charts.GROWTH).sort_values("value", ascending=False)
    assert tick_names(ax) == list(expected["name_vi"])
    assert "23,8%" in title(fig) and "gấp 3,0 lần" in title(fig)
    assert "7,96" in [t.get_text() for t in ax.texts]  # the value label, as the resolution writes it


def test_an_unknown_language_is_refused(targets):
    with pytest.raises(ValueError, match="lang must be one of"):
        charts.growth_targets(targets, lang="fr")


def test_structure_bars_are_the_four_shares_with_the_2020_estimate_marked(targets, context):
    fig = charts.economic_structure(targets, context)
    ax = fig.axes[0]
    assert sorted(ax.containers[0].datavalues) == sorted([14.16, 39.39, 39.22, 7.23])
    assert tick_names(ax) == ["Industry and construction", "Services", "Agriculture, forestry and fishery",
                              "Product taxes less product subsidies"]
    (marker,) = with_gid(ax, "baseline:share_agriculture_forestry_fishery")
    assert list(marker.get_xdata()) == [15.5] and marker.get_label() == "2020 (estimate)"
    assert "78.61%" in title(fig)


def test_distance_to_universal_draws_each_target_and_its_gap_to_100(targets):
    fig = charts.distance_to_universal(targets)
    ax = fig.axes[0]
    expected = by_id(targets, charts.UNIVERSAL_SERVICES).sort_values("value", ascending=False)
    assert list(ax.containers[0].datavalues) == list(expected["value"])
    assert [round(p.get_width(), 6) for p in ax.containers[1]] == [round(100 - v, 6) for v in expected["value"]]
    (line,) = with_gid(ax, "universal")
    assert list(line.get_xdata()) == [100, 100]
    assert tick_names(ax) == list(expected["name_en"])
    assert "5 of 10" in title(fig) and "35.9 points short" in title(fig)


def test_steps_from_2020_put_each_2020_value_beside_its_target(targets, context):
    fig = charts.steps_from_2020(targets, context)
    drawn = {}
    for ax in fig.axes:
        for container in ax.containers:
            (gid,) = {p.get_gid() for p in container}
            drawn[gid.removeprefix("step:")] = list(container.datavalues)
    values = targets.set_index("indicator_id")["value"]
    assert drawn == {
        "tea_new_planting": [760, values["tea_new_planting"]],
        "share_agriculture_forestry_fishery": [15.5, values["share_agriculture_forestry_fishery"]],
        "grdp_per_capita": [43, values["grdp_per_capita"]],
        "agriculture_value_added_growth": [4, values["agriculture_value_added_growth"]],
        "grain_output": [220_000, values["grain_output"]],  # 220 nghìn tấn, in the target's tonnes
        "households_national_grid": [95.1, values["households_national_grid"]],
    }
    hatched = {p.get_gid().removeprefix("step:") for ax in fig.axes for p in ax.patches if p.get_hatch()}
    assert hatched == set(context.loc[context["indicator_id"].notna() & context["estimate"], "indicator_id"])
    assert title(fig).startswith("4 of the 6 targets with a known 2020 value are above it")


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
    assert title(fig).startswith("2 groups set the most targets, 8 each")


def test_enrolment_health_and_poverty_charts_draw_the_targets(targets, context):
    enrol = charts.enrolment(targets).axes[0]
    assert list(enrol.containers[0].datavalues) == list(by_id(targets, charts.ENROLMENT)["value"])
    health = charts.health(targets)
    assert list(health.axes[0].containers[0].datavalues) == [18.79, 26.02]
    assert [t.get_text() for t in health.axes[0].texts] == ["≤ 18.79", "≤ 26.02"]  # ceilings, marked as such
    assert list(health.axes[2].containers[0].datavalues) == [12.2]
    poverty = charts.poverty_and_jobs(targets, context)
    paces = {a.get_gid(): list(a.get_xdata()) for ax in poverty.axes for a in ax.lines if a.get_gid()}
    assert paces == {
        "pace:poverty_reduction_pace_2021_2025": [3.0],
        "pace:poverty_reduction_poor_districts_target_2021_2025": [4.0],
        "pace:jobs_pace_2021_2025": [8500.0],
    }


def test_a_broken_value_is_drawn_as_broken(data_copy):
    """The charts read the data, not a copy of it: change a target and its bar moves."""
    data_copy.set("tourist_arrivals_growth", value="12,5")
    fig = charts.growth_targets(data_copy.load())
    assert 12.5 in list(fig.axes[0].containers[0].datavalues)
    assert "23.8" not in title(fig)


def test_two_builds_give_identical_files(targets, context, tmp_path):
    first = {stem: charts.save(fig, tmp_path / "a" / stem) for stem, fig in charts.figures(targets, context, "vi").items()}
    second = {stem: charts.save(fig, tmp_path / "b" / stem) for stem, fig in charts.figures(targets, context, "vi").items()}
    for stem in first:
        for a, b in zip(first[stem], second[stem]):
            assert a.read_bytes() == b.read_bytes(), a.name
    svg = first["03-growth-targets"][0].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and not re.search(r"20\d\d-\d\d-\d\dT", svg)
    assert not re.search(r'id="[a-z][0-9a-f]{10}"', svg)  # hashed ids renumbered in order of appearance
    assert re.findall(r'clipPath id="(\w+)"', svg) and all(re.fullmatch(r"p\d+", i) for i in re.findall(r'clipPath id="(\w+)"', svg))


def test_the_enrolment_title_states_the_floor_in_words(targets):
    assert title(charts.enrolment(targets)) == "Enrolment falls from 98.5% in primary school to 53% or more in upper secondary"
    assert title(charts.enrolment(targets, lang="vi")).endswith("xuống 53% trở lên ở trung học phổ thông")
