"""Write a static HTML report of the executed notebooks.

    python -m plantargets.report             # build/report/: one page per notebook, figures/, index.html
    python -m plantargets.report --in-place  # save each notebook's outputs into notebooks/

Notebooks are the files ``notebooks/NN-*.ipynb``, in the order of their numbers. Each is executed in a fresh kernel
only when it, the package, the data or the lock file changed since its last execution; otherwise its outputs come
from the cache in ``build/cache/`` (``plantargets.execution``). The report is written again only when a notebook or
one of those inputs changed: ``build/report.inputs`` holds the digest it was written from.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import messages
from .inputs import CACHE_DIR, EDITIONS, REPORT_DIR, edition_of, notebook_paths, other_edition, report_digest, report_is_current, say as say_line, stamp_of
from .paths import DATA_DIR, NOTEBOOKS_DIR, shown

if TYPE_CHECKING:
    import nbformat

# Jupyter, pandas and matplotlib are imported in the functions that use them, not here: `make report` with nothing
# to do reads a digest and returns, in well under a second, without them.

#: The page template: JupyterLab's, without the scripts it would fetch from a CDN.
TEMPLATES = Path(__file__).with_name("templates")


def stored(paths: list[Path] | None = None) -> list[tuple[Path, nbformat.NotebookNode]]:
    """The notebooks as saved, with their stored outputs (what nbval holds equal to a fresh execution)."""
    import nbformat

    return [(path, nbformat.read(path, as_version=4)) for path in (notebook_paths() if paths is None else paths)]


#: A link to a notebook of an edition, as the notebooks write it: [label](../vi/NN-name.ipynb).
EDITION_LINK = re.compile(r"\[[^\]]+\]\(\.\./(?:vi|en)/[0-9][0-9]-[^)/]+\.ipynb\)")


def _linked_to_pages(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with its links to the other edition's notebook turned into links to that notebook's page."""
    import copy

    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"\]\(\.\./(?:vi|en)/([0-9][0-9]-[^)/]+)\.ipynb\)", r"](\1.html)", cell.source)
    return notebook


