"""The downloads (build/report/data/): every client reads the numbers as numbers, the trail ends at the article, and
the project is cited with its version and date."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tomllib

import pandas as pd
import pytest
import yaml
from frictionless import Package, validate
from openpyxl import load_workbook

import plantargets
from plantargets import downloads, sources
from plantargets.i18n import messages
from plantargets.numbers import plain
from plantargets.pages import Facts
from plantargets.paths import DATA_DIR, PROJECT_ROOT


@pytest.fixture(scope="module")
def facts():
    return Facts.load()


@pytest.fixture(scope="module")
def written(tmp_path_factory, facts):
    out = tmp_path_factory.mktemp("downloads")
    return out, downloads.write_downloads(out, facts)


def test_plain_notation_of_a_vietnamese_number():
    assert [plain(w) for w in ("1.915", "7,96", "3,0", "222.000", "0,5", "-2,5", "100")] == \
        ["1915", "7.96", "3.0", "222000", "0.5", "-2.5", "100"]
    for broken in ("7.96", "1,915.5", "abc", "", "1.91"):
        with pytest.raises(ValueError, match="not a number in Vietnamese notation"):
            plain(broken)


def test_pandas_defaults_read_every_plain_column_as_the_number_the_source_wrote(written):
    out, _ = written
    for name in ("targets", "outcomes", "context"):
        table = pd.read_csv(out / f"{name}.csv")  # no option: what a new user types
        assert table["value_number"].dtype == "float64", name
        loaded = plantargets.read_table(name)
        assert table["value_number"].tolist() == pytest.approx(loaded["value"].tolist(), nan_ok=True), name
        as_written = pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)["value"]
        assert table["value"].fillna("").tolist() == as_written.str.strip().tolist(), "the value as written stays beside it"
    targets = pd.read_csv(out / "targets.csv")
    budget = targets[targets["source_text"].str.contains("1.915", regex=False)].iloc[0]
    assert (budget["value"], budget["value_number"]) == ("1.915", 1915.0)


def test_computed_tables_come_in_both_languages_with_their_numbers(written, facts):
    out, _ = written
    for resource in downloads.derived_resources():
        numeric = [f["name"] for f in resource["schema"]["fields"] if f["type"] in ("number", "integer")]
        for lang, suffix in (("vi", ""), ("en", ".en")):
            table = pd.read_csv(out / f"{resource['name']}{suffix}.csv")
            assert list(table.columns) == [f["name"] for f in resource["schema"]["fields"]]
            for column in numeric:
                assert pd.api.types.is_numeric_dtype(table[column]), f"{resource['name']}{suffix}: {column} is {table[column].dtype}"
            computed = facts.derived(lang)[downloads.DERIVED_FROM[resource["name"]]].reset_index()
            words = "reason" if "reason" in table.columns else "finding"
            assert table[words].fillna("").tolist() == computed[words].fillna("").tolist()
    card = pd.read_csv(out / "scorecard.en.csv").set_index("indicator_id")
    assert card.loc["budget_revenue", "status"] == "met" and card.loc["budget_revenue", "target"] == 1915.0
    vietnamese = pd.read_csv(out / "scorecard.csv").set_index("indicator_id")
    assert vietnamese["reason"].iloc[0] != card["reason"].iloc[0], "the Vietnamese file has Vietnamese texts"
    outcomes = plantargets.load_outcomes()
    chosen = outcomes.loc[vietnamese.loc["budget_revenue", "result_figure"]]  # indexed by figure_id
    assert vietnamese.loc["budget_revenue", "publisher"] == chosen["publisher_vi"] != card.loc["budget_revenue", "publisher"]


def test_frictionless_validates_the_download_package_and_reads_numbers(written):
    out, _ = written
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    package = Package(out / "datapackage.json")
    names = [r.name for r in package.resources]
    assert names == ["plans", "targets", "groups", "context", "outcomes", "scorecard", "scorecard-en", "road_to_2025",
                     "road_to_2025-en", "checks", "checks-en"]
    rows = package.get_resource("targets").read_rows()
    for row in rows:
        if row["value"] is not None:
            assert float(row["value"]) == float(row["value_number"])
    from decimal import Decimal

    scorecard = package.get_resource("scorecard-en").read_rows()
    assert {type(r["target"]) for r in scorecard} <= {Decimal, type(None)} and any(r["target"] == Decimal("1915.0") for r in scorecard)


def test_the_trail_ends_at_the_article_which_ships_with_the_downloads(written):
    out, _ = written
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for source in package["sources"]:
        shipped = out / source["path"]
        assert shipped.is_file(), source["path"]
        checksum = re.search(r"`([0-9a-f]{64})`", (DATA_DIR / "raw" / "README.md").read_text(encoding="utf-8")).group(1)
        assert hashlib.sha256(shipped.read_bytes()).hexdigest() == checksum
    plans = pd.read_csv(out / "plans.csv")
    for stored in plans["source_file"]:
        assert (out / stored).is_file(), f"plans.csv names {stored}, which the downloads lack"
    assert (out / "raw" / "README.md").read_bytes() == (DATA_DIR / "raw" / "README.md").read_bytes(), "its checksum and reuse condition"


def test_each_workbook_has_a_sheet_per_table_typed_cells_and_a_sheet_of_columns(written):
    out, _ = written
    for lang, suffix in (("vi", ""), ("en", ".en")):
        book = load_workbook(out / f"plantargets{suffix}.xlsx")
        msg = messages(lang)
        tables = ["plans", "targets", "groups", "context", "outcomes", "scorecard", "road_to_2025", "checks"]
        assert book.sheetnames == [msg.pgettext("sheet", "about"), *tables, msg.pgettext("sheet", "columns")]
        for name in tables:
            csv_name = name + (suffix if name in ("scorecard", "road_to_2025", "checks") else "")
            table = pd.read_csv(out / f"{csv_name}.csv")
            rows = list(book[name].iter_rows(values_only=True))
            assert list(rows[0]) == list(table.columns), name
            assert len(rows) - 1 == len(table), name
        header = list(next(book["targets"].iter_rows(max_row=1, values_only=True)))
        values = [row[header.index("value_number")] for row in book["targets"].iter_rows(min_row=2, values_only=True)]
        assert all(isinstance(v, (int, float)) for v in values if v is not None) and 1915 in values and 7.96 in values
        written_as = [row[header.index("value")] for row in book["targets"].iter_rows(min_row=2, values_only=True)]
        assert "1.915" in written_as, "the value as written stays text"
        assert all(isinstance(row[header.index("group")], int) for row in book["targets"].iter_rows(min_row=2, values_only=True))
        plans_header = list(next(book["plans"].iter_rows(max_row=1, values_only=True)))
        start = next(book["plans"].iter_rows(min_row=2, values_only=True))[plans_header.index("session_start")]
        assert start.date().isoformat() == "2020-12-08"
        columns = list(book[msg.pgettext("sheet", "columns")].iter_rows(min_row=2, values_only=True))
        described = {(sheet, column) for sheet, column, *_ in columns}
        for name in tables:
            for column in next(book[name].iter_rows(max_row=1, values_only=True)):
                assert (name, column) in described, f"{lang}: {name}.{column} is not described"
        assert all(description for *_, description in columns)
        about = " ".join(str(r[0]) for r in book[msg.pgettext("sheet", "about")].iter_rows(values_only=True))
        assert sources.project_citation(lang) in about and "www.hdnd.laichau.gov.vn" in about
    vi_columns = list(load_workbook(out / "plantargets.xlsx")[messages("vi").pgettext("sheet", "columns")]
                      .iter_rows(min_row=2, values_only=True))
    en_columns = list(load_workbook(out / "plantargets.en.xlsx")["columns"].iter_rows(min_row=2, values_only=True))
    differ = sum(v[4] != e[4] for v, e in zip(vi_columns, en_columns))
    assert differ >= 0.9 * len(en_columns), "the Vietnamese workbook says in Vietnamese what its columns mean"


def test_the_workbooks_are_the_same_bytes_from_the_same_inputs(written, tmp_path, facts):
    out, _ = written
    again = downloads.write_downloads(tmp_path, facts)
    for path in again:
        assert path.read_bytes() == (out / path.relative_to(tmp_path)).read_bytes(), path.name


def test_a_computed_table_that_its_description_does_not_match_is_refused(facts):
    resource = downloads.derived_resources()[0]
    frame = facts.derived("en")["card"].reset_index()
    with pytest.raises(ValueError, match="computed but not described: surplus"):
        downloads.derived_table(resource, frame.assign(surplus=1))
    with pytest.raises(ValueError, match="described but not computed: reason"):
        downloads.derived_table(resource, frame.drop(columns=["reason"]))


def test_a_broken_source_table_is_refused_before_anything_is_offered(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    text = (data / "targets.csv").read_text(encoding="utf-8")
    (data / "targets.csv").write_text(text.replace('"7,96"', '"7.96"', 1), encoding="utf-8")
    resource = next(r for r in json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"] if r["name"] == "targets")
    with pytest.raises(plantargets.DataError, match="targets.csv"):
        downloads.source_table(resource, data / "datapackage.json")


def test_the_readme_cites_the_project_with_its_version_and_date_and_the_source(written):
    out, _ = written
    vietnamese = (out / "README.vi.md").read_text(encoding="utf-8")
    assert sources.project_citation("vi") in vietnamese and "value_number" in vietnamese and "02/12/2026" in vietnamese
    readme = (out / "README.md").read_text(encoding="utf-8")
    about = sources.project()
    assert f"version {about['version']}" in readme and "2 December 2026" in readme
    assert "www.hdnd.laichau.gov.vn" in readme and "value_number" in readme and "raw/000_7cd9e46865a7d4d1.txt" in readme


def test_one_version_and_date_for_the_project():
    citation = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert citation["version"] == project["version"] == package["version"] == sources.project()["version"]
    assert str(citation["date-released"]) == sources.project()["date"]
    assert citation["cff-version"] == "1.2.0" and citation["authors"]


def test_a_citation_file_without_a_version_is_refused(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("version: ", "edition: "), encoding="utf-8")
    with pytest.raises(ValueError, match="no top-level 'version:' line"):
        sources.project(broken)
    broken.write_text((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("2026-12-02", "02/12/2026"), encoding="utf-8")
    with pytest.raises(ValueError, match="not written YYYY-MM-DD"):
        sources.project(broken)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_two_columns_of_a_table_share_a_title(facts, lang):
    """A reader tells the columns apart by their titles: province_vi and province_en are not both 'Tỉnh'."""
    for name, item in downloads.tables(facts).items():
        titles = [title for title, _ in downloads.column_words(item["descriptor"]["schema"]["fields"], lang)]
        repeated = sorted({t for t in titles if titles.count(t) > 1})
        assert repeated == [], f"{name} ({lang}): {repeated}"


def test_the_readme_gives_the_reports_findings_and_cites_this_version(facts):
    """The README's 'What it found' is the report's findings, sentence for sentence; its citation is this version's."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What it found", 1)[1].split("\n## ", 1)[0]
    bullets = [line[2:] for line in section.splitlines() if line.startswith("- ")]
    from plantargets.pages import findings

    assert bullets == findings(facts, "en")
    assert sources.project_citation("en").rstrip(".") in " ".join(readme.split())
    assert "[TESTING.md](TESTING.md)" in readme and (PROJECT_ROOT / "TESTING.md").is_file()
    before_testing = readme.split("## Working on the project", 1)[0]
    assert "## What it found" in before_testing and "## Open the report" in before_testing
    assert "nbval" not in before_testing and "pytest" not in before_testing, "testing comes after what a reader needs"
