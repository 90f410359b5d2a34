"""What a reader takes away from the report (``build/report/data/``), readable by any client with its defaults.

- The data package's tables (``data/*.csv``), each number written in Vietnamese notation also given in a column of
  plain notation beside it (``value`` '1.915' and ``value_number`` 1915): pandas, R and a spreadsheet read the
  second as a number with no option set.
- The tables this project computes, in each language: the scorecard, the road to 2025 and the checks
  (``scorecard.csv`` with Vietnamese texts, ``scorecard.en.csv`` with English ones), described in ``derived.json``.
- The article the targets are read from (``raw/``), where the data package's ``sources`` point.
- A workbook per language (``plantargets.xlsx``, ``plantargets.en.xlsx``): a sheet per table with numbers, dates and
  true/false as cells of that type, a sheet saying what each column means, and one saying how to cite it.
- ``datapackage.json``, describing all of the tables above, and a README.

Nothing here decides what a table holds: the columns come from ``data/datapackage.json`` and ``derived.json``, and a
column that the computed table and its description do not share is an error that names both.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd

from .i18n import NP_, messages
from .inputs import EDITIONS, SUFFIX
from .numbers import plain
from .paths import DATAPACKAGE, shown

#: The tables computed from the data: their columns, titles and descriptions (a Table Schema each).
DERIVED = Path(__file__).with_name("derived.json")
#: Which table of ``pages.Facts.derived`` each computed table is.
DERIVED_FROM = {"scorecard": "card", "road_to_2025": "road", "checks": "checks"}
#: The suffix of the plain-notation column beside a column in Vietnamese notation.
PLAIN_SUFFIX = "_number"
WORKBOOK = "plantargets"
#: The language of a computed table's texts, in its title in the data package (which is written in English).
LANGUAGE_NAMES = {"vi": "texts in Vietnamese", "en": "texts in English"}
#: A fixed time for the workbooks' properties and zip entries: the same inputs give the same bytes.
FIXED_TIME = (2020, 12, 10, 0, 0, 0)


def _package(datapackage: Path = DATAPACKAGE) -> dict:
    return json.loads(Path(datapackage).read_text(encoding="utf-8"))


def derived_resources() -> list[dict]:
    return json.loads(DERIVED.read_text(encoding="utf-8"))["resources"]


def in_vietnamese_notation(field: dict) -> bool:
    """A number field written the resolution's way ('.' groups thousands, ',' marks decimals)."""
    return field.get("type") == "number" and (field.get("decimalChar") == "," or field.get("groupChar") == ".")


def plain_field(field: dict, lang: str = "en") -> dict:
    """The description of the plain-notation column beside ``field`` (in the data package: English)."""
    msg = messages(lang)
    title = field.get("title", field["name"])
    described = {
        "name": field["name"] + PLAIN_SUFFIX, "type": "number",
        "title": msg("{title}, as a plain number", title=msg.pgettext("column title", title) if lang != "en" else title),
        "description": msg("The same number as {name}, in plain notation: '.' marks decimals and nothing groups "
                           "thousands (1915, 7.96), as pandas, R and spreadsheets read a number with their defaults. "
                           "Empty where {name} is.", name=field["name"]),
    }
    if field.get("constraints", {}).get("required"):
        described["constraints"] = {"required": True}
    return described


def column_words(fields: list[dict], lang: str) -> list[tuple[str, str]]:
    """Each column's title and description in ``lang``: the catalogue's words for the data package's (and
    derived.json's) own, and those of ``plain_field`` for a plain-notation column."""
    msg = messages(lang)
    words = []
    for before, field in zip([None, *fields], fields):
        if before is not None and in_vietnamese_notation(before) and field["name"] == before["name"] + PLAIN_SUFFIX:
            plain_words = plain_field(before, lang)
            words.append((plain_words["title"], plain_words["description"]))
        else:
            words.append(tuple(msg.pgettext(context, field[key]) if field.get(key) else ""
                               for key, context in (("title", "column title"), ("description", "column description"))))
    return words


