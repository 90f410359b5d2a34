"""make report: every notebook executed in a fresh kernel, a page each and an index."""

import html
import re

import pytest

from plantargets import charts, report


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return out, report.write_report(out)


def test_one_page_per_notebook_and_an_index(built):
    out, index = built
    assert index == out / "index.html"
    stems = [p.stem for p in report.notebook_paths()]
    assert stems and sorted(p.stem for p in out.glob("*.html") if p.name != "index.html") == stems


def test_the_index_links_every_page_with_its_title(built):
    out, index = built
    page = index.read_text(encoding="utf-8")
    for path in report.notebook_paths():
        assert f'href="{path.stem}.html"' in page
    assert "The 2021 plan at a glance" in page
    pages = {f"{p.stem}.html" for p in report.notebook_paths()}
    assert {h for h in re.findall(r'href="([^"]+)"', page) if not h.startswith("figures/")} == pages


def test_every_figure_is_written_in_both_languages_as_svg_and_png_and_linked(built, targets, context):
    out, index = built
    page = index.read_text(encoding="utf-8")
    stems = list(charts.figures(targets, context, "en"))
    expected = {f"figures/{stem}.{lang}.{ext}" for stem in stems for lang in charts.LANGS for ext in ("svg", "png")}
    assert {p.relative_to(out).as_posix() for p in (out / "figures").iterdir()} == expected
    assert {h for h in re.findall(r'href="([^"]+)"', page) if h.startswith("figures/")} == expected
    for lang in charts.LANGS:  # each figure is listed under its title, in both languages
        for fig in charts.figures(targets, context, lang).values():
            assert html.escape(fig.get_suptitle().replace("\n", " ")) in page


def test_pages_hold_the_executed_outputs(built):
    out, _ = built
    page = (out / "01-the-plan-at-a-glance.html").read_text(encoding="utf-8")
    assert "grdp_structure" in page and "pass" in page
    assert "Traceback" not in page
