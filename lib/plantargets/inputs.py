"""What the executed notebooks and the report are made from, as digests: light, so that ``make report`` with
nothing to do answers at once (this module imports neither Jupyter nor pandas nor matplotlib).

A notebook's outputs depend on its code cells and kernelspec, and on the package (``lib/``), the data (``data/``)
and the exact versions of ``requirements.lock``: :func:`inputs_digest` covers those three. The report depends on
every notebook as a file (its markdown too) and on the same three: :func:`report_digest`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from .paths import BUILD_DIR, DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, shown

PACKAGE_DIR = Path(__file__).resolve().parent
LOCK_FILE = PROJECT_ROOT / "requirements.lock"
CACHE_DIR = BUILD_DIR / "cache"
REPORT_DIR = BUILD_DIR / "report"
#: Beside the report folder (not in it: it is not part of the report): the digest of what the report was written from.
STAMP_SUFFIX = ".inputs"


def stamp_of(out: Path) -> Path:
    """The file that holds the digest the report in ``out`` was written from: ``build/report.inputs``."""
    return Path(out).parent / (Path(out).name + STAMP_SUFFIX)


def say(line: str) -> None:
    """Print one line of progress at once (make's output is a pipe, not a terminal)."""
    print(line, flush=True)


#: The editions: a folder of notebooks per language, each notebook's code the same in both but for ``LANG``.
EDITIONS = ("vi", "en")
#: The file name of a report page in each language: the plan's language has the plain name.
SUFFIX = {"vi": "", "en": ".en"}
#: The index of each edition, at the report's root.
INDEX_PAGES = {lang: f"index{SUFFIX[lang]}.html" for lang in EDITIONS}


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The narrative notebooks, ``NN-*.ipynb``, in reading order: those of ``folder`` itself, then each edition's
    (``folder/vi/``, ``folder/en/``)."""
    folder = Path(folder)
    found = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
    for lang in EDITIONS:
        found += sorted((folder / lang).glob("[0-9][0-9]-*.ipynb"))
    return found


def edition_of(path: Path) -> str | None:
    """The language of a notebook's edition (its folder's name), or None for a notebook outside the editions."""
    return Path(path).parent.name if Path(path).parent.name in EDITIONS else None


def other_edition(path: Path) -> Path | None:
    """The same notebook in the other language: the one whose number (NN-) it shares, in the other folder."""
    lang = edition_of(path)
    if lang is None:
        return None
    other = EDITIONS[1 - EDITIONS.index(lang)]
    matches = sorted((Path(path).parent.parent / other).glob(Path(path).name[:3] + "*.ipynb"))
    return matches[0] if len(matches) == 1 else None


def input_files() -> list[Path]:
    """Every file outside the notebooks that their outputs depend on: the package, the data and the lock file."""
    package = [p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    data = [p for p in DATA_DIR.rglob("*") if p.is_file()]
    return sorted([*package, *data, LOCK_FILE])


def inputs_digest(files: Iterable[Path] | None = None) -> str:
    """SHA-256 of the input files: each file's path in the project and its bytes."""
    digest = hashlib.sha256()
    for path in input_files() if files is None else files:
        digest.update(shown(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def report_digest(paths: list[Path]) -> str:
    """What the report is written from: every notebook (name and bytes) and the other inputs."""
    digest = hashlib.sha256(inputs_digest().encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def report_is_current(out: Path, digest: str) -> bool:
    """Whether the report in ``out`` was written, whole, from inputs with this digest."""
    stamp = stamp_of(out)
    return (out / "index.html").is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == digest