def source_table(resource: dict, datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """A table of the data package as its file writes it (validated first), with a plain-notation column after each
    column in Vietnamese notation."""
    from .load import read_table_as_written

    text = read_table_as_written(resource["name"], datapackage=datapackage)  # a broken file is refused here
    table = text
    for field in resource["schema"]["fields"]:
        if in_vietnamese_notation(field):
            name = field["name"]
            column = [None if pd.isna(w) else plain(str(w)) for w in table[name]]
            table.insert(table.columns.get_loc(name) + 1, name + PLAIN_SUFFIX, pd.Series(column, dtype="str"))
    return table


def derived_table(resource: dict, frame: pd.DataFrame) -> pd.DataFrame:
    """A computed table in the columns its description names, in that order."""
    frame = frame.reset_index()
    frame = frame.drop(columns=[c for c in ("index", "level_0") if c in frame.columns])
    described = [f["name"] for f in resource["schema"]["fields"]]
    missing = [c for c in described if c not in frame.columns]
    extra = [c for c in frame.columns if c not in described]
    if missing or extra:
        raise ValueError(f"{shown(DERIVED)}: the table {resource['name']!r} does not match its description: "
                         + "; ".join(filter(None, [missing and f"described but not computed: {', '.join(missing)}",
                                                   extra and f"computed but not described: {', '.join(extra)}"])))
    return frame[described]


def _derived_file(name: str, lang: str) -> str:
    return f"{name}{SUFFIX[lang]}.csv"


def tables(facts, datapackage: Path = DATAPACKAGE) -> dict[str, dict]:
    """Every table offered: {resource name: {"descriptor", "frame", "lang"}}, the data package's first."""
    package = _package(datapackage)
    offered = {}
    for resource in package["resources"]:
        descriptor = copy.deepcopy(resource)
        fields = []
        for field in descriptor["schema"]["fields"]:
            fields.append(field)
            if in_vietnamese_notation(field):
                fields.append(plain_field(field))
        descriptor["schema"]["fields"] = fields
        offered[resource["name"]] = {"descriptor": descriptor, "frame": source_table(resource, datapackage), "lang": None}
    for resource in derived_resources():
        for lang in EDITIONS:
            name = resource["name"] + ("" if lang == "vi" else "-" + lang)
            descriptor = {
                "name": name, "path": _derived_file(resource["name"], lang), "profile": "tabular-data-resource",
                "title": f"{resource['title']} ({LANGUAGE_NAMES[lang]})",
                "description": resource["description"], "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": copy.deepcopy(resource["schema"]),
            }
            frame = derived_table(resource, facts.derived(lang)[DERIVED_FROM[resource["name"]]])
            offered[name] = {"descriptor": descriptor, "frame": frame, "lang": lang, "table": resource["name"]}
    return offered


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def download_package(offered: dict[str, dict], datapackage: Path = DATAPACKAGE) -> dict:
    """The data package of the downloads: the source package's metadata and sources, every table offered."""
    package = _package(datapackage)
    package["resources"] = [item["descriptor"] for item in offered.values()]
    return package


# --------------------------------------------------------------------------- the workbooks

def _cell(value, kind: str):
    """A cell's value in the type its column has: numbers as numbers, dates as dates, true/false as booleans."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # a numpy scalar of a computed table: np.False_, np.float64(7.96)
        value = value.item()
    if kind == "number":
        return float(value)
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if str(value) not in ("true", "false"):  # the loader has checked the source tables: this is a bug, not data
            raise ValueError(f"{value!r} is not true or false")
        return str(value) == "true"
    if kind == "date":
        return dt.date.fromisoformat(str(value))
    return str(value)


#: The data package's column types, as the workbook's sheet of columns names them.
TYPE_WORDS = {"string": NP_("column type", "text"), "number": NP_("column type", "number"),
              "integer": NP_("column type", "whole number"), "boolean": NP_("column type", "true or false"),
              "date": NP_("column type", "date (YYYY-MM-DD)")}


def workbook(offered: dict[str, dict], lang: str, intro: list[str]) -> bytes:
    """The workbook of ``lang``: a sheet saying how to cite it, one per table (the computed ones in ``lang``), and a
    sheet of every column: its table, name, type, title and description."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    msg = messages(lang)
    book = Workbook()
    about = book.active
    about.title = msg.pgettext("sheet", "about")
    for line in intro:
        about.append([line])
    about.column_dimensions["A"].width = 120
    for row in about.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    columns_rows = []
    for name, item in offered.items():
        if item["lang"] not in (None, lang):
            continue
        descriptor, frame = item["descriptor"], item["frame"]
        sheet_name = item.get("table", name)
        if len(sheet_name) > 31:  # a spreadsheet's limit: a longer name would be cut
            raise ValueError(f"the table {sheet_name!r} has a name longer than a sheet's 31 characters")
        sheet = book.create_sheet(sheet_name)
        fields = descriptor["schema"]["fields"]
        sheet.append([f["name"] for f in fields])
        # a column in Vietnamese notation stays text, as written: its number is in the column beside it
        kinds = ["string" if in_vietnamese_notation(f) else f.get("type", "string") for f in fields]
        for row in frame[[f["name"] for f in fields]].itertuples(index=False):
            sheet.append([_cell(v, k) for v, k in zip(row, kinds)])
        for index, (field, kind, (title, description)) in enumerate(zip(fields, kinds, column_words(fields, lang)), 1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = 14 if kind != "string" else 28
            if kind == "date":
                for cell in sheet[letter][1:]:
                    cell.number_format = "yyyy-mm-dd"
            type_words = msg.pgettext(*TYPE_WORDS[kind])
            if in_vietnamese_notation(field):
                type_words = msg("text: a number as the source writes it")
            columns_rows.append([sheet.title, field["name"], type_words, title, description])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    columns = book.create_sheet(msg.pgettext("sheet", "columns"))
    columns.append([msg.pgettext("columns sheet", "sheet"), msg.pgettext("columns sheet", "column"),
                    msg.pgettext("columns sheet", "type"), msg.pgettext("columns sheet", "title"),
                    msg.pgettext("columns sheet", "description")])
    for row in columns_rows:
        columns.append(row)
    for letter, width in zip("ABCDE", (14, 24, 16, 36, 100)):
        columns.column_dimensions[letter].width = width
    for cell in columns[1]:
        cell.font = Font(bold=True)
    columns.freeze_panes = "A2"
    fixed = dt.datetime(*FIXED_TIME)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "plantargets"
    raw = io.BytesIO()
    book.save(raw)
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same zip with every entry dated FIXED_TIME, so that the same workbook gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl writes the time of saving as 'modified'
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2020-12-10T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


# --------------------------------------------------------------------------- the folder

README = """# {title}: the data

{project}

## What is here

- `plantargets.xlsx` (Vietnamese) and `plantargets.en.xlsx` (English): every table below as a sheet of a workbook,
  with numbers, dates and true/false in cells of that type, a sheet that says what each column means (`columns`)
  and one that says how to cite it. Open these in a spreadsheet.
- `plans.csv`: each plan: the province, the body that adopted it, the session and its dates, the article it is read
  from and that article's paragraph of key targets.
- `targets.csv`: the targets of each plan, one row per target, each with the verbatim clause that states it.
- `groups.csv`: the labels of the groups of targets (the resolution's numbered key indicators, chỉ tiêu chủ yếu).
- `outcomes.csv`, `context.csv`: figures from outside the resolution (2020 values, 2021 results, later plans'
  targets, communes, population), each with its publisher, title, URL, date and a verbatim quote.
- `scorecard.csv`, `road_to_2025.csv`, `checks.csv` (texts in Vietnamese) and `scorecard.en.csv`,
  `road_to_2025.en.csv`, `checks.en.csv` (texts in English): what this project computes from the tables above:
  each 2021 target against its published result, against the 2021-2025 figures, and the consistency checks.
- `raw/{article}`: the article itself, as retrieved, which every target's clause quotes (with `raw/README.md`: its
  SHA-256 checksum and the site's reuse condition). The source names its site, not the article's address.
- `README.vi.md`: this file in Vietnamese.
- `datapackage.json`: the description of every table and column (Frictionless Data Package).
- `../targets/<plan>/<indicator>.csv` and `.json`: every figure known of one target, one row each.

## Numbers

The sources write numbers the Vietnamese way: '.' groups thousands and ',' marks decimals ('1.915' is one thousand
nine hundred and fifteen, '7,96' is seven point nine six). The column `value` keeps them as written; the column
`value_number` beside it gives the same number in plain notation (1915, 7.96), which pandas, R and spreadsheets read
as a number with their defaults:

    import pandas as pd
    targets = pd.read_csv("targets.csv")
    targets["value_number"].dtype   # float64

The computed tables write every number in plain notation. (In Python, `plantargets.load_targets()` reads the same
file into `value`, a number, and `value_as_written`, the text.) The CSV files are UTF-8 without a byte-order mark,
which pandas, R and frictionless read as they are; a spreadsheet reads the workbooks.

## How to cite

{citation}
"""


README_VI = """# {title}: dữ liệu

{project}

## Thư mục này có gì

- `plantargets.xlsx` (tiếng Việt) và `plantargets.en.xlsx` (tiếng Anh): mỗi bảng dưới đây là một trang tính; số,
  ngày và đúng/sai được ghi đúng kiểu ô; trang `các cột` giải thích ý nghĩa từng cột, trang `giới thiệu` ghi cách
  trích dẫn. Nên mở các tệp này bằng bảng tính (Excel, LibreOffice).
- `plans.csv`: mỗi kế hoạch một dòng: tỉnh, cơ quan ban hành, kỳ họp và thời gian họp, bài viết làm nguồn và đoạn
  nêu các chỉ tiêu chủ yếu.
- `targets.csv`: các chỉ tiêu của từng kế hoạch, mỗi chỉ tiêu một dòng, kèm nguyên văn câu chữ nêu chỉ tiêu đó.
- `groups.csv`: tên các nhóm chỉ tiêu (các chỉ tiêu chủ yếu được đánh số trong Nghị quyết).
- `outcomes.csv`, `context.csv`: số liệu ngoài Nghị quyết (mức năm 2020, kết quả năm 2021, chỉ tiêu của các kế
  hoạch sau, số đơn vị hành chính, dân số), mỗi số kèm cơ quan công bố, tiêu đề, địa chỉ, ngày và nguyên văn trích dẫn.
- `scorecard.csv`, `road_to_2025.csv`, `checks.csv` (phần chữ bằng tiếng Việt) và các tệp `.en.csv` tương ứng
  (tiếng Anh): kết quả dự án tính từ các bảng trên: từng chỉ tiêu năm 2021 so với kết quả đã công bố, so với các mức
  cho giai đoạn 2021-2025, và các phép kiểm tra tính nhất quán.
- `raw/{article}`: chính bài viết làm nguồn, giữ nguyên như khi tải về (kèm `raw/README.md`: mã kiểm tra SHA-256 và
  điều kiện sử dụng lại của trang).
- `datapackage.json`: mô tả mọi bảng và mọi cột (chuẩn Frictionless Data Package).

## Cách ghi số

Các nguồn ghi số theo kiểu Việt Nam: dấu '.' phân tách hàng nghìn, dấu ',' ngăn cách phần thập phân ('1.915' là
một nghìn chín trăm mười lăm, '7,96' là bảy phẩy chín sáu). Cột `value` giữ nguyên cách ghi đó; cột `value_number`
ngay sau ghi cùng con số theo cách viết thông thường của phần mềm (1915, 7.96), để pandas, R và bảng tính đọc
được là số mà không cần đặt tùy chọn gì. Các bảng do dự án tính ra ghi mọi con số theo cách viết này.

## Trích dẫn

{citation}
"""


def write_downloads(out: Path, facts=None, datapackage: Path = DATAPACKAGE) -> list[Path]:
    """Every download under ``out``: the tables, the workbooks, the article, the data package and the README.
    Returns the files written, the README last."""
    from . import pages, sources

    facts = facts if facts is not None else pages.Facts.load()
    out.mkdir(parents=True, exist_ok=True)
    offered = tables(facts, datapackage)
    written = []
    for item in offered.values():
        path = out / item["descriptor"]["path"]
        path.write_text(_csv(item["frame"]), encoding="utf-8")
        written.append(path)
    package = download_package(offered, datapackage)
    for source in package.get("sources", []):  # the article, where the package's sources point, with its README
        stored = Path(datapackage).parent / source["path"]
        target = out / source["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.copyfile(stored, target)))
        if (stored.parent / "README.md").is_file() and not (target.parent / "README.md").exists():
            written.append(Path(shutil.copyfile(stored.parent / "README.md", target.parent / "README.md")))
    for lang in EDITIONS:
        msg = messages(lang)
        intro = [*(pages.plan_title(plan, lang) for _, plan in facts.plans.iterrows()), sources.project_citation(lang),
                 *sources.citation(lang, facts.plans).split("\n"),
                 msg("The sheet 'columns' says what each column means. A number the sources write in Vietnamese "
                     "notation is kept as written in its column and given as a number in the column after it "
                     "(value_number).")]
        path = out / f"{WORKBOOK}{SUFFIX[lang]}.xlsx"
        path.write_bytes(workbook(offered, lang, [line for line in intro if line]))
        written.append(path)
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(out / "datapackage.json")
    readme = out / "README.md"
    article = Path(package["sources"][0]["path"]).name if package.get("sources") else ""
    readme.write_text(README.format(title=package["title"], project=sources.project_citation("en"), article=article,
                                    citation=sources.citation("en", facts.plans)), encoding="utf-8")
    vietnamese = out / "README.vi.md"
    vietnamese.write_text(README_VI.format(title=" · ".join(pages.plan_title(p, "vi") for _, p in facts.plans.iterrows()),
                                           project=sources.project_citation("vi"), article=article,
                                           citation=sources.citation("vi", facts.plans)), encoding="utf-8")
    written += [vietnamese, readme]
    return written
