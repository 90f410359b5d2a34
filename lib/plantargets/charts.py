"""Charts of the plan's priorities: each function takes the targets table and returns a Figure.

Every figure uses the one style file shipped here (``plantargets.mplstyle``), has a title
that states what it shows (with numbers from the data), axis labels with units, and the
source note at the bottom. Labels come from the data's ``name_vi`` or ``name_en``
(``lang="vi"`` or ``"en"``); every other word a chart shows (titles, axis labels, legends,
ticks, the source note) is a message of the catalogue (``plantargets.i18n``), and every
number is written in the language's notation. Figures are built with
``matplotlib.figure.Figure``, outside pyplot, so a notebook shows each one once and nothing
is left open.

``save(fig, stem)`` writes SVG and PNG that are byte-identical from one build to the next.
"""

from __future__ import annotations

import contextvars
import functools
import io
import math
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from . import i18n, sources
from .i18n import N_, NP_, messages
from .load import COUNT_UNITS
from .numbers import decimals
from .scoring import road_to_2025 as road_table
from .scoring import scorecard

STYLE = Path(__file__).with_name("plantargets.mplstyle")
LANGS = i18n.LANGS
#: The source note of the chart being built (``styled`` sets it from the plans of the chart's table).
_NOTE: contextvars.ContextVar[str | None] = contextvars.ContextVar("source_note", default=None)

#: Okabe & Ito's colours, by role.
COLOURS = {
    "target": "#0072B2", "baseline": "#999999", "gap": "#E5E5E5", "reference": "#D55E00",
    "ceiling": "#CC79A7", "pace": "#000000",
}
KIND_COLOURS = {
    "level": "#0072B2", "growth rate": "#E69F00", "share of a total": "#56B4E9", "coverage rate": "#009E73",
    "reduction": "#CC79A7", "count": "#D55E00", "qualitative": "#999999",
}
#: The statuses of the scorecard, in the order they are stacked, with their colours and their words (the
#: scorecard's vocabulary, context ``status``). A kind's word is ``msg.pgettext("kind", kind)``, a unit's
#: ``msg.pgettext("unit", unit)``: the data's vocabulary, in the catalogue.
STATUS_STYLE = {
    "met": ("#009E73", NP_("status", "met")),
    "missed": ("#D55E00", NP_("status", "missed")),
    "undetermined": ("#E69F00", NP_("status", "undetermined")),
    "no published result": ("#E5E5E5", NP_("status", "no published result")),
}
#: The resolution's words for a bound before a number, found in a target's clause, as a label says them.
BOUND_WORDS = {"dưới": N_("under {number}%"), "trên": N_("over {number}%")}

#: The themes (data/targets.csv, column ``theme``, described in data/datapackage.json) that charts are drawn for.
#: Which targets a chart shows is decided by the data: their theme, kind and unit, never a list of ids.
HEADLINE = "output"  # the growth target of this theme is the reference line of the growth chart
STRUCTURE = "economic structure"
UNIVERSAL = "universal services"
CULTURED = "cultured standards"
ENROLMENT = "enrolment"
CEILINGS = "child malnutrition"
HEALTH_CARE = "health care"
POVERTY = "poverty"
JOBS = "jobs"
#: A coverage target this high is near universal (the title of distance_to_universal counts them).
NEAR_UNIVERSAL = 95


def source_note(lang: str = "en", plans: pd.DataFrame | None = None) -> str:
    """The note under every chart: the resolution the targets come from (data/plans.csv)."""
    return sources.source_note(lang, plans)


def of_theme(targets: pd.DataFrame, *themes: str) -> pd.DataFrame:
    """The numeric targets of ``themes``, in the order of the file."""
    rows = targets[targets["theme"].astype(str).isin(themes) & targets["value"].notna()]
    return rows.reset_index(drop=True)


def growth_rates(targets: pd.DataFrame) -> pd.DataFrame:
    """The growth-rate targets, in the order of the file."""
    return targets[(targets["kind"].astype(str) == "growth rate") & targets["value"].notna()].reset_index(drop=True)


# --------------------------------------------------------------------------- helpers


def styled(chart):
    """Build the chart inside the project's style, and check the language first."""

    @functools.wraps(chart)
    def build(table: pd.DataFrame, *args, lang: str = "en", plans: pd.DataFrame | None = None, **kwargs) -> Figure:
        i18n.check_lang(lang)
        token = _NOTE.set(source_note(lang, sources.plans_of(table, plans)))
        try:
            with mpl.rc_context(fname=STYLE):
                return chart(table, *args, lang=lang, **kwargs)
        finally:
            _NOTE.reset(token)

    return build


def _new_figure(width: float = 8.0, height: float = 4.5, nrows: int = 1, ncols: int = 1, **kw):
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, **kw)
    return fig, axes


def _finish(fig: Figure, title: str, *, lang: str = "en", context=None, figure_ids=()) -> Figure:
    """The title and the source note; outside figures used are credited to their publishers on a second line."""
    msg = messages(lang)
    fig.suptitle(textwrap.fill(title, int(fig.get_figwidth() * 8.4), break_on_hyphens=False), x=0.01, ha="left")
    note = _NOTE.get() or source_note(lang)
    width = int(fig.get_figwidth() * 17)  # what fits on a line of the note, in characters
    note = "\n".join(textwrap.fill(line, width) if len(line) > width else line for line in note.split("\n"))
    if figure_ids:
        used = context.loc[list(figure_ids)]
        # the outlet that was read: the name before its site in brackets, or after 'as reported by'
        outlets = used["publisher"].str.split(r" as reported by |, theo ", regex=True).str[-1].str.split(" [(]").str[0]
        publishers = dict.fromkeys(outlets)
        files = ", ".join("data/" + f for f in sorted(set(used["file"])))
        credit = msg("Figures from outside the resolution: {publishers} (quoted in {files})",
                     publishers="; ".join(publishers), files=files)
        note += "\n" + textwrap.fill(credit, int(fig.get_figwidth() * 15))
    fig.text(0.01, 0.01, note, ha="left", va="bottom", fontsize=7.5, color="#555555", gid="source")
    bottom = (0.12 + 0.14 * (note.count("\n") + 1)) / fig.get_figheight()  # room for the note's lines, in inches
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    described(fig, lang)
    return fig


# --------------------------------------------------------------------------- what a chart shows, in words

