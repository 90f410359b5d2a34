"""The notebooks in JupyterLab and the report, in a real browser (Debian's Chromium, driven by Playwright).

Run by ``make e2e``, which builds the report first; ``make test`` leaves these out (marker ``e2e``).
Each notebook is opened in JupyterLab, its stored outputs cleared, and run with Run > Run All Cells; then
every cell must have its execution count, no cell may show an error or a warning, no dialog may be open,
every chart must be drawn, and a screenshot is saved under build/screenshots/.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

import nbformat
import pytest
from playwright.sync_api import Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from labserver import CHROMIUM, CHROMIUM_ARGS, browser_missing, children, command_line, kill_left, running_lab
from plantargets.paths import BUILD_DIR, NOTEBOOKS_DIR, shown
from plantargets.i18n import messages
from plantargets.inputs import EDITIONS, edition_of
from plantargets.inputs import SUFFIX
from plantargets.pages import Facts, findings, page_path
from plantargets.paths import PROJECT_ROOT
from plantargets.sources import project_citation
from plantargets.report import citation, INDEX_PAGES, REPORT_DIR, notebook_paths, one_line, title_and_summary

pytestmark = pytest.mark.e2e

SCREENSHOTS = BUILD_DIR / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
RUN_SECONDS = 240
#: Every text of a notebook in JupyterLab: markdown, HTML and text outputs, and the code.
NOTEBOOK_TEXT = ".jp-NotebookPanel :is(.jp-RenderedMarkdown, .jp-RenderedHTMLCommon, .jp-RenderedText, .cm-content)"
STDERR = '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'
NOTEBOOKS = notebook_paths()


@pytest.fixture(scope="module")
def browser():
    missing = browser_missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    before = set(children(os.getpid()))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Playwright's driver, started by this process; Chromium and its helpers run under it.
        (driver,) = [p for p, parent in children(os.getpid()).items() if parent == os.getpid() and p not in before]
        yield browser
        started = {driver, *children(driver)}
        browser.close()
    left = kill_left(started)
    assert left == [], "processes left after the browser closed (now killed):\n" + "\n".join(left)


def _in_lab(path: Path) -> str:
    """A notebook's path in JupyterLab's tree (notebooks/ is its root): en/01-....ipynb."""
    return path.relative_to(NOTEBOOKS_DIR).as_posix()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on copies of the notebooks, so that nothing run here can change notebooks/."""
    scratch = tmp_path_factory.mktemp("lab")
    folder = scratch / "notebooks"
    folder.mkdir()
    for path in NOTEBOOKS:  # each edition in its folder, as in notebooks/, so that their links to each other hold
        (folder / _in_lab(path)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / _in_lab(path))
    with running_lab(folder, scratch) as lab:
        yield lab


@pytest.fixture
def page(browser):
    """A fresh page that records every request leaving the machine (from any page or worker of its browser
    context), every uncaught script error and every error written to the console."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.outside, page.script_errors, page.console_errors = [], [], []
    context.on("request", lambda r: page.outside.append(r.url) if not _local(r.url) else None)
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.on("console", lambda m: page.console_errors.append(f"{m.text} ({m.location})") if m.type == "error" else None)
    yield page
    context.close()


def _local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob") or parsed.hostname == "127.0.0.1"


def _menu(page: Page, *labels: str) -> None:
    """Click a menu of the menu bar, then the items of its submenus, by their labels."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(labels[0])}$")).click()
    for label in labels[1:]:
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(label)}$")).click()


#: Draws each non-ASCII letter of the selected text on a canvas, in the font of the element that holds it, and
#: compares it with an unassigned code point (U+0378), which no font has: a letter drawn the same has no glyph (a
#: box, "tofu"). Another unassigned code point (U+0379) must come out the same, or the comparison proves nothing.
GLYPHS = r"""selector => {
    const byFont = new Map();  // font -> the letters written in it
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const style = getComputedStyle(node.parentElement);
            const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
            const letters = byFont.get(font) || new Set();
            for (const c of node.data) if (c.codePointAt(0) > 127 && c.trim()) letters.add(c);
            byFont.set(font, letters);
        }
    }
    const context = document.createElement('canvas').getContext('2d');
    context.canvas.width = context.canvas.height = 64;
    const draw = (font, c) => {
        context.clearRect(0, 0, 64, 64);
        context.font = font;
        context.fillText(c, 8, 44);
        return context.getImageData(0, 0, 64, 64).data.join();
    };
    const letters = new Set(), missing = new Set();
    let probe = true;
    for (const [font, set] of byFont) {
        const none = draw(font, '͸');
        probe = probe && draw(font, '͹') === none;
        for (const c of set) { letters.add(c); if (draw(font, c) === none) missing.add(c); }
    }
    return {letters: [...letters].join(''), missing: [...missing], probe, fonts: byFont.size};
}"""
VIETNAMESE = "ạảấầẩậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ"