def title_and_summary(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The first heading of the first markdown cell, and the paragraph that follows it."""
    first = next(c for c in notebook.cells if c.cell_type == "markdown")
    lines = first.source.strip().splitlines()
    title = re.sub(r"^#+\s*", "", lines[0]).strip()
    # The line that links to the other edition is not part of the summary.
    summary = " ".join(line.strip() for line in lines[1:] if line.strip() and not EDITION_LINK.fullmatch(line.strip()))
    return title, summary


def one_line(summary: str) -> str:
    """The first sentence of a summary: the index's one line per notebook."""
    return re.split(r"(?<=[.?!])\s", summary, maxsplit=1)[0]


def write_figures(out: Path, cache: Path | None = None, say=say_line) -> list[tuple[str, dict[str, list[Path]], dict[str, str]]]:
    """Every chart in both languages as SVG and PNG under ``out``: [(stem, {lang: [svg, png]}, {lang: title})].

    The charts depend on the package and the data only. With a ``cache`` folder, the files drawn from the same
    inputs (``inputs_digest``) are copied from ``cache/figures/<digest>/`` instead of being drawn again; a folder
    whose list of files (``figures.json``) is missing, unreadable or names a file that is not there is drawn anew."""
    import json

    from .inputs import inputs_digest

    kept = cache / "figures" / inputs_digest() if cache is not None else None
    if kept is not None:
        try:
            listed = json.loads((kept / "figures.json").read_text(encoding="utf-8"))
            files = [name for _, by_lang, _ in listed for names in by_lang.values() for name in names]
            if files and all((kept / name).is_file() for name in files):
                out.mkdir(parents=True, exist_ok=True)
                for name in files:
                    shutil.copyfile(kept / name, out / name)
                say(f"the figures: taken from the cache ({len(files)} files, drawn from the same lib/ and data/)")
                return [(stem, {lang: [out / n for n in names] for lang, names in by_lang.items()}, titles)
                        for stem, by_lang, titles in listed]
        except (OSError, ValueError, TypeError):
            pass
    say(f"writing the figures to {shown(out)}")
    figures = _draw_figures(out)
    if kept is not None:
        shutil.rmtree(kept.parent, ignore_errors=True)  # figures of other inputs are of no more use
        kept.mkdir(parents=True)
        for _, by_lang, _ in figures:
            for paths in by_lang.values():
                for path in paths:
                    shutil.copyfile(path, kept / path.name)
        listed = [[stem, {lang: [p.name for p in paths] for lang, paths in by_lang.items()}, titles] for stem, by_lang, titles in figures]
        (kept / "figures.json").write_text(json.dumps(listed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return figures


def _draw_figures(out: Path) -> list[tuple[str, dict[str, list[Path]], dict[str, str]]]:
    from . import charts
    from .load import load_context, load_targets

    targets, context = load_targets(), load_context()
    written: dict[str, dict[str, list[Path]]] = {}
    titles: dict[str, dict[str, str]] = {}
    for lang in charts.LANGS:
        for stem, fig in charts.figures(targets, context, lang).items():
            written.setdefault(stem, {})[lang] = charts.save(fig, out / f"{stem}.{lang}")
            titles.setdefault(stem, {})[lang] = fig.get_suptitle().replace("\n", " ")
    return [(stem, written[stem], titles[stem]) for stem in written]


#: The index of each edition: the plan's language at the report's root.
INDEX_PAGES = {"vi": "index.html", "en": "index.en.html"}


def render(executed: list[tuple[Path, nbformat.NotebookNode]], out: Path = REPORT_DIR, say=say_line,
           cache: Path | None = None) -> Path:
    """Write the HTML page of each executed notebook, the figures and an index per edition under ``out``; return the
    index of the plan's language (``index.html``).

    Each page is in its edition's language (``<html lang>``, its links, its figures) and links to its index and to
    the same notebook in the other language. A notebook outside the editions is shown as English."""
    from nbconvert import HTMLExporter

    out.mkdir(parents=True, exist_ok=True)
    entries = {lang: [] for lang in EDITIONS}
    stems = {path: path.stem for path, _ in executed}
    for path, notebook in executed:
        lang = edition_of(path) or "en"
        other = other_edition(path)
        title, summary = title_and_summary(notebook)
        exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)], language_code=lang)
        other_lang = EDITIONS[1 - EDITIONS.index(lang)]
        links = {"index": INDEX_PAGES[lang], "index_label": messages(lang)("← All notebooks"),
                 "other": f"{other.stem}.html" if other is not None and other in stems else None,
                 "other_label": messages(other_lang)("In English"), "other_lang": other_lang}
        page, _ = exporter.from_notebook_node(_linked_to_pages(notebook), resources={"metadata": {"name": title}, "plantargets": links})
        (out / f"{path.stem}.html").write_text(page, encoding="utf-8")
        entries[lang].append((path.stem, title, summary))
    figures = write_figures(out / "figures", cache, say)
    downloads = write_downloads(out / "data")
    for lang in EDITIONS:
        page = _index_page(entries[lang], figures, out, downloads, _checks_table(lang), lang=lang)
        (out / INDEX_PAGES[lang]).write_text(page, encoding="utf-8")
    return out / INDEX_PAGES["vi"]


def citation(lang: str = "en") -> str:
    """How to cite the data, and its licence: in the downloads' README (English) and on each index."""
    msg = messages(lang)
    return (msg("Cite the source as: \"10 chỉ tiêu phát triển kinh tế - xã hội năm 2021\", Đoàn ĐBQH và HĐND tỉnh Lai "
                "Châu, www.hdnd.laichau.gov.vn, 05/02/2021; and, for each outside figure, the publisher named in its row.")
            + "\n\n" + msg("Licence: CC BY 4.0 for the curated data; cite this project and the sources above."))


CITATION = citation("en")