_LETTER = re.compile(r"[^\W\d_]")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _placed(artist, text: str) -> tuple[float, float, str, float]:
    """Where an artist is drawn, in pixels: its centre (x, y), a text, and its left edge."""
    box = artist.get_window_extent()
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, text, box.x0


def _by_tick(ax, texts: list[tuple[float, float, str, float]]) -> list[tuple[str, list[str]]]:
    """The texts drawn on a panel, by category: each label of the axis whose tick labels are words, with the texts
    drawn nearest to it, top to bottom or left to right ([('Services', ['39.22'])...]); a label with no text near it
    is left out. On a panel whose axes are both numbers (years), the texts from left to right under one label,
    the span of the x axis ('2020-2025'), as a text beside a point is not always nearest to its own year."""
    axis = "y" if any(_LETTER.search(t.get_text()) for t in ax.get_yticklabels()) else "x"
    along = 0 if axis == "x" else 1
    labels = [label for label in getattr(ax, f"get_{axis}ticklabels")() if label.get_visible() and label.get_text().strip()]
    if not labels or not texts:
        return []
    if not any(_LETTER.search(label.get_text()) for label in labels):
        span = f"{_one_line(labels[0].get_text())}-{_one_line(labels[-1].get_text())}"
        return [(span, [point[2] for point in sorted(texts, key=lambda point: point[3])])]
    ticks = [(_placed(label, '')[along], _one_line(label.get_text())) for label in labels]
    near: dict[int, list[str]] = {}
    for point in texts:
        nearest = min(range(len(ticks)), key=lambda i: abs(ticks[i][0] - point[along]))
        near.setdefault(nearest, []).append(point[2])
    order = sorted(near, key=lambda i: ticks[i][0], reverse=axis == "y")
    return [(ticks[i][1], near[i]) for i in order]


def _bars_by_label(ax) -> list[tuple[float, float, str, float]]:
    """For bars drawn without value labels (stacked counts), each bar's series and size, where it is drawn."""
    from matplotlib.container import BarContainer

    found = []
    for container in ax.containers:
        if not isinstance(container, BarContainer) or str(container.get_label()).startswith("_"):
            continue
        horizontal = container.orientation == "horizontal"
        for bar in container:
            size = bar.get_width() if horizontal else bar.get_height()
            if size:
                found.append(_placed(bar, f"{container.get_label()} {size:g}"))
    return found


def _said(text) -> bool:
    """A text that its chart labelled with what it is (``label=``): matplotlib's own labels start with '_'."""
    return bool(text.get_label()) and not text.get_label().startswith("_")


def describe(fig: Figure, lang: str = "en") -> str:
    """What a chart shows, in words, from what was drawn: its title, then for each panel its heading and unit, each
    category (or year) with the values written beside it, and the legend. The alternative text of its image."""
    msg = messages(lang)
    fig.draw_without_rendering()  # where each text and bar lands, once laid out
    parts = [_one_line(fig.get_suptitle())]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        shown = [tx for tx in ax.texts if tx.get_visible() and tx.get_text().strip()]
        # a text the chart labelled says what it is ('2021 target', 'change from 2020'); the others are paired with
        # the category they are drawn at
        labelled = [(_one_line(tx.get_label()), _one_line(tx.get_text())) for tx in shown if _said(tx)]
        texts = [_placed(tx, _one_line(tx.get_text())) for tx in shown if not _said(tx)]
        values = _by_tick(ax, texts or ([] if labelled else _bars_by_label(ax))) + [(label, [text]) for label, text in labelled]
        entries = "; ".join(msg("{label}: {values}", label=label, values=", ".join(found)) if found else label
                            for label, found in values)
        heading = " ".join(_one_line(ax.get_title(loc=loc)) for loc in ("left", "center", "right") if ax.get_title(loc=loc))
        unit = _one_line(ax.get_xlabel() if any(_LETTER.search(t.get_text()) for t in ax.get_yticklabels()) else ax.get_ylabel())
        legend = ax.get_legend()
        legend_items = [_one_line(t.get_text()) for t in legend.get_texts()] if legend is not None else []
        if not (entries or legend_items):
            continue
        panel = msg("{heading} ({unit})", heading=heading, unit=unit) if heading and unit else heading or unit
        line = msg("{panel}: {entries}", panel=panel, entries=entries) if panel and entries else entries
        if legend_items:
            line = (line + ". " if line else "") + msg("Legend: {items}", items="; ".join(legend_items))
        parts.append(line)
    return ". ".join(p.rstrip(".") for p in parts if p) + "."


def described(fig: Figure, lang: str = "en") -> Figure:
    """``fig`` with its description (``describe``) as the alternative text of its image when a notebook shows it;
    ``description(fig)`` gives it elsewhere."""
    # IPython keeps the metadata of an object's mime bundle beside the PNG that matplotlib's inline backend draws,
    # and nbconvert writes metadata["image/png"]["alt"] as the image's alt (the report's notebook pages). Described
    # when shown, not when drawn: a chart only saved to a file is not laid out twice.
    fig._repr_mimebundle_ = lambda include=None, exclude=None: ({}, {"image/png": {"alt": describe(fig, lang)}})
    fig.plantargets_lang = lang
    return fig


def description(fig: Figure) -> str:
    """The description of a chart of this module (``describe``), in the language it was drawn in."""
    return describe(fig, getattr(fig, "plantargets_lang", "en"))


