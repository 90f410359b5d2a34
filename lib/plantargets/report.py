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
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import language_link, messages
from .inputs import CACHE_DIR, EDITIONS, INDEX_PAGES, REPORT_DIR, edition_of, notebook_paths, other_edition, report_digest, report_is_current, say as say_line, stamp_of
from .paths import NOTEBOOKS_DIR, shown

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


def write_figures(out: Path, cache: Path | None = None, say=say_line) -> list[tuple[str, dict[str, list[Path]], dict[str, dict]]]:
    """Every chart in both languages as SVG and PNG under ``out``: [(stem, {lang: [svg, png]}, {lang: {title, alt}})],
    ``alt`` being what the chart shows, in words (``charts.description``).

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


def _draw_figures(out: Path) -> list[tuple[str, dict[str, list[Path]], dict[str, dict]]]:
    from . import charts
    from .load import load_context, load_targets

    targets, context = load_targets(), load_context()
    written: dict[str, dict[str, list[Path]]] = {}
    titles: dict[str, dict[str, dict]] = {}
    for lang in charts.LANGS:
        for stem, fig in charts.figures(targets, context, lang).items():
            written.setdefault(stem, {})[lang] = charts.save(fig, out / f"{stem}.{lang}")
            titles.setdefault(stem, {})[lang] = {"title": fig.get_suptitle().replace("\n", " "), "alt": charts.description(fig)}
    return [(stem, written[stem], titles[stem]) for stem in written]


def _check_alt_text(path: Path, notebook: nbformat.NotebookNode) -> None:
    """Every image a notebook shows has its description (``charts.described``), which its page gives as alt text; an
    image without one is an error that names the notebook and the cell."""
    for number, cell in enumerate(notebook.cells, 1):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}) and not output.get("metadata", {}).get("image/png", {}).get("alt"):
                raise ValueError(f"{shown(path)}, cell {number}: an image with no description (alt text); draw it "
                                 "with plantargets.charts, or give its output metadata image/png.alt")


def render(executed: list[tuple[Path, nbformat.NotebookNode]], out: Path = REPORT_DIR, say=say_line,
           cache: Path | None = None) -> Path:
    """Write the HTML page of each executed notebook, the figures, a page per target and an index per edition under
    ``out``; return the index of the plan's language (``index.html``).

    Each page is in its edition's language (``<html lang>``, its links, its figures) and links to its index and to
    the same page in the other language. A notebook outside the editions is shown as English."""
    from nbconvert import HTMLExporter

    from . import pages, sources
    from .downloads import write_downloads

    out.mkdir(parents=True, exist_ok=True)
    entries = {lang: [] for lang in EDITIONS}
    stems = {path: path.stem for path, _ in executed}
    for path, notebook in executed:
        lang = edition_of(path) or "en"
        other = other_edition(path)
        title, summary = title_and_summary(notebook)
        exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)], language_code=lang)
        other_lang = EDITIONS[1 - EDITIONS.index(lang)]
        msg = messages(lang)
        _check_alt_text(path, notebook)
        links = {"index": INDEX_PAGES[lang], "index_label": msg("← All targets and notebooks"),
                 "other": f"{other.stem}.html" if other is not None and other in stems else None,
                 "other_label": language_link(other_lang), "other_lang": other_lang,
                 "cite_heading": msg("How to cite"),
                 "cite": [sources.project_citation(lang), *sources.citation(lang).split("\n\n")]}
        page, _ = exporter.from_notebook_node(_linked_to_pages(notebook), resources={"metadata": {"name": title}, "plantargets": links})
        (out / f"{path.stem}.html").write_text(page, encoding="utf-8")
        entries[lang].append({"stem": path.stem, "href": f"{path.stem}.html", "title": title, "summary": one_line(summary),
                              "sections": pages.sections_of(page)})
    figures = write_figures(out / "figures", cache, say)
    facts = pages.Facts.load()
    downloads = write_downloads(out / "data", facts)
    say(f"writing a page per target: {len(facts.targets)} targets x {len(EDITIONS)} languages")
    pages.write_target_pages(out, facts, entries)
    for lang in EDITIONS:
        notebooks = [dict(entry, figures=[
            {"svg": by_lang[lang][0].relative_to(out).as_posix(), "png": by_lang[lang][1].relative_to(out).as_posix(),
             "title": titles[lang]["title"], "alt": titles[lang]["alt"]}
            for stem, by_lang, titles in figures if stem.split("-", 1)[0] == entry["stem"].split("-", 1)[0]])
            for entry in entries[lang]]
        listed = [{"href": p.relative_to(out).as_posix(), "name": p.relative_to(out / "data").as_posix()} for p in downloads]
        (out / INDEX_PAGES[lang]).write_text(pages.index_page(facts, lang, notebooks, listed), encoding="utf-8")
    return out / INDEX_PAGES["vi"]


def citation(lang: str = "en") -> str:
    """How to cite the data, and its licence: in the downloads' README (English) and on each index."""
    from . import sources

    return sources.citation(lang)


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
