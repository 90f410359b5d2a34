"""make report: every notebook executed in a fresh kernel, a page each and an index; and all of it deterministic."""

import html
import re
import subprocess
import sys

import nbformat
import pytest

import plantargets
from plantargets import charts, report


@pytest.fixture(scope="module")
def executed():
    """Every notebook executed once more in a fresh kernel (the stored outputs are an earlier execution)."""
    return report.execute_all()


@pytest.fixture(scope="module")
def built(tmp_path_factory, executed):
    out = tmp_path_factory.mktemp("report")
    return out, report.render(executed, out)


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
    assert {h for h in re.findall(r'href="([^"]+)"', page) if not h.startswith(("figures/", "data/"))} == pages


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


# ------------------------------------------------------------------ determinism


def differing_cells(stored, fresh) -> list[str]:
    """The ids of the code cells whose outputs or execution counts differ between two executions of a notebook."""
    assert len(stored.cells) == len(fresh.cells)
    return [old.id for old, new in zip(stored.cells, fresh.cells)
            if old.cell_type == "code" and (new.execution_count != old.execution_count or new.outputs != old.outputs)]


def test_executing_a_notebook_again_gives_the_same_outputs(executed):
    """Text, HTML, images (PNG) and execution counts: a fresh execution equals the stored one, byte for byte.

    nbval compares text and HTML only; this also covers the images and any stream.
    """
    assert [path.stem for path, _ in executed] == [p.stem for p in report.notebook_paths()]
    for path, fresh in executed:
        assert differing_cells(nbformat.read(path, as_version=4), fresh) == [], path.name


def test_the_report_built_twice_in_two_processes_is_the_same_files(tmp_path, built, executed):
    """Pages, index and every figure in both languages (SVG and PNG): rendered here and again in a fresh process
    from the same executions, the files are byte-identical."""
    first, _ = built
    folder = tmp_path / "executed"
    folder.mkdir()
    for path, notebook in executed:
        nbformat.write(notebook, folder / path.name)
    script = (
        "import sys, pathlib, nbformat; from plantargets import report\n"
        "paths = sorted(pathlib.Path(sys.argv[1]).glob('*.ipynb'))\n"
        "report.render([(p, nbformat.read(p, as_version=4)) for p in paths], pathlib.Path(sys.argv[2]))\n"
    )
    second = tmp_path / "again"
    subprocess.run([sys.executable, "-c", script, str(folder), str(second)], check=True, capture_output=True)
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


def test_a_changed_output_is_caught(executed):
    """The comparison above can fail: one stored image changed by a byte is reported, and only that cell."""
    path, fresh = executed[0]
    stored = nbformat.read(path, as_version=4)
    cell = next(c for c in stored.cells if c.cell_type == "code" and any("image/png" in o.get("data", {}) for o in c.outputs))
    output = next(o for o in cell.outputs if "image/png" in o.get("data", {}))
    output["data"]["image/png"] = output["data"]["image/png"][:-2] + "AA"
    assert differing_cells(stored, fresh) == [cell.id]


# ------------------------------------------------------------------ offline, with the data to download


def test_no_page_fetches_anything_from_the_network(built):
    """The report is read from the file system: no script, style or module from a CDN (links in the text are fine)."""
    out, _ = built
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*\ssrc=[\"']?https?:", text), page.name
        assert not re.search(r"<link[^>]*\shref=[\"']?https?:", text), page.name
        assert not re.search(r"(@import|from)\s+[\"']?(url\()?[\"']?https?:", text), page.name
        assert "cdnjs" not in text and "unpkg" not in text, page.name


def test_the_index_offers_the_data_with_its_citation_and_the_check_table(built, targets, context):
    out, index = built
    page = index.read_text(encoding="utf-8")
    for name in (*report.DOWNLOADS, "README.md"):
        assert f'href="data/{name}"' in page and (out / "data" / name).is_file(), name
    assert (out / "data" / "targets.csv").read_bytes() == (report.DATA_DIR / "targets.csv").read_bytes()
    readme = (out / "data" / "README.md").read_text(encoding="utf-8")
    assert "www.hdnd.laichau.gov.vn" in readme and "CC BY 4.0" in readme
    checks = plantargets.run_checks(targets, context)
    assert page.count("<tr><td>") == len(checks)
    assert html.escape(checks.iloc[0]["finding"]) in page