def _rows(targets: pd.DataFrame, ids) -> pd.DataFrame:
    """The targets ``ids``, in that order; an id the table lacks is an error, not a gap."""
    table = targets.set_index("indicator_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise KeyError(f"the targets table has no {', '.join(missing)}")
    return table.loc[list(ids)].reset_index()


def name(row: pd.Series, lang: str, short: bool = False) -> str:
    """The indicator's name in ``lang``; ``short`` drops a prefix such as 'Economic structure:' that a chart's title already says."""
    text = row[f"name_{i18n.check_lang(lang)}"]
    if short:
        text = text.split(": ", 1)[-1]
    return text[:1].upper() + text[1:]


_in_sentence = i18n.in_sentence


def plain(row: pd.Series, lang: str) -> str:
    """The value as stated, with its stated decimals, without its bound sign: '7,96' in Vietnamese, '7.96' in English."""
    written = str(row["value_as_written"])
    return messages(lang).number(Decimal(written.replace(".", "").replace(",", ".")), decimals(written))


def stated(row: pd.Series, lang: str) -> str:
    """The value as the resolution states it ('7,96'), or in English notation ('7.96'), with its bound sign."""
    return {">=": "≥ ", "<=": "≤ "}.get(str(row["comparator"]), "") + plain(row, lang)


def _percent(msg, number: str) -> str:
    """'7,96%': a number, already written, as a percentage."""
    return msg("{number}%", number=number)


def _axis_numbers(axis, lang: str) -> None:
    """Tick labels in the notation of ``lang``: '250.000' in Vietnamese, '250,000' in English."""
    msg = messages(lang)
    axis.set_major_formatter(FuncFormatter(lambda value, _: msg.number(value)))


def _wrap(text: str, width: int = 34) -> str:
    return textwrap.fill(text, width, break_long_words=False)


def unit_label(unit: str, lang: str) -> str:
    """The unit on an axis, in ``lang``: the data's vocabulary (context ``unit``), but '%' for a percentage."""
    msg = messages(lang)
    return msg.pgettext("axis", "%") if unit == "percent" else msg.pgettext("unit", unit)


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
    msg = messages(lang)
    label = f"group_{lang}"
    counts = targets.groupby(["group", label, "kind"], observed=True).size().unstack("kind", fill_value=0)
    kinds = [k for k in KIND_COLOURS if k in counts.columns]
    counts = counts[kinds]
    fig, axes = _new_figure(8, 4.8)
    ax = axes[0, 0]
    positions = np.arange(len(counts))[::-1]
    left = np.zeros(len(counts))
    for kind in kinds:
        ax.barh(positions, counts[kind], left=left, color=KIND_COLOURS[kind], label=msg.pgettext("kind", kind),
                gid=f"kind:{kind}")
        left += counts[kind].to_numpy()
    ax.set_yticks(positions, [f"({g}) {text}" for g, text in counts.index])
    ax.set_xlabel(msg("Number of targets"))
    ax.grid(axis="y", visible=False)
    _legend_below(ax, ncols=4)
    totals = counts.sum(axis=1)
    top = [f"({g}) {_in_sentence(text)}" for (g, text), n in totals.items() if n == totals.max()]
    title = msg.ngettext("{n} group sets the most targets, {most}: {groups}",
                         "{n} groups set the most targets, {most} each: {groups}", len(top),
                         most=msg.number(totals.max()), groups="; ".join(top))
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
    msg = messages(lang)
    shares = of_theme(targets, STRUCTURE)
    shares = shares[shares["kind"].astype(str) == "share of a total"].sort_values("value", ascending=False)
    fig, axes = _new_figure(8, 4.2)
    ax = axes[0, 0]
    _barh(ax, shares, lang, inside="end", short=True)
    ax.set_xlabel(msg("% of GRDP"))
    base = _baselines(targets, context).merge(shares[["indicator_id"]].reset_index(drop=True).reset_index(), on="indicator_id")
    for _, b in base.iterrows():
        y = len(shares) - 1 - b["index"]
        marker_label = msg("2020 (estimate)") if b["estimate"] else msg("2020")
        ax.plot([b["baseline"]], [y], marker="D", markersize=7, markerfacecolor="white", markeredgecolor="black",
                linestyle="none", label=marker_label, gid=f"baseline:{b['indicator_id']}")
    if len(base):
        _legend_below(ax)
    ax.set_xlim(0, shares["value"].max() * 1.2)
    first, second = shares.iloc[0], shares.iloc[1]
    parts = msg.join([msg("{sector} ({share}%)", sector=name(first, lang, True), share=plain(first, lang)),
                      msg("{sector} ({share}%)", sector=_in_sentence(name(second, lang, True)), share=plain(second, lang))])
    title = msg("{sectors} make up {together}% of GRDP in the plan", sectors=parts,
                together=msg.number(first["value"] + second["value"], 2))
    return _finish(fig, title, lang=lang, context=context, figure_ids=list(base["figure_id"]))


@styled
def growth_targets(targets: pd.DataFrame, *, lang: str = "en") -> Figure:
    """The growth-rate targets side by side, fastest first, with the headline growth target (theme ``output``:
    GRDP growth) as a reference line."""
    msg = messages(lang)
    rows = growth_rates(targets).sort_values("value", ascending=False)
    fig, axes = _new_figure(8, 4.2)
    ax = axes[0, 0]
    _barh(ax, rows, lang, inside="start")
    headline = growth_rates(of_theme(targets, HEADLINE))
    if len(headline):
        grdp = headline.iloc[0]
        ax.axvline(grdp["value"], color=COLOURS["reference"], linewidth=1.2, linestyle="--",
                   gid=f"reference:{grdp['indicator_id']}", label=msg("{name}: {rate}%", name=name(grdp, lang), rate=plain(grdp, lang)))
        _legend_below(ax)
    ax.set_xlabel(msg("% a year"))
    ax.set_xlim(0, rows["value"].max() * 1.15)
    top, rest = rows.iloc[0], rows.iloc[1:]
    title = msg("{name} has the highest growth target, {rate}%; the others run from {low}% to {high}%",
                name=name(top, lang), rate=plain(top, lang), low=msg.number(rest["value"].min()),
                high=msg.number(rest["value"].max()))
    return _finish(fig, title, lang=lang)


@styled
def steps_from_2020(targets: pd.DataFrame, context: pd.DataFrame | None, *, lang: str = "en") -> Figure:
    """For each target with a known 2020 value of the same measure: the 2020 value and the 2021 target."""
    msg = messages(lang)
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

    def pct(value: float) -> str:  # '+9.3%', '−10.5%'
        return _percent(msg, msg.number(value, 1, sign=True))

    for ax, (_, r) in zip(axes.flat, rows.iterrows()):
        # an estimate says so under the year, on a line of its own
        baseline_label = msg("2020 (estimate)").replace(" (", "\n(", 1) if r["estimate"] else msg("2020")
        bars = ax.bar([0, 1], [r["baseline"], r["value"]], color=[COLOURS["baseline"], COLOURS["target"]],
                      hatch=["//" if r["estimate"] else "", ""], edgecolor="white", gid=f"step:{r['indicator_id']}")
        ax.bar_label(bars, labels=[msg.number(r["baseline"]), stated(r, lang)], padding=2, fontsize=8)
        change = (msg("{number} points", number=msg.number(r["change"], 1, sign=True)) if r["is_rate"]
                  else pct(r["change"]))
        ax.text(0.5, 0.97, change, transform=ax.transAxes, ha="center", va="top", fontsize=8.5, fontweight="bold",
                gid="change", label=msg("change from 2020 to the 2021 target"))
        _axis_numbers(ax.yaxis, lang)
        ax.set_xticks([0, 1], [baseline_label, msg("2021 target")])
        ax.set_title(_wrap(name(r, lang), 30), fontsize=8.5)
        ax.set_ylabel(unit_label(str(r["unit"]), lang))
        ax.set_ylim(0, max(r["baseline"], r["value"]) * 1.3)
        ax.grid(axis="x", visible=False)
    # Like with like: an amount of money in current prices rises with prices too (nominal); volumes do not.
    amounts = rows[~rows["is_rate"]]
    money = amounts[amounts["unit"].astype(str).str.contains("VND")]
    volumes = amounts[~amounts.index.isin(money.index) & (amounts["change"] > 0)]
    down = rows[rows["change"] < 0]
    parts = [msg("{name}: {change} on 2020, presumably in current prices (nominal)",
                 name=_in_sentence(name(r, lang)), change=pct(r["change"]))
             for _, r in money.iterrows()]
    if len(volumes):
        top = volumes.loc[volumes["change"].idxmax()]
        parts.append(msg("the largest rise in volume: {name}, {change}", name=_in_sentence(name(top, lang)),
                         change=pct(top["change"])))
    if len(down):
        parts.append(msg("set below 2020: {names}", names=msg.join([_in_sentence(name(r, lang)) for _, r in down.iterrows()])))
    title = "; ".join(parts)
    title = title[0].upper() + title[1:]
    return _finish(fig, title, lang=lang, context=context, figure_ids=list(rows["figure_id"]))


# --------------------------------------------------------------------------- 04: society


@styled
def distance_to_universal(targets: pd.DataFrame, *, lang: str = "en", theme: str = UNIVERSAL) -> Figure:
    """The coverage targets of ``theme`` against 100%: each bar is the target, the grey rest what is left to reach
    universal."""
    msg = messages(lang)
    rows = of_theme(targets, theme).sort_values("value", ascending=False)
    fig, axes = _new_figure(8.5, 0.42 * len(rows) + 1.6)
    ax = axes[0, 0]
    bars = _barh(ax, rows, lang, wrap=44, inside="end")
    positions = [b.get_y() + b.get_height() / 2 for b in bars]
    ax.barh(positions, 100 - rows["value"], left=rows["value"], color=COLOURS["gap"], gid="gap",
            label=msg("short of 100%"))
    ax.axvline(100, color="black", linewidth=0.8, gid="universal")
    ax.set_xlim(0, 100)
    ax.set_xlabel(unit_label("percent", lang))
    _legend_below(ax)
    lowest = rows.iloc[-1]
    near = int((rows["value"] >= NEAR_UNIVERSAL).sum())
    title = msg.ngettext(
        "{n} of {total} is {threshold}% or more; furthest from 100%: {name}, {gap} points short",
        "{n} of {total} are {threshold}% or more; furthest from 100%: {name}, {gap} points short", near,
        total=msg.number(len(rows)), threshold=msg.number(NEAR_UNIVERSAL), name=_in_sentence(name(lowest, lang)),
        gap=msg.number(100 - lowest["value"], decimals(str(lowest["value_as_written"]))))
    return _finish(fig, title, lang=lang)


@styled
def enrolment(targets: pd.DataFrame, *, lang: str = "en") -> Figure:
    """School-age enrolment targets (theme ``enrolment``) by level, in school order (the order of the file)."""
    msg = messages(lang)
    rows = of_theme(targets, ENROLMENT)
    fig, axes = _new_figure(8, 4.2)
    ax = axes[0, 0]
    labels = [_wrap(name(r, lang, short=True), 18) for _, r in rows.iterrows()]
    bars = ax.bar(np.arange(len(rows)), rows["value"], color=COLOURS["target"], gid="target")
    ax.set_xticks(np.arange(len(rows)), labels)
    for bar, (_, r) in zip(bars, rows.iterrows()):  # inside the top of the bar: the 100% line runs above
        ax.annotate(_percent(msg, stated(r, lang)), xy=(bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, -5), textcoords="offset points", ha="center", va="top", color="white", fontweight="bold",
                    gid="value-label")
    ax.axhline(100, color="black", linewidth=0.8, gid="universal", label=_percent(msg, msg.number(100)))
    ax.set_ylim(0, 110)
    ax.set_ylabel(unit_label("percent", lang))
    ax.grid(axis="x", visible=False)
    _axis_numbers(ax.yaxis, lang)
    _legend_below(ax)
    last = rows.iloc[-1]
    highest = rows.loc[rows["value"].idxmax()]
    level = lambda r: _in_sentence(name(r, lang, short=True))  # noqa: E731
    values = dict(highest=level(highest), high=plain(highest, lang), lowest=level(last), low=plain(last, lang))
    if str(last["comparator"]) == ">=":
        title = msg("The enrolment target is highest for {highest} ({high}%) and lowest for {lowest} ({low}% or more)",
                    **values)
    else:
        title = msg("The enrolment target is highest for {highest} ({high}%) and lowest for {lowest} ({low}%)", **values)
    return _finish(fig, title, lang=lang)


def _single_bar(ax, row: pd.Series, lang: str, *, wrap: int) -> None:
    """One target as one bar; a percentage is drawn against 100%, with the rest in grey."""
    msg = messages(lang)
    percent = str(row["unit"]) == "percent"
    bars = ax.bar([0], [row["value"]], color=COLOURS["target"], gid="target")
    if percent:
        ax.bar([0], [100 - row["value"]], bottom=[row["value"]], color=COLOURS["gap"], gid="gap")
    label = _percent(msg, stated(row, lang)) if percent else stated(row, lang)
    ax.bar_label(bars, labels=[label], label_type="center" if percent else "edge",
                 color="white" if percent else "black", padding=0 if percent else 2)
    ax.set_xticks([0], [_wrap(name(row, lang), wrap)])
    ax.set_ylim(0, 100 if percent else row["value"] * 1.3)
    ax.set_ylabel(unit_label(str(row["unit"]), lang))
    ax.grid(axis="x", visible=False)


@styled
def health(targets: pd.DataFrame, *, lang: str = "en") -> Figure:
    """The ceilings on child malnutrition (theme ``child malnutrition``), then one panel for each target of the
    theme ``health care``."""
    msg = messages(lang)
    ceilings, care = of_theme(targets, CEILINGS), of_theme(targets, HEALTH_CARE)
    fig, axes = _new_figure(3.2 + 2.1 * len(care), 3.6, 1, 1 + len(care), width_ratios=[2.2] + [1.2] * len(care))
    ax = axes[0, 0]
    _barh(ax, ceilings, lang, colour=COLOURS["ceiling"], gid="ceiling", wrap=30)
    ax.set_xlim(0, ceilings["value"].max() * 1.35)
    ax.set_xlabel(unit_label("percent", lang))
    ax.set_title(msg("Ceiling (at most)"))
    for k, (_, row) in enumerate(care.iterrows()):
        _single_bar(axes[0, 1 + k], row, lang, wrap=18)
    higher, lower = ceilings.sort_values("value", ascending=False).iloc[0], ceilings.sort_values("value").iloc[0]

    def ceiling(r) -> str:  # with the resolution's own word for its bound, where it has one ('dưới 18,79%')
        clause, written = str(r["source_text"]), re.escape(str(r["value_as_written"]))
        for vi_word, message in BOUND_WORDS.items():
            if re.search(rf"(?<!\w){vi_word}\s+{written}", clause):
                return msg(message, number=plain(r, lang))
        return msg.pgettext("ceiling", "{number}%", number=plain(r, lang))

    title = msg("The ceiling for {higher} ({higher_value}) is {gap} points above that for {lower} ({lower_value})",
                higher=_in_sentence(name(higher, lang)), higher_value=ceiling(higher),
                lower=_in_sentence(name(lower, lang)), lower_value=ceiling(lower),
                gap=msg.number(higher["value"] - lower["value"], 2))
    return _finish(fig, title, lang=lang)


@styled
def poverty_and_jobs(targets: pd.DataFrame, context: pd.DataFrame | None = None, *, lang: str = "en") -> Figure:
    """The targets of the themes ``poverty`` and ``jobs``, one panel each, with the yearly figure that a later plan
    gives for 2021-2025 (outcomes.csv: role ``plan``, a yearly average) marked on a target's bar."""
    msg = messages(lang)
    panels = [rows for rows in (of_theme(targets, POVERTY), of_theme(targets, JOBS)) if len(rows)]
    fig, axes = _new_figure(9, 3.9, 1, len(panels))
    yearly = _yearly_figures(context)
    used, compared = [], []
    for ax, rows in zip(axes.flat, panels):
        bars = _barh(ax, rows, lang, wrap=26, inside="start")
        ax.set_xlabel(unit_label(str(rows.iloc[0]["unit"]), lang))
        ax.set_xlim(0, rows["value"].max() * 1.45)
        for bar, (_, row) in zip(bars, rows.iterrows()):
            if row["indicator_id"] not in yearly.index:
                continue
            figure_id = yearly.at[row["indicator_id"], "figure_id"]
            pace = float(yearly.at[row["indicator_id"], "value"])
            used.append(figure_id)
            compared.append((row, pace))
            y = bar.get_y() + bar.get_height() / 2
            ax.plot([pace], [y], marker="|", markersize=18, markeredgewidth=2.5, color=COLOURS["pace"],
                    linestyle="none", gid=f"pace:{figure_id}")
    if used:
        axes[0, 0].plot([], [], marker="|", markersize=12, markeredgewidth=2.5, color=COLOURS["pace"], linestyle="none",
                        label=msg("Yearly figure for 2021-2025"))
        _legend_below(axes[0, 0])

    def against(row, pace):  # 'jobs created 7,650 against 8,500'
        return msg("{name} {value} against {pace}", name=_in_sentence(name(row, lang)), value=plain(row, lang),
                   pace=msg.plain(pace))

    short = [against(r, p) for r, p in compared if r["value"] < p]
    reached = [against(r, p) for r, p in compared if r["value"] >= p]
    if compared:
        parts = []
        if short:
            parts.append(msg("Below the yearly figure reported for 2021-2025: {targets}", targets=msg.join(short)))
        if reached:
            parts.append(msg("at or above it: {targets}", targets=msg.join(reached)) if short
                         else msg("At or above the yearly figure reported for 2021-2025: {targets}", targets=msg.join(reached)))
        title = "; ".join(parts)
    else:
        title = msg("Poverty and jobs: {targets}", targets=msg.join(
            [msg("{name} {value}", name=_in_sentence(name(r, lang)), value=plain(r, lang)) for rows in panels for _, r in rows.iterrows()]))
    return _finish(fig, title, lang=lang, context=context, figure_ids=used)


def _yearly_figures(context: pd.DataFrame | None) -> pd.DataFrame:
    """The yearly figure that a later plan gives each indicator for a period (one per indicator, the first listed)."""
    if context is None or "period_figure" not in context.columns:
        return pd.DataFrame(columns=["figure_id", "value"], index=pd.Index([], name="indicator_id"))
    rows = context[(context["role"].astype(str) == "plan") & (context["period_figure"].astype(str) == "yearly average")
                   & context["indicator_id"].notna()].reset_index()
    return rows.drop_duplicates("indicator_id").set_index("indicator_id")[["figure_id", "value"]]


def _steps_rows(targets, context):
    base = _baselines(targets, context)
    return targets[targets["indicator_id"].isin(base["indicator_id"])]


def _structure_rows(targets, context):
    rows = of_theme(targets, STRUCTURE)
    return rows[rows["kind"].astype(str) == "share of a total"]


def _at_least(n: int):
    return lambda t, c, rows: len(rows) >= n


#: The charts of the notebooks on the economy (03) and society (04), each with the targets it draws, chosen by the
#: data: (file stem, chart, the rows it draws from targets and context, whether the data hold enough to draw it).
THEMED_CHARTS = (
    ("03-economic-structure", lambda t, c, lang, plans: economic_structure(t, c, lang=lang, plans=plans), _structure_rows,
     _at_least(2)),
    ("03-growth-targets", lambda t, c, lang, plans: growth_targets(t, lang=lang, plans=plans), lambda t, c: growth_rates(t),
     _at_least(2)),
    ("03-steps-from-2020", lambda t, c, lang, plans: steps_from_2020(t, c, lang=lang, plans=plans), _steps_rows, _at_least(1)),
    ("04-distance-to-universal", lambda t, c, lang, plans: distance_to_universal(t, lang=lang, plans=plans),
     lambda t, c: of_theme(t, UNIVERSAL), _at_least(1)),
    ("04-enrolment", lambda t, c, lang, plans: enrolment(t, lang=lang, plans=plans), lambda t, c: of_theme(t, ENROLMENT),
     _at_least(1)),
    ("04-health", lambda t, c, lang, plans: health(t, lang=lang, plans=plans), lambda t, c: of_theme(t, CEILINGS, HEALTH_CARE),
     lambda t, c, rows: len(of_theme(t, CEILINGS)) >= 1),  # the ceilings' panel is the chart's first, and its title
    ("04-poverty-and-jobs", lambda t, c, lang, plans: poverty_and_jobs(t, c, lang=lang, plans=plans),
     lambda t, c: of_theme(t, POVERTY, JOBS), _at_least(1)),
    ("04-culture", lambda t, c, lang, plans: distance_to_universal(t, lang=lang, theme=CULTURED, plans=plans),
     lambda t, c: of_theme(t, CULTURED), _at_least(1)),
)


def charted(targets: pd.DataFrame, context: pd.DataFrame | None = None) -> set[str]:
    """The ids of the targets that the charts of notebooks 03 and 04 draw."""
    drawn = set()
    for _, _, draws, drawable in THEMED_CHARTS:
        rows = draws(targets, context)
        if drawable(targets, context, rows):
            drawn |= set(rows["indicator_id"])
    return drawn


def not_charted(targets: pd.DataFrame, groups, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """The targets of ``groups`` that no chart draws: what a notebook on those groups leaves to the tables."""
    rows = targets[targets["group"].isin(list(groups)) & ~targets["indicator_id"].isin(charted(targets, context))]
    return rows[["group", "indicator_id", "name_vi", "name_en", "value_as_written", "unit"]].reset_index(drop=True)


# --------------------------------------------------------------------------- 05: plan against outcome

#: The themes whose shares and coverage rates the second road chart draws: the economy and the land.
ROAD_SHARE_THEMES = (STRUCTURE, "new rural areas", "forests")


def _bounded(value: float, bound: str, lang: str, places: int | None = None) -> str:
    """A number with its bound as a sign, as the targets are labelled: '≥ 2,000'."""
    return {"at least": "≥ ", "at most": "≤ "}.get(str(bound), "") + messages(lang).number(value, places)


@styled
def coverage(card: pd.DataFrame, *, lang: str = "en") -> Figure:
    """How many numeric targets of the key indicators are met, missed, undetermined or without a published result, by group.

    ``card`` is the table of ``scorecard()``; a segment of results that are estimates is hatched.
    """
    msg = messages(lang)
    card = card[card["key_target"].astype(bool) & card["target"].notna()]
    label = f"group_{lang}"
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
                    label=None if labelled else msg.pgettext(*words),
                    gid=f"status:{status}" + (":estimate" if estimate else ""))
            labelled = True
            left += counts
    handles, labels = ax.get_legend_handles_labels()
    if estimates.any():
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="//"))
        labels.append(msg("hatched: an estimate"))
    ax.set_yticks(positions, [f"({g}) {_wrap(text, 40)}" for g, text in groups.items()])
    ax.set_xlabel(msg("Number of targets"))
    ax.grid(axis="y", visible=False)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, -0.16), ncols=3, borderaxespad=0)
    judged = int(card["status"].isin(["met", "missed"]).sum())
    met, missed = int((card["status"] == "met").sum()), int((card["status"] == "missed").sum())
    decided = card[card["status"].isin(["met", "missed"])]
    none_final = len(decided) > 0 and not decided["result_final"].fillna(False).astype(bool).any()
    values = dict(judged=msg.number(judged), total=msg.number(len(card)), met=msg.number(met), missed=msg.number(missed))
    if none_final:
        title = msg("Only {judged} of the {total} numeric targets can be judged against a published result: {met} met, "
                    "{missed} missed (none a final statistics-office figure)", **values)
    else:
        title = msg("Only {judged} of the {total} numeric targets can be judged against a published result: {met} met, "
                    "{missed} missed", **values)
    sources = card.dropna(subset=["result_figure"]).set_index("result_figure").assign(file="outcomes.csv")
    return _finish(fig, title, lang=lang, context=sources, figure_ids=list(sources.index))


