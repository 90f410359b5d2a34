"""Write the bad-input corpus: each case is one data file of the project, broken (or re-encoded) one way.

    python tests/bad_input/make_corpus.py     # after a change to data/, to bring the corpus up to date

``cases.csv`` lists each file, the data file it stands in for, what loading must give
(``loads``: the same table as the shipped file; ``error``: a DataError), and for an error
the row (empty for a file-level problem), the row's id, the field and words of the message.
``tests/test_bad_input.py`` loads every case, and fails when the corpus is not what this
script writes from the current data.
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "data"
MANIFEST_FIELDS = ["file", "stands_for", "expect", "row", "key", "field", "message"]


def read(name: str) -> tuple[list[str], list[dict]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def text(fields: list[str], rows: list[dict], newline: str = "\n") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator=newline, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def windows_1258(content: str) -> bytes:
    """Vietnamese text as Windows-1258 writes it: base letters precomposed (â, ơ, ư, đ), tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in unicodedata.normalize("NFC", content):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
        out.append((letter + "".join(m for m in marks if m in tones)).encode("cp1258"))
    return b"".join(out)


def changed(name: str, key: str, row_id: str, **changes) -> tuple[str, int]:
    """The file with one row's fields changed (a new value also in source_text), and that row's number."""
    fields, rows = read(name)
    number = next(i for i, r in enumerate(rows, start=1) if r[key] == row_id)
    row = rows[number - 1]
    if "value" in changes and "source_text" in row and row["value"]:
        row["source_text"] = row["source_text"].replace(row["value"], changes["value"], 1)
    row.update(changes)
    return text(fields, rows), number