def _missing_glyphs(page: Page, selector: str) -> list[str]:
    """The letters of the selected text that the browser has no glyph for; fails if the text has no Vietnamese."""
    found = page.evaluate(GLYPHS, selector)
    assert found["probe"], "the glyph check must see a code point that no font has as missing"
    assert set(VIETNAMESE) & set(found["letters"]), "no Vietnamese to check"
    assert found["letters"] == unicodedata.normalize("NFC", found["letters"])
    return sorted(found["missing"])


def _image_outputs(notebook) -> int:
    return sum("image/png" in o.get("data", {}) for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


def _screenshot_whole_notebook(page: Page, path: Path) -> None:
    """Grow the window until the notebook's last cell is in view with the first, and capture it."""
    scroller = page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer")
    # The notebook can scroll past its end, so scrollHeight overstates it: measure to the last cell's bottom.
    hidden = scroller.evaluate(
        """e => { e.scrollTop = 0;
                  const cells = e.querySelectorAll('.jp-Cell');
                  const last = cells[cells.length - 1].getBoundingClientRect().bottom;
                  return Math.ceil(last - e.getBoundingClientRect().bottom) + 24; }"""
    )
    page.set_viewport_size({"width": VIEWPORT["width"], "height": VIEWPORT["height"] + max(hidden, 0)})
    scroller.evaluate("e => { e.scrollTop = 0; }")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path)


@pytest.fixture
def lab_page(lab, page):
    """A page of JupyterLab; afterwards its kernels are shut down, so each notebook starts from a fresh one."""
    yield page
    page.close()
    lab.shutdown_kernels()


@dataclass
class Run:
    """What the page shows once Run All Cells has finished, cell by cell (cells numbered from 1, as in the file)."""

    counts: list[int | None]  # the execution count of each code cell; None: not run
    stderr: list[str]  # "cell N: text" of each error or warning output
    dialogs: list[str]
    toasts: list[str]
    images: int
    images_drawn: bool  # every image decoded, with a width
    heading: str


#: Per code cell: its number among all cells, its prompt, and the text of its error and warning outputs.
CELLS = """(notebook, stderr) => [...notebook.querySelectorAll('.jp-Cell')].flatMap((cell, i) =>
    cell.classList.contains('jp-CodeCell') ? [{
        number: i + 1,
        prompt: cell.querySelector('.jp-InputArea-prompt').innerText.trim(),
        stderr: [...cell.querySelectorAll(stderr)].map(e => e.innerText),
    }] : [])"""


def run_all(lab, page: Page, name: str, code_cells: int) -> Run:
    """Open a notebook in JupyterLab, clear its outputs, Run > Run All Cells, and wait for the kernel to finish."""
    # A workspace of its own per notebook: only this notebook's tab is open.
    page.goto(f"{lab.url}/lab/workspaces/{Path(name).stem}/tree/{name}?token={lab.token}")
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\| Idle$")).wait_for(timeout=60_000)
    notebook = page.locator(".jp-NotebookPanel .jp-Notebook")
    prompts = notebook.locator(".jp-CodeCell .jp-InputArea-prompt")
    # All cells in the page, not only those in view: the test's settings set windowingMode to "none".
    expect(prompts).to_have_count(code_cells, timeout=60_000)
    _menu(page, "View", "Appearance", "Show Left Sidebar")  # hide the file browser: more notebook per screenshot

    _menu(page, "Edit", "Clear Outputs of All Cells")
    expect(notebook.locator(".jp-OutputArea-output")).to_have_count(0)
    _menu(page, "Run", "Run All Cells")
    # Finished: the kernel is idle, no cell waits or runs ([*]), and at least one has run (outputs were cleared).
    page.wait_for_function(
        r"""selector => {
            const prompts = [...document.querySelectorAll(selector)].map(p => p.innerText.trim());
            const status = document.querySelector('#jp-main-statusbar').innerText;
            return /\| Idle/.test(status) && !prompts.includes('[*]:') && prompts.some(p => /^\[\d+\]:$/.test(p));
        }""",
        arg=".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt",
        timeout=RUN_SECONDS * 1000,
    )
    cells = notebook.evaluate(CELLS, STDERR)
    return Run(
        counts=[int(m[1]) if (m := re.fullmatch(r"\[(\d+)\]:", c["prompt"])) else None for c in cells],
        stderr=[f"cell {c['number']}: {text}" for c in cells for text in c["stderr"]],
        dialogs=page.locator(".jp-Dialog").all_inner_texts(),
        toasts=page.locator(".Toastify__toast").all_inner_texts(),
        images=notebook.locator(".jp-RenderedImage img").count(),
        images_drawn=_images_drawn(page, ".jp-NotebookPanel .jp-RenderedImage img"),
        heading=notebook.locator(".jp-RenderedMarkdown h1").first.inner_text(),
    )