def road_rows(targets: pd.DataFrame, outcomes: pd.DataFrame, measure: str = "level", themes=None) -> list[str]:
    """The ids of the targets the five-year plan's table measures as ``measure`` ('level', 'share', 'yearly rate'...),
    of ``themes`` when given, in the order of the targets' file."""
    road = road_table(targets, outcomes)
    ids = set(road.loc[road["measure"].astype(str) == measure, "indicator_id"])
    rows = targets[targets["indicator_id"].isin(ids)]
    if themes is not None:
        rows = rows[rows["theme"].astype(str).isin(list(themes))]
    return list(rows["indicator_id"])


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
    msg = messages(lang)
    number = {"at least": "≥ ", "at most": "≤ "}.get(str(bound), "") + msg.number(value, 1 if measure == "level" else 2, sign=True)
    if measure == "level":
        return msg("{number}% a year", number=number)
    return msg("{number} points a year", number=number)


@styled
def road_to_2025(targets: pd.DataFrame, outcomes: pd.DataFrame, *, lang: str = "en", measure: str = "level",
                 themes=None) -> Figure:
    """One panel per indicator on a time axis: the 2020 value, the 2021 target and result, the 2022 plan, the 2025 target.

    The dashed line is the road from the 2021 target to the 2025 target, the dotted one the
    road from a published 2021 result; the text in each panel gives the yearly pace each
    needs. A hollow marker is an estimate; '≥' marks a floor. Shares and coverage rates are
    drawn with the same span of points in every panel, so that slopes compare.

    The panels are the targets that the five-year plan's table measures as ``measure`` (``road_rows``), of
    ``themes`` when given.
    """
    msg = messages(lang)
    ids = road_rows(targets, outcomes, measure, themes)
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
    legend_words = {"baseline": msg("2020"), "target2021": msg("2021 target"), "result": msg("2021 result"),
                    "plan2022": msg("2022 plan"), "target2025": msg("2025 target")}
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
        pace = _pace_text(r["pace_after_target"], r["pace_after_target_bound"], r["measure"], lang)
        paces = [(msg("{pace} (from the 2021 target)", pace=pace), blue)]
        if pd.notna(r["pace_after_result"]):
            ax.plot([2021, 2025], [r["result_2021"], r["target_2025"]], color=result_colour, linestyle=":", linewidth=1.4,
                    gid=f"road-from-result:{iid}")
            pace = _pace_text(r["pace_after_result"], r["pace_after_result_bound"], r["measure"], lang)
            paces.append((msg("{pace} (from the 2021 result)", pace=pace), result_colour))
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
            what = msg("{value} (an estimate)", value=legend_words[gid]) if hollow else legend_words[gid]  # its description
            if gid == "result":  # beside the 2021 target: its label goes above it, or below when the result is lower
                up = value >= r["target_2021"]
                ax.annotate(text, xy=(year, value), xytext=(0, 8 if up else -8), textcoords="offset points", fontsize=7.5,
                            ha="center", va="bottom" if up else "top", gid="value-label", label=what)
            else:
                ax.annotate(text, xy=(year, value), xytext=(7, 0), textcoords="offset points", fontsize=7.5,
                            ha="left", va="center", gid="value-label", label=what)
        for k, (text, colour) in enumerate(paces):  # the paces, top left, clear of the lines
            ax.text(0.02, 0.97 - 0.09 * k, text, transform=ax.transAxes, ha="left", va="top", fontsize=7.5,
                    color=colour, gid="pace-label", label=msg("pace needed in 2022-2025"))
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
    handles, labels = [], []
    for gid, words in legend_words.items():
        if gid in drawn:
            marker, colour, size = styles[gid]
            all_hollow = drawn[gid] == {True}
            handles.append(Line2D([], [], marker=marker, markersize=size, color=colour,
                                  markerfacecolor="white" if all_hollow else colour, linestyle="none"))
            labels.append(words)
    if hollow_drawn:
        handles.append(Line2D([], [], marker="o", color="#555555", markerfacecolor="white", linestyle="none"))
        labels.append(msg("hollow marker: an estimate"))
    legend_ax.legend(handles, labels, loc="center", ncols=len(handles))
    title = _road_title(road, lang)
    return _finish(fig, title, lang=lang, context=outcomes, figure_ids=_figure_ids(outcomes, ids))