#: The data offered for download, and the README that goes with it.
DOWNLOADS = ("targets.csv", "groups.csv", "outcomes.csv", "context.csv", "datapackage.json")
DOWNLOADS_README = """# Lai Châu's 2021 plan: the data

- `targets.csv`: the targets of the resolution on the 2021 socio-economic plan of the People's Council (HĐND) of
  Lai Châu province, 15th session, 8-10 December 2020, one row per target, each with the verbatim clause that
  states it.
- `groups.csv`: the labels of the 10 key indicators (chỉ tiêu chủ yếu), the groups of the targets.
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


def _checks_table(lang: str = "en") -> str:
    """The consistency checks of notebook 02, one row each: check, subject, status and finding, in ``lang``."""
    from .checks import run_checks
    from .load import load_context, load_targets

    msg = messages(lang)
    summary = run_checks(load_targets(), load_context(), lang=lang)
    rows = "\n".join(
        f"  <tr><td>{html.escape(str(r.check))}</td><td>{html.escape(str(r.subject))}</td>"
        f"<td>{html.escape(msg.pgettext('status', str(r.status)))}</td><td>{html.escape(str(r.finding))}</td></tr>"
        for r in summary.itertuples()
    )
    head = "".join(f"<th>{html.escape(msg.pgettext('column', c))}</th>" for c in ("check", "subject", "status", "finding"))
    return f"<table>\n  <tr>{head}</tr>\n{rows}\n</table>"


def write_report(out: Path = REPORT_DIR, notebooks: Path = NOTEBOOKS_DIR, cache: Path = CACHE_DIR, say=say_line) -> Path:
    """Execute each notebook (or take it from the cache), write its HTML page, the figures and an index; return
    the index path. Nothing is done when the report in ``out`` was written from the same inputs.

    What ``out`` held before is removed first, so that no page or figure of a renamed notebook or chart is left."""
    paths = notebook_paths(notebooks)
    digest = report_digest(paths)
    if report_is_current(out, digest):
        say(f"{shown(out / 'index.html')} is up to date: no notebook, nor lib/, data/ or requirements.lock, changed since it was written")
        return out / "index.html"
    from .execution import NotebookCache

    stamp_of(out).unlink(missing_ok=True)  # until the new report is whole, it is not up to date
    runs = NotebookCache(cache, say=say).run_all(paths)
    shutil.rmtree(out, ignore_errors=True)
    index = render([(run.path, run.notebook) for run in runs], out, say=say, cache=cache)
    stamp_of(out).write_text(digest + "\n", encoding="utf-8")
    return index


def _index_page(entries: list[tuple[str, str, str]], figures=(), out: Path | None = None, downloads=(), checks="",
                lang: str = "en") -> str:
    msg = messages(lang)
    other = EDITIONS[1 - EDITIONS.index(lang)]
    items = "\n".join(
        f'  <li><a href="{html.escape(stem)}.html">{html.escape(title)}</a><br>{html.escape(one_line(summary))}</li>'
        for stem, title, summary in entries
    )
    figure_items = "\n".join(
        f"  <li>{html.escape(titles[lang])} ("
        + ", ".join(f'<a href="{html.escape(p.relative_to(out).as_posix())}">{p.suffix[1:].upper()}</a>' for p in by_lang[lang])
        + ")</li>"
        for stem, by_lang, titles in figures
    )
    download_items = "\n".join(
        f'  <li><a href="{html.escape(p.relative_to(out).as_posix())}">{html.escape(p.name)}</a></li>' for p in downloads
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(msg("Lai Châu's 2021 plan: notebooks"))}</title>
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
<nav><a href="{INDEX_PAGES[other]}" hreflang="{other}" lang="{other}">{html.escape(messages(other)("In English"))}</a></nav>
<h1>{html.escape(msg("Lai Châu's 2021 socio-economic plan"))}</h1>
<p>{html.escape(msg("Source: the resolution of the People's Council (HĐND) of Lai Châu province, 15th session, 12/2020, as reported by Đoàn ĐBQH và HĐND tỉnh Lai Châu, www.hdnd.laichau.gov.vn, 05/02/2021."))}</p>
<ol>
{items}
</ol>
<h2>{html.escape(msg("Consistency checks"))}</h2>
<p>{html.escape(msg("Each check, its rule and what it found are explained in notebook 02."))}</p>
{checks}
<h2>{html.escape(msg("Figures"))}</h2>
<ul>
{figure_items}
</ul>
<h2>{html.escape(msg("Data"))}</h2>
<ul>
{download_items}
</ul>
<p class="licence">{html.escape(citation(lang))}</p>
</body>
</html>
"""


def execute_in_place(notebooks: Path = NOTEBOOKS_DIR, cache: Path = CACHE_DIR, say=say_line) -> None:
    """Save each notebook with the outputs of its execution (from the cache when its inputs did not change)."""
    import nbformat

    from .execution import NotebookCache

    for run in NotebookCache(cache, say=say).run_all(notebook_paths(notebooks)):
        nbformat.write(run.notebook, run.path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--in-place", action="store_true", help="save outputs into the notebooks instead of writing the report")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help="the folder of the notebooks (notebooks/)")
    parser.add_argument("--cache", type=Path, default=CACHE_DIR, help="the folder of the cache (build/cache/)")
    parser.add_argument("--out", type=Path, default=REPORT_DIR, help="the folder of the report (build/report/)")
    args = parser.parse_args(argv)
    from nbclient.exceptions import CellExecutionError

    try:
        if args.in_place:
            execute_in_place(args.notebooks, args.cache)
        else:
            index = write_report(args.out, args.notebooks, args.cache)
            print(f"report: {shown(index)}")
    except CellExecutionError as error:  # the notebook is named on the line before; here, the cell and its traceback
        print(re.sub(r"\x1b\[[0-9;]*m", "", str(error)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
