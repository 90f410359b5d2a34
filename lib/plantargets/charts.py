"""Charts of the plan's priorities: each function takes the targets table and returns a Figure.

Every figure uses the one style file shipped here (``plantargets.mplstyle``), has a title
that states what it shows (with numbers from the data), axis labels with units, and the
source note at the bottom. Labels come from the data's ``name_vi`` or ``name_en``
(``lang="vi"`` or ``"en"``); only the few chart words below are typed here, once per
language. Figures are built with ``matplotlib.figure.Figure``, outside pyplot, so a
notebook shows each one once and nothing is left open.

``save(fig, stem)`` writes SVG and PNG that are byte-identical from one build to the next.
"""

from __future__ import annotations

import functools
import io
import math
import re
import textwrap
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from .load import COUNT_UNITS
from .numbers import in_english
from .scoring import road_to_2025 as road_table
from .scoring import scorecard

STYLE = Path(__file__).with_name("plantargets.mplstyle")
SOURCE_NOTE = "Nguồn / Source: Nghị quyết HĐND tỉnh Lai Châu, kỳ họp thứ 15, 12/2020"
CONTEXT_NOTE = {
    "vi": "Số liệu ngoài nghị quyết: {} (trích dẫn trong {})",
    "en": "Figures from outside the resolution: {} (quoted in {})",
}
LANGS = ("vi", "en")

#: Okabe & Ito's colours, by role.
COLOURS = {
    "target": "#0072B2", "baseline": "#999999", "gap": "#E5E5E5", "reference": "#D55E00",
    "ceiling": "#CC79A7", "pace": "#000000",
}
KIND_COLOURS = {
    "level": "#0072B2", "growth rate": "#E69F00", "share of a total": "#56B4E9", "coverage rate": "#009E73",
    "reduction": "#CC79A7", "count": "#D55E00", "qualitative": "#999999",
}

#: The few words a chart needs besides the data's own names: (Vietnamese, English).
WORDS = {
    "target": ("Mục tiêu 2021", "2021 target"),
    "baseline": ("Năm 2020", "2020"),
    "estimate": ("ước tính", "estimate"),
    "count": ("Số mục tiêu", "Number of targets"),
    "percent_of_grdp": ("% GRDP", "% of GRDP"),
    "percent_a_year": ("%/năm", "% a year"),
    "percent": ("%", "%"),
    "short_of_100": ("khoảng cách tới 100%", "short of 100%"),
    "universal": ("100%", "100%"),
    "grdp_growth": ("Tăng trưởng GRDP", "GRDP growth"),
    "five_year_pace": ("Bình quân/năm giai đoạn 2021-2025", "Yearly figure for 2021-2025"),
    "ceiling": ("trần (không quá)", "ceiling (at most)"),
    "points": ("điểm %", "points"),
    "result": ("Kết quả 2021", "2021 result"),
    "plan_2022": ("Kế hoạch 2022", "2022 plan"),
    "target_2025": ("Mục tiêu 2025", "2025 target"),
    "average_2021_2025": ("Bình quân/năm giai đoạn 2021-2025", "Yearly average for 2021-2025"),
    "needed_after_target": ("Cần đạt 2022-2025 (từ mục tiêu)", "Needed 2022-25 (from target)"),
    "needed_after_result": ("Cần đạt 2022-2025 (từ kết quả)", "Needed 2022-25 (from result)"),
    "from_target": ("từ mục tiêu 2021", "from the 2021 target"),
    "from_result": ("từ kết quả 2021", "from the 2021 result"),
    "hollow_estimate": ("không tô màu: số ước tính", "hollow marker: an estimate"),
    "hatched_estimate": ("gạch chéo: số ước tính", "hatched: an estimate"),
    "a_year": ("/năm", " a year"),
    "group": ("Nhóm", "Group"),
}
#: The statuses of the scorecard, in the order they are stacked, with their colours and words.
STATUS_STYLE = {
    "met": ("#009E73", ("đạt", "met")),
    "missed": ("#D55E00", ("không đạt", "missed")),
    "undetermined": ("#E69F00", ("chưa xác định được", "undetermined")),
    "no published result": ("#E5E5E5", ("chưa có kết quả công bố", "no published result")),
}
KINDS = {
    "level": ("mức", "level"), "growth rate": ("tốc độ tăng", "growth rate"),
    "share of a total": ("tỷ trọng", "share of a total"), "coverage rate": ("tỷ lệ bao phủ", "coverage rate"),
    "reduction": ("mức giảm", "reduction"), "count": ("số lượng", "count"), "qualitative": ("định tính", "qualitative"),
}
UNITS = {
    "percent": ("%", "%"), "percentage points": ("điểm %", "percentage points"),
    "per mille points": ("điểm ‰", "per mille points"), "million VND per person": ("triệu đồng/người", "million VND per person"),
    "billion VND": ("tỷ đồng", "billion VND"), "tonnes": ("tấn", "tonnes"), "hectares": ("ha", "hectares"),
    "communes": ("xã", "communes"), "workers": ("lao động", "workers"),
    "doctors per 10,000 people": ("bác sỹ/1 vạn dân", "doctors per 10,000 people"),
}

#: The coverage targets that a service or a standard should reach everywhere in the end.
UNIVERSAL_SERVICES = (
    "villages_road_access", "households_national_grid", "schools_permanent", "commune_health_stations_permanent",
    "rural_hygienic_water", "urban_piped_clean_water", "villages_cultural_house", "ethnic_minority_tv_radio",
    "urban_solid_waste_collected", "communes_waste_collection",
)
#: The 'cultured' standards of group (9).
CULTURE = ("cultured_households", "cultured_villages", "cultured_agencies")
GROWTH = (
    "grdp_growth", "agriculture_value_added_growth", "livestock_herd_growth", "import_export_growth",
    "local_export_growth", "tourist_arrivals_growth",
)
ENROLMENT = ("enrolment_kindergarten", "enrolment_primary", "enrolment_lower_secondary", "enrolment_upper_secondary")


def word(key: str, lang: str) -> str:
    return WORDS[key][LANGS.index(lang)]


def _lang(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return LANGS.index(lang)


# --------------------------------------------------------------------------- helpers


def styled(chart):
    """Build the chart inside the project's style, and check the language first."""

    @functools.wraps(chart)
    def build(*args, lang: str = "en", **kwargs) -> Figure:
        _lang(lang)
        with mpl.rc_context(fname=STYLE):
            return chart(*args, lang=lang, **kwargs)

    return build


def _new_figure(width: float = 8.0, height: float = 4.5, nrows: int = 1, ncols: int = 1, **kw):
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, **kw)
    return fig, axes