def _road_title(road: pd.DataFrame, lang: str) -> str:
    """Levels: which must grow fastest after 2021 (and what a published result leaves). Shares: which rises and falls most."""
    msg = messages(lang)
    levels, shares = road[road["measure"] == "level"], road[road["measure"] == "share"]
    parts = []
    if len(levels):
        top = levels.loc[levels["pace_after_target"].idxmax()]
        parts.append(msg("After the 2021 targets, {name} must grow fastest to reach 2025: {pace}% a year",
                         name=_in_sentence(name(top, lang)), pace=msg.number(top["pace_after_target"], 1)))
        for _, r in levels[levels["pace_after_result"].notna()].iterrows():
            parts.append(msg("after its 2021 result, {name} needs {pace}% a year", name=_in_sentence(name(r, lang)),
                             pace=msg.number(r["pace_after_result"], 1)))
    if len(shares):
        def called(r):  # a sector's share is named as one
            if str(r["kind"]) != "share of a total":
                return msg("the {indicator}", indicator=_in_sentence(name(r, lang)))
            return msg("the share of {sector}", sector=_in_sentence(name(r, lang, True)))

        up, down = shares.loc[shares["pace_after_target"].idxmax()], shares.loc[shares["pace_after_target"].idxmin()]
        values = dict(up=called(up), down=called(down), up_pace=msg.number(up["pace_after_target"], 2),
                      fall=msg.number(-down["pace_after_target"], 2))
        if str(up["pace_after_target_bound"]) == "at least":  # 'trên 57,5%' in 2025: the pace is a floor
            parts.append(msg("After 2021, {up} must rise fastest, at least {up_pace} points a year; {down} falls most, "
                             "{fall} points a year", **values))
        else:
            parts.append(msg("After 2021, {up} must rise fastest, {up_pace} points a year; {down} falls most, "
                             "{fall} points a year", **values))
    return "; ".join(parts)


