"""Shared fixtures: the shipped data, and writable copies of it to break on purpose."""

import csv
import shutil
from pathlib import Path

import pytest

import plantargets
from plantargets.paths import DATA_DIR


@pytest.fixture(scope="session")
def targets():
    return plantargets.load_targets()


class DataCopy:
    """A copy of targets.csv and groups.csv in a temporary folder, edited row by row."""

    def __init__(self, folder: Path):
        self.folder = folder
        for name in ("targets.csv", "groups.csv"):
            shutil.copy(DATA_DIR / name, folder / name)
        self.path = folder / "targets.csv"

    def rows(self) -> list[dict]:
        with self.path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def write(self, rows: list[dict], fieldnames=None) -> Path:
        fieldnames = fieldnames or list(rows[0])
        with self.path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return self.path

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


@pytest.fixture
def data_copy(tmp_path):
    return DataCopy(tmp_path)
