"""The claims that notebooks/01 makes in prose hold for the data (nbval checks the outputs, not the prose)."""

import nbformat
import pytest
from conftest import prose_of

import plantargets
from plantargets.report import edition_of, notebook_paths


@pytest.fixture(scope="module")
def prose():
    return prose_of("01-the-plan-at-a-glance")


def test_fifty_targets_48_numeric_key_one_without_number_one_outside(targets, prose):
    key = targets[targets["key_target"]]
    assert (len(targets), key["value"].notna().sum(), key["value"].isna().sum(), (~targets["key_target"]).sum()) == (50, 48, 1, 1)
    assert "**10 key indicators** (chỉ tiêu chủ yếu) set **48 numeric targets**" in prose and "all **50**" in prose
    assert "key target" not in prose.replace("key-target paragraph", "")


def test_agriculture_and_education_carry_most_key_targets_and_the_budget_one(targets, prose):
    key = targets[targets["key_target"]]
    sizes = key.groupby("group").size()
    assert sizes[2] == sizes[6] == sizes.max() == 8
    assert (sizes == 8).sum() == 2
    assert key.loc[key["group"] == 6, "value"].isna().sum() == 1
    assert sizes[3] == 1
    assert "Agriculture (group 2) and education (group 6) carry the most targets, 8 each (one of education's has no number)" in prose


def test_the_target_outside_the_key_paragraph_is_under_health(targets, prose):
    assert targets.loc[~targets["key_target"], "group"].tolist() == [7]
    assert "counted under health (group 7)" in prose


def test_coverage_rates_are_25_of_50(targets, prose):
    counts = targets["kind"].value_counts()
    assert counts.idxmax() == "coverage rate" and counts.max() == 25
    assert "Half (25 of 50)" in prose and "Half of the targets (25 of 50) are coverage rates" in prose


def test_five_bounds_three_floors_two_ceilings(targets, prose):
    comparators = targets["comparator"].value_counts()
    assert (comparators[">="], comparators["<="], comparators["="]) == (3, 2, 44)
    assert "**Five** targets are bounds" in prose and "three floors and two ceilings" in prose


def test_shares_sum_to_100_00(targets, prose):
    assert plantargets.parts_sum_to_whole(targets).iloc[0]["observed"] == 100.0
    assert "sum to **100.00%**" in prose


def test_every_notebook_follows_the_skeleton():
    for path in notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        markdown = [c.source for c in notebook.cells if c.cell_type == "markdown"]
        lang = edition_of(path)
        assert markdown[0].startswith("# ") and " · " not in markdown[0].splitlines()[0], path.name
        assert any(s.startswith({"vi": "## Nguồn", "en": "## Source"}[lang]) for s in markdown), path.name
        assert any(s.startswith({"vi": "## Những kết quả chính", "en": "## What we found"}[lang]) for s in markdown), path.name
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), path.name
        assert not any("read_csv(" in c.source or "open(" in c.source for c in code), path.name


def test_01_gives_the_dates_in_one_place(context):
    from plantargets.paths import RAW_ARTICLE

    assert "'Ngày 13/12, kỳ họp thứ 15" in context.loc["grdp_per_capita_baseline_2020", "note"]

    article = RAW_ARTICLE.read_text(encoding="utf-8")
    assert "tại kỳ họp thứ mười bốn HĐND tỉnh" in article  # the photo caption
    assert "Tại kỳ họp thứ mười lăm HĐND tỉnh khóa XIV, nhiệm kỳ 2016-2021 diễn ra từ ngày 08 đến ngày 10/12/2020" in article
    assert "(Ngày đăng :05/02/2021" in article
    prose = prose_of("01-the-plan-at-a-glance")
    assert '"kỳ họp thứ mười lăm"' in prose and '"kỳ họp thứ mười bốn"' in prose and "held 8-10 December 2020" in prose
    assert "posted on 05/02/2021" in prose and "Nghị quyết số 39/2020/NQ-HĐND of 13/12/2020" in prose and "The sources collected do not reconcile the two" in prose


def test_04_says_which_poverty_standard(context):
    prose = prose_of("04-society")
    assert context.loc["poverty_rate_baseline_2020", "value"] == 16.33
    assert "The 2020 rate of 16.33% (`data/context.csv`) is on the poverty standard in force for 2016-2020" in prose
    assert "Points measured on different standards or series do not add up" in prose and "do not say on which standard" in prose and "multidimensional" not in prose