def _finish(fig: Figure, title: str, *, lang: str = "en", context=None, figure_ids=()) -> Figure:
    """The title and the source note; outside figures used are credited to their publishers on a second line."""
    fig.suptitle(textwrap.fill(title, int(fig.get_figwidth() * 8.4), break_on_hyphens=False), x=0.01, ha="left")
    note = SOURCE_NOTE
    if figure_ids:
        used = context.loc[list(figure_ids)]
        # the outlet that was read: the name before its site in brackets, or after 'as reported by'
        outlets = used["publisher"].str.split(" as reported by ").str[-1].str.split(" [(]").str[0]
        publishers = dict.fromkeys(outlets)
        files = ", ".join("data/" + f for f in sorted(set(used["file"])))
        note += "\n" + textwrap.fill(CONTEXT_NOTE[lang].format("; ".join(publishers), files), int(fig.get_figwidth() * 15))
    fig.text(0.01, 0.01, note, ha="left", va="bottom", fontsize=7.5, color="#555555", gid="source")
    bottom = (0.12 + 0.14 * (note.count("\n") + 1)) / fig.get_figheight()  # room for the note's lines, in inches
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    return fig


def _rows(targets: pd.DataFrame, ids) -> pd.DataFrame:
    """The targets ``ids``, in that order; an id the table lacks is an error, not a gap."""
    table = targets.set_index("indicator_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise KeyError(f"the targets table has no {', '.join(missing)}")
    return table.loc[list(ids)].reset_index()


def name(row: pd.Series, lang: str, short: bool = False) -> str:
    """The indicator's name in ``lang``; ``short`` drops a prefix such as 'Economic structure:' that a chart's title already says."""
    text = row["name_vi" if lang == "vi" else "name_en"]
    if short:
        text = text.split(": ", 1)[-1]
    return text[:1].upper() + text[1:]


def _in_sentence(text: str) -> str:
    """A name inside a sentence: first letter lower-cased, unless the name starts with an acronym ('GRDP')."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _and(items: list[str], lang: str) -> str:
    """'a', 'a and b', 'a, b and c' (or 'và')."""
    conjunction = " và " if lang == "vi" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conjunction + items[-1]


def plain(row: pd.Series, lang: str) -> str:
    """The value as stated, without its bound sign."""
    return row["value_as_written"] if lang == "vi" else in_english(row["value_as_written"])


def stated(row: pd.Series, lang: str) -> str:
    """The value as the resolution states it ('7,96'), or in English notation ('7.96'), with its bound sign."""
    text = row["value_as_written"] if lang == "vi" else in_english(row["value_as_written"])
    return {">=": "≥ ", "<=": "≤ "}.get(str(row["comparator"]), "") + text


def _number(value: float, lang: str, places: int | None = None) -> str:
    """A number in the notation of ``lang``; with ``places=None``, as many decimals as it has (up to 2)."""
    if places is None:
        places = next((p for p in range(3) if round(value, p) == round(value, 6)), 2)
    text = f"{value:,.{places}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


def _axis_numbers(axis, lang: str) -> None:
    """Tick labels in the notation of ``lang``: '250.000' in Vietnamese, '250,000' in English."""
    axis.set_major_formatter(FuncFormatter(lambda value, _: _number(value, lang)))


def _wrap(text: str, width: int = 34) -> str:
    return textwrap.fill(text, width, break_long_words=False)


def unit_label(unit: str, lang: str) -> str:
    return UNITS[unit][_lang(lang)]


def _legend_below(ax, ncols: int = 1) -> None:
    """The legend under the axes, where the layout makes room for it and it hides nothing."""
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.16), ncols=ncols, borderaxespad=0)


def _barh(ax, rows: pd.DataFrame, lang: str, *, colour=COLOURS["target"], gid="target", wrap=34, inside=None,
          short=False):
    """Horizontal bars of the targets' values, top to bottom in the rows' order, labelled as stated."""
    positions = np.arange(len(rows))[::-1]
    bars = ax.barh(positions, rows["value"], color=colour, gid=gid, label=None)
    ax.set_yticks(positions, [_wrap(name(r, lang, short), wrap) for _, r in rows.iterrows()])
    labels = [stated(r, lang) for _, r in rows.iterrows()]
    if inside:  # in white, at the "end" or the "start" of the bar: the space beyond its end is taken
        at_end = inside == "end"
        for bar, label in zip(bars, labels):
            ax.annotate(label, xy=(bar.get_width() if at_end else 0, bar.get_y() + bar.get_height() / 2),
                        xytext=(-4 if at_end else 4, 0), textcoords="offset points", ha="right" if at_end else "left",
                        va="center", color="white", fontsize=8.5, fontweight="bold", gid="value-label")
    else:
        ax.bar_label(bars, labels=labels, padding=3, fontsize=8.5)
    ax.grid(axis="y", visible=False)
    _axis_numbers(ax.xaxis, lang)
    return bars


# --------------------------------------------------------------------------- 01: the plan at a glance


@styled
def targets_by_group(targets: pd.DataFrame, *, lang: str = "en") -> Figure:
    """How many targets each group sets, by kind (stacked bars)."""
    i = _lang(lang)
    label = "group_vi" if lang == "vi" else "group_en"
    counts = targets.groupby(["group", label, "kind"], observed=True).size().unstack("kind", fill_value=0)
    kinds = [k for k in KIND_COLOURS if k in counts.columns]
    counts = counts[kinds]
    fig, axes = _new_figure(8, 4.8)
    ax = axes[0, 0]
    positions = np.arange(len(counts))[::-1]
    left = np.zeros(len(counts))
    for kind in kinds:
        ax.barh(positions, counts[kind], left=left, color=KIND_COLOURS[kind], label=KINDS[kind][i], gid=f"kind:{kind}")
        left += counts[kind].to_numpy()
    ax.set_yticks(positions, [f"({g}) {text}" for g, text in counts.index])
    ax.set_xlabel(word("count", lang))
    ax.grid(axis="y", visible=False)
    _legend_below(ax, ncols=4)
    totals = counts.sum(axis=1)
    top = [f"({g}) {_in_sentence(text)}" for (g, text), n in totals.items() if n == totals.max()]
    title = (
        f"{len(top)} nhóm có nhiều mục tiêu nhất, mỗi nhóm {totals.max()}: {'; '.join(top)}"
        if lang == "vi"
        else f"{len(top)} groups set the most targets, {totals.max()} each: {'; '.join(top)}"
    )
    return _finish(fig, title, lang=lang)


# --------------------------------------------------------------------------- 03: the economy


def _baselines(targets: pd.DataFrame, context: pd.DataFrame | None) -> pd.DataFrame:
    """2020 values of plan indicators (the baselines of data/outcomes.csv), in the targets' order."""
    if context is None or "indicator_id" not in context.columns:
        return pd.DataFrame(columns=["indicator_id", "baseline", "estimate", "figure_id"])
    linked = context[context["role"].astype(str).eq("baseline") & context["indicator_id"].notna()].reset_index()
    order = pd.Index(targets["indicator_id"])
    linked = linked.iloc[np.argsort(order.get_indexer(linked["indicator_id"]), kind="stable")]
    return pd.DataFrame({
        "indicator_id": linked["indicator_id"], "baseline": linked["value"],
        "estimate": linked["estimate"].astype(bool), "figure_id": linked["figure_id"],
    }).reset_index(drop=True)


@styled
def economic_structure(targets: pd.DataFrame, context: pd.DataFrame | None = None, *, lang: str = "en") -> Figure:
    """The four sector shares of GRDP, largest first, with a sector's 2020 share where the outside figures link one."""
    shares = targets[targets["part_of"] == "grdp_structure"].sort_values("value", ascending=False)
    fig, axes = _new_figure(8, 4.2)
    ax = axes[0, 0]
    _barh(ax, shares, lang, inside="end", short=True)
    ax.set_xlabel(word("percent_of_grdp", lang))
    base = _baselines(targets, context).merge(shares[["indicator_id"]].reset_index(drop=True).reset_index(), on="indicator_id")
    for _, b in base.iterrows():
        y = len(shares) - 1 - b["index"]
        marker_label = f"{word('baseline', lang)}" + (f" ({word('estimate', lang)})" if b["estimate"] else "")
        ax.plot([b["baseline"]], [y], marker="D", markersize=7, markerfacecolor="white", markeredgecolor="black",
                linestyle="none", label=marker_label, gid=f"baseline:{b['indicator_id']}")
    if len(base):
        _legend_below(ax)
    ax.set_xlim(0, shares["value"].max() * 1.2)
    first, second = shares.iloc[0], shares.iloc[1]
    together = _number(first["value"] + second["value"], lang, 2)
    parts = _and([f"{name(first, lang, True)} ({plain(first, lang)}%)", f"{_in_sentence(name(second, lang, True))} ({plain(second, lang)}%)"], lang)
    title = (
        f"{parts} chiếm {together}% GRDP theo kế hoạch" if lang == "vi"
        else f"{parts} make up {together}% of GRDP in the plan"
    )
    return _finish(fig, title, lang=lang, context=context, figure_ids=list(base["figure_id"]))


@styled
def growth_targets(targets: pd.DataFrame, *, lang: str = "en", ids=GROWTH) -> Figure:
    """The growth-rate targets side by side, fastest first, with GRDP growth as a reference line."""
    rows = _rows(targets, ids).sort_values("value", ascending=False)
    fig, axes = _new_figure(8, 4.2)
    ax = axes[0, 0]
    _barh(ax, rows, lang, inside="start")
    grdp = _rows(targets, ["grdp_growth"]).iloc[0]
    ax.axvline(grdp["value"], color=COLOURS["reference"], linewidth=1.2, linestyle="--", gid="reference:grdp_growth",
               label=f"{word('grdp_growth', lang)} {plain(grdp, lang)}%")
    _legend_below(ax)
    ax.set_xlabel(word("percent_a_year", lang))
    ax.set_xlim(0, rows["value"].max() * 1.15)
    top, rest = rows.iloc[0], rows.iloc[1:]
    low, high = _number(rest["value"].min(), lang), _number(rest["value"].max(), lang)
    title = (
        f"{name(top, lang)}: {plain(top, lang)}%, mục tiêu tăng trưởng cao nhất; các mục tiêu khác từ {low}% đến {high}%"
        if lang == "vi"
        else f"{name(top, lang)} has the highest growth target, {plain(top, lang)}%; the others run from {low}% to {high}%"
    )
    return _finish(fig, title, lang=lang)


@styled
def steps_from_2020(targets: pd.DataFrame, context: pd.DataFrame | None, *, lang: str = "en") -> Figure:
    """For each target with a known 2020 value of the same measure: the 2020 value and the 2021 target."""
    base = _baselines(targets, context)
    if base.empty:
        raise ValueError("no 2020 values: pass the table of load_context(), whose rows link figures to indicators")
    rows = _rows(targets, base["indicator_id"]).merge(base, on="indicator_id")
    # A rate moves in points; an amount in percent of itself ('+25%' on a growth rate of 4% would mislead).
    rows["is_rate"] = rows["unit"].astype(str).eq("percent")
    rows["change"] = np.where(rows["is_rate"], rows["value"] - rows["baseline"], 100 * (rows["value"] / rows["baseline"] - 1))
    ncols = 3
    nrows = -(-len(rows) // ncols)
    fig, axes = _new_figure(9, 2.7 * nrows + 0.9, nrows, ncols)
    for ax in axes.flat[len(rows):]:
        ax.set_visible(False)
    for ax, (_, r) in zip(axes.flat, rows.iterrows()):
        baseline_label = word("baseline", lang) + (f"\n({word('estimate', lang)})" if r["estimate"] else "")
        bars = ax.bar([0, 1], [r["baseline"], r["value"]], color=[COLOURS["baseline"], COLOURS["target"]],
                      hatch=["//" if r["estimate"] else "", ""], edgecolor="white", gid=f"step:{r['indicator_id']}")
        ax.bar_label(bars, labels=[_number(r["baseline"], lang), stated(r, lang)], padding=2, fontsize=8)
        change = f"{r['change']:+.1f}".replace(".", "," if lang == "vi" else ".") + (
            f" {word('points', lang)}" if r["is_rate"] else "%")
        ax.text(0.5, 0.97, change, transform=ax.transAxes, ha="center", va="top", fontsize=8.5, fontweight="bold",
                gid="change")
        _axis_numbers(ax.yaxis, lang)
        ax.set_xticks([0, 1], [baseline_label, word("target", lang)])
        ax.set_title(_wrap(name(r, lang), 30), fontsize=8.5)
        ax.set_ylabel(unit_label(str(r["unit"]), lang))
        ax.set_ylim(0, max(r["baseline"], r["value"]) * 1.3)
        ax.grid(axis="x", visible=False)
    # Like with like: an amount of money in current prices rises with prices too (nominal); volumes do not.
    amounts = rows[~rows["is_rate"]]
    money = amounts[amounts["unit"].astype(str).str.contains("VND")]
    volumes = amounts[~amounts.index.isin(money.index) & (amounts["change"] > 0)]
    down = rows[rows["change"] < 0]
    vi = lang == "vi"

    def pct(value: float) -> str:
        return f"{value:+.1f}%".replace(".", "," if vi else ".")

    parts = [f"{_in_sentence(name(r, lang))}: {pct(r['change'])} so với năm 2020 (nhiều khả năng theo giá hiện hành, tức tăng danh nghĩa)" if vi
             else f"{_in_sentence(name(r, lang))}: {pct(r['change'])} on 2020, presumably in current prices (nominal)"
             for _, r in money.iterrows()]
    if len(volumes):
        top = volumes.loc[volumes["change"].idxmax()]
        parts.append(f"về hiện vật, tăng nhiều nhất là {_in_sentence(name(top, lang))}, {pct(top['change'])}" if vi
                     else f"the largest rise in volume: {_in_sentence(name(top, lang))}, {pct(top['change'])}")
    if len(down):
        falls = _and([_in_sentence(name(r, lang)) for _, r in down.iterrows()], lang)
        parts.append(f"thấp hơn năm 2020: {falls}" if vi else f"set below 2020: {falls}")
    title = "; ".join(parts)
    title = title[0].upper() + title[1:]
    return _finish(fig, title, lang=lang, context=context, figure_ids=list(rows["figure_id"]))


# --------------------------------------------------------------------------- 04: society


@styled
def distance_to_universal(targets: pd.DataFrame, *, lang: str = "en", ids=UNIVERSAL_SERVICES) -> Figure:
    """Coverage targets against 100%: each bar is the target, the grey rest the distance to universal."""
    rows = _rows(targets, ids).sort_values("value", ascending=False)
    fig, axes = _new_figure(8.5, 0.42 * len(rows) + 1.6)
    ax = axes[0, 0]
    bars = _barh(ax, rows, lang, wrap=44, inside="end")
    positions = [b.get_y() + b.get_height() / 2 for b in bars]
    ax.barh(positions, 100 - rows["value"], left=rows["value"], color=COLOURS["gap"], gid="gap",
            label=word("short_of_100", lang))
    ax.axvline(100, color="black", linewidth=0.8, gid="universal")
    ax.set_xlim(0, 100)
    ax.set_xlabel(word("percent", lang))
    _legend_below(ax)
    lowest = rows.iloc[-1]
    near = int((rows["value"] >= 95).sum())
    gap = _number(100 - lowest["value"], lang, len(lowest["value_as_written"].partition(",")[2]))
    if lang == "vi":
        title = f"{near}/{len(rows)} mục tiêu từ 95% trở lên; cách xa 100% nhất: {_in_sentence(name(lowest, lang))}, còn cách {gap} điểm %"
    else:
        verb = "is" if near == 1 else "are"
        title = f"{near} of {len(rows)} {verb} 95% or more; furthest from 100%: {_in_sentence(name(lowest, lang))}, {gap} points short"
    return _finish(fig, title, lang=lang)


@styled
def enrolment(targets: pd.DataFrame, *, lang: str = "en", ids=ENROLMENT) -> Figure:
    """School-age enrolment targets by level, in school order."""
    rows = _rows(targets, ids)
    fig, axes = _new_figure(8, 4.2)
    ax = axes[0, 0]
    labels = [_wrap(name(r, lang, short=True), 18) for _, r in rows.iterrows()]
    bars = ax.bar(np.arange(len(rows)), rows["value"], color=COLOURS["target"], gid="target")
    ax.set_xticks(np.arange(len(rows)), labels)
    for bar, (_, r) in zip(bars, rows.iterrows()):  # inside the top of the bar: the 100% line runs above
        ax.annotate(stated(r, lang) + "%", xy=(bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, -5),
                    textcoords="offset points", ha="center", va="top", color="white", fontweight="bold", gid="value-label")
    ax.axhline(100, color="black", linewidth=0.8, gid="universal", label=word("universal", lang))
    ax.set_ylim(0, 110)
    ax.set_ylabel(word("percent", lang))
    ax.grid(axis="x", visible=False)
    _axis_numbers(ax.yaxis, lang)
    _legend_below(ax)
    last = rows.iloc[-1]
    highest = rows.loc[rows["value"].idxmax()]
    floor = {">=": (" trở lên" if lang == "vi" else " or more")}.get(str(last["comparator"]), "")
    level = lambda r: _in_sentence(name(r, lang, short=True))  # noqa: E731
    if lang == "vi":
        title = (f"Mục tiêu huy động cao nhất ở {level(highest)} ({plain(highest, lang)}%), "
                 f"thấp nhất ở {level(last)} ({plain(last, lang)}%{floor})")
    else:
        title = (f"The enrolment target is highest for {level(highest)} ({plain(highest, lang)}%) "
                 f"and lowest for {level(last)} ({plain(last, lang)}%{floor})")
    return _finish(fig, title, lang=lang)


def _single_bar(ax, row: pd.Series, lang: str, *, wrap: int) -> None:
    """One target as one bar; a percentage is drawn against 100%, with the rest in grey."""
    percent = str(row["unit"]) == "percent"
    bars = ax.bar([0], [row["value"]], color=COLOURS["target"], gid="target")
    if percent:
        ax.bar([0], [100 - row["value"]], bottom=[row["value"]], color=COLOURS["gap"], gid="gap")
    ax.bar_label(bars, labels=[stated(row, lang) + ("%" if percent else "")], label_type="center" if percent else "edge",
                 color="white" if percent else "black", padding=0 if percent else 2)
    ax.set_xticks([0], [_wrap(name(row, lang), wrap)])
    ax.set_ylim(0, 100 if percent else row["value"] * 1.3)
    ax.set_ylabel(unit_label(str(row["unit"]), lang))
    ax.grid(axis="x", visible=False)


@styled
def health(targets: pd.DataFrame, *, lang: str = "en") -> Figure:
    """Malnutrition ceilings, electronic health records and doctors per 10,000 people."""
    fig, axes = _new_figure(9, 3.6, 1, 3, width_ratios=[2.2, 1.4, 1])
    ceilings = _rows(targets, ["underweight_under5", "stunting_under5"])
    ax = axes[0, 0]
    _barh(ax, ceilings, lang, colour=COLOURS["ceiling"], gid="ceiling", wrap=30)
    ax.set_xlim(0, ceilings["value"].max() * 1.35)
    ax.set_xlabel(word("percent", lang))
    ax.set_title(word("ceiling", lang).capitalize())
    _single_bar(axes[0, 1], _rows(targets, ["electronic_health_records"]).iloc[0], lang, wrap=24)
    _single_bar(axes[0, 2], _rows(targets, ["doctors_per_10000"]).iloc[0], lang, wrap=14)
    higher, lower = ceilings.sort_values("value", ascending=False).iloc[0], ceilings.sort_values("value").iloc[0]
    gap = _number(higher["value"] - lower["value"], lang, 2)
    def under(r) -> str:  # a bound with the resolution's own word for it, where it has one ('dưới 18,79%')
        clause, written = str(r["source_text"]), re.escape(str(r["value_as_written"]))
        for vi_word, en_word in (("dưới", "under"), ("trên", "over")):
            if re.search(rf"(?<!\w){vi_word}\s+{written}", clause):
                return f"{vi_word} " if lang == "vi" else f"{en_word} "
        return ""

    if lang == "vi":
        title = (f"Mục tiêu {_in_sentence(name(higher, lang))} ({under(higher) or 'xuống '}{plain(higher, lang)}%) cao hơn "
                 f"mục tiêu {_in_sentence(name(lower, lang))} ({under(lower) or 'xuống '}{plain(lower, lang)}%) {gap} điểm %")
    else:
        title = (f"The ceiling for {_in_sentence(name(higher, lang))} ({under(higher)}{plain(higher, lang)}%) is {gap} points above "
                 f"that for {_in_sentence(name(lower, lang))} ({under(lower)}{plain(lower, lang)}%)")
    return _finish(fig, title, lang=lang)


@styled
def poverty_and_jobs(targets: pd.DataFrame, context: pd.DataFrame | None = None, *, lang: str = "en") -> Figure:
    """Poverty reduction (province and poor districts) and jobs and training, with the five-year pace."""
    fig, axes = _new_figure(9, 3.9, 1, 2)
    panels = [
        (axes[0, 0], ["poverty_rate_reduction", "poverty_rate_reduction_poor_districts"],
         ["poverty_reduction_pace_2021_2025", "poverty_reduction_poor_districts_target_2021_2025"]),
        (axes[0, 1], ["jobs_created", "vocational_training"], ["jobs_pace_2021_2025", None]),
    ]
    used = []
    for ax, ids, paces in panels:
        rows = _rows(targets, ids)
        bars = _barh(ax, rows, lang, wrap=26, inside="start")
        ax.set_xlabel(unit_label(str(rows.iloc[0]["unit"]), lang))
        ax.set_xlim(0, rows["value"].max() * 1.45)
        for bar, figure_id in zip(bars, paces):
            if figure_id is None or context is None or figure_id not in context.index:
                continue
            used.append(figure_id)
            pace = float(context.at[figure_id, "value"])
            y = bar.get_y() + bar.get_height() / 2
            ax.plot([pace], [y], marker="|", markersize=18, markeredgewidth=2.5, color=COLOURS["pace"],
                    linestyle="none", gid=f"pace:{figure_id}")
    if used:
        axes[0, 0].plot([], [], marker="|", markersize=12, markeredgewidth=2.5, color=COLOURS["pace"], linestyle="none",
                        label=word("five_year_pace", lang))
        _legend_below(axes[0, 0])
    jobs = _rows(targets, ["jobs_created"]).iloc[0]
    poor = _rows(targets, ["poverty_rate_reduction_poor_districts"]).iloc[0]
    province = _rows(targets, ["poverty_rate_reduction"]).iloc[0]
    pace = float(context.at["jobs_pace_2021_2025", "value"]) if "jobs_pace_2021_2025" in used else None
    if lang == "vi":
        title = f"Tỷ lệ hộ nghèo giảm {plain(province, lang)} điểm %, riêng các huyện nghèo giảm {plain(poor, lang)}"
        if pace is not None:
            title += f"; giải quyết việc làm cho {plain(jobs, lang)} lao động, thấp hơn mức {_number(pace, lang)} lao động/năm của giai đoạn 2021-2025"
    else:
        title = f"Poor districts to cut poverty by {plain(poor, lang)} points, the province by {plain(province, lang)}"
        if pace is not None:
            title += f"; jobs: {plain(jobs, lang)}, below the {_number(pace, lang)} a year reported for 2021-2025"
    return _finish(fig, title, lang=lang, context=context, figure_ids=used)


#: The targets each chart draws, so a notebook can say which targets of its groups it leaves out.
CHARTED = frozenset(
    GROWTH + UNIVERSAL_SERVICES + CULTURE + ENROLMENT
    + ("share_agriculture_forestry_fishery", "share_industry_construction", "share_services",
       "share_product_taxes_less_subsidies", "grdp_per_capita", "tea_new_planting", "grain_output",
       "underweight_under5", "stunting_under5", "electronic_health_records", "doctors_per_10000",
       "poverty_rate_reduction", "poverty_rate_reduction_poor_districts", "jobs_created", "vocational_training")
)


def not_charted(targets: pd.DataFrame, groups) -> pd.DataFrame:
    """The targets of ``groups`` that no chart draws: what a notebook on those groups leaves to the tables."""
    rows = targets[targets["group"].isin(list(groups)) & ~targets["indicator_id"].isin(CHARTED)]
    return rows[["group", "indicator_id", "name_en", "value_as_written", "unit"]].reset_index(drop=True)


# --------------------------------------------------------------------------- 05: plan against outcome

#: The five-year plan's targets drawn on a time axis: levels, then shares and coverage rates.
ROAD_LEVELS = ("grdp_per_capita", "budget_revenue", "grain_output", "tea_area")
ROAD_SHARES = (
    "share_industry_construction", "share_services", "share_agriculture_forestry_fishery",
    "share_product_taxes_less_subsidies", "forest_cover", "new_rural_communes_share",
)


def _bounded(value: float, bound: str, lang: str, places: int | None = None) -> str:
    """A number with its bound as a sign, as the targets are labelled: '≥ 2,000'."""
    return {"at least": "≥ ", "at most": "≤ "}.get(str(bound), "") + _number(value, lang, places).replace("-", "−")


@styled
def coverage(card: pd.DataFrame, *, lang: str = "en") -> Figure:
    """How many numeric targets of the key indicators are met, missed, undetermined or without a published result, by group.

    ``card`` is the table of ``scorecard()``; a segment of results that are estimates is hatched.
    """
    i = _lang(lang)
    card = card[card["key_target"].astype(bool) & card["target"].notna()]
    label = "group_vi" if lang == "vi" else "group_en"
    groups = card.drop_duplicates("group").set_index("group")[label].sort_index()
    fig, axes = _new_figure(8.5, 4.8)
    ax = axes[0, 0]
    positions = np.arange(len(groups))[::-1]
    left = np.zeros(len(groups))
    estimates = card["estimate"].fillna(False).astype(bool)
    for status, (colour, words) in STATUS_STYLE.items():
        labelled = False
        for estimate in (False, True):
            counts = card[(card["status"] == status) & (estimates == estimate)].groupby("group").size()
            counts = counts.reindex(groups.index, fill_value=0).to_numpy()
            if not counts.any():
                continue
            ax.barh(positions, counts, left=left, color=colour, hatch="//" if estimate else "", edgecolor="white",
                    label=None if labelled else words[i], gid=f"status:{status}" + (":estimate" if estimate else ""))
            labelled = True
            left += counts
    handles, labels = ax.get_legend_handles_labels()
    if estimates.any():
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="//"))
        labels.append(word("hatched_estimate", lang))
    ax.set_yticks(positions, [f"({g}) {_wrap(text, 40)}" for g, text in groups.items()])
    ax.set_xlabel(word("count", lang))
    ax.grid(axis="y", visible=False)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, -0.16), ncols=3, borderaxespad=0)
    judged = int(card["status"].isin(["met", "missed"]).sum())
    met, missed = int((card["status"] == "met").sum()), int((card["status"] == "missed").sum())
    decided = card[card["status"].isin(["met", "missed"])]
    none_final = len(decided) > 0 and not decided["result_final"].fillna(False).astype(bool).any()
    if lang == "vi":
        title = f"Chỉ {judged}/{len(card)} mục tiêu có số đánh giá được bằng kết quả đã công bố: {met} đạt, {missed} không đạt"
        title += " (đều là số liệu của tỉnh, chưa phải số liệu chính thức của cơ quan thống kê)" if none_final else ""
    else:
        title = f"Only {judged} of the {len(card)} numeric targets can be judged against a published result: {met} met, {missed} missed"
        title += " (none a final statistics-office figure)" if none_final else ""
    sources = card.dropna(subset=["result_figure"]).set_index("result_figure").assign(file="outcomes.csv")
    return _finish(fig, title, lang=lang, context=sources, figure_ids=list(sources.index))


