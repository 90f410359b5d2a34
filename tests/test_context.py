"""data/context.csv and data/outcomes.csv: every outside figure is cited, quoted, and written as its source writes it."""

import csv
import re

import pytest
from babel.numbers import parse_decimal

import plantargets
from plantargets.paths import CONTEXT_CSV, PROJECT_ROOT

SHARED_FIGURES = PROJECT_ROOT.parent / "shared" / "context" / "lai_chau_figures.csv"


def test_every_figure_has_publisher_title_url_and_quote(context):
    for column in ("publisher", "title", "url", "quote"):
        assert context[column].notna().all(), column
    assert context["url"].str.match(r"https?://").all()


def test_every_quote_contains_its_value_as_written(context):
    for figure_id, row in context.iterrows():
        assert row["value_as_written"] in row["quote"], figure_id


def test_every_value_as_written_parses_to_value(context):
    """The first number in value_as_written, read in Vietnamese notation (or in English, where ``notation`` says the
    source writes English), is the value.

    Before 'nghìn' (thousand) it is the value in thousands, unless the unit is itself in thousands.
    """
    for figure_id, row in context.iterrows():
        found = re.search(r"([0-9]+(?:[.,][0-9]+)*)( nghìn)?", row["value_as_written"])
        scale = 1000 if found.group(2) and not str(row["unit"]).startswith("thousand ") else 1
        locale = "en" if row.get("notation") == "en" else "vi"
        number = float(parse_decimal(found.group(1), locale=locale, strict=True)) * scale
        assert number == row["value"], figure_id


def test_each_file_holds_its_own_kind_of_figure(context):
    """outcomes.csv: values of plan indicators; context.csv: everything else. One figure, one row."""
    assert context.index.is_unique
    in_outcomes = context["file"] == "outcomes.csv"
    assert context.loc[in_outcomes, "indicator_id"].notna().all()
    assert context.loc[~in_outcomes, "indicator_id"].isna().all()
    assert (in_outcomes.sum(), (~in_outcomes).sum()) == (47, 22)


def test_bounds_and_estimates_are_marked(context):
    assert context.loc["tea_area_2018", "bound"] == "at most"  # 'gần 6.200 ha'
    assert context.loc["budget_revenue_result_2021", "bound"] == "at least"  # 'hơn 2.000 tỷ đồng'
    assert context.loc["grdp_growth_plan_2021_2025", "bound"] == "at least"  # '9 - 10%/năm': the lower end
    assert context.loc["enrolment_upper_secondary_plan_2025", "bound"] == "at least"  # '60% trở lên'
    assert (context["bound"] != "exact").sum() == 10
    assert context.loc["structure_agri_share_baseline_2020", "estimate"]  # 'ước đạt'
    assert context.loc["grdp_growth_result_2021", "estimate"]  # 'ước đạt 5,6%'
    assert not context.loc["grdp_growth_result_2021_restated", "estimate"]  # 'đạt 5,6% (kế hoạch 7,96%)'
    assert not context.loc["communes_xa_2020", "estimate"]


@pytest.mark.skipif(not SHARED_FIGURES.exists(), reason=f"needs {SHARED_FIGURES} (the shared context figures) beside the project")
def test_every_quote_and_url_comes_from_the_shared_context_figures(context):
    """No figure from memory: each row's quote and address are those of a row of ../shared/context."""
    with SHARED_FIGURES.open(encoding="utf-8", newline="") as f:
        shared = list(csv.DictReader(f))
    by_id = {s["figure_id"]: s for s in shared}
    for figure_id, row in context.iterrows():
        sources = [s for s in shared if s["url"] == row["url"] and s["quote"] == row["quote"]]
        assert sources, figure_id
        assert sources[0]["publisher"] == row["publisher"], figure_id
        if figure_id in by_id:  # the same figure: the same value (ours may be in thousands) and wording
            same = by_id[figure_id]
            assert float(same["value"]) in (row["value"], round(row["value"] * 1000, 6)), figure_id  # ours may be in thousands
            assert same["value_as_written"] == row["value_as_written"] and same["quote"] == row["quote"], figure_id


# ------------------------------------------------------------------ bad input names file, row and field

