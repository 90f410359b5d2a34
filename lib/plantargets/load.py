"""Read the data package's tables into typed, validated DataFrames.

The schema lives in ``data/datapackage.json`` and nowhere else: the column names, types,
required fields, enums, patterns, ranges and keys below all come from it, and each
constraint is checked on whole columns at once (``_schema_problems``).

Reading a table goes: bytes -> UTF-8 text (a BOM is allowed) -> NFC -> CSV rows with
their line numbers -> header check -> values parsed by the field's type (numbers in
Vietnamese notation through babel, strictly) -> the Table Schema's constraints -> the rules that a Table
Schema cannot state (those that tie one field to another, and the foreign keys, which
are coded in ``load_targets`` and ``load_outcomes`` to match the package). Any problem raises
``DataError`` naming the file, the row and the field (all the problems of the first stage
that finds any); a table is returned whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from babel.numbers import NumberFormatError, parse_decimal

from .numbers import as_number_token, half_units
from .paths import CONTEXT_CSV, DATAPACKAGE, OUTCOMES_CSV, PLANS_CSV, TARGETS_CSV, shown

#: How many problems a DataError message lists before it says "and N more".
MAX_LISTED = 20

#: Kinds whose value is a part of 100.
PERCENT_BOUNDED_KINDS = ("share of a total", "coverage rate")


def percent_of_whole(targets: pd.DataFrame) -> pd.Series:
    """Which targets are a percentage of a whole, and so lie within 0-100."""
    kind = targets["kind"]
    return kind.isin(PERCENT_BOUNDED_KINDS) | (kind.isin(["level"]) & targets["unit"].isin(["percent"]))


# A number as it may be written: digits, grouping and decimal marks, an optional sign.
# What passes this gate is then parsed strictly by babel; "NaN", "1e3" and "47," do not pass.
# (Spaces around a cell are stripped before, as for every field.)
_NUMBER_CHARS = r"[+-]?[0-9]+(?:[.,][0-9]+)*"
_INTEGER = r"[+-]?[0-9]+"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table: where it is and what it is."""

    line: int | None  # 1-based line of the file; 1 is the header
    row: int | None  # 1-based data row (the header is not a row)
    field: str | None
    message: str
    key: str | None = None  # the row's id as "field value", when it has one

    def where(self) -> str:
        parts = []
        if self.row is not None:
            inner = f"line {self.line}" + (f", {self.key}" if self.key else "")
            parts.append(f"row {self.row} ({inner})")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)

    def located(self, path: str) -> str:
        where = self.where()
        return f"{path}, {where}: {self.message}" if where else f"{path}: {self.message}"


class DataError(ValueError):
    """A data file does not meet its schema. The message names file, row and field."""

    def __init__(self, path: Path | str, problems: list[Problem]):
        self.path = shown(Path(path))
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.field or ""))
        listed = [f"  {p.located(self.path)}" for p in self.problems[:MAX_LISTED]]
        more = len(self.problems) - MAX_LISTED
        if more > 0:
            listed.append(f"  ... and {more} more")
        count = len(self.problems)
        head = f"{self.path}: {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([head, *listed]))


# --------------------------------------------------------------------------- schema


