"""The bad-input corpus (tests/bad_input/): each malformed file either loads as the shipped table or is refused
with a DataError naming the file, the row and the field. No input gives a wrong table silently."""

import csv
import importlib.util
import shutil
import unicodedata
from pathlib import Path

import pytest

import plantargets
from plantargets.paths import DATA_DIR

CORPUS = Path(__file__).parent / "bad_input"
with (CORPUS / "cases.csv").open(encoding="utf-8", newline="") as f:
    CASES = list(csv.DictReader(f))

#: Which loader reads each data file (groups.csv is read with the targets).
LOADERS = {
    "targets.csv": ("targets.csv", plantargets.load_targets),
    "groups.csv": ("targets.csv", plantargets.load_targets),
    "context.csv": ("context.csv", plantargets.load_context),
    "outcomes.csv": ("outcomes.csv", plantargets.load_outcomes),
    "plans.csv": ("plans.csv", plantargets.load_plans),
}


def stand_in(tmp_path: Path, case: dict) -> Path:
    """The shipped data files in a folder, with the case's file in place of the one it stands for."""
    for name in LOADERS:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    shutil.copytree(DATA_DIR / "raw", tmp_path / "raw")
    shutil.copy(CORPUS / case["file"], tmp_path / case["stands_for"])
    return tmp_path / LOADERS[case["stands_for"]][0]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_case_loads_the_shipped_table_or_names_file_row_and_field(tmp_path, case):
    main_file, load = LOADERS[case["stands_for"]][0], LOADERS[case["stands_for"]][1]
    path = stand_in(tmp_path, case)
    if case["expect"] == "loads":
        assert load(path).equals(load(DATA_DIR / main_file))
        return
    with pytest.raises(plantargets.DataError) as caught:
        load(path)
    message = str(caught.value)
    broken = (tmp_path / case["stands_for"]).as_posix()
    assert message.startswith(f"{broken}: "), message
    if case["row"]:
        assert f"{broken}, row {case['row']} (line " in message, message
    if case["key"]:
        assert case["key"] in message, message
    if case["field"]:
        assert f"field '{case['field']}'" in message, message
    assert case["message"] in message, message


def test_the_corpus_covers_what_it_must():
    assert len(CASES) >= 20
    files = {c["file"] for c in CASES}
    for needed in ("missing-column.csv", "renamed-column.csv", "non-numeric-value.csv", "english-notation.csv",
                   "duplicate-id.csv", "unknown-unit.csv", "share-above-100.csv", "empty.csv", "header-only.csv",
                   "legacy-encoding-cp1258.csv", "nfd-text.csv", "byte-order-mark.csv", "crlf-and-trailing-blank-lines.csv",
                   "truncated-row.csv", "unknown-group.csv", "nan-value.csv", "infinite-value.csv", "value-cut-short.csv"):
        assert needed in files, needed
    assert {c["expect"] for c in CASES} == {"loads", "error"}
    assert {c["stands_for"] for c in CASES} == set(LOADERS)


def test_the_corpus_is_what_its_script_writes_from_the_current_data(tmp_path):
    """A change to data/ that the corpus no longer reflects fails here: run tests/bad_input/make_corpus.py."""
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.write(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in CORPUS.iterdir() if p.suffix == ".csv")
    for name in written:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), f"{name}: run tests/bad_input/make_corpus.py"


def test_the_legacy_file_is_real_windows_1258():
    """The encoding case is Vietnamese as Windows-1258 writes it, not a file of question marks."""
    raw = (CORPUS / "legacy-encoding-cp1258.csv").read_bytes()
    shipped = (DATA_DIR / "targets.csv").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == shipped


def test_the_testing_document_states_the_count():
    readme = (Path(__file__).parents[1] / "TESTING.md").read_text(encoding="utf-8")
    errors = sum(c["expect"] == "error" for c in CASES)
    assert f"A corpus of **{len(CASES)}** malformed or re-encoded files" in readme
    assert f"**{errors}** cases are refused" in readme and f"**{len(CASES) - errors}** load as the shipped table" in readme