@styled
def pace_to_2025(targets: pd.DataFrame, outcomes: pd.DataFrame, *, lang: str = "en", ids=None) -> Figure:
    """One panel per yearly target: the 2021 target (and result, and 2022 plan) against the five-year yearly average.

    ``ids`` defaults to every target whose five-year figure is a yearly rate or amount (or a total over the period,
    read as its yearly average), as the data say. The last bar is the yearly pace 2022-2025 must keep for the
    five-year average to hold.
    """
    msg = messages(lang)
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
        bars = [("target2021", msg("2021 target"), r["target_2021"], stated(r, lang), False),
                ("result", msg("2021 result"), r["result_2021"], None, bool(r["result_2021_estimate"]) if pd.notna(r["result_2021_estimate"]) else False),
                ("plan2022", msg("2022 plan"), r["plan_2022"], None, False),
                ("average", msg("Yearly average for 2021-2025"), r["target_2025"], None, False),
                ("needed", msg("Needed 2022-25 (from target)"), r["pace_after_target"], None, False),
                ("needed_result", msg("Needed 2022-25 (from result)"), r["pace_after_result"], None, False)]
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
        ax.set_xlabel(msg("{amount} a year", amount=unit_label(str(r["unit"]), lang)))
        hatched_any = hatched_any or any(b[4] for b in bars)
    if hatched_any:
        axes.flat[0].legend([Patch(facecolor="white", edgecolor="#555555", hatch="//")], [msg("hatched: an estimate")],
                            loc="upper left", bbox_to_anchor=(0, -0.3), borderaxespad=0)
    behind = road[road["verdict"] == "behind"]
    title = msg.ngettext("{n} target for 2021 falls short of the yearly average given for 2021-2025: {names}",
                         "{n} targets for 2021 fall short of the yearly average given for 2021-2025: {names}", len(behind),
                         names=msg.join([_in_sentence(name(r, lang)) for _, r in behind.iterrows()]))
    return _finish(fig, title, lang=lang, context=outcomes, figure_ids=_figure_ids(outcomes, ids))


