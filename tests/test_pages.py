"""A page for every target, the index, and a second plan that gets its pages, checks, scores and charts with no code
change (plantargets.pages)."""

from __future__ import annotations

import csv
import html

from markupsafe import escape
import json
import re
import shutil

import pandas as pd
import pytest

from plantargets import charts, pages, sources
from plantargets.checks import run_checks
from plantargets.i18n import LANGS, messages
from plantargets.load import DataError, resource_descriptor
from plantargets.paths import DATA_DIR


@pytest.fixture(scope="module")
def facts():
    return pages.Facts.load()


@pytest.fixture(scope="module")
def written(facts, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return out, pages.write_target_pages(out, facts)


def esc(text) -> str:
    """Text as the templates write it in HTML (Jinja2 autoescape)."""
    return str(escape(text))


def text_of(page_html: str) -> str:
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def page(out, plan_id, indicator_id, lang) -> str:
    return (out / pages.page_path(plan_id, indicator_id, lang)).read_text(encoding="utf-8")


# ------------------------------------------------------------------ every target, both languages

def test_every_target_has_a_page_in_each_language_and_its_rows(written, facts):
    out, files = written
    for target in facts.targets.itertuples():
        for lang in LANGS:
            text = page(out, target.plan_id, target.indicator_id, lang)
            assert f'<html lang="{lang}">' in text
            assert esc(getattr(target, f"name_{lang}")) in text
        for suffix in ("csv", "json"):
            assert (out / pages.data_path(target.plan_id, target.indicator_id, suffix)).is_file()
    html_pages = [p for p in files if p.suffix == ".html"]
    assert len(html_pages) == len(facts.targets) * len(LANGS)


def test_a_page_links_to_the_same_target_in_the_other_language_and_to_its_index(written, facts):
    out, _ = written
    for lang in LANGS:
        text = page(out, "laichau-2021", "forest_cover", lang)
        other = pages.other(lang)
        assert f'href="{pages.page_path("laichau-2021", "forest_cover", other).rsplit("/", 1)[1]}" hreflang="{other}"' in text
        assert f'href="../../{pages.INDEX_PAGES[lang]}"' in text
        assert pages.language_link(other) in text


def test_the_clause_is_marked_inside_the_key_target_paragraph(written, facts):
    out, _ = written
    plan = facts.plans.loc["laichau-2021"]
    for target in facts.targets.itertuples():
        text = page(out, target.plan_id, target.indicator_id, "vi")
        assert f"<mark>{esc(target.source_text)}</mark>" in text
        key = esc(plan["key_paragraph"]) in text.split("<mark>")[0]
        assert key == target.key_target, target.indicator_id  # the one target outside it is shown in its own paragraph


def test_each_figure_is_on_the_page_with_its_source(written, facts):
    out, _ = written
    for figure_id, row in facts.outcomes.iterrows():
        for lang in LANGS:
            text = page(out, row["plan_id"], row["indicator_id"], lang)
            assert f'<tr id="{figure_id}">' in text
            assert esc(row["quote"]) in text
            assert f'<a href="{esc(row["url"])}">' in text


def test_the_status_the_pace_and_the_checks_are_those_of_the_tables(written, facts):
    out, _ = written
    for lang in LANGS:
        msg = messages(lang)
        derived = facts.derived(lang)
        text = page(out, "laichau-2021", "grdp_growth", lang)
        card = derived["card"].loc[("laichau-2021", "grdp_growth")]
        assert esc(msg.pgettext("status", "missed")) in text and esc(card["reason"]) in text
        road = derived["road"].loc[("laichau-2021", "grdp_growth")]
        assert esc(road["reason"]) in text
        checks = derived["checks"]
        decomposition = checks[checks["check"] == "growth_decomposition"].iloc[0]
        assert esc(decomposition["what"]) in text and esc(decomposition["finding"]) in text
        unrelated = checks[checks["check"] == "malnutrition_ceilings"].iloc[0]
        assert esc(unrelated["finding"]) not in text


def test_the_vietnamese_page_is_in_vietnamese(written):
    out, _ = written
    text = text_of(page(out, "laichau-2021", "grdp_growth", "vi"))
    assert "7,96" in text and "7.96" not in text
    for english in ("What the resolution says", "Every figure known", "Was it met?", "Download and cite", "estimate"):
        assert english not in text
    en = text_of(page(out, "laichau-2021", "grdp_growth", "en"))
    assert "7.96%" not in text and "What the resolution says" in en


def test_the_downloads_hold_the_figures_of_the_page(written, facts):
    out, _ = written
    with (out / pages.data_path("laichau-2021", "grdp_growth", "csv")).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    linked = facts.outcomes[facts.outcomes["indicator_id"] == "grdp_growth"]
    assert {r["figure_id"] for r in rows} == {*linked.index, "grdp_growth_target_2021"}
    record = json.loads((out / pages.data_path("laichau-2021", "grdp_growth", "json")).read_text(encoding="utf-8"))
    assert record["target"]["value_as_written"] == "7,96" and len(record["figures"]) == len(rows)


def test_the_timeline_chart_draws_each_figure_at_its_year(facts):
    target = facts.targets.set_index("indicator_id").loc["grdp_growth"].copy()
    target["indicator_id"] = "grdp_growth"
    line = pages.timeline(facts, target, "en")
    fig = charts.target_timeline(line, lang="en", plans=facts.plans, title="GRDP growth", unit="percent")
    drawn = {l.get_gid(): (list(l.get_xdata()), list(l.get_ydata()), l.get_markerfacecolor()) for l in fig.axes[0].lines}
    assert drawn["target:grdp_growth_target_2021"][:2] == ([2021], [7.96])
    assert drawn["result:grdp_growth_result_2021"][:2] == ([2021], [5.6])
    assert drawn["result:grdp_growth_result_2021"][2] == "white"  # an estimate: hollow
    assert drawn["plan:grdp_growth_plan_2021_2025"][:2] == ([2021, 2025], [9, 9])  # a yearly average, across its years
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "≥ 9" in labels and "7.96" in labels and "5.6 (estimate)" in labels


def test_which_notebook_sections_discuss_a_target():
    page_html = ('<h1 id="Title">Title</h1><p>intro</p><h2 id="Forests">Forests<a class="anchor-link">¶</a></h2>'
                 "<table><tr><td>Forest cover</td></tr></table><h2 id=\"Other\">Other</h2><p>nothing</p>")
    sections = pages.sections_of(page_html)
    assert [s[:2] for s in sections] == [("Title", "Title"), ("Forests", "Forests"), ("Other", "Other")]
    target = pd.Series({"indicator_id": "forest_cover", "name_en": "Forest cover"})
    found = pages.discussed_in(target, "en", [{"href": "03-economy.html", "title": "The economy", "sections": sections}])
    assert found == [{"href": "03-economy.html#Forests", "notebook": "The economy", "section": "Forests"}]
    # an id is matched as a whole word: the province's poverty cut is not the poor districts' one
    sections = pages.sections_of('<h2 id="Poor">Poor</h2><pre>poverty_rate_reduction_poor_districts</pre>')
    poverty = pd.Series({"indicator_id": "poverty_rate_reduction", "name_en": "Reduction of the household poverty rate"})
    assert pages.discussed_in(poverty, "en", [{"href": "x.html", "title": "X", "sections": sections}]) == []
    districts = pd.Series({"indicator_id": "poverty_rate_reduction_poor_districts", "name_en": "(not named)"})
    assert len(pages.discussed_in(districts, "en", [{"href": "x.html", "title": "X", "sections": sections}])) == 1


# ------------------------------------------------------------------ the index

def test_the_index_opens_with_the_findings(facts):
    for lang in LANGS:
        msg = messages(lang)
        said = pages.findings(facts, lang)
        card = facts.derived(lang)["card"]
        growth = card.loc[("laichau-2021", "grdp_growth")]
        assert any(msg.number(growth["result"], 1) in s and msg.number(7.96, 2) in s for s in said)
        checks = facts.derived(lang)["checks"]
        assert any(msg.number(len(checks)) in s for s in said)
    en = " ".join(pages.findings(facts, "en"))
    assert "5.6% against a target of 7.96%, 2.36 points below" in en
    assert "1 met and 2 missed" in en


def test_the_index_table_has_every_target_and_sorts_without_the_network(facts):
    for lang in LANGS:
        text = pages.index_page(facts, lang, [], [])
        rows = re.findall(r'<tr data-status="[^"]*">', text)
        assert len(rows) == len(facts.targets)
        for target in facts.targets.itertuples():
            assert f'href="{pages.page_path(target.plan_id, target.indicator_id, lang)}"' in text
        assert "<script>" in text and "http" not in text.split("<script>")[1]
        assert 'id="target-controls" hidden' in text  # the controls appear only with scripts on
        assert "parts_sum_to_whole" not in text  # the reader sees what a check asks, not its code name


# ------------------------------------------------------------------ a target added, a second plan

def test_a_target_added_to_the_data_gets_its_page(data_copy, tmp_path):
    rows = data_copy.rows()
    new = dict(rows[0], group="4", indicator_id="border_gate_economy", key_target="false", name_vi="Kinh tế cửa khẩu",
               name_en="The border-gate economy", value="", unit="", kind="qualitative", comparator="", direction="higher",
               part_of="", theme="trade and tourism", source_text="phát huy lợi thế kinh tế cửa khẩu", note="", note_vi="")
    data_copy.write([*rows, new])
    facts = pages.Facts.load(data_copy.folder)
    out = tmp_path / "report"
    pages.write_target_pages(out, facts)
    for lang in LANGS:
        text = page(out, "laichau-2021", "border_gate_economy", lang)
        assert "<mark>phát huy lợi thế kinh tế cửa khẩu</mark>" in text
        assert f'href="{pages.page_path("laichau-2021", "border_gate_economy", lang)}"' in pages.index_page(facts, lang, [], [])


def test_a_clause_that_is_not_in_the_article_is_an_error_naming_the_plan(data_copy, tmp_path):
    data_copy.set("forest_cover", source_text="Tỷ lệ che phủ rừng 51%", value="51")
    facts = pages.Facts.load(data_copy.folder)
    target = facts.targets.set_index("indicator_id").loc["forest_cover"].copy()
    target["indicator_id"] = "forest_cover"
    target["source_text"] = "Tỷ lệ che phủ rừng 61%"
    with pytest.raises(DataError, match="no paragraph holds the clause 'Tỷ lệ che phủ rừng 61%' of plan laichau-2021"):
        pages.clause_in_article(facts, target)


SECOND_ARTICLE = """Một bài viết dựng cho kiểm thử (không phải nguồn thật).

Nghị quyết đã thông qua 3 chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng kinh tế 6,5%; cơ cấu kinh tế: nông nghiệp 30%, công nghiệp 30,5%, dịch vụ 39,5%. (2) 90% hộ dân được sử dụng điện lưới quốc gia. (3) Mức giảm tỷ lệ hộ nghèo 2,5%.
"""


def _write(folder, name, rows, mode="w"):
    """Rows written to one of the data package's tables, in its columns; ``mode="a"`` adds them to the shipped rows."""
    fields = [f["name"] for f in resource_descriptor(name.removesuffix(".csv"))["schema"]["fields"]]
    with (folder / name).open(mode, encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        if mode == "w":
            writer.writeheader()
        writer.writerows([{k: row.get(k, "") for k in fields} for row in rows])


@pytest.fixture(scope="module")
def second_plan(tmp_path_factory):
    """The shipped data with a small plan made for the test beside it: another province and year, its own groups,
    three sector shares instead of four, its own article."""
    folder = tmp_path_factory.mktemp("second-plan")
    shutil.copytree(DATA_DIR, folder, dirs_exist_ok=True)
    (folder / "raw" / "second.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    _write(folder, "plans.csv", mode="a", rows=[dict(
        plan_id="thu-nghiem-2022", year="2022", province_vi="tỉnh Thử Nghiệm", province_en="Test province",
        body_vi="HĐND tỉnh Thử Nghiệm", body_en="People's Council of Test province", term="khóa I", session="3",
        session_start="2021-12-06", session_end="2021-12-07", resolution_vi="Nghị quyết kế hoạch năm 2022 (dựng cho kiểm thử)",
        resolution_en="A 2022 plan made for the test", source_title="Ba chỉ tiêu năm 2022", source_publisher="Không ai",
        source_site="example.invalid", source_published="2021-12-20", source_file="raw/second.txt",
        key_paragraph="Nghị quyết đã thông qua 3 chỉ tiêu chủ yếu")])
    _write(folder, "groups.csv", mode="a", rows=[dict(plan_id="thu-nghiem-2022", group=str(g), name_vi=vi, name_en=en) for g, vi, en in (
        (1, "Kinh tế", "Economy"), (2, "Điện", "Power"), (3, "Giảm nghèo", "Poverty"))])
    common = dict(plan_id="thu-nghiem-2022", key_target="true", direction="neither", comparator="=", unit="percent")
    _write(folder, "targets.csv", mode="a", rows=[
        dict(common, group="1", indicator_id="growth", name_vi="Tốc độ tăng trưởng kinh tế", name_en="Economic growth",
             value="6,5", kind="growth rate", direction="higher", theme="output", source_text="Tốc độ tăng trưởng kinh tế 6,5%"),
        *[dict(common, group="1", indicator_id=f"share_{s}", name_vi=f"Cơ cấu kinh tế: {vi}", name_en=f"Economic structure: {s}",
               value=v, kind="share of a total", part_of="structure", theme="economic structure", source_text=f"{vi} {v}%")
          for s, vi, v in (("agriculture", "nông nghiệp", "30"), ("industry", "công nghiệp", "30,5"), ("services", "dịch vụ", "39,5"))],
        dict(common, group="2", indicator_id="grid", name_vi="Hộ dân sử dụng điện lưới quốc gia", name_en="Households on the grid",
             value="90", kind="coverage rate", direction="higher", theme="universal services",
             source_text="90% hộ dân được sử dụng điện lưới quốc gia"),
        dict(common, group="3", indicator_id="poverty_cut", name_vi="Mức giảm tỷ lệ hộ nghèo", name_en="Cut in the poverty rate",
             value="2,5", unit="percentage points", kind="reduction", direction="higher", theme="poverty",
             source_text="Mức giảm tỷ lệ hộ nghèo 2,5%"),
    ])
    _write(folder, "outcomes.csv", mode="a", rows=[dict(
        figure_id="growth_result_2022", plan_id="thu-nghiem-2022", indicator_id="growth", year="2022", role="result",
        value="7,1", bound="exact", estimate="false", final="false", unit="percent", publisher="Không ai (dựng cho kiểm thử)",
        publisher_vi="Không ai (dựng cho kiểm thử)",
        title="Kết quả dựng cho kiểm thử", url="https://example.invalid/result", value_as_written="7,1%",
        quote="tốc độ tăng trưởng kinh tế năm 2022 đạt 7,1%")])
    return folder


