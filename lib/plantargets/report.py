"""Execute every notebook in a fresh kernel and write a static HTML report.

    python -m plantargets.report             # build/report/: one page per notebook, figures/, index.html
    python -m plantargets.report --in-place  # re-execute notebooks/ and save their outputs

Notebooks are the files ``notebooks/NN-*.ipynb``, in the order of their numbers.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from . import charts
from .checks import run_checks
from .load import load_context, load_targets
from .paths import BUILD_DIR, DATA_DIR, NOTEBOOKS_DIR, shown

REPORT_DIR = BUILD_DIR / "report"
#: The page template: JupyterLab's, without the scripts it would fetch from a CDN.
TEMPLATES = Path(__file__).with_name("templates")
KERNEL = "python3"
TIMEOUT_SECONDS = 600


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The narrative notebooks, in reading order."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder; no timings recorded."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout=TIMEOUT_SECONDS,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def title_and_summary(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The first heading of the first markdown cell, and the paragraph that follows it."""
    first = next(c for c in notebook.cells if c.cell_type == "markdown")
    lines = first.source.strip().splitlines()
    title = re.sub(r"^#+\s*", "", lines[0]).strip()
    summary = " ".join(line.strip() for line in lines[1:] if line.strip())
    return title, summary


def one_line(summary: str) -> str:
    """The first sentence of a summary: the index's one line per notebook."""
    return re.split(r"(?<=[.?!])\s", summary, maxsplit=1)[0]


def write_figures(out: Path) -> list[tuple[str, dict[str, list[Path]], dict[str, str]]]:
    """Every chart in both languages as SVG and PNG under ``out``: [(stem, {lang: [svg, png]}, {lang: title})]."""
    targets, context = load_targets(), load_context()
    written: dict[str, dict[str, list[Path]]] = {}
    titles: dict[str, dict[str, str]] = {}
    for lang in charts.LANGS:
        for stem, fig in charts.figures(targets, context, lang).items():
            written.setdefault(stem, {})[lang] = charts.save(fig, out / f"{stem}.{lang}")
            titles.setdefault(stem, {})[lang] = fig.get_suptitle().replace("\n", " ")
    return [(stem, written[stem], titles[stem]) for stem in written]


def execute_all(paths: list[Path] | None = None) -> list[tuple[Path, nbformat.NotebookNode]]:
    """Execute each notebook in a fresh kernel, in reading order."""
    executed = []
    for path in paths if paths is not None else notebook_paths():
        print(f"executing {shown(path)}", flush=True)
        executed.append((path, execute(path)))
    return executed


def render(executed: list[tuple[Path, nbformat.NotebookNode]], out: Path = REPORT_DIR) -> Path:
    """Write the HTML page of each executed notebook, the figures and the index under ``out``; return the index."""
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    entries = []
    for path, notebook in executed:
        title, summary = title_and_summary(notebook)
        page, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
        (out / f"{path.stem}.html").write_text(page, encoding="utf-8")
        entries.append((path.stem, title, summary))
    print(f"writing the figures to {shown(out / 'figures')}", flush=True)
    figures = write_figures(out / "figures")
    downloads = write_downloads(out / "data")
    index = out / "index.html"
    index.write_text(_index_page(entries, figures, out, downloads, _checks_table()), encoding="utf-8")
    return index


#: How to cite the data, and its licence: in the downloads' README and on the index.
CITATION = """Cite the source as: "10 chỉ tiêu phát triển kinh tế - xã hội năm 2021", Đoàn ĐBQH và HĐND tỉnh Lai Châu,
www.hdnd.laichau.gov.vn, 05/02/2021; and, for each outside figure, the publisher named in its row.

Licence: CC BY 4.0 for the curated data; cite this project and the sources above."""

#: The data offered for download, and the README that goes with it.
DOWNLOADS = ("targets.csv", "groups.csv", "outcomes.csv", "context.csv", "datapackage.json")
DOWNLOADS_README = """# Lai Châu's 2021 plan: the data

- `targets.csv`: the targets of the resolution on the 2021 socio-economic plan of the People's Council (HĐND) of
  Lai Châu province, 15th session, 8-10 December 2020, one row per target, each with the verbatim clause that
  states it.
- `groups.csv`: the labels of the ten groups of key targets.
- `outcomes.csv`, `context.csv`: figures from outside the resolution (2020 values, 2021 results, later plans'
  targets, communes, population), each with its publisher, title, URL, date and a verbatim quote.
- `datapackage.json`: the schema of the four tables (Frictionless Data Package).

Values are written as the sources write them, in Vietnamese notation: '.' groups thousands, ',' marks decimals.

{CITATION}
"""