@lru_cache(maxsize=None)
def _datapackage(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def resource_descriptor(name: str, datapackage: Path = DATAPACKAGE) -> dict:
    """The descriptor of one resource of the data package."""
    for resource in _datapackage(str(datapackage))["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"{shown(datapackage)} describes no resource named {name!r}")


# --------------------------------------------------------------------------- reading


def _decode(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise DataError(path, [Problem(None, None, None, "the file is empty")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(path, [Problem(1, None, None, "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        prefix = raw[line_start : exc.start].decode("utf-8", errors="replace")
        column = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
        header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", errors="replace")]))
        field = header[column] if line > 1 and column < len(header) else None
        byte = raw[exc.start : exc.start + 1].hex()
        message = (
            f"the file is not UTF-8 (byte 0x{byte} cannot be decoded; "
            "a legacy Vietnamese encoding such as TCVN3 or Windows-1258?): save it as UTF-8"
        )
        raise DataError(path, [Problem(line, None, field, message)]) from None


def _rows(path: Path, text: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, data rows and the line each row starts on; blank lines are not rows."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines = [], []
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            stripped = [cell.strip() or None for cell in row]  # an empty cell is missing
            if any(stripped):
                rows.append(stripped)
                lines.append(start)
    except csv.Error as exc:
        raise DataError(path, [Problem(reader.line_num, None, None, f"not valid CSV: {exc}")]) from None
    if not rows:
        raise DataError(path, [Problem(None, None, None, "the file has no header and no rows")])
    separators = {";": "semicolons", "\t": "tabs", "|": "'|'"}
    found = [name for mark, name in separators.items() if len(rows[0]) == 1 and mark in (rows[0][0] or "")]
    if found:
        raise DataError(path, [Problem(1, None, None, f"the header has no commas but has {found[0]}: "
                                                      "save the file as comma-separated (CSV)")])
    return [cell or "" for cell in rows[0]], rows[1:], lines[1:]


def _check_header(path: Path, header: list[str], fields: list[dict], rows, lines) -> None:
    names = [f["name"] for f in fields]
    problems = []
    for name in sorted({h for h in header if header.count(h) > 1}):
        problems.append(Problem(1, None, name, "the column appears more than once in the header"))
    for name in names:
        if name not in header:
            problems.append(Problem(1, None, name, "the header has no such column (the schema requires it)"))
    for name in header:
        if name not in names:
            problems.append(Problem(1, None, name, f"the schema has no such column (expected: {', '.join(names)})"))
    for row_number, (row, line) in enumerate(zip(rows, lines), start=1):
        if len(row) != len(header):
            start = ",".join(cell or "" for cell in row)[:50]
            problems.append(
                Problem(
                    line, row_number, None,
                    f"the row has {len(row)} fields where the header has {len(header)}, so no field can be trusted "
                    f"to be in its column (a field left out, or a comma not quoted?); the row starts {start!r}",
                )
            )
    if problems:
        raise DataError(path, problems)
    if not rows:
        raise DataError(path, [Problem(None, None, None, "the file has a header but no rows")])


#: A number in Vietnamese notation as babel's strict parser accepts it: '.' groups by three, ',' marks decimals.
_VIETNAMESE_NUMBER = r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"


def _parse_numbers(column: pd.Series, field: dict) -> tuple[pd.Series, dict[str, str]]:
    """Values of a number field; and, for the values that fail, why.

    Well-formed Vietnamese numbers are converted on the whole column at once; anything else
    goes to babel's strict parser, one distinct text at a time, for its verdict and its
    suggestion ('did you mean 7,96?').
    """
    vietnamese = field.get("decimalChar") == ","
    present = column.dropna()
    errors: dict[str, str] = {}
    parsed: dict[str, float] = {}
    if vietnamese:
        plain = present.str.fullmatch(_VIETNAMESE_NUMBER)
        fast = present[plain].str.replace(".", "", regex=False).str.replace(",", ".", regex=False).astype("float64")
        present = present[~plain]
    else:
        fast = present.iloc[:0].astype("float64")
    gate = present.str.fullmatch(_NUMBER_CHARS)
    for text in present[~gate].unique():
        errors[text] = f"{text!r} is not a number"
    for text in present[gate].unique():
        try:
            number = float(parse_decimal(text, locale="vi", strict=True)) if vietnamese else float(text)
        except NumberFormatError as exc:
            guess = f"; did you mean {exc.suggestions[-1]!r}?" if getattr(exc, "suggestions", None) else ""
            errors[text] = f"{text!r} is not in Vietnamese notation, where '.' groups thousands and ',' marks decimals{guess}"
            continue
        except ValueError:
            errors[text] = f"{text!r} is not a number: write it with '.' for decimals and no grouping"
            continue
        if not math.isfinite(number):
            errors[text] = f"{text!r} is not a finite number"
        else:
            parsed[text] = number
    slow = column.map(parsed).astype("float64") if parsed else pd.Series(math.nan, index=column.index)
    return fast.reindex(column.index).fillna(slow).astype("float64"), errors


def _is_iso_date(text: str) -> bool:
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _parse_typed(path, frame: pd.DataFrame, fields: list[dict], keys) -> pd.DataFrame:
    """Give each column the type its field declares, or raise DataError."""
    problems = []
    typed = {}
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        column = frame[name]
        errors: dict[str, str] = {}
        if kind == "number":
            typed[name], errors = _parse_numbers(column, field)
            if field.get("decimalChar") == "," and f"{name}_as_written" not in frame.columns:
                typed[f"{name}_as_written"] = column
        elif kind == "integer":
            present = column.dropna()
            bad = present[~present.str.fullmatch(_INTEGER)]
            errors = {t: f"{t!r} is not a whole number" for t in bad.unique()}
            good = column.where(~column.isin(list(errors)))
            typed[name] = pd.to_numeric(good).astype("Int64")
        elif kind == "date":
            present = column.dropna()
            bad = present[~present.map(_is_iso_date)]
            errors = {t: f"{t!r} is not a date written YYYY-MM-DD" for t in bad.unique()}
            typed[name] = column
        elif kind == "boolean":
            truth = {v: True for v in field.get("trueValues", ["true"])}
            truth.update({v: False for v in field.get("falseValues", ["false"])})
            bad = column.dropna()[~column.dropna().isin(list(truth))]
            errors = {t: f"{t!r} is not one of {', '.join(map(repr, truth))}" for t in bad.unique()}
            typed[name] = column.map(truth).astype("boolean")
        else:
            typed[name] = column
        if errors:
            for line in column.index[column.isin(list(errors))]:
                problems.append(Problem(line, None, name, errors[column[line]]))
    if problems:
        raise DataError(path, _with_rows(problems, frame.index, keys))
    return pd.DataFrame(typed, index=frame.index)


def _with_rows(problems: list[Problem], lines: pd.Index, keys: pd.Series | None) -> list[Problem]:
    """Fill in each problem's data row number and the row's id from its line."""
    row_of = {line: number for number, line in enumerate(lines, start=1)}
    out = []
    for p in problems:
        row = row_of.get(p.line)
        key = None if keys is None or row is None or pd.isna(keys.get(p.line)) else f"{keys.name} {keys[p.line]}"
        out.append(Problem(p.line, row, p.field, p.message, key))
    return out


def _schema_problems(typed: pd.DataFrame, descriptor: dict) -> list[Problem]:
    """The Table Schema's constraints (required, enum, pattern, minimum, maximum, unique, primary key), column by column."""
    schema = descriptor["schema"]
    problems = []

    def report(column: str, broken: pd.Series, message) -> None:
        broken = broken.fillna(False).to_numpy(dtype=bool)
        if not broken.any():
            return
        for line in typed.index[broken]:
            value = typed.at[line, column]
            problems.append(Problem(line, None, column, message(value)))

    shown = lambda value: f"{value.item() if hasattr(value, 'item') else value!r} "  # noqa: E731
    for field in schema["fields"]:
        name, constraints = field["name"], field.get("constraints", {})
        column = typed[name]
        present = column.notna()
        if constraints.get("required"):
            report(name, ~present, lambda _: "is missing, and the field is required")
        if "enum" in constraints:
            allowed = constraints["enum"]
            report(name, present & ~column.isin(allowed), lambda v: f"{v!r} is not one of: {', '.join(map(repr, allowed))}")
        if "pattern" in constraints:
            pattern = constraints["pattern"]
            matches = column.astype("str").str.fullmatch(pattern)
            report(name, present & ~matches, lambda v: f"{v!r} does not match the pattern {pattern!r}")
        if "minimum" in constraints or "maximum" in constraints:
            low, high = constraints.get("minimum", -math.inf), constraints.get("maximum", math.inf)
            outside = present & ~column.between(low, high)
            report(name, outside, lambda v: f"{shown(v)}is outside the allowed range {constraints.get('minimum')} to {constraints.get('maximum')}")
        if constraints.get("unique"):
            report(name, present & column.duplicated(keep=False), lambda v: f"{v!r} is not unique: another row has the same value")
    primary = schema.get("primaryKey", [])
    if primary:
        keys = typed[primary]
        twice = keys.duplicated(keep=False) & keys.notna().all(axis=1)
        last = primary[-1]
        for _, same in typed[twice].groupby(primary, sort=False):
            lines = list(same.index)
            for line in lines:
                others = " and ".join(str(other) for other in lines if other != line)
                problems.append(Problem(line, None, last, f"{typed.at[line, last]!r} is not unique: the row at line {others} "
                                        f"has the same {' and '.join(primary)}"))
    return problems


def _with_dtypes(typed: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    """Each column in the dtype its field implies: text as str, an enum as a category of its values, a required
    integer or boolean as a plain numpy column."""
    out = {}
    for field in fields:
        name, kind, constraints = field["name"], field.get("type", "string"), field.get("constraints", {})
        column = typed[name]
        if "enum" in constraints and kind == "string":
            column = column.astype(pd.CategoricalDtype(constraints["enum"]))
        elif kind == "string" and column.dtype != "str":
            column = column.astype("str")
        elif constraints.get("required") and kind == "integer":
            column = column.astype("int64")
        elif constraints.get("required") and kind == "boolean":
            column = column.astype(bool)
        out[name] = column
    return pd.DataFrame(out, index=typed.index)


def read_table(name: str, path: Path | str | None = None, datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """Read one resource of the data package as a typed, validated DataFrame.

    ``path`` defaults to the resource's own path in the package. Text is NFC-normalised,
    spaces around each cell are stripped, an empty cell is missing, and numbers in
    Vietnamese notation are parsed strictly. The checks run in stages (file, header and
    row lengths; types; schema): the first stage that finds problems raises one
    ``DataError`` listing all of its problems, each with file, row and field. The result
    is indexed by each row's line in the file.
    """
    return _read(name, path, datapackage)[1]


def read_table_as_written(name: str, path: Path | str | None = None, datapackage: Path = DATAPACKAGE) -> pd.DataFrame:
    """One resource of the data package as its file writes it (text, NFC, stripped; an empty cell missing), once it
    has passed every check of ``read_table``: what the report's downloads start from."""
    return _read(name, path, datapackage)[0].reset_index(drop=True)


def _read(name: str, path, datapackage: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table as text (stripped, NFC, empty cells missing) and as typed, validated values."""
    descriptor = resource_descriptor(name, datapackage)
    path = Path(path) if path is not None else Path(datapackage).parent / descriptor["path"]
    fields = descriptor["schema"]["fields"]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, [Problem(None, None, None, "the file does not exist")]) from None
    except OSError as exc:
        raise DataError(path, [Problem(None, None, None, f"the file cannot be read: {exc.strerror}")]) from None
    text = unicodedata.normalize("NFC", _decode(path, raw))
    header, rows, lines = _rows(path, text)
    _check_header(path, header, fields, rows, lines)

    names = [f["name"] for f in fields]
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype="str")[names]
    primary = descriptor["schema"].get("primaryKey", [])
    keys = frame[primary[-1]] if primary else None

    typed = _parse_typed(path, frame, fields, keys)
    problems = _schema_problems(typed, descriptor)
    if problems:
        raise DataError(path, _with_rows(problems, frame.index, keys))
    validated = _with_dtypes(typed, fields)
    extra = [c for c in typed.columns if c not in names]
    for column in extra:  # e.g. value_as_written, right after value
        validated.insert(validated.columns.get_loc(column.removesuffix("_as_written")) + 1, column, typed[column].astype("str"))
    return frame, validated


# --------------------------------------------------------------------------- targets


def _target_rules(targets: pd.DataFrame, groups: pd.DataFrame) -> list[Problem]:
    """The rules that tie one field of a target to another, which a Table Schema cannot state.

    Each rule is a field, the rows that break it (a boolean Series), and what is wrong.
    """
    kind, value = targets["kind"].astype("str"), targets["value"]
    numeric = value.notna()
    qualitative = kind == "qualitative"
    # As a whole number: '222' is not in '222.000 tấn', nor '7,9' in '7,96%'.
    written_in_source = pd.Series(
        [bool(as_number_token(w).search(s)) for w, s in zip(targets["value_as_written"].fillna(""), targets["source_text"].fillna(""))],
        index=targets.index,
    )
    percent = percent_of_whole(targets)
    shares = kind == "share of a total"
    whole = targets["plan_id"].astype("str") + "\x1f" + targets["part_of"].astype("str")
    parts = whole.map(whole.value_counts()).where(targets["part_of"].notna())
    comparator, direction = targets["comparator"].astype("str"), targets["direction"].astype("str")

    rules = [
        *[(f, qualitative & targets[f].notna(), "must be empty for a qualitative target") for f in ("value", "unit", "comparator")],
        *[(f, ~qualitative & targets[f].isna(), "is missing, and a target with a number needs it") for f in ("value", "unit", "comparator")],
        ("value", numeric & ~qualitative & ~written_in_source,
         "is not written this way in source_text (a typo, or English '222,000' for the Vietnamese '222.000'?)"),
        ("value", percent & numeric & ~value.between(0, 100),
         "is outside 0-100, which a share, a coverage rate or a level in percent cannot be"),
        ("value", kind.isin(["level", "count", "reduction"]) & (value < 0),
         "is negative, which a level, a count or a reduction cannot be"),
        ("value", (kind == "count") & numeric & (value % 1 != 0), "is not a whole number, which a count must be"),
        ("comparator", ((comparator == "<=") & (direction == "higher")) | ((comparator == ">=") & (direction == "lower")),
         "points against the direction: a ceiling ('<=') goes with lower is better, a floor ('>=') with higher"),
        ("part_of", shares & targets["part_of"].isna(), "is missing, and a share of a total must name its whole"),
        ("part_of", ~shares & targets["part_of"].notna(), "is only for a share of a total"),
        ("part_of", shares & (parts < 2), "is the only share of its whole: is the name mistyped?"),
        ("group", ~_plan_key(targets).isin(_plan_key(groups)), "is not a group of this plan in groups.csv"),
        *_note_rules(targets),
    ]
    return _broken(targets, rules, {"value": "value_as_written"})


def _note_rules(table: pd.DataFrame) -> list:
    """A note is written in both languages or in neither: the Vietnamese edition shows ``note_vi``, the English ``note``."""
    return [("note_vi", table["note"].notna() & table["note_vi"].isna(), "is missing: the note needs its Vietnamese text too"),
            ("note_vi", table["note"].isna() & table["note_vi"].notna(), "is set, but the row has no English note")]


def _plan_key(table: pd.DataFrame) -> pd.Series:
    """plan_id and group as one string, to look rows up across tables on whole columns."""
    return table["plan_id"].astype("str") + "\x1f" + table["group"].astype("str")


def _broken(table: pd.DataFrame, rules, shown_instead: dict[str, str]) -> list[Problem]:
    """One problem per row that breaks a rule, quoting the cell (or the column shown instead)."""
    problems = []
    for field, broken, message in rules:
        broken = broken.fillna(False).to_numpy(dtype=bool)
        if not broken.any():
            continue
        shown_field = shown_instead.get(field, field)
        for line in table.index[broken]:
            cell = table.at[line, shown_field]
            cell = cell.item() if hasattr(cell, "item") else cell  # 1, not np.int64(1)
            problems.append(Problem(line, None, field, ("" if pd.isna(cell) else f"{cell!r} ") + message))
    return problems


def load_plans(path: Path | str | None = None) -> pd.DataFrame:
    """The plans: who adopted each, when, and the article it is read from (``plans.csv``), validated.

    Besides the schema, each plan's stored copy of the article (``source_file``, relative to the data package) must
    exist and hold its ``key_paragraph`` verbatim. Indexed by ``plan_id``."""
    path = Path(path) if path is not None else PLANS_CSV
    text, plans = _read("plans", path, DATAPACKAGE)
    problems = []
    for line, row in plans.iterrows():
        article = path.parent / row["source_file"]
        if not article.is_file():
            problems.append(Problem(line, None, "source_file", f"{row['source_file']!r}: no such file beside {path.name}"))
        elif unicodedata.normalize("NFC", article.read_text(encoding="utf-8")).find(row["key_paragraph"]) < 0:
            problems.append(Problem(line, None, "key_paragraph", f"{row['key_paragraph']!r} is not in {row['source_file']}"))
    if problems:
        raise DataError(path, _with_rows(problems, plans.index, plans["plan_id"]))
    return plans.set_index("plan_id")


def article_paragraph(plans: pd.DataFrame, plan_id: str, clause: str, path: Path | str | None = None) -> tuple[str, bool]:
    """The paragraph of the plan's article that holds ``clause``, and whether it is the key-target paragraph.

    ``plans`` is the table of ``load_plans`` read from ``path`` (``data/plans.csv``). A clause that is in no
    paragraph is a DataError naming the plan's file: a target's ``source_text`` must be the article's words."""
    path = Path(path) if path is not None else PLANS_CSV
    source = plans.at[plan_id, "source_file"]
    text = unicodedata.normalize("NFC", (path.parent / source).read_text(encoding="utf-8"))
    for paragraph in (p.strip() for p in text.split("\n")):
        if clause in paragraph:
            return paragraph, paragraph.startswith(plans.at[plan_id, "key_paragraph"])
    raise DataError(path.parent / source, [Problem(None, None, None, f"no paragraph holds the clause {clause!r} of plan {plan_id}")])


def load_groups(path: Path | str | None = None) -> pd.DataFrame:
    """The 10 key indicators (groups of targets) with their labels, validated."""
    return read_table("groups", path).reset_index(drop=True)


def load_targets(path: Path | str | None = None) -> pd.DataFrame:
    """The targets table, typed and validated, with the labels of each group.

    ``path`` defaults to ``data/targets.csv``; the groups are read from ``groups.csv``
    beside it. Returns one row per target: the columns of ``targets.csv`` in the schema's
    order, plus ``value_as_written`` (the value as the CSV writes it) and the group labels
    ``group_vi`` and ``group_en``. Raises ``DataError`` for any problem.
    """
    path = Path(path) if path is not None else TARGETS_CSV
    targets = read_table("targets", path)
    groups = read_table("groups", path.parent / "groups.csv")
    plans = read_table("plans", path.parent / "plans.csv")
    problems = _target_rules(targets, groups)
    problems += _broken(targets, [("plan_id", ~targets["plan_id"].isin(plans["plan_id"]), "is not a plan of plans.csv")], {})
    if problems:
        raise DataError(path, _with_rows(problems, targets.index, targets["indicator_id"]))
    labels = groups.set_index(_plan_key(groups))
    key = _plan_key(targets)
    at = targets.columns.get_loc("group") + 1
    targets.insert(at, "group_en", key.map(labels["name_en"]))
    targets.insert(at, "group_vi", key.map(labels["name_vi"]))
    return targets.reset_index(drop=True)


# --------------------------------------------------------------------------- context

#: Words before a figure that make it a bound, and the bound they make.
BOUND_WORDS = {"hơn": "at least", "trên": "at least", "trở lên": "at least", "gần": "at most", "dưới": "at most",
               "trở xuống": "at most"}
#: How a source says that a figure over a period is a figure for each year.
PER_YEAR = re.compile(r"/\s*năm|(?<!\w)(mỗi|hằng|hàng) năm|(?:per|a) year", re.IGNORECASE)
#: Words that mark a figure as an estimate or a projection.
ESTIMATE_WORDS = ("ước", "dự kiến")
#: Units that count whole things.
COUNT_UNITS = ("commune-level units", "communes", "wards", "townships", "persons", "workers")

_WORD = r"(?<!\w){}(?!\w)"


def _clause(quote: str, written: str) -> str:
    """The clause of ``quote`` that holds ``written``: from the last ';' or sentence end before it to the next."""
    start = quote.find(written)
    if start < 0:
        return ""
    bounds = [m.end() for m in re.finditer(r";|[.…]\s", quote[:start])]
    end = re.search(r";|[.…](\s|$)", quote[start + len(written) :])
    return quote[bounds[-1] if bounds else 0 : start + len(written) + (end.start() if end else len(quote))]


#: Words after a number that scale it ('220 nghìn tấn' is 220.000 tonnes).
SCALE_WORDS = {"nghìn": 1000, "ngàn": 1000}
_WRITTEN_NUMBER = r"[0-9]+(?:[.,][0-9]+)*"


def _scaled_values(written: str) -> list[float]:
    """The numbers of ``written`` that a scale word follows, times that scale ('220 nghìn tấn' -> [220000.0])."""
    found = re.finditer(rf"({_WRITTEN_NUMBER})\s+({'|'.join(SCALE_WORDS)})(?!\w)", written)
    return [float(parse_decimal(m.group(1), locale="vi")) * SCALE_WORDS[m.group(2)] for m in found]


def _figure_rules(figures: pd.DataFrame, text: pd.DataFrame, percent_of_whole_rows: pd.Series) -> list[Problem]:
    """The rules that tie a figure to its own citation (context.csv and outcomes.csv alike)."""
    written, quote = figures["value_as_written"].fillna(""), figures["quote"].fillna("")
    value_text = text["value"].fillna("")
    # A source in English writes '3.91' for the 3,91 of the value field: the value is looked for as it writes it.
    if "notation" in figures.columns:
        english = figures["notation"].astype("str") == "en"
        value_text = value_text.where(~english, value_text.str.translate(str.maketrans(",.", ".,")))
    unit = figures["unit"].astype("str")

    def words_bound(phrase: str) -> str:
        found = {bound for word, bound in BOUND_WORDS.items() if re.search(_WORD.format(word), phrase.lower())}
        return found.pop() if len(found) == 1 else "exact" if not found else "ambiguous"

    # The bound word may sit inside value_as_written ('gần 6.200 ha') or just before it in the quote.
    word_before = pd.Series(
        [(q[: q.find(w)].split() or [""])[-1] if w and w in q else "" for w, q in zip(written, quote)], index=figures.index
    )
    stated_bound = (word_before + " " + written).map(words_bound)
    # A range ('9 - 10%/năm'): its lower end is a floor, its upper end a ceiling.
    range_end = pd.Series(
        ["at least" if re.search(as_number_token(t).pattern + r"\s*[-–]\s*[0-9]", w)
         else "at most" if re.search(r"[0-9]\s*[-–]\s*" + as_number_token(t).pattern, w) else ""
         for t, w in zip(value_text, written)],
        index=figures.index,
    )
    stated_bound = stated_bound.where(range_end == "", range_end)
    # '220 nghìn tấn' is 220.000 tonnes, or 220 thousand tonnes; never 220 tonnes.
    scale_after = rf"\s+(?:{'|'.join(SCALE_WORDS)})(?!\w)"
    in_written = pd.Series(
        [v in _scaled_values(w) or any(
            u.startswith("thousand ") or not re.match(scale_after, w[m.end():]) for m in as_number_token(t).finditer(w))
         for t, v, w, u in zip(value_text, figures["value"], written, unit)],
        index=figures.index,
    )
    says_estimate = pd.Series(
        [any(re.search(_WORD.format(w), _clause(q, v).lower()) for w in ESTIMATE_WORDS) for q, v in zip(quote, written)],
        index=figures.index,
    )
    rules = [
        ("value_as_written", pd.Series([w not in q for w, q in zip(written, quote)], index=figures.index),
         "is not in the quote: the quote must contain the figure exactly as written"),
        ("value", ~in_written,
         "is not written this way in value_as_written, nor in thousands there with 'nghìn' (a typo, or a figure converted from another unit?)"),
        ("bound", stated_bound != figures["bound"].astype("str"),
         "does not match the words of value_as_written and the word before it in the quote "
         "('hơn'/'trên' or the lower end of a range: at least; 'gần'/'dưới' or the upper end: at most; none: exact)"),
        ("estimate", says_estimate & ~figures["estimate"].astype(bool),
         "is false, but the quote's clause calls the figure an estimate ('ước' or 'dự kiến')"),
        ("value", percent_of_whole_rows & ~figures["value"].between(0, 100), "is outside 0-100, which a percentage of a whole cannot be"),
        ("value", unit.isin(COUNT_UNITS) & ((figures["value"] % 1 != 0) | (figures["value"] < 0)),
         "is not a whole, non-negative number, which a count must be"),
    ]
    return _broken(text, rules, {})


#: Words before a figure in a quote that make it a plan's figure rather than a result.
PLAN_WORDS = ("kế hoạch", "mục tiêu", "chỉ tiêu")


def _disagreeing_results(outcomes: pd.DataFrame) -> list[Problem]:
    """Two results for one target must be able to be the same figure: exact values equal at their stated
    precision, bounds that leave room for each other."""
    results = outcomes[outcomes["role"].astype("str") == "result"]
    written = results["value_as_written"].str.extract(rf"({_WRITTEN_NUMBER})", expand=False)
    bound = results["bound"].astype("str")
    half = half_units(written).fillna(0.0).where(bound == "exact", 0.0)  # 'hơn 44' is more than 44 itself
    low = (results["value"] - half).where(bound != "at most", -math.inf)
    high = (results["value"] + half).where(bound != "at least", math.inf)
    problems = []
    for _, same in results.groupby(["plan_id", "indicator_id"], observed=True):
        for a in same.index:
            for b in same.index:
                if a < b and (high[a] < low[b] or high[b] < low[a]):
                    problems.append(Problem(b, None, "value", f"{results.at[b, 'value_as_written']!r} contradicts the result "
                                            f"{results.at[a, 'value_as_written']!r} of {results.at[a, 'figure_id']} for the same target"))
    return problems


def load_outcomes(path: Path | str | None = None) -> pd.DataFrame:
    """Values of the plan's indicators from outside the resolution, typed and validated.

    ``path`` defaults to ``data/outcomes.csv``; the targets are read from ``targets.csv``
    beside it. Each row is a 2020 value (``baseline``), a published 2021 value
    (``result``) or another plan's target for the same indicator (``plan``). Besides the
    rules of ``load_context``, each row's ``plan_id`` and ``indicator_id`` must be a
    target of ``targets.csv`` in the same unit, and a share or a coverage rate must lie
    within 0-100. Indexed by ``figure_id``, with the column ``file`` naming the file.
    Raises ``DataError`` for any problem.
    """
    path = Path(path) if path is not None else OUTCOMES_CSV
    targets = load_targets(path.parent / "targets.csv")
    text, outcomes = _read("outcomes", path, DATAPACKAGE)
    target = outcomes[["plan_id", "indicator_id"]].merge(
        targets[["plan_id", "indicator_id", "unit", "kind"]], on=["plan_id", "indicator_id"], how="left"
    ).set_index(outcomes.index)
    unknown = target["kind"].isna()
    wrong_unit = ~unknown & (target["unit"].astype("str") != outcomes["unit"].astype("str"))
    # A result must not be the plan's own figure quoted beside it ('đạt 5,6% (kế hoạch 7,96%)').
    word_before = pd.Series(
        [q[: q.find(w)].lower().split()[-2:] if w and w in q else [] for w, q in zip(outcomes["value_as_written"], outcomes["quote"])],
        index=outcomes.index,
    )
    planned = (outcomes["role"].astype("str") == "result") & word_before.map(
        lambda words: any(w.strip("(") in PLAN_WORDS or " ".join(words).strip("(") in PLAN_WORDS for w in words))
    over_years = outcomes["year"].astype("str").str.contains("-")
    period = outcomes["period_figure"].astype("str").where(outcomes["period_figure"].notna(), "")
    per_year = outcomes["value_as_written"].fillna("").map(lambda w: bool(PER_YEAR.search(w)))
    final = outcomes["final"].astype(bool)
    rules = [
        ("indicator_id", unknown, "is not a target of this plan in targets.csv"),
        ("final", final & (outcomes["role"].astype("str") == "plan"), "is true, but a plan's target is not a statistic"),
        ("final", final & outcomes["estimate"].astype(bool), "is true, but an estimate is not a final figure"),
        ("period_figure", over_years & (period == ""), "is empty, but year is a range: say 'yearly average' or 'period total'"),
        ("period_figure", ~over_years & (period != ""), "is set, but year is a single year: leave it empty"),
        ("period_figure", (period == "yearly average") & ~per_year,
         "is 'yearly average', but value_as_written does not say it is a figure for each year ('/năm', 'per year')"),
        ("period_figure", (period == "period total") & per_year,
         "is 'period total', but value_as_written gives a figure for each year ('/năm', 'per year')"),
        ("value_as_written", planned, "follows 'kế hoạch', 'mục tiêu' or 'chỉ tiêu' in the quote: that is a plan's figure, not a result"),
        *_note_rules(text),
    ]
    problems = _broken(text, rules, {}) + _figure_rules(outcomes, text, percent_of_whole(target))
    problems += [Problem(line, None, "unit", f"{outcomes.at[line, 'unit']!r} is not the unit of the target in targets.csv, "
                         f"{target.at[line, 'unit']!r}: give the value in the target's unit") for line in outcomes.index[wrong_unit]]
    problems += _disagreeing_results(outcomes)
    if problems:
        raise DataError(path, _with_rows(problems, outcomes.index, outcomes["figure_id"]))
    return outcomes.set_index("figure_id").assign(file=path.name)


def load_context(path: Path | str | None = None) -> pd.DataFrame:
    """Every figure from outside the resolution, typed and validated: ``context.csv`` and ``outcomes.csv``.

    ``path`` defaults to ``data/context.csv``; ``outcomes.csv`` (see ``load_outcomes``) is
    read from beside it, and its rows follow, with their ``plan_id`` and ``indicator_id``.
    The column ``file`` says which file holds each row. Besides the schema, every figure
    must be written in its ``value_as_written`` as the ``value`` field writes it,
    ``value_as_written`` must occur verbatim in ``quote``, the bound must match the words
    ('hơn', 'gần', ...), and a clause that says 'ước' or 'dự kiến' must be marked as an
    estimate. Indexed by ``figure_id``, which is unique across both files. Raises
    ``DataError`` for any problem.
    """
    path = Path(path) if path is not None else CONTEXT_CSV
    text, context = _read("context", path, DATAPACKAGE)
    problems = _figure_rules(context, text, context["unit"].astype("str") == "percent")
    provinces = set(read_table("plans", path.parent / "plans.csv")["province_vi"])
    problems += _broken(text, [("province", ~context["province"].isin(provinces), "is not the province of a plan in plans.csv")], {})
    if problems:
        raise DataError(path, _with_rows(problems, context.index, context["figure_id"]))
    outcomes = load_outcomes(path.parent / "outcomes.csv")
    twice = context["figure_id"].isin(outcomes.index)
    if twice.any():
        problems = [Problem(line, None, "figure_id", f"{context.at[line, 'figure_id']!r} is also a figure_id of outcomes.csv: one figure, one row")
                    for line in context.index[twice]]
        raise DataError(path, _with_rows(problems, context.index, context["figure_id"]))
    both = pd.concat([context.set_index("figure_id").assign(file=path.name), outcomes])
    return both