# --------------------------------------------------------------------------- all of them, saved


def figures(targets: pd.DataFrame, context: pd.DataFrame | None, lang: str = "en",
            plans: pd.DataFrame | None = None) -> dict[str, Figure]:
    """Every chart of the notebooks, by file stem, in reading order: those whose targets the data hold (a plan
    without enrolment targets has no enrolment chart). ``plans`` (``load_plans()``) gives the source notes."""
    drawn = {"01-targets-by-group": targets_by_group(targets, lang=lang, plans=plans)}
    for stem, chart, draws, drawable in THEMED_CHARTS:
        if drawable(targets, context, draws(targets, context)):
            drawn[stem] = chart(targets, context, lang, plans)
    if context is not None and "indicator_id" in context.columns:
        card = scorecard(targets, context)
        if len(card[card["key_target"].astype(bool) & card["target"].notna()]):
            drawn["05-coverage"] = coverage(card, lang=lang, plans=plans)
        if road_rows(targets, context, "level"):
            drawn["05-road-levels"] = road_to_2025(targets, context, lang=lang, plans=plans)
        if road_rows(targets, context, "share", ROAD_SHARE_THEMES):
            drawn["05-road-shares"] = road_to_2025(targets, context, lang=lang, measure="share", themes=ROAD_SHARE_THEMES,
                                                   plans=plans)
        road = road_table(targets, context)
        if road["measure"].isin(["yearly rate", "yearly amount"]).any():
            drawn["05-pace"] = pace_to_2025(targets, context, lang=lang, plans=plans)
    return drawn


