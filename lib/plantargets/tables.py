"""Tables for readers: headers and the data's words in the reader's language, numbers in its notation.

``table(frame, lang="vi")`` is what a notebook shows instead of a raw DataFrame: pandas' Styler with

- each header from the catalogue (context ``column``): a column the catalogue does not know is an error, not an
  English header in a Vietnamese table;
- the words of the data's vocabulary (kinds, units, comparators, statuses, verdicts...) translated, with the
  field's name, or the vocabulary it shares (``VALUE_CONTEXT``), as the context; a value the catalogue lacks is an
  error;
- numbers in the language's notation, at the precision asked (``decimals``) or as many decimals as they have (up to 2);
  a dash for a missing value; no index;
- the pseudo-columns ``name`` and ``group_name``: the indicator's or the group's name in the reader's language.

Long texts (quotes, findings, reasons) read left-aligned and wrap between words.
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd

from .i18n import NP_, messages

#: Columns whose values are words of a vocabulary the catalogue has, and that vocabulary's context.
VALUE_CONTEXT = {
    "kind": "kind", "unit": "unit", "comparator": "comparator", "direction": "direction", "role": "role",
    "bound": "bound", "result_bound": "bound", "target_2025_bound": "bound", "pace_after_target_bound": "bound",
    "pace_after_result_bound": "bound", "period_figure": "period_figure", "target_2025_period": "period_figure",
    "status": "status", "verdict": "verdict", "measure": "measure", "pace_unit": "pace_unit",
    "target_2021_comparator": "comparator",
}
#: Columns that hold running text: left-aligned, wrapped between words.
TEXT_COLUMNS = {"name", "group_name", "source_text", "quote", "finding", "reason", "what", "subject", "note",
                "quote_2025", "baseline_quote", "tolerance_reason", "rule", "title", "value_as_written"}

#: Words the tables show that the data's schema does not list: statuses, verdicts, measures, pace units, yes/no.
_VOCABULARY = [
    NP_("status", "pass"), NP_("status", "fail"), NP_("status", "info"),
    NP_("measure", "yearly rate"), NP_("measure", "yearly amount"), NP_("measure", "share"), NP_("measure", "level"),
    NP_("pace_unit", "% a year"), NP_("pace_unit", "points a year"), NP_("bound", "unknown"),
    NP_("boolean", "yes"), NP_("boolean", "no"),
]
_YES, _NO = NP_("boolean", "yes"), NP_("boolean", "no")
#: The headers of every column a notebook shows: the data's fields and the columns lib/ derives.
_COLUMNS = [
    NP_("column", "name"), NP_("column", "group_name"), NP_("column", "plan_id"), NP_("column", "group"),
    NP_("column", "indicator_id"), NP_("column", "key_target"), NP_("column", "value"), NP_("column", "unit"),
    NP_("column", "kind"), NP_("column", "comparator"), NP_("column", "direction"), NP_("column", "part_of"),
    NP_("column", "source_text"), NP_("column", "note"), NP_("column", "value_as_written"), NP_("column", "figure_id"),
    NP_("column", "topic"), NP_("column", "year"), NP_("column", "role"), NP_("column", "bound"),
    NP_("column", "estimate"), NP_("column", "final"), NP_("column", "publisher"), NP_("column", "title"),
    NP_("column", "url"), NP_("column", "published"), NP_("column", "quote"), NP_("column", "period_figure"),
    NP_("column", "count"), NP_("column", "total"), NP_("column", "key_targets"), NP_("column", "without_a_number"),
    NP_("column", "outside_key"), NP_("column", "check"), NP_("column", "subject"), NP_("column", "what"),
    NP_("column", "inputs"), NP_("column", "observed"), NP_("column", "rule"), NP_("column", "expected"),
    NP_("column", "tolerance"), NP_("column", "tolerance_reason"), NP_("column", "status"), NP_("column", "finding"),
    NP_("column", "target"), NP_("column", "target_as_written"), NP_("column", "baseline"),
    NP_("column", "baseline_estimate"), NP_("column", "result"), NP_("column", "result_bound"),
    NP_("column", "result_as_written"), NP_("column", "result_final"), NP_("column", "reason"),
    NP_("column", "progress"), NP_("column", "met"), NP_("column", "missed"), NP_("column", "undetermined"),
    NP_("column", "no published result"), NP_("column", "measure"), NP_("column", "baseline_2020"),
    NP_("column", "target_2021"), NP_("column", "result_2021"), NP_("column", "plan_2022"),
    NP_("column", "target_2025"), NP_("column", "target_2025_as_written"), NP_("column", "target_2025_year"),
    NP_("column", "pace_unit"), NP_("column", "step_2021"), NP_("column", "pace_2020_2025"),
    NP_("column", "pace_after_target"), NP_("column", "pace_after_result"), NP_("column", "verdict"),
    NP_("column", "share"), NP_("column", "targets"), NP_("column", "result_figure"), NP_("column", "other_results"),
    NP_("column", "figure_2025"), NP_("column", "url_2025"), NP_("column", "quote_2025"), NP_("column", "before"),
    NP_("column", "after"), NP_("column", "worded"), NP_("column", "file"), NP_("column", "target_2025_bound"),
]


class TableError(ValueError):
    """A table asked for a column or a word that the catalogue does not have."""


class Table:
    """A table to look at: HTML for JupyterLab and the report, aligned plain text for a terminal (and nbval)."""

    def __init__(self, styler, text: str):
        self.styler, self.text = styler, text

    def _repr_html_(self) -> str:
        return self.styler.to_html()

    def __repr__(self) -> str:
        return self.text


def table(frame, *, lang: str = "en", columns=None, decimals: dict | None = None, caption: str | None = None) -> Table:
    """``frame`` (or a Series) for a reader of ``lang``; ``columns``: which, in order (``name``, ``group_name``:
    the names in ``lang``); ``decimals``: {column: places} for numbers shown at a stated precision."""
    msg = messages(lang)
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    frame = frame.reset_index() if not isinstance(frame.index, pd.RangeIndex) else frame
    data = pd.DataFrame(index=range(len(frame)))
    for column in columns if columns is not None else list(frame.columns):
        source = {"name": f"name_{lang}", "group_name": f"group_{lang}"}.get(column, column)
        if source not in frame.columns:
            raise TableError(f"table: no column {source!r} (columns: {', '.join(map(str, frame.columns))})")
        data[column] = frame[source].to_numpy()
    decimals = decimals or {}
    shown = pd.DataFrame(index=data.index)
    for column in data.columns:
        if not msg.has("column", column):
            raise TableError(f"table: the column {column!r} has no header in the {lang} catalogue "
                             f"(lib/plantargets/locale/{lang}/LC_MESSAGES/plantargets.po, context 'column')")
        shown[msg.pgettext("column", column)] = [_cell(msg, column, value, decimals.get(column)) for value in data[column]]
    styler = shown.style.hide(axis="index")
    text_headers = [msg.pgettext("column", c) for c in data.columns if c in TEXT_COLUMNS]
    numeric = [msg.pgettext("column", c) for c in data.columns if pd.api.types.is_numeric_dtype(data[c]) and not pd.api.types.is_bool_dtype(data[c])]
    words = [h for h in shown.columns if h not in numeric]  # ids, names, words, addresses: read from the left
    styler = styler.set_table_styles([
        {"selector": "th", "props": "text-align: left; vertical-align: bottom;"},
        {"selector": "td", "props": "vertical-align: top; white-space: normal; word-break: normal; overflow-wrap: normal;"},
    ])
    if words:
        styler = styler.set_properties(subset=words, **{"text-align": "left"})
    if text_headers:
        styler = styler.set_properties(subset=text_headers, **{"text-align": "left", "min-width": "12em", "max-width": "36em"})
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right", "white-space": "nowrap"})
    if caption:
        styler = styler.set_caption(caption)
    digest = hashlib.sha1(shown.to_csv().encode("utf-8")).hexdigest()[:10]
    styler = styler.set_uuid(f"pt{digest}")
    return Table(styler, shown.to_string(index=False))


def _cell(msg, column: str, value, places) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return msg.pgettext(*_YES) if value else msg.pgettext(*_NO)
    context = VALUE_CONTEXT.get(column)
    if context == "pace_unit" and not msg.has(context, str(value)) and str(value).endswith(" a year"):
        unit = str(value).removesuffix(" a year")
        if msg.has("unit", unit):
            return msg("{amount} a year", amount=msg.pgettext("unit", unit))
    if context is not None:
        if not msg.has(context, str(value)):
            raise TableError(f"table: the value {value!r} of column {column!r} has no text in the {msg.lang} catalogue "
                             f"(context {context!r})")
        return msg.pgettext(context, str(value))
    if isinstance(value, (int, float)) or type(value).__module__ == "numpy":
        number = float(value)
        if places is None and number.is_integer():
            places = 0
        return msg.number(number, places)
    return str(value)


class Figure:
    """One number to look at, in the reader's notation (JupyterLab and nbval show its repr: 3,08 or 3.08)."""

    def __init__(self, value: float, text: str):
        self.value, self.text = value, text

    def __repr__(self) -> str:
        return self.text


def figure(value: float, *, places: int | None = None, lang: str = "en") -> Figure:
    """``value`` as a reader of ``lang`` writes it, with ``places`` decimals."""
    return Figure(float(value), messages(lang).number(value, places))