def _images_drawn(page: Page, selector: str, seconds: float = 30) -> bool:
    """Whether every image comes to be decoded with a width (JupyterLab sets their data without waiting)."""
    try:
        page.wait_for_function(
            "s => [...document.querySelectorAll(s)].every(i => i.complete && i.naturalWidth > 0)",
            arg=selector, timeout=seconds * 1000,
        )
    except PlaywrightTimeout:
        return False
    return True


@pytest.fixture
def screenshot(request):
    """build/screenshots/<test's notebook>.png, its old copy removed: a screenshot there is from this run."""
    path = SCREENSHOTS / f"{request.node.callspec.id}.png"
    path.unlink(missing_ok=True)
    return path


def _screenshot_after_failure(page: Page, path: Path) -> None:
    """The whole notebook if it can be measured, else the window; never an error that hides the failure."""
    try:
        _screenshot_whole_notebook(page, path)
    except PlaywrightError:
        try:
            page.screenshot(path=path)
        except PlaywrightError:
            pass


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[_in_lab(p) for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(lab, lab_page, screenshot, path):
    page = lab_page
    stored = nbformat.read(path, as_version=4)
    code_cells = sum(c.cell_type == "code" for c in stored.cells)
    try:
        run = run_all(lab, page, _in_lab(path), code_cells)
    except BaseException:
        _screenshot_after_failure(page, screenshot)
        raise
    _screenshot_whole_notebook(page, screenshot)  # before the checks, so that a failing notebook has one too

    not_run = [i + 1 for i, count in enumerate(run.counts) if count != i + 1]
    assert not_run == [], f"code cells {not_run} did not run in order; counts: {run.counts}"
    assert run.stderr == [], "a cell printed an error or a warning"
    assert run.dialogs == [], "a dialog is open"
    assert run.toasts == [], "a notification is shown"
    assert run.images == _image_outputs(stored), "a chart is missing"
    assert run.images_drawn, "a chart failed to draw"
    assert run.heading == unicodedata.normalize("NFC", title_and_summary(stored)[0])
    (session,) = [s for s in lab.api("/api/sessions") if s["path"] == _in_lab(path)]
    assert session["kernel"]["name"] == stored.metadata.kernelspec.name
    (kernel,) = [c for c in map(command_line, children(lab.process.pid)) if session["kernel"]["id"] in c]
    assert kernel.split()[0] == sys.executable, "the kernel runs in the project's environment"
    assert _missing_glyphs(page, NOTEBOOK_TEXT) == [], "letters drawn as boxes"
    assert page.script_errors == [] and page.console_errors == []
    assert page.outside == [], "JupyterLab asked the network"
    assert (lab.folder / _in_lab(path)).read_bytes() == path.read_bytes(), "the run was saved into the notebook"


def _linked_file(href: str) -> Path:
    parsed = urlparse(href)
    assert parsed.scheme == "file", f"the index links outside the report: {href}"
    return Path(unquote(parsed.path))


@pytest.mark.parametrize("lang", EDITIONS)
def test_report_in_the_browser(page, lang):
    """Each edition's index opens with the findings, lists every target in a table that sorts and filters, names its
    notebooks and gives the checks in words; then every link of the edition is followed, page by page: each page is
    in its language, draws every image and letter, links back to its index and to the same page in the other
    language, and nothing is asked of the network."""
    index = REPORT_DIR / INDEX_PAGES[lang]
    if not index.exists():
        pytest.fail(f"{shown(index)} is missing: make e2e builds it (make report)", pytrace=False)
    facts = Facts.load()
    page.goto(index.as_uri())
    assert page.evaluate("document.documentElement.lang") == lang
    text = page.inner_text("body")
    notebooks = {path.stem: nbformat.read(path, as_version=4) for path in NOTEBOOKS if edition_of(path) == lang}
    for stem, notebook in notebooks.items():
        title, summary = title_and_summary(notebook)
        assert f"{title}\n{one_line(summary)}" in text, f"the index does not name {stem} with its one-line summary"
    flat = " ".join(text.split())
    assert " ".join(citation(lang).split()) in flat, "the index gives the citation and the licence"
    for sentence in findings(facts, lang):
        assert " ".join(sentence.split()) in flat, "the index opens with the findings"
    assert page.locator('meta[name="viewport"]').count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"report-index.{lang}.png", full_page=True)
    assert _missing_glyphs(page, "body") == []

    checks = facts.derived(lang)["checks"]
    rows = page.locator("#checks + p + table tbody tr").all_inner_texts()
    assert [r.split("\t") for r in rows] == [[c.what, messages(lang).pgettext("status", c.status), c.finding]
                                             for c in checks.itertuples()]
    _sort_and_filter(page, facts, lang)

    seen, queue = set(), [index.as_uri()]
    while queue:
        href = queue.pop(0)
        path = _linked_file(href)
        if path in seen:
            continue
        seen.add(path)
        assert path.is_file(), f"a link leads nowhere: {href}"
        assert REPORT_DIR in path.parents, f"a link leaves the report: {href}"
        if path.suffix in (".csv", ".xlsx"):
            continue  # a download: compared with its file below
        page.goto(href)
        if path.suffix == ".html":
            queue += _check_page(page, path, lang, notebooks)
        elif path.suffix == ".png":
            assert page.locator("img").evaluate("i => i.naturalWidth") > 0
        elif path.suffix == ".svg":
            assert page.evaluate("document.documentElement.localName") == "svg"
            assert page.evaluate("document.documentElement.getBBox().width") > 0
        else:  # the datapackage, the README, a target's JSON: shown as text
            assert page.inner_text("pre").rstrip("\n") == path.read_text(encoding="utf-8").rstrip("\n")
    html_seen = {p for p in seen if p.suffix == ".html"}
    targets = {REPORT_DIR / page_path(t.plan_id, t.indicator_id, lang) for t in facts.targets.itertuples()}
    assert targets <= html_seen, "every target's page is reached from the index"
    assert {REPORT_DIR / f"{stem}.html" for stem in notebooks} <= html_seen
    data = REPORT_DIR / "data"
    assert {p for p in seen if data in p.parents} == {p for p in data.rglob("*") if p.is_file()}, "every download is linked"
    page.goto(index.as_uri())
    for path in sorted(p for p in seen if p.suffix in (".csv", ".xlsx") and p.parent == data):  # arrive as the files they are
        link = path.relative_to(REPORT_DIR).as_posix()
        with page.expect_download() as download:
            page.locator(f'a[href="{link}"]').click()
        arrived = Path(download.value.path())
        assert arrived.read_bytes() == path.read_bytes()
        _read_as_numbers(arrived, path.name)
    assert page.script_errors == [] and page.console_errors == []
    assert page.outside == [], "the report asked the network"