def save(fig: Figure, stem: Path, formats=("svg", "png")) -> list[Path]:
    """Write ``stem``.svg and ``stem``.png (or the ``formats`` given), with nothing in them that changes from one
    build to the next."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.parent / f"{stem.name}.{suffix}" for suffix in formats]
    with mpl.rc_context(fname=STYLE):
        for path in paths:
            if path.suffix == ".svg":
                svg = io.StringIO()
                fig.savefig(svg, format="svg", metadata={"Date": None})
                path.write_text(_stable_ids(svg.getvalue()), encoding="utf-8")
            else:
                fig.savefig(path, format="png", metadata={"Software": None})
    return paths


# --------------------------------------------------------------------------- one target, every figure known of it

#: How a figure of a target's time line is drawn: marker, colour, size (the road chart's marks).
TIMELINE_MARKS = {
    "baseline": ("o", COLOURS["baseline"], 7), "target": ("s", COLOURS["target"], 7), "result": ("D", COLOURS["reference"], 7),
    "plan": ("^", "#56B4E9", 8),
}
#: The legend's words for each role of a figure on a target's time line.
TIMELINE_WORDS = {
    "baseline": NP_("timeline", "value before the plan's year"), "target": NP_("timeline", "this resolution's target"),
    "result": NP_("timeline", "result"), "plan": NP_("timeline", "another plan's target"),
}


@styled
def target_timeline(timeline: pd.DataFrame, *, lang: str = "en", title: str = "", unit: str = "") -> Figure:
    """Every figure known of one target on one time axis: ``timeline`` is the table of ``pages.timeline`` (one row per
    figure: ``role``, ``start``, ``end``, ``value``, ``value_text``, ``estimate``, ``figure_id``).

    A figure for one year is a marker at that year, labelled with its value (a bound as '≥'); a yearly average over a
    period is a dashed line across it; a total over a period is not a yearly value and is left to the table. A hollow
    marker is an estimate."""
    msg = messages(lang)
    fig, axes = _new_figure(6.4, 3.0)
    ax = axes[0, 0]
    drawn = timeline[timeline["value"].notna() & timeline["drawn"]]
    beside = drawn.groupby(["role", "start"]).cumcount()  # a second figure of a year and role, beside the first
    single = drawn["start"] == drawn["end"]
    # the labels of one year, highest first: the highest above its marker, the others below, one under the other
    order = drawn[single].groupby("start")["value"].rank(method="first", ascending=False).reindex(drawn.index)
    for (i, r), k in zip(drawn.iterrows(), beside):
        marker, colour, size = TIMELINE_MARKS[r["role"]]
        gid = f"{r['role']}:{r['figure_id']}"
        if r["start"] == r["end"]:
            x = r["start"] + 0.18 * k  # a second figure of the same year and role, beside the first, not under it
            ax.plot([x], [r["value"]], marker=marker, markersize=size, color=colour, linestyle="none",
                    markerfacecolor="white" if r["estimate"] else colour, markeredgewidth=1.5, gid=gid)
            # labels clear of each other: the value before the plan's year on the left of its marker, the target
            # above right, each result of that year below right, one under the other
            left = r["role"] == "baseline"
            rank = int(order[i])
            dy = 0 if left or (order[drawn["start"] == r["start"]].max() == 1) else (7 if rank == 1 else -8 - 11 * (rank - 2))
            text = r["value_text"] + (" (" + msg("estimate") + ")" if r["estimate"] else "")
            ax.annotate(text, xy=(x, r["value"]), xytext=(-7 if left else 7, dy), textcoords="offset points",
                        fontsize=8, va="center", ha="right" if left else "left", gid="value-label")
        else:
            ax.plot([r["start"], r["end"]], [r["value"], r["value"]], color=colour, linestyle="--", linewidth=1.4, gid=gid)
            ax.annotate(r["value_text"], xy=(r["end"], r["value"]), xytext=(4, 4), textcoords="offset points",
                        fontsize=8, va="bottom", ha="left", gid="value-label")
    years = sorted(set(drawn["start"]) | set(drawn["end"]))
    low, high = float(drawn["value"].min()), float(drawn["value"].max())
    pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
    ax.set_ylim(0.0 if low >= 0 else low - pad, high + pad)  # from zero: a gap looks as large as it is
    ax.set_xlim(min(years) - 1.6, max(years) + 1.6)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel(unit_label(unit, lang) if unit else "")
    _axis_numbers(ax.yaxis, lang)
    handles, labels = [], []
    for role in TIMELINE_MARKS:
        if (drawn[single]["role"] == role).any():
            marker, colour, size = TIMELINE_MARKS[role]
            handles.append(Line2D([], [], marker=marker, color=colour, markersize=size * 0.8, linestyle="none"))
            labels.append(msg.pgettext(*TIMELINE_WORDS[role]))
    if (~single).any():
        handles.append(Line2D([], [], color=TIMELINE_MARKS["plan"][1], linestyle="--", linewidth=1.4))
        labels.append(msg("yearly average over a period"))
    if drawn["estimate"].any():
        handles.append(Line2D([], [], marker="o", color="#555555", markerfacecolor="white", linestyle="none"))
        labels.append(msg("hollow marker: an estimate"))
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, -0.14), ncols=2, borderaxespad=0)
    outside = timeline[timeline["file"].notna() & (timeline["role"] != "target")].set_index("figure_id")
    return _finish(fig, title, lang=lang, context=outside, figure_ids=[f for f in drawn["figure_id"] if f in outside.index])


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
