"""make report: a page for each notebook and an index; and all of it deterministic.

The pages are rendered from the stored notebooks, with no kernel: in the same run nbval executes each notebook once
and holds that execution to the stored outputs, images and execution counts included (tests/notebook_runs.py),
so what is rendered here is what was verified. The cache that make report executes through is test_execution.py's."""

import html
import re
import subprocess
import sys

import pytest
from markupsafe import escape

import plantargets
from plantargets import charts, report, sources

pytestmark = pytest.mark.heavy


@pytest.fixture(scope="module")
def executed():
    """Every notebook as stored (nbval executes each once in this run and compares it with these outputs)."""
    return report.stored()


#: The report rendered from the stored notebooks in a fresh process, to compare with this process's.
AGAIN = "import sys, pathlib; from plantargets import report, sources; report.render(report.stored(), pathlib.Path(sys.argv[1]))"


@pytest.fixture(scope="module")
def built(tmp_path_factory, executed):
    """The report rendered here, while a fresh process renders it again (for the determinism test)."""
    out, again = tmp_path_factory.mktemp("report"), tmp_path_factory.mktemp("again")
    other = subprocess.Popen([sys.executable, "-c", AGAIN, str(again)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        index = report.render(executed, out)
    finally:
        log, _ = other.communicate(timeout=600)
    return out, index, (other.returncode, log, again)


def test_one_page_per_notebook_and_an_index_per_language(built):
    out, index, _ = built
    assert index == out / "index.html"
    stems = sorted(p.stem for p in report.notebook_paths())
    assert len(stems) == 10 and sorted(p.stem for p in out.glob("*.html") if not p.name.startswith("index")) == stems
    assert sorted(p.name for p in out.glob("index*.html")) == sorted(report.INDEX_PAGES.values())


@pytest.mark.parametrize("lang", report.EDITIONS)
def test_each_index_is_in_its_language_and_links_its_editions_pages(built, lang):
    out, _, _ = built
    page = (out / report.INDEX_PAGES[lang]).read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    other = report.EDITIONS[1 - report.EDITIONS.index(lang)]
    pages = {f"{p.stem}.html" for p in report.notebook_paths() if report.edition_of(p) == lang}
    linked = {h for h in re.findall(r'href="([^"]+)"', page) if not h.startswith(("figures/", "data/", "targets/"))}
    assert linked == pages | {report.INDEX_PAGES[other]}
    targets = {h for h in re.findall(r'href="(targets/[^"]+)"', page)}
    suffix = ".en.html" if lang == "en" else ".html"
    assert targets == {f"targets/{t.plan_id}/{t.indicator_id}{suffix}" for t in plantargets.load_targets().itertuples()}
    assert all((out / t).is_file() for t in targets)
    assert ("The 2021 plan at a glance" in page) == (lang == "en")


@pytest.mark.parametrize("path", report.notebook_paths(), ids=lambda p: p.stem)
def test_each_page_is_in_its_language_and_links_the_other_edition(built, path):
    out, _, _ = built
    page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
    lang, other = report.edition_of(path), report.other_edition(path)
    assert f'<html lang="{lang}">' in page
    assert f'<a href="{other.stem}.html" hreflang="{report.edition_of(other)}"' in page
    assert f'href="{report.INDEX_PAGES[lang]}"' in page
    assert ".ipynb" not in "".join(re.findall(r'href="([^"]+)"', page))


@pytest.mark.parametrize("lang", report.EDITIONS)
def test_every_figure_is_written_as_svg_and_png_and_linked_from_its_languages_index(built, targets, context, lang):
    out, _, _ = built
    page = (out / report.INDEX_PAGES[lang]).read_text(encoding="utf-8")
    stems = list(charts.figures(targets, context, "en"))
    everything = {f"figures/{stem}.{lg}.{ext}" for stem in stems for lg in charts.LANGS for ext in ("svg", "png")}
    assert {p.relative_to(out).as_posix() for p in (out / "figures").iterdir()} == everything
    assert {h for h in re.findall(r'href="([^"]+)"', page) if h.startswith("figures/")} == \
        {f"figures/{stem}.{lang}.{ext}" for stem in stems for ext in ("svg", "png")}
    for fig in charts.figures(targets, context, lang).values():
        assert str(escape(fig.get_suptitle().replace("\n", " "))) in page


def test_pages_hold_the_executed_outputs(built):
    out, _, _ = built
    page = (out / "01-the-plan-at-a-glance.html").read_text(encoding="utf-8")
    assert "grdp_structure" in page and "pass" in page
    vietnamese = (out / "01-tong-quan-ke-hoach-2021.html").read_text(encoding="utf-8")
    assert "grdp_structure" in vietnamese and "đạt" in vietnamese and ">pass<" not in vietnamese
    assert "Traceback" not in page


def test_every_image_of_a_notebook_page_has_its_chart_described_and_the_page_cites_the_project(built, executed):
    out, _, _ = built
    for path, notebook in executed:
        lang = report.edition_of(path)
        page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
        images = [o for c in notebook.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        assert len(alts) == len(images) and "No description" not in page, path.name
        for alt, output in zip(alts, images):
            assert html.unescape(alt) == output["metadata"]["image/png"]["alt"] and len(alt) > 80, path.name
        assert str(escape(sources.project_citation(lang))) in page, path.name


def test_a_notebook_image_without_a_description_is_refused(executed, tmp_path):
    import copy

    path, notebook = next((p, n) for p, n in executed if any("image/png" in o.get("data", {}) for c in n.cells for o in c.get("outputs", [])))
    broken = copy.deepcopy(notebook)
    number, cell = next((i, c) for i, c in enumerate(broken.cells, 1) if any("image/png" in o.get("data", {}) for o in c.get("outputs", [])))
    for output in cell.outputs:
        output.metadata = {}
    with pytest.raises(ValueError, match=rf"{re.escape(path.name)}, cell {number}: an image with no description"):
        report.render([(path, broken)], tmp_path)


# ------------------------------------------------------------------ determinism


def test_the_report_built_twice_in_two_processes_is_the_same_files(built):
    """Pages, index and every figure in both languages (SVG and PNG): rendered here and again in a fresh process
    from the same notebooks, the files are byte-identical."""
    first, _, (returncode, log, second) = built
    assert returncode == 0, log
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert len([f for f in files if f.parent.name == "figures"]) == 4 * len(charts.figures(*_tables()))
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    svg = (first / "figures" / "03-growth-targets.en.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and not re.search(r"20\d\d-\d\d-\d\dT", svg)
    assert not re.search(r'id="[a-z][0-9a-f]{10}"', svg)  # hashed ids renumbered in order of appearance


def _tables():
    import plantargets

    return plantargets.load_targets(), plantargets.load_context()


# ------------------------------------------------------------------ offline, with the data to download


def test_no_page_fetches_anything_from_the_network(built):
    """The report is read from the file system: no script, style or module from a CDN (links in the text are fine)."""
    out, _, _ = built
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*\ssrc=[\"']?https?:", text), page.name
        assert not re.search(r"<link[^>]*\shref=[\"']?https?:", text), page.name
        assert not re.search(r"(@import|from)\s+[\"']?(url\()?[\"']?https?:", text), page.name
        assert "cdnjs" not in text and "unpkg" not in text, page.name


@pytest.mark.parametrize("lang", report.EDITIONS)
def test_the_index_offers_the_data_with_its_citation_and_the_check_table(built, targets, context, lang):
    out, _, _ = built
    page = (out / report.INDEX_PAGES[lang]).read_text(encoding="utf-8")
    offered = sorted(p.relative_to(out).as_posix() for p in (out / "data").rglob("*") if p.is_file())
    assert len(offered) >= 16 and "data/plantargets.xlsx" in offered and "data/raw/000_7cd9e46865a7d4d1.txt" in offered
    for name in offered:
        assert f'href="{name}"' in page, name
    readme = (out / "data" / "README.md").read_text(encoding="utf-8")
    assert "www.hdnd.laichau.gov.vn" in readme and "CC BY 4.0" in readme
    assert str(escape(report.citation(lang))) in page
    checks = plantargets.run_checks(targets, context, lang=lang)
    assert page.count("<tr><td>") == len(checks)
    assert str(escape(checks.iloc[0]["finding"])) in page
    assert "parts_sum_to_whole" not in page and str(escape(checks.iloc[0]["what"])) in page  # what it asks, in words
