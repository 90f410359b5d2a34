"""The two editions of each notebook say the same thing with the same numbers, in their own notation, with the
same code (but for the edition's language) and the same sections."""

import re

import nbformat
import pytest
from prose import numbers, wrong_notation

from plantargets.inputs import EDITIONS, edition_of, notebook_paths, other_edition

LANG_LINE = re.compile(r'^LANG = "(vi|en)"(?=\s|$)', re.M)
PATHS = notebook_paths()
ENGLISH = [p for p in PATHS if edition_of(p) == "en"]


def _read(path):
    return nbformat.read(path, as_version=4)


def test_every_notebook_has_both_editions():
    assert len(ENGLISH) == 5 and all(edition_of(p) in EDITIONS for p in PATHS)
    assert sorted(other_edition(p) for p in ENGLISH) == sorted(p for p in PATHS if edition_of(p) == "vi")
    assert all(other_edition(other_edition(p)) == p for p in ENGLISH)


def code_of(notebook):
    """The code cells with the edition's language taken out, and the languages they set."""
    cells = [c.source for c in notebook.cells if c.cell_type == "code"]
    return [LANG_LINE.sub('LANG = ...', c) for c in cells], [m for c in cells for m in LANG_LINE.findall(c)]


def mismatches(first, second) -> list[str]:
    """Where the code of two editions differs, beyond the language they set."""
    (one, langs_one), (two, langs_two) = code_of(first), code_of(second)
    problems = [f"code cell {i + 1} differs" for i, (a, b) in enumerate(zip(one, two)) if a != b]
    if len(one) != len(two):
        problems.append(f"{len(one)} code cells against {len(two)}")
    return problems


@pytest.mark.parametrize("path", ENGLISH, ids=[p.stem for p in ENGLISH])
def test_the_editions_run_the_same_code_in_their_own_language(path):
    english, vietnamese = _read(path), _read(other_edition(path))
    assert mismatches(english, vietnamese) == []
    assert code_of(english)[1] == ["en"] and code_of(vietnamese)[1] == ["vi"]


def test_a_change_to_one_editions_code_is_caught():
    english = _read(ENGLISH[0])
    changed = _read(other_edition(ENGLISH[0]))
    cell = next(c for c in changed.cells if c.cell_type == "code" and "LANG" not in c.source)
    cell.source += "\n1"
    assert mismatches(english, changed) != []


def sections(notebook):
    return [re.findall(r"^(#+) ", c.source, flags=re.M) for c in notebook.cells if c.cell_type == "markdown"]


def number_mismatches(english, vietnamese) -> list[str]:
    problems = []
    en_cells = [c.source for c in english.cells if c.cell_type == "markdown"]
    vi_cells = [c.source for c in vietnamese.cells if c.cell_type == "markdown"]
    for i, (en, vi) in enumerate(zip(en_cells, vi_cells)):
        a, b = numbers(en, "en"), numbers(vi, "vi")
        if a != b:
            problems.append(f"markdown cell {i + 1}: only in English {sorted(map(str, (a - b).elements()))}, "
                            f"only in Vietnamese {sorted(map(str, (b - a).elements()))}")
    return problems


@pytest.mark.parametrize("path", ENGLISH, ids=[p.stem for p in ENGLISH])
def test_the_editions_have_the_same_sections_and_the_same_numbers(path):
    english, vietnamese = _read(path), _read(other_edition(path))
    assert sections(english) == sections(vietnamese)
    assert number_mismatches(english, vietnamese) == []


@pytest.mark.parametrize("path", PATHS, ids=[f"{edition_of(p)}/{p.stem}" for p in PATHS])
def test_the_prose_writes_numbers_in_its_editions_notation(path):
    lang = edition_of(path)
    wrong = {i + 1: wrong_notation(c.source, lang) for i, c in enumerate(_read(path).cells) if c.cell_type == "markdown"}
    assert {cell: found for cell, found in wrong.items() if found} == {}


def test_a_number_that_differs_between_the_editions_is_caught():
    english, vietnamese = _read(ENGLISH[0]), _read(other_edition(ENGLISH[0]))
    cell = next(c for c in vietnamese.cells if c.cell_type == "markdown" and numbers(c.source, "vi"))
    first = str(next(iter(numbers(cell.source, "vi"))))
    cell.source = re.sub(rf"(?<![\d.,]){re.escape(first.replace('.', ','))}(?![\d,])", "9.999", cell.source, count=1)
    assert number_mismatches(english, vietnamese) != []
    assert wrong_notation("tăng 7.96%", "vi") == ["7.96"] and wrong_notation("grew 7,96%", "en") == ["7,96"]
    assert wrong_notation("1.915 tỷ đồng", "vi") == [] and wrong_notation("1,915 billion", "en") == []


@pytest.mark.parametrize("path", PATHS, ids=[f"{edition_of(p)}/{p.stem}" for p in PATHS])
def test_the_first_cell_links_to_the_other_edition(path):
    other = other_edition(path)
    first = next(c for c in _read(path).cells if c.cell_type == "markdown")
    assert f"](../{edition_of(other)}/{other.name})" in first.source
