"""Shared fixtures: the shipped data, and writable copies of it to break on purpose."""

import csv
import shutil
from pathlib import Path

import pytest

import nbformat

import plantargets
from plantargets.paths import DATA_DIR, NOTEBOOKS_DIR


def prose_of(stem: str) -> str:
    """The markdown of notebooks/<stem>.ipynb, cell after cell: what its claims tests read."""
    notebook = nbformat.read(NOTEBOOKS_DIR / "en" / f"{stem}.ipynb", as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


@pytest.fixture(scope="session")
def targets():
    return plantargets.load_targets()


@pytest.fixture(scope="session")
def context():
    return plantargets.load_context()


@pytest.fixture(scope="session")
def outcomes():
    return plantargets.load_outcomes()


class DataCopy:
    """A copy of the data files in a temporary folder, edited row by row."""

    def __init__(self, folder: Path):
        self.folder = folder
        for name in ("plans.csv", "targets.csv", "groups.csv", "context.csv", "outcomes.csv"):
            shutil.copy(DATA_DIR / name, folder / name)
        shutil.copytree(DATA_DIR / "raw", folder / "raw", dirs_exist_ok=True)
        self.path = folder / "targets.csv"
        self.context_path = folder / "context.csv"
        self.outcomes_path = folder / "outcomes.csv"

    def rows(self, path: Path | None = None) -> list[dict]:
        with (path or self.path).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def write(self, rows: list[dict], fieldnames=None, path: Path | None = None) -> Path:
        fieldnames = fieldnames or list(rows[0])
        path = path or self.path
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return path

    def set(self, row_id: str, /, **changes) -> Path:
        """Change fields of one row (found by its id) and write the file back.

        A new value is written into the row's source_text as well, unless source_text is given.
        """
        rows = self.rows()
        matches = [r for r in rows if r["indicator_id"] == row_id]
        assert len(matches) == 1, row_id
        row = matches[0]
        if "value" in changes and "source_text" not in changes and row["value"]:
            # A changed value is a changed plan: its clause in the source says the new number too.
            row["source_text"] = row["source_text"].replace(row["value"], changes["value"], 1)
        row.update(changes)
        return self.write(rows)

    def load(self):
        return plantargets.load_targets(self.path)

    def set_context(self, figure_id: str, /, **changes) -> Path:
        """Change fields of one outside figure (in context.csv or outcomes.csv); a new value is written into
        value_as_written and quote too."""
        path = self.context_path
        rows = self.rows(path)
        matches = [r for r in rows if r["figure_id"] == figure_id]
        if not matches:
            path = self.outcomes_path
            rows = self.rows(path)
            matches = [r for r in rows if r["figure_id"] == figure_id]
        assert len(matches) == 1, figure_id
        row = matches[0]
        if "value" in changes and "value_as_written" not in changes:
            new_written = row["value_as_written"].replace(row["value"], changes["value"], 1)
            row["quote"] = row["quote"].replace(row["value_as_written"], new_written, 1)
            row["value_as_written"] = new_written
        row.update(changes)
        return self.write(rows, path=path)

    def load_context(self):
        return plantargets.load_context(self.context_path)

    def load_outcomes(self):
        return plantargets.load_outcomes(self.outcomes_path)


@pytest.fixture
def data_copy(tmp_path):
    return DataCopy(tmp_path)
