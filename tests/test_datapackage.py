"""data/datapackage.json: valid by the standard's own validator, and the one source of the schema."""

import json
import shutil
from pathlib import Path

import pytest

from plantargets.load import DataError, read_table, resource_descriptor
from plantargets.paths import DATA_DIR, DATAPACKAGE

def validate(folder: Path):
    """frictionless's report on the package in ``folder`` (the standard's own validator, in this process)."""
    import frictionless

    return frictionless.validate(str(folder / "datapackage.json"))


@pytest.fixture
def package_copy(tmp_path):
    resources = [r["path"] for r in json.loads(DATAPACKAGE.read_text(encoding="utf-8"))["resources"]]
    for name in ["datapackage.json", *resources]:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    (tmp_path / "raw").mkdir()
    return tmp_path


def test_frictionless_validates_the_package():
    report = validate(DATA_DIR)
    assert report.valid, report.flatten(["type", "note"])[:20]


def test_an_unbroken_copy_is_valid(package_copy):
    """The copy holds every resource: so what makes the next tests fail is the break, nothing else."""
    report = validate(package_copy)
    assert report.valid, report.flatten(["type", "note"])[:20]


@pytest.mark.parametrize("name, old, new", [
    ("targets.csv", ",tonnes,", ",tons,"),  # a unit outside the enum
    ("context.csv", ",commune-level units,", ",units,"),
    ("context.csv", ",2020,context,", ",20,context,"),  # a year that breaks the pattern
])
def test_frictionless_rejects_a_broken_copy(package_copy, name, old, new):
    path = package_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = validate(package_copy)
    assert not report.valid and report.stats["errors"] >= 1


def test_each_table_has_the_packages_columns_in_its_order():
    for name in ("targets", "groups", "context", "outcomes"):
        fields = [f["name"] for f in resource_descriptor(name)["schema"]["fields"]]
        table = read_table(name)
        assert [c for c in table.columns if c in fields] == fields, name
        assert set(table.columns) - set(fields) <= {"value_as_written"}, name  # the number's text, beside it


def test_our_checks_and_frictionless_agree_on_a_broken_enum(package_copy):
    """The loader checks the package's constraints itself; frictionless, reading the same package, refuses the same row."""
    path = package_copy / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",percent,growth rate,", ",phần trăm,growth rate,", 1), encoding="utf-8")
    with pytest.raises(DataError, match="field 'unit': 'phần trăm' is not one of"):
        read_table("targets", path)
    assert not validate(package_copy).valid


def test_every_field_is_described():
    for resource in json.loads(DATAPACKAGE.read_text(encoding="utf-8"))["resources"]:
        for field in resource["schema"]["fields"]:
            assert field.get("description"), (resource["name"], field["name"])


def test_the_csv_header_is_the_schema(targets):
    for name in ("targets", "groups", "context"):
        descriptor = resource_descriptor(name)
        header = (DATA_DIR / descriptor["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [f["name"] for f in descriptor["schema"]["fields"]]


def test_number_fields_are_what_the_loader_assumes():
    """load.py reads numbers with '.' grouping and ',' decimals, bare: the package must say the same."""
    for resource in json.loads(DATAPACKAGE.read_text(encoding="utf-8"))["resources"]:
        for field in resource["schema"]["fields"]:
            if field.get("type") == "number":
                assert (field.get("decimalChar"), field.get("groupChar"), field.get("bareNumber")) == (",", ".", True), (
                    resource["name"], field["name"])
        assert resource.get("encoding") == "utf-8" and resource["dialect"]["delimiter"] == ",", resource["name"]