def _read_as_numbers(arrived: Path, name: str) -> None:
    """A downloaded table read with its client's defaults gives numbers: pandas for a CSV, openpyxl for a workbook."""
    import pandas as pd
    from openpyxl import load_workbook

    from plantargets.downloads import PLAIN_SUFFIX

    if name.endswith(".csv"):
        table = pd.read_csv(arrived)
        for column in [c for c in table.columns if c.endswith(PLAIN_SUFFIX)]:
            assert table[column].dtype == "float64", f"{name}: {column} is read as {table[column].dtype}"
        return
    book = load_workbook(io.BytesIO(arrived.read_bytes()), read_only=True)  # a download's file has no suffix
    header = [c.value for c in next(book["targets"].iter_rows(max_row=1))]
    numbers = [row[header.index("value_number")] for row in book["targets"].iter_rows(min_row=2, values_only=True)]
    assert numbers and all(isinstance(n, (int, float)) for n in numbers if n is not None), name
    assert any(n is not None for n in numbers), name


def _check_page(page, path: Path, lang: str, notebooks: dict) -> list[str]:
    """One HTML page of an edition: its language, images, letters and links home and across; the links to follow."""
    index = (REPORT_DIR / INDEX_PAGES[lang]).as_uri()
    other_index = REPORT_DIR / INDEX_PAGES[EDITIONS[1 - EDITIONS.index(lang)]]
    if path == other_index:
        assert page.evaluate("document.documentElement.lang") != lang
        return []
    assert page.evaluate("document.documentElement.lang") == lang, path
    assert page.locator("img").evaluate_all("imgs => imgs.every(i => i.complete && i.naturalWidth > 0)"), path
    assert page.locator("img:not([alt]), img[alt='']").count() == 0, f"an image without alt text: {path}"
    assert _missing_glyphs(page, "body") == [], path
    flat = " ".join(page.inner_text("body").split())
    assert " ".join(project_citation(lang).split()) in flat, f"{path} does not say how to cite the project"
    if path.parent == REPORT_DIR and path.stem in notebooks:
        assert page.title() == title_and_summary(notebooks[path.stem])[0]
        assert page.locator("img").count() == _image_outputs(notebooks[path.stem])
    if path.parent != REPORT_DIR or path.name != INDEX_PAGES[lang]:
        switch = page.locator("nav a[hreflang]").first
        assert _linked_file(switch.evaluate("a => a.href")).is_file(), f"the other language's page is missing: {path}"
        home = page.locator("nav a").first
        assert home.evaluate("a => a.href") == index, f"no way back to the index from {path}"
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    follow = []
    for href in hrefs:
        parsed = urlparse(href)
        if parsed.scheme != "file":
            continue  # a source's address, in the text: shown, never fetched
        target = _linked_file(href)
        if parsed.fragment and target.suffix == ".html":  # a section of a notebook: the heading is there
            page_text = target.read_text(encoding="utf-8")
            assert f'id="{parsed.fragment}"' in page_text, f"{path} links to a section that is not there: {href}"
        if target.suffix == ".html" and _lang_of(target, notebooks, lang) != lang and target != other_index:
            continue  # the same page in the other language: it exists (above); the other language's test follows it
        follow.append(urlunparse(parsed._replace(fragment="")))
    return follow