def write_downloads(out: Path) -> list[Path]:
    """The data files and a README with the citation and licence, under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = [Path(shutil.copyfile(DATA_DIR / name, out / name)) for name in DOWNLOADS]
    readme = out / "README.md"
    readme.write_text(DOWNLOADS_README.format(CITATION=CITATION), encoding="utf-8")
    return [*written, readme]


def _checks_table() -> str:
    """The consistency checks of notebook 02, one row each: check, subject, status and finding."""
    summary = run_checks(load_targets(), load_context())
    rows = "\n".join(
        f"  <tr><td>{html.escape(str(r.check))}</td><td>{html.escape(str(r.subject))}</td>"
        f"<td>{html.escape(str(r.status))}</td><td>{html.escape(str(r.finding))}</td></tr>"
        for r in summary.itertuples()
    )
    return f"<table>\n  <tr><th>check</th><th>subject</th><th>status</th><th>finding</th></tr>\n{rows}\n</table>"


def write_report(out: Path = REPORT_DIR) -> Path:
    """Execute each notebook, write its HTML page, the figures and an index; return the index path.

    What ``out`` held before is removed first, so that no page or figure of a renamed notebook or chart is left."""
    executed = execute_all()
    shutil.rmtree(out, ignore_errors=True)
    return render(executed, out)


def _index_page(entries: list[tuple[str, str, str]], figures=(), out: Path | None = None, downloads=(), checks="") -> str:
    items = "\n".join(
        f'  <li><a href="{html.escape(stem)}.html">{html.escape(title)}</a><br>{html.escape(one_line(summary))}</li>'
        for stem, title, summary in entries
    )
    figure_items = "\n".join(
        f"  <li>{html.escape(stem)}: "
        + "; ".join(
            f"{html.escape(titles[lang])} ({lang}: "
            + ", ".join(f'<a href="{html.escape(p.relative_to(out).as_posix())}">{p.suffix[1:].upper()}</a>' for p in paths)
            + ")"
            for lang, paths in by_lang.items()
        )
        + "</li>"
        for stem, by_lang, titles in figures
    )
    download_items = "\n".join(
        f'  <li><a href="{html.escape(p.relative_to(out).as_posix())}">{html.escape(p.name)}</a></li>' for p in downloads
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lai Châu 2021 plan: notebooks</title>
<style>
  body {{ font-family: "DejaVu Sans", system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #222; }}
  h1 {{ font-size: 1.6rem; }}
  li {{ margin-bottom: 0.5rem; }}
  table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
  th, td {{ border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }}
  th {{ background: #f2f2f2; }}
  .licence {{ white-space: pre-line; }}
</style>
</head>
<body>
<h1>Kế hoạch phát triển kinh tế - xã hội năm 2021 của tỉnh Lai Châu · Lai Châu's 2021 socio-economic plan</h1>
<p>Source: Nghị quyết HĐND tỉnh Lai Châu, kỳ họp thứ 15, 12/2020, as reported by Đoàn ĐBQH và HĐND tỉnh Lai Châu,
www.hdnd.laichau.gov.vn, 05/02/2021.</p>
<ol>
{items}
</ol>
<h2>Kiểm tra tính nhất quán · Consistency checks</h2>
<p>Each check, its rule and what it found are explained in notebook 02.</p>
{checks}
<h2>Biểu đồ · Figures</h2>
<ul>
{figure_items}
</ul>
<h2>Dữ liệu · Data</h2>
<ul>
{download_items}
</ul>
<p class="licence">{html.escape(CITATION)}</p>
</body>
</html>
"""


def execute_in_place() -> None:
    """Re-execute each notebook and save it with its new outputs."""
    for path, notebook in execute_all():
        nbformat.write(notebook, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--in-place", action="store_true", help="save outputs into notebooks/ instead of writing the report")
    args = parser.parse_args(argv)
    if args.in_place:
        execute_in_place()
    else:
        index = write_report()
        print(f"report written: {shown(index)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