def test_a_second_plan_gets_its_pages_checks_scores_and_charts_with_no_code_change(second_plan, tmp_path):
    facts = pages.Facts.load(second_plan)
    out = tmp_path / "report"
    pages.write_target_pages(out, facts)
    second = facts.targets[facts.targets["plan_id"] == "thu-nghiem-2022"]
    assert len(second) == 6 and len(facts.targets) == 56
    for target in facts.targets.itertuples():
        for lang in LANGS:
            assert (out / pages.page_path(target.plan_id, target.indicator_id, lang)).is_file()
    checks = run_checks(facts.targets, facts.context, plans=facts.plans).set_index(["check", "plan_id"])
    shares = checks.loc[[("parts_sum_to_whole", "thu-nghiem-2022")]].iloc[0]
    assert (shares["status"], shares["uses"]) == ("pass", "share_agriculture share_industry share_services")
    # each plan is checked with its own province's figures only: Lai Châu's communes are not the test province's
    communes = checks.loc[("commune_units_add_up", "thu-nghiem-2022")]
    assert communes["status"] == "info" and "Needs communes_xa_2020" in communes["finding"]
    assert checks.loc[("commune_units_add_up", "laichau-2021"), "status"] == "pass"
    alone = run_checks(facts.targets[facts.targets["plan_id"] == "laichau-2021"], facts.context, plans=facts.plans)
    assert alone.equals(checks.xs("laichau-2021", level="plan_id", drop_level=False).reset_index()[alone.columns])
    card = facts.derived("en")["card"]
    assert card.loc[("thu-nghiem-2022", "growth"), "status"] == "met"
    drawn = charts.figures(second, facts.context, "en", plans=facts.plans)
    assert {"01-targets-by-group", "03-economic-structure", "04-distance-to-universal", "04-poverty-and-jobs",
            "05-coverage"} <= set(drawn)
    # no enrolment or health targets, and one growth rate: nothing to compare it with
    assert not {"04-enrolment", "04-health", "03-growth-targets"} & set(drawn)
    assert list(drawn["03-economic-structure"].axes[0].containers[0].datavalues) == [39.5, 30.5, 30.0]
    note = [t.get_text() for t in drawn["03-economic-structure"].texts if t.get_gid() == "source"][0]
    assert note == sources.source_note("en", facts.plans.loc[["thu-nghiem-2022"]]) and "Test province" in note
    assert "example.invalid" in note and "Lai Châu" not in note
    text = page(out, "thu-nghiem-2022", "growth", "en")
    assert "Economic growth" in text and "7.1%" in text_of(pages.index_page(facts, "en", [], []))
    assert "Lai Châu" not in text_of(text)


def test_a_plan_missing_from_plans_csv_is_refused(second_plan, tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(second_plan, folder)
    def rows(name):
        with (folder / name).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    targets = rows("targets.csv")
    targets[0]["plan_id"] = "khac-2022"
    groups = [*rows("groups.csv"), dict(plan_id="khac-2022", group="1", name_vi="Kinh tế", name_en="Economy")]
    _write(folder, "targets.csv", targets)
    _write(folder, "groups.csv", groups)
    with pytest.raises(DataError, match=r"targets.csv, row 1 .*field 'plan_id': 'khac-2022' is not a plan of plans.csv"):
        pages.Facts.load(folder)