BAD_CONTEXT = [
    # (figure, changes, field, words of the message)
    ("communes_xa_2020", {"value": "95", "value_as_written": "94 xã"}, "value", "is not written this way in value_as_written"),
    ("communes_xa_2020", {"value_as_written": "95 xã"}, "value_as_written", "is not in the quote"),
    ("tea_area_2018", {"bound": "exact"}, "bound", "does not match the words"),
    ("tea_area_end2022", {"bound": "at least"}, "bound", "does not match the words"),
    ("tea_area_2017", {"quote": "đã trồng gần 5.030 ha"}, "bound", "the word before it in the quote"),
    ("structure_agri_share_baseline_2020", {"estimate": "false"}, "estimate", "calls the figure an estimate"),
    ("poverty_rate_baseline_2020", {"value": "116,33"}, "value", "outside 0-100"),
    ("communes_xa_2020", {"value": "94,5"}, "value", "whole, non-negative"),
    ("communes_xa_2020", {"unit": "xã"}, "unit", "is not one of"),
    ("communes_xa_2020", {"url": "daidoanket.vn/page"}, "url", "does not match the pattern"),
    ("communes_xa_2020", {"quote": ""}, "quote", "is missing"),
    ("communes_xa_2020", {"value": "94.0", "value_as_written": "94.0 xã"}, "value", "not in Vietnamese notation"),
    ("communes_xa_2020", {"role": "result"}, "role", "is not one of"),
    ("communes_xa_2020", {"year": "20"}, "year", "does not match the pattern"),
    ("population_avg_2021", {"unit": "persons"}, "value", "nor in thousands there"),
]


@pytest.mark.parametrize("figure_id, changes, field, words", BAD_CONTEXT, ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(BAD_CONTEXT)])
def test_a_broken_figure_is_refused_with_file_row_and_field(data_copy, figure_id, changes, field, words):
    data_copy.set_context(figure_id, **changes)
    with pytest.raises(plantargets.DataError) as caught:
        data_copy.load_context()
    message = str(caught.value)
    assert message.startswith(f"{data_copy.context_path.as_posix()}: ")
    assert f"figure_id {figure_id}" in message and f"field '{field}'" in message and words in message, message


def test_a_figure_in_both_files_is_refused(data_copy):
    outcome = data_copy.rows(data_copy.outcomes_path)[0]
    rows = data_copy.rows(data_copy.context_path)
    twin = dict(rows[0], figure_id=outcome["figure_id"])
    data_copy.write(rows + [twin], path=data_copy.context_path)
    with pytest.raises(plantargets.DataError, match=rf"field 'figure_id': '{outcome['figure_id']}' is also a figure_id of outcomes.csv"):
        data_copy.load_context()


def test_a_duplicate_figure_is_refused(data_copy):
    rows = data_copy.rows(data_copy.context_path)
    data_copy.write(rows + [rows[0]], path=data_copy.context_path)
    with pytest.raises(plantargets.DataError, match=r"field 'figure_id': 'communes_total_2020' is not unique"):
        data_copy.load_context()


def test_the_shipped_file_is_the_default():
    assert plantargets.load_context().equals(plantargets.load_context(CONTEXT_CSV))


def test_the_readme_counts_the_figures_as_they_are(context):
    """The README's table of data files says how many rows each holds: held to the files."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    outcomes = context[context["file"] == "outcomes.csv"]
    roles = outcomes["role"].value_counts()
    plans = outcomes[outcomes["role"] == "plan"]["year"]
    assert (f"| `data/outcomes.csv` | {len(outcomes)} values of the plan's own indicators from outside the resolution: "
            f"{roles['baseline']} values for 2020, {roles['result']} published 2021 results") in readme
    later = outcomes[outcomes["role"] == "plan"]
    five_year = later[later["year"].isin(["2025", "2021-2025"])]
    from_plan = five_year["publisher"].str.contains("5-year plan", regex=False)
    assert (f"and {roles['plan']} targets that later plans give for the same indicators: {(plans == '2022').sum()} for 2022, "
            f"presented at the UBND's year-end conference of 2021, and {len(five_year)} for 2021-2025, of which "
            f"{from_plan.sum()} are the five-year plan's and {(~from_plan).sum()} were given at a UBND conference of 13/12/2020") in readme
    assert f"| `data/context.csv` | {(context['file'] == 'context.csv').sum()} other figures" in readme


def test_a_figure_in_english_notation_must_say_so(data_copy):
    """'3.91%' is 3,91 only where the row says its source writes English; said of a Vietnamese row, it is refused,
    and an English row must write the value the English way."""
    data_copy.set_context("grdp_growth_avg_2021_2023", notation="")
    with pytest.raises(plantargets.DataError, match=r"figure_id grdp_growth_avg_2021_2023\), field 'value'"):
        data_copy.load_context()
    data_copy.set_context("grdp_growth_avg_2021_2023", notation="en", value_as_written="3,91%",
                          quote="growth of 3,91%")
    with pytest.raises(plantargets.DataError, match=r"figure_id grdp_growth_avg_2021_2023\), field 'value'"):
        data_copy.load_context()