def cases() -> list[tuple[dict, bytes]]:
    """Every case: its manifest row and the bytes of its file."""
    fields, rows = read("targets.csv")
    shipped = (DATA / "targets.csv").read_bytes().decode("utf-8")
    out = []

    def add(file, expect, content, stands_for="targets.csv", row="", key="", field="", message=""):
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        out.append((dict(file=file, stands_for=stands_for, expect=expect, row=row, key=key, field=field, message=message), data))

    def row_case(file, row_id, field, message, name="targets.csv", id_field="indicator_id", **changes):
        content, number = changed(name, id_field, row_id, **changes)
        add(file, "error", content, name, number, f"{id_field} {row_id}", field, message)

    # --- the file as a whole
    add("empty.csv", "error", "", message="the file is empty")
    add("header-only.csv", "error", text(fields, []), message="the file has a header but no rows")
    add("legacy-encoding-cp1258.csv", "error", windows_1258(shipped), field="name_vi",
        message="the file is not UTF-8")
    add("utf-16.csv", "error", shipped.encode("utf-16"), message="the file is UTF-16")
    add("semicolons.csv", "error", shipped.replace(",", ";"), message="has semicolons")
    tabs = "".join("\t".join(row) + "\n" for row in csv.reader(io.StringIO(shipped)))
    add("tab-separated.csv", "error", tabs, message="has tabs")
    add("unclosed-quote.csv", "error", shipped + '"laichau-2021,1,x\n', message="not valid CSV")
    # --- the header
    add("missing-column.csv", "error", text([f for f in fields if f != "unit"], rows), field="unit",
        message="the header has no such column")
    renamed = [("gia_tri" if f == "value" else f) for f in fields]
    add("renamed-column.csv", "error", text(renamed, [{("gia_tri" if k == "value" else k): v for k, v in r.items()} for r in rows]),
        field="value", message="the header has no such column")
    add("empty-header-cell.csv", "error", shipped.replace("\n", ",\n", 1), field="",
        message="the schema has no such column")
    lines = shipped.splitlines(keepends=True)
    cut = ",".join(lines[-1].split(",")[:4]) + "\n"  # the last row stops after its fourth field
    add("truncated-row.csv", "error", "".join(lines[:-1]) + cut, row=len(rows), message="fields where the header has")
    # --- one field
    row_case("non-numeric-value.csv", "grdp_growth", "value", "'bảy' is not a number", value="bảy")
    row_case("english-notation.csv", "grdp_growth", "value", "not in Vietnamese notation", value="7.96")
    row_case("nan-value.csv", "grdp_growth", "value", "'NaN' is not a number", value="NaN")
    row_case("infinite-value.csv", "grdp_growth", "value", "'inf' is not a number", value="inf")
    row_case("unknown-unit.csv", "grdp_growth", "unit", "is not one of", unit="phần trăm")
    row_case("share-above-100.csv", "share_services", "value", "outside 0-100", value="139,22")
    row_case("negative-count.csv", "jobs_created", "value", "is negative", value="-7.650")
    row_case("group-out-of-range.csv", "grdp_growth", "group", "outside the allowed range 1 to 10", group="11")
    row_case("unknown-group.csv", "grdp_growth", "group", "1 is not a group of this plan in groups.csv", plan_id="laichau-2022")
    # A value cut short still occurs in its clause as text ('222' in '222.000 tấn'): it must occur as a whole number.
    grain = next(r for r in rows if r["indicator_id"] == "grain_output")
    row_case("value-cut-short.csv", "grain_output", "value", "is not written this way in source_text",
             value="222", source_text=grain["source_text"])
    growth = next(r for r in rows if r["indicator_id"] == "grdp_growth")
    row_case("decimal-dropped.csv", "grdp_growth", "value", "is not written this way in source_text",
             value="7,9", source_text=growth["source_text"])
    row_case("required-field-empty.csv", "grdp_growth", "plan_id", "is missing", plan_id="")
    row_case("ceiling-where-higher-is-better.csv", "grdp_growth", "comparator", "points against the direction", comparator="<=")
    duplicate = rows + [dict(rows[0])]
    add("duplicate-id.csv", "error", text(fields, duplicate), row=len(duplicate), key=f"indicator_id {rows[0]['indicator_id']}",
        field="indicator_id", message="is not unique")
    # --- the other tables
    row_case("outcome-in-another-unit.csv", "grain_output_baseline_2020", "unit", "is not the unit of the target",
             name="outcomes.csv", id_field="figure_id", unit="hectares")
    row_case("outcome-is-the-plans-figure.csv", "grdp_growth_result_2021_restated", "value_as_written", "follows 'kế hoạch'",
             name="outcomes.csv", id_field="figure_id", value="7,96", value_as_written="7,96%")
    row_case("context-bound-against-its-words.csv", "tea_area_2018", "bound", "does not match the words",
             name="context.csv", id_field="figure_id", bound="exact")
    row_case("note-without-vietnamese.csv", "share_agriculture_forestry_fishery", "note_vi", "needs its Vietnamese text",
             note_vi="")
    row_case("unknown-theme.csv", "grdp_growth", "theme", "is not one of", theme="growth")
    row_case("plan-date-not-iso.csv", "laichau-2021", "session_start", "is not a date written YYYY-MM-DD",
             name="plans.csv", id_field="plan_id", session_start="08/12/2020")
    row_case("plan-paragraph-not-in-article.csv", "laichau-2021", "key_paragraph", "is not in raw/",
             name="plans.csv", id_field="plan_id", key_paragraph="Nghị quyết đã quyết định 12 chỉ tiêu chủ yếu")
    row_case("plan-article-missing.csv", "laichau-2021", "source_file", "no such file beside plans.csv",
             name="plans.csv", id_field="plan_id", source_file="raw/missing.txt")
    row_case("context-of-no-plans-province.csv", "tea_area_2017", "province", "is not the province of a plan in plans.csv",
             name="context.csv", id_field="figure_id", province="tỉnh Lào Cai")
    row_case("group-without-label.csv", "2", "name_en", "is missing", name="groups.csv", id_field="group", name_en="")
    # --- inputs that must load, and give the shipped table
    add("nfd-text.csv", "loads", unicodedata.normalize("NFD", shipped))
    add("byte-order-mark.csv", "loads", "\ufeff" + shipped)
    add("crlf-and-trailing-blank-lines.csv", "loads", shipped.replace("\n", "\r\n") + "\r\n\r\n\r\n")
    return out


def manifest(corpus: list[tuple[dict, bytes]]) -> bytes:
    return text(MANIFEST_FIELDS, [case for case, _ in corpus]).encode("utf-8")


def write(folder: Path = HERE) -> None:
    corpus = cases()
    for case, data in corpus:
        (folder / case["file"]).write_bytes(data)
    (folder / "cases.csv").write_bytes(manifest(corpus))
    print(f"{len(corpus)} cases written to {folder}")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