#: axe-core, installed by make e2e (npm ci in tests/e2e/, pinned by its package-lock.json).
AXE = Path(os.environ.get("PLANTARGETS_AXE", PROJECT_ROOT / "tests" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"))
#: The rules every page is held to: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: The outline of a page: one h1, first, and no level skipped on the way down.
HEADINGS = """() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map(h => Number(h.tagName[1]))"""


def _headings_in_order(levels: list[int]) -> bool:
    return bool(levels) and levels[0] == 1 and levels.count(1) == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_heading_order_is_checked():
    assert _headings_in_order([1, 2, 3, 2, 2, 3])
    assert not _headings_in_order([1, 3]) and not _headings_in_order([2, 1]) and not _headings_in_order([1, 2, 1])


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_passes_axe_wcag_a_and_aa(page, lang):
    """Every HTML page of the edition (its index, its notebooks, its target pages) has no violation of axe-core's WCAG
    2 A and AA rules, its headings in order, a header cell in every table and alt text on every image."""
    if not AXE.is_file():
        pytest.fail(f"{shown(AXE)} is missing: make e2e installs axe-core (npm ci --prefix tests/e2e)", pytrace=False)
    notebooks = {path.stem for path in NOTEBOOKS if edition_of(path) == lang}
    pages = sorted(p for p in REPORT_DIR.rglob("*.html") if _lang_of(p, notebooks, lang) == lang)
    facts = Facts.load()
    assert len(pages) == 1 + len(notebooks) + len(facts.targets), "the index, the notebooks and a page per target"
    script = AXE.read_text(encoding="utf-8")
    problems = []
    for path in pages:
        page.goto(path.as_uri())
        page.add_script_tag(content=script)
        found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
        for violation in found["violations"]:
            for node in violation["nodes"]:
                problems.append(f"{path.relative_to(REPORT_DIR)}: {violation['id']} at {node['target']}: {node['failureSummary']}")
        levels = page.evaluate(HEADINGS)
        if not _headings_in_order(levels):
            problems.append(f"{path.relative_to(REPORT_DIR)}: headings out of order: {levels}")
        if page.locator("table:not(:has(th))").count():
            problems.append(f"{path.relative_to(REPORT_DIR)}: a table with no header cell")
        if page.locator("img:not([alt]), img[alt=''], img[alt^='No description']").count():
            problems.append(f"{path.relative_to(REPORT_DIR)}: an image without a description")
    assert page.outside == [], "axe or a page asked the network"
    assert problems == [], f"{len(problems)} problems on {len(pages)} pages:\n" + "\n".join(problems[:40])


def _lang_of(path: Path, notebooks: dict, lang: str) -> str:
    """The language of a page of the report, from its name: an index, a notebook of ``lang``, a target's page."""
    for edition, name in INDEX_PAGES.items():
        if path == REPORT_DIR / name:
            return edition
    if path.parent == REPORT_DIR:
        return lang if path.stem in notebooks else EDITIONS[1 - EDITIONS.index(lang)]
    return "en" if path.name.endswith(f"{SUFFIX['en']}.html") else "vi"


def _sort_and_filter(page, facts, lang: str) -> None:
    """The table of targets sorts by a column and filters by words and status, with scripts; without, it is whole."""
    msg = messages(lang)
    table = page.locator("#target-table tbody tr")
    assert table.count() == len(facts.targets)
    page.locator("#target-table thead th").nth(2).locator("button").click()
    values = [v for v in page.locator("#target-table tbody td:nth-child(3)").evaluate_all("cells => cells.map(c => c.dataset.value)")]
    numbers, blanks = [float(v) for v in values if v], [v for v in values if not v]
    assert numbers == sorted(numbers) and values[len(numbers):] == blanks  # ascending, the targets with no number last
    assert page.locator("#target-table thead th").nth(2).get_attribute("aria-sort") == "ascending"
    name = facts.targets.iloc[0][f"name_{lang}"]
    page.fill("#target-filter", name)
    visible = [r for r in page.locator("#target-table tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()]
    assert name in visible and all(name.lower() in v.lower() for v in visible)
    page.fill("#target-filter", "")
    page.select_option("#status-filter", msg.pgettext("status", "met"))
    met = page.locator("#target-table tbody tr:not([hidden])").count()
    card = facts.derived(lang)["card"]
    assert met == int((card["status"] == "met").sum()) > 0
    assert f"{met}" in page.inner_text("#target-count")
    page.select_option("#status-filter", "")
    context = page.context.browser.new_context(java_script_enabled=False)
    bare = context.new_page()
    bare.goto((REPORT_DIR / INDEX_PAGES[lang]).as_uri())
    assert bare.locator("#target-table tbody tr:visible").count() == len(facts.targets)
    assert not bare.locator("#target-controls").is_visible()
    context.close()


def test_the_browser_run_sees_what_goes_wrong(lab, lab_page):
    """The checks above can fail. A notebook that warns, then raises, shows both, and the cell after it is not
    run; a letter that no font here has (Khmer ក) is seen as missing; an image from the network is seen as a request."""
    page = lab_page
    cells = ['print("ok")', 'import warnings\nwarnings.warn("a warning on purpose")', "1 / 0", 'print("never")']
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Hỏng · Broken on purpose"),
        nbformat.v4.new_markdown_cell("Một chữ Khmer, không có trong phông nào ở đây: \u1780"),
        nbformat.v4.new_markdown_cell("![a chart from elsewhere](http://example.invalid/chart.png)"),
    ])
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, lab.folder / "99-broken.ipynb")

    run = run_all(lab, page, "99-broken.ipynb", len(cells))
    assert run.counts == [1, 2, 3, None]
    assert [line.split("\n")[0][:7] for line in run.stderr] == ["cell 5:", "cell 6:"]
    assert "UserWarning: a warning on purpose" in run.stderr[0]
    assert "ZeroDivisionError" in run.stderr[1]
    assert run.heading == "Hỏng · Broken on purpose"
    assert _missing_glyphs(page, NOTEBOOK_TEXT) == ["\u1780"]
    assert page.outside == ["http://example.invalid/chart.png"]