def _road(targets: pd.DataFrame, outcomes: pd.DataFrame, ids) -> pd.DataFrame:
    road = road_table(targets, outcomes).set_index("indicator_id")
    missing = [i for i in ids if i not in road.index]
    if missing:
        raise KeyError(f"the five-year plan sets no target for {', '.join(missing)} in the outcomes table")
    names = targets.set_index("indicator_id")[["name_vi", "name_en", "value_as_written", "comparator"]]
    return road.loc[list(ids)].join(names).reset_index()


def _figure_ids(outcomes: pd.DataFrame, ids, roles=("baseline", "result", "plan")) -> list[str]:
    used = outcomes[outcomes["indicator_id"].isin(list(ids)) & outcomes["role"].isin(list(roles))]
    return list(used.index)


def _pace_text(value: float, bound: str, measure: str, lang: str) -> str:
    """'+8.4% a year', '≤ +4.2% a year', '−0.70 points a year'."""
    places = 1 if measure == "level" else 2
    number = ("+" if value > 0 else "") + _number(value, lang, places).replace("-", "−")
    sign = {"at least": "≥ ", "at most": "≤ "}.get(str(bound), "")
    unit = "%" if measure == "level" else " " + word("points", lang)
    return f"{sign}{number}{unit}{word('a_year', lang)}"


@styled
def road_to_2025(targets: pd.DataFrame, outcomes: pd.DataFrame, *, lang: str = "en", ids=ROAD_LEVELS) -> Figure:
    """One panel per indicator on a time axis: the 2020 value, the 2021 target and result, the 2022 plan, the 2025 target.

    The dashed line is the road from the 2021 target to the 2025 target, the dotted one the
    road from a published 2021 result; the text in each panel gives the yearly pace each
    needs. A hollow marker is an estimate; '≥' marks a floor. Shares and coverage rates are
    drawn with the same span of points in every panel, so that slopes compare.
    """
    road = _road(targets, outcomes, ids)
    ncols = 2 if len(road) <= 4 else 3
    nrows = -(-len(road) // ncols)
    fig = Figure(figsize=(9, 2.9 * nrows + 1.6), layout="constrained")
    grid = fig.add_gridspec(nrows + 1, ncols, height_ratios=[1] * nrows + [0.12])
    axes = np.array([[fig.add_subplot(grid[row, col]) for col in range(ncols)] for row in range(nrows)])
    legend_ax = fig.add_subplot(grid[nrows, :])
    legend_ax.axis("off")
    for ax in axes.flat[len(road):]:
        ax.set_visible(False)
    blue, result_colour, plan_colour = COLOURS["target"], COLOURS["reference"], "#56B4E9"
    styles = {  # marker, colour, size
        "baseline": ("o", COLOURS["baseline"], 7), "target2021": ("s", blue, 7), "result": ("D", result_colour, 7),
        "plan2022": ("^", plan_colour, 7), "target2025": ("*", blue, 12),
    }
    estimates = outcomes[outcomes["estimate"].astype(bool)]
    drawn, hollow_drawn = {}, False
    spans = []
    for _, r in road.iterrows():
        values = [r[c] for c in ("baseline_2020", "target_2021", "result_2021", "plan_2022", "target_2025") if pd.notna(r[c])]
        spans.append(max(values) - min(values))
    shared_span = max(spans) if (road["measure"] == "share").all() else None
    for ax, (_, r) in zip(axes.flat, road.iterrows()):
        iid = r["indicator_id"]
        baseline_estimate = bool(((estimates["indicator_id"] == iid) & (estimates["role"] == "baseline")).any())
        points = [  # gid, year, value, hollow, label
            ("baseline", 2020, r["baseline_2020"], baseline_estimate, None),
            ("target2021", 2021, r["target_2021"], False, stated(r, lang)),
            ("result", 2021, r["result_2021"], bool(r["result_2021_estimate"]) if pd.notna(r["result_2021_estimate"]) else False, None),
            ("plan2022", 2022, r["plan_2022"], False, None),
            ("target2025", 2025, r["target_2025"], False, None),
        ]
        ax.plot([2021, 2025], [r["target_2021"], r["target_2025"]], color=blue, linestyle="--", linewidth=1.2, gid=f"road:{iid}")
        paces = [(_pace_text(r["pace_after_target"], r["pace_after_target_bound"], r["measure"], lang), word("from_target", lang), blue)]
        if pd.notna(r["pace_after_result"]):
            ax.plot([2021, 2025], [r["result_2021"], r["target_2025"]], color=result_colour, linestyle=":", linewidth=1.4,
                    gid=f"road-from-result:{iid}")
            paces.append((_pace_text(r["pace_after_result"], r["pace_after_result_bound"], r["measure"], lang),
                          word("from_result", lang), result_colour))
        for gid, year, value, hollow, text in points:
            if pd.isna(value):
                continue
            marker, colour, size = styles[gid]
            ax.plot([year], [value], marker=marker, markersize=size, color=colour, markerfacecolor="white" if hollow else colour,
                    markeredgewidth=1.5, linestyle="none", gid=f"{gid}:{iid}")
            drawn.setdefault(gid, set()).add(hollow)
            hollow_drawn = hollow_drawn or hollow
            if text is None:
                bound = {"result": r["result_2021_bound"], "target2025": r["target_2025_bound"]}.get(gid, "exact")
                text = _bounded(value, bound, lang)
            if gid == "result":  # beside the 2021 target: its label goes above it, or below when the result is lower
                up = value >= r["target_2021"]
                ax.annotate(text, xy=(year, value), xytext=(0, 8 if up else -8), textcoords="offset points", fontsize=7.5,
                            ha="center", va="bottom" if up else "top", gid="value-label")
            else:
                ax.annotate(text, xy=(year, value), xytext=(7, 0), textcoords="offset points", fontsize=7.5,
                            ha="left", va="center", gid="value-label")
        for k, (text, where, colour) in enumerate(paces):  # the paces, top left, clear of the lines
            ax.text(0.02, 0.97 - 0.09 * k, f"{text} ({where})", transform=ax.transAxes, ha="left", va="top", fontsize=7.5,
                    color=colour, gid="pace-label")
        values = [v for _, _, v, *_ in points if pd.notna(v)]
        low, high = min(values), max(values)
        span = shared_span if shared_span is not None else high - low
        middle = (low + high) / 2
        ax.set_ylim(middle - 0.8 * span - 1e-9, middle + 1.0 * span + 1e-9)  # room above for the pace text
        ax.set_xlim(2019.4, 2025.9)
        ax.set_xticks(range(2020, 2026), [str(y) for y in range(2020, 2026)])
        _axis_numbers(ax.yaxis, lang)
        ax.set_title(_wrap(name(r, lang, short=True), 30 if ncols == 3 else 50), fontsize=8.5)
        ax.set_ylabel(unit_label(str(r["unit"]), lang))
    keys = {"baseline": "baseline", "target2021": "target", "result": "result", "plan2022": "plan_2022", "target2025": "target_2025"}
    handles, labels = [], []
    for gid, key in keys.items():
        if gid in drawn:
            marker, colour, size = styles[gid]
            all_hollow = drawn[gid] == {True}
            handles.append(Line2D([], [], marker=marker, markersize=size, color=colour,
                                  markerfacecolor="white" if all_hollow else colour, linestyle="none"))
            labels.append(word(key, lang))
    if hollow_drawn:
        handles.append(Line2D([], [], marker="o", color="#555555", markerfacecolor="white", linestyle="none"))
        labels.append(word("hollow_estimate", lang))
    legend_ax.legend(handles, labels, loc="center", ncols=len(handles))
    title = _road_title(road, lang)
    return _finish(fig, title, lang=lang, context=outcomes, figure_ids=_figure_ids(outcomes, ids))


def _road_title(road: pd.DataFrame, lang: str) -> str:
    """Levels: which must grow fastest after 2021 (and what a published result leaves). Shares: which rises and falls most."""
    vi = lang == "vi"
    pace = lambda r: _number(r["pace_after_target"], lang, 1)  # noqa: E731
    levels, shares = road[road["measure"] == "level"], road[road["measure"] == "share"]
    parts = []
    if len(levels):
        top = levels.loc[levels["pace_after_target"].idxmax()]
        parts.append(f"Từ mục tiêu 2021, {_in_sentence(name(top, lang))} phải tăng nhanh nhất để đạt mục tiêu 2025: {pace(top)}%/năm"
                     if vi else f"After the 2021 targets, {_in_sentence(name(top, lang))} must grow fastest to reach 2025: {pace(top)}% a year")
        for _, r in levels[levels["pace_after_result"].notna()].iterrows():
            after = _number(r["pace_after_result"], lang, 1)
            parts.append(f"từ kết quả 2021, {_in_sentence(name(r, lang))} cần {after}%/năm" if vi
                         else f"after its 2021 result, {_in_sentence(name(r, lang))} needs {after}% a year")
    if len(shares):
        def called(r):  # a sector's share is named as one
            short = _in_sentence(name(r, lang, True))
            if str(r["kind"]) != "share of a total":
                return _in_sentence(name(r, lang)) if vi else "the " + _in_sentence(name(r, lang))
            return f"tỷ trọng {short}" if vi else f"the share of {short}"

        up, down = shares.loc[shares["pace_after_target"].idxmax()], shares.loc[shares["pace_after_target"].idxmin()]
        fall = _number(-down["pace_after_target"], lang, 2)
        up_pace = _number(up["pace_after_target"], lang, 2)
        if str(up["pace_after_target_bound"]) == "at least":  # 'trên 57,5%' in 2025: the pace is a floor
            up_pace = ("ít nhất " if vi else "at least ") + up_pace
        parts.append(f"Sau năm 2021, {called(up)} phải tăng nhanh nhất, {up_pace} điểm %/năm; {called(down)} giảm nhiều nhất, "
                     f"{fall} điểm %/năm" if vi
                     else f"After 2021, {called(up)} must rise fastest, {up_pace} points a year; {called(down)} falls most, "
                     f"{fall} points a year")
    return "; ".join(parts)


@styled
def pace_to_2025(targets: pd.DataFrame, outcomes: pd.DataFrame, *, lang: str = "en", ids=None) -> Figure:
    """One panel per yearly target: the 2021 target (and result, and 2022 plan) against the five-year yearly average.

    ``ids`` defaults to every target whose five-year figure is a yearly rate or amount (or a total over the period,
    read as its yearly average), as the data say. The last bar is the yearly pace 2022-2025 must keep for the
    five-year average to hold.
    """
    if ids is None:
        table = road_table(targets, outcomes)
        ids = list(table.loc[table["measure"].isin(["yearly rate", "yearly amount"]), "indicator_id"])
    road = _road(targets, outcomes, ids)
    ncols = 2
    nrows = -(-len(road) // ncols)
    most = max(int(road[["target_2021", "result_2021", "plan_2022", "target_2025", "pace_after_target", "pace_after_result"]].notna().sum(axis=1).max()), 3)
    fig, axes = _new_figure(9, (0.34 * most + 0.9) * nrows + 1.3, nrows, ncols)
    for ax in axes.flat[len(road):]:
        ax.set_visible(False)
    colours = {"target2021": COLOURS["target"], "result": COLOURS["reference"], "plan2022": "#56B4E9",
               "average": "#000000", "needed": "#999999", "needed_result": COLOURS["ceiling"]}
    hatched_any = False
    for ax, (_, r) in zip(axes.flat, road.iterrows()):
        iid = r["indicator_id"]
        bars = [("target2021", word("target", lang), r["target_2021"], stated(r, lang), False),
                ("result", word("result", lang), r["result_2021"], None, bool(r["result_2021_estimate"]) if pd.notna(r["result_2021_estimate"]) else False),
                ("plan2022", word("plan_2022", lang), r["plan_2022"], None, False),
                ("average", word("average_2021_2025", lang), r["target_2025"], None, False),
                ("needed", word("needed_after_target", lang), r["pace_after_target"], None, False),
                ("needed_result", word("needed_after_result", lang), r["pace_after_result"], None, False)]
        bars = [b for b in bars if pd.notna(b[2])]
        positions = np.arange(len(bars))[::-1]
        for y, (gid, _, value, text, hatched) in zip(positions, bars):
            bar = ax.barh([y], [value], color=colours[gid], hatch="//" if hatched else "", edgecolor="white", gid=f"{gid}:{iid}")
            bound = {"result": r["result_2021_bound"], "average": r["target_2025_bound"],
                     "needed": r["pace_after_target_bound"], "needed_result": r["pace_after_result_bound"]}.get(gid, "exact")
            if gid.startswith("needed") and str(r["unit"]) in COUNT_UNITS:
                value = math.ceil(value - 1e-9)  # whole workers: the least whole number that is enough
            ax.bar_label(bar, labels=[text or _bounded(value, bound, lang)], padding=3, fontsize=7.5)
        ax.set_yticks(positions, [_wrap(b[1], 30) for b in bars], fontsize=7.5)
        ax.set_xlim(0, max(b[2] for b in bars) * 1.35)
        ax.grid(axis="y", visible=False)
        _axis_numbers(ax.xaxis, lang)
        ax.set_title(_wrap(name(r, lang), 34), fontsize=8.5)
        ax.set_xlabel(unit_label(str(r["unit"]), lang) + word("a_year", lang))
        hatched_any = hatched_any or any(b[4] for b in bars)
    if hatched_any:
        axes.flat[0].legend([Patch(facecolor="white", edgecolor="#555555", hatch="//")], [word("hatched_estimate", lang)],
                            loc="upper left", bbox_to_anchor=(0, -0.3), borderaxespad=0)
    behind = road[road["verdict"] == "behind"]
    names = _and([_in_sentence(name(r, lang)) for _, r in behind.iterrows()], lang)
    if lang == "vi":
        title = f"{len(behind)} mục tiêu năm 2021 đặt thấp hơn mức bình quân hằng năm của giai đoạn 2021-2025: {names}"
    else:
        title = f"{len(behind)} targets for 2021 fall short of the yearly average set for 2021-2025: {names}"
    return _finish(fig, title, lang=lang, context=outcomes, figure_ids=_figure_ids(outcomes, ids))


# --------------------------------------------------------------------------- all of them, saved


def figures(targets: pd.DataFrame, context: pd.DataFrame | None, lang: str = "en") -> dict[str, Figure]:
    """Every chart of the notebooks, by file stem, in reading order."""
    return {
        "01-targets-by-group": targets_by_group(targets, lang=lang),
        "03-economic-structure": economic_structure(targets, context, lang=lang),
        "03-growth-targets": growth_targets(targets, lang=lang),
        "03-steps-from-2020": steps_from_2020(targets, context, lang=lang),
        "04-distance-to-universal": distance_to_universal(targets, lang=lang),
        "04-enrolment": enrolment(targets, lang=lang),
        "04-health": health(targets, lang=lang),
        "04-poverty-and-jobs": poverty_and_jobs(targets, context, lang=lang),
        "04-culture": distance_to_universal(targets, lang=lang, ids=CULTURE),
        **({} if context is None or "indicator_id" not in context.columns else {
            "05-coverage": coverage(scorecard(targets, context), lang=lang),
            "05-road-levels": road_to_2025(targets, context, lang=lang),
            "05-road-shares": road_to_2025(targets, context, lang=lang, ids=ROAD_SHARES),
            "05-pace": pace_to_2025(targets, context, lang=lang),
        }),
    }


def save(fig: Figure, stem: Path) -> list[Path]:
    """Write ``stem``.svg and ``stem``.png, with nothing in them that changes from one build to the next."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.parent / f"{stem.name}.svg", stem.parent / f"{stem.name}.png"]
    svg = io.StringIO()
    with mpl.rc_context(fname=STYLE):
        fig.savefig(svg, format="svg", metadata={"Date": None})
        fig.savefig(paths[1], format="png", metadata={"Software": None})
    paths[0].write_text(_stable_ids(svg.getvalue()), encoding="utf-8")
    return paths


def _stable_ids(svg: str) -> str:
    """Number the SVG's clip-path and hatch ids in order of appearance.

    matplotlib names them by hashing their geometry (salted by ``svg.hashsalt``), and the
    last bits of a layout's floats can differ from one build to the next even when the
    drawing does not: the ids then differ although the picture is the same.
    """
    hashed = list(dict.fromkeys(re.findall(r'id="([a-z][0-9a-f]{10})"', svg)))
    for number, old in enumerate(hashed):
        svg = re.sub(rf'(?<=["#]){old}(?=[")])', f"{old[0]}{number}", svg)
    return svg
