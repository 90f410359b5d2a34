"""The consistency catalogue: does the plan hang together, and what do its numbers imply?

Each check is a plain function ``check(targets, context=None) -> DataFrame`` with one row
per plan (``plan_id``) in the columns of ``CHECK_COLUMNS``:

- ``check``: the check's id; ``subject``: what it looks at; ``what``: the rule, in words;
- ``inputs``: the indicator ids (and outside figures, by ``figure_id``) it reads;
- ``observed``, ``rule``, ``expected``: the figure the check computes, how it must compare,
  and what it is held against (``rule`` reads as a formula: 'observed ≥ expected',
  '|observed - expected| ≤ tolerance', '0 ≤ observed ≤ 30'; ``expected`` is empty when
  the rule names its own bounds);
- ``tolerance`` and ``tolerance_reason``: the slack the rule allows, and why;
- ``status``: ``pass`` or ``fail``; ``info`` when a figure the check needs is missing;
- ``finding``: what the numbers imply, in a sentence or two.

``run_checks`` runs them all. The checks work on whole columns, so they take a table of
many plans as readily as one. ``context`` is the table of ``load_context()``: outside
figures indexed by ``figure_id``; a check that needs one it cannot find says so (info).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .load import percent_of_whole
from .numbers import half_unit, half_units, in_english

CHECK_COLUMNS = [
    "check", "plan_id", "subject", "what", "inputs",
    "observed", "rule", "expected", "tolerance", "tolerance_reason", "status", "finding",
]

#: The band a yearly growth target should lie in: an assumption, not a rule of the plan.
#: Below 0 a "growth" target would be a fall; above 30% a typo ('79,6' for '7,96') is
#: likelier than a plan. The plan's highest growth target is 23.8% (tourist arrivals).
GROWTH_BAND = (0.0, 30.0)

#: Words next to a number that make it a bound. Longer phrases win over the words they
#: contain ('không dưới', at least, over 'dưới', at most).
AT_LEAST_BEFORE = ("trên", "hơn", "ít nhất", "tối thiểu", "không dưới", "không thấp hơn")
AT_MOST_BEFORE = ("dưới", "xuống dưới", "xuống", "không quá", "không vượt quá", "tối đa")
AT_LEAST_AFTER = ("trở lên",)
AT_MOST_AFTER = ("trở xuống",)

# A number token with up to two words before it, and (without consuming them) the unit
# sign and up to three words after it.
_NUMBER_IN_CONTEXT = (
    r"(?P<before>(?:[^\s0-9]+\s+){0,2})(?<![0-9.,])(?P<number>[0-9]+(?:[.,][0-9]+)*)(?![0-9])"
    r"(?=(?P<after>[%‰]?(?:\s+[^\s0-9]+){0,3}))"
)


# --------------------------------------------------------------------------- helpers


#: Where the outside figures are (see load_context).
FIGURE_FILES = "data/context.csv or data/outcomes.csv"


def _wide(targets: pd.DataFrame, column: str = "value", ids=()) -> pd.DataFrame:
    """One row per plan, one column per indicator (with a column for every id in ``ids``)."""
    wide = targets.pivot(index="plan_id", columns="indicator_id", values=column)
    return wide.reindex(columns=wide.columns.union(pd.Index(ids)))


def _stated(targets: pd.DataFrame, ids) -> pd.DataFrame:
    """The values of ``ids`` per plan as the plan states them, in English notation ('3,0' -> '3.0')."""
    return _wide(targets, "value_as_written", ids=ids).map(in_english, na_action="ignore")


def _figure(context: pd.DataFrame | None, figure_id: str, unit: str | None = None) -> float | None:
    """An outside figure's value, in ``unit`` when given (from thousands of it if need be); None if missing."""
    if context is None or figure_id not in context.index:
        return None
    value, stated_unit = float(context.at[figure_id, "value"]), str(context.at[figure_id, "unit"])
    if unit is None or stated_unit == unit:
        return value
    if stated_unit == f"thousand {unit}":
        return value * 1000
    where = f"data/{context.at[figure_id, 'file']}" if "file" in context.columns else FIGURE_FILES
    raise ValueError(f"{where}, figure_id {figure_id}: unit {stated_unit!r} cannot be read as {unit!r}")


def _estimate(context: pd.DataFrame | None, figure_id: str, lang_words=(" (an estimate)", "")) -> str:
    """' (an estimate)' when the outside figure is marked as one, else ''."""
    known = context is not None and figure_id in context.index
    return lang_words[0] if known and bool(context.at[figure_id, "estimate"]) else lang_words[1]


def _half_unit_of_figure(context: pd.DataFrame | None, figure_id: str) -> float:
    """Half a unit of the last digit of an outside figure, as its source writes it."""
    if _figure(context, figure_id) is None:
        return np.nan
    number = re.search(r"[0-9]+(?:[.,][0-9]+)*", context.at[figure_id, "value_as_written"]).group()
    return half_unit(number)


def _rows(check: str, plans: pd.Index, **fields) -> pd.DataFrame:
    """The check's rows: one per plan; each field a scalar or a Series indexed by plan."""
    frame = pd.DataFrame(index=pd.Index(plans, name="plan_id"))
    for name, value in fields.items():
        frame[name] = value
    frame["check"] = check
    return frame.reset_index().reindex(columns=CHECK_COLUMNS)


def _missing_note(wide: pd.DataFrame, ids, context: pd.DataFrame | None, figures=()) -> pd.Series:
    """Per plan: what the check needs and cannot find ('' when nothing is missing)."""
    lacking_figures = [f for f in figures if _figure(context, f) is None]
    notes = pd.Series("", index=wide.index)
    missing = wide[list(ids)].isna()
    for plan in wide.index[missing.any(axis=1) | bool(lacking_figures)]:
        parts = []
        if missing.loc[plan].any():
            parts.append("the plan's " + ", ".join(missing.columns[missing.loc[plan]]))
        if lacking_figures:
            parts.append(", ".join(lacking_figures) + " from " + FIGURE_FILES)
        notes[plan] = "Needs " + " and ".join(parts) + "."
    return notes


def _verdict(ok: pd.Series, needs: pd.Series) -> pd.Series:
    status = pd.Series(np.where(ok.fillna(False).astype(bool), "pass", "fail"), index=ok.index)
    return status.mask(needs != "", "info")


def _n(x: float, places: int = 2) -> str:
    """A number for the findings, in English notation."""
    return f"{x:,.{places}f}"


# --------------------------------------------------------------------------- 1. parts and wholes


def parts_sum_to_whole(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Do the shares of each whole (``part_of``) sum to 100, within their rounding?

    Each share is stated to some number of decimals, so each may have been rounded by up
    to half a unit of its last digit (0.005 for '14,16'). The sum may therefore differ
    from 100 by at most the sum of those half-units, and no more: that is the tolerance.
    One row per plan and whole.
    """
    shares = targets[targets["part_of"].notna()].copy()
    written = shares["value_as_written"].astype("str")
    shares["half_unit"] = half_units(written)
    shares["half_unit_text"] = shares["half_unit"].map("{:g}".format)
    shares["stated"] = written.map(in_english)
    wholes = shares.groupby(["plan_id", "part_of"], sort=True, observed=True)
    out = wholes.agg(
        parts=("indicator_id", ", ".join),
        count=("indicator_id", "size"),
        observed=("value", "sum"),
        tolerance=("half_unit", "sum"),
        sum_text=("stated", " + ".join),
        halves=("half_unit_text", " + ".join),
    ).reset_index()
    out["observed"] = out["observed"].round(10)
    out["tolerance"] = out["tolerance"].round(10)
    ok = (out["observed"] - 100.0).abs() <= out["tolerance"] + 1e-9
    return pd.DataFrame(
        {
            "check": "parts_sum_to_whole",
            "plan_id": out["plan_id"],
            "subject": out["part_of"],
            "what": "The " + out["count"].astype(str) + " shares of " + out["part_of"] + " sum to 100%.",
            "inputs": out["parts"],
            "observed": out["observed"],
            "rule": "|observed - expected| ≤ tolerance",
            "expected": 100.0,
            "tolerance": out["tolerance"],
            "tolerance_reason": "each share may be rounded by half a unit of its last stated decimal: " + out["halves"],
            "status": np.where(ok, "pass", "fail"),
            "finding": out["sum_text"] + " = " + out["observed"].map(_n) + ".",
        },
        columns=CHECK_COLUMNS,
    )


# --------------------------------------------------------------------------- 2. ranges


def percentages_within_0_100(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Every share, coverage rate (enrolment included) and level in percent lies within 0-100."""
    bounded = targets[percent_of_whole(targets) & targets["value"].notna()]
    return _outside_band(
        "percentages_within_0_100", targets, bounded, 0.0, 100.0,
        subject="shares, coverage rates and levels in percent",
        what="Every share, coverage rate (enrolment included) and level in percent lies within 0-100.",
        reason="a part of a whole can be neither below 0% nor above 100%",
    )


def growth_rates_plausible(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Every growth-rate target lies within GROWTH_BAND."""
    low, high = GROWTH_BAND
    growth = targets[(targets["kind"].astype("str") == "growth rate") & targets["value"].notna()]
    return _outside_band(
        "growth_rates_plausible", targets, growth, low, high,
        subject="growth rates",
        what=f"Every growth-rate target lies within {low:g}-{high:g}% a year.",
        reason=f"an assumption: below {low:g} a growth target is a fall, above {high:g}% a typo is likelier than a plan",
    )


def _outside_band(check, targets, rows, low, high, *, subject, what, reason) -> pd.DataFrame:
    plans = pd.Index(sorted(targets["plan_id"].unique()))
    outside = rows[~rows["value"].between(low, high)]
    listed = (outside["indicator_id"] + " = " + outside["value"].map("{:g}".format)).groupby(outside["plan_id"]).agg("; ".join)
    count = outside.groupby("plan_id").size().reindex(plans, fill_value=0)
    total = rows.groupby("plan_id").size().reindex(plans, fill_value=0)
    lowest = rows.loc[rows.groupby("plan_id")["value"].idxmin()].set_index("plan_id") if len(rows) else rows
    highest = rows.loc[rows.groupby("plan_id")["value"].idxmax()].set_index("plan_id") if len(rows) else rows
    span = (
        "lowest " + lowest["indicator_id"] + " " + lowest["value"].map("{:g}".format)
        + ", highest " + highest["indicator_id"] + " " + highest["value"].map("{:g}".format)
    ).reindex(plans)
    inside = "All " + total.astype(str) + f" lie within {low:g}-{high:g} (" + span.fillna("") + ")."
    finding = inside.where(count == 0, count.astype(str) + " outside: " + listed.reindex(plans).fillna("") + ".")
    return _rows(
        check, plans, subject=subject, what=what, inputs=f"{len(rows)} targets", observed=count,
        rule=f"observed = expected (targets outside {low:g}-{high:g})", expected=0,
        tolerance=0.0, tolerance_reason=reason, status=np.where(count == 0, "pass", "fail"), finding=finding,
    )


# --------------------------------------------------------------------------- 3. wording


def wording_of(targets: pd.DataFrame) -> pd.DataFrame:
    """For each target, the words around its number in source_text and the comparator they mean.

    Columns: the target's ``plan_id``, ``indicator_id``, ``comparator`` and
    ``value_as_written``; ``before`` and ``after`` (the words next to the first occurrence
    of the value as written), ``bound_words`` (the phrase that makes it a bound, or '')
    and ``worded`` ('>=', '<=' or '=').
    """
    numeric = targets[targets["value_as_written"].notna() & targets["value"].notna()]
    found = numeric["source_text"].astype("str").str.extractall(_NUMBER_IN_CONTEXT)
    found = found.join(numeric["value_as_written"].astype("str").rename("written"), on=found.index.get_level_values(0))
    first = found[found["number"] == found["written"]].groupby(level=0).head(1).droplevel(1)
    words = numeric[["plan_id", "indicator_id", "comparator", "value_as_written"]].copy()
    words["before"] = first["before"].str.strip().str.lower()
    words["after"] = first["after"].str.strip().str.lower()
    words["bound_words"] = ""
    words["worded"] = "="
    phrases = [(p, ">=", "before") for p in AT_LEAST_BEFORE] + [(p, "<=", "before") for p in AT_MOST_BEFORE]
    phrases += [(p, ">=", "after") for p in AT_LEAST_AFTER] + [(p, "<=", "after") for p in AT_MOST_AFTER]
    for phrase, comparator, side in sorted(phrases, key=lambda p: len(p[0])):
        pattern = rf"(?:^|\s){phrase}$" if side == "before" else rf"^[%‰]?\s*(?:[^\s0-9]+\s+)?{phrase}(?:\s|$)"
        hit = words[side].fillna("").str.contains(pattern, regex=True)
        words.loc[hit, "worded"] = comparator
        words.loc[hit, "bound_words"] = phrase
    return words


def comparator_matches_wording(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """The comparator of each target agrees with the words next to its number in source_text."""
    plans = pd.Index(sorted(targets["plan_id"].unique()))
    words = wording_of(targets)
    table = words
    wrong = table[table["comparator"].astype("str") != table["worded"]]
    listed = (
        wrong["indicator_id"] + ": the words '" + wrong["bound_words"].where(wrong["bound_words"] != "", "(none)")
        + "' mean " + wrong["worded"] + ", the table says " + wrong["comparator"].astype("str")
    ).groupby(wrong["plan_id"]).agg("; ".join)
    bounds = table[table["worded"] != "="]
    read = (bounds["indicator_id"] + " ('" + bounds["bound_words"] + "')").groupby(bounds["plan_id"]).agg(", ".join)
    count = wrong.groupby("plan_id").size().reindex(plans, fill_value=0)
    finding = ("All agree. Bounds read from the wording: " + read.reindex(plans).fillna("none") + ".").where(
        count == 0, count.astype(str) + " disagree: " + listed.reindex(plans).fillna("") + "."
    )
    return _rows(
        "comparator_matches_wording", plans, subject="comparators",
        what="Words next to a number make it a floor (>=): " + ", ".join(f"'{p}'" for p in AT_LEAST_BEFORE + AT_LEAST_AFTER)
        + "; or a ceiling (<=): " + ", ".join(f"'{p}'" for p in AT_MOST_BEFORE + AT_MOST_AFTER)
        + "; no such word, a point (=). The table's comparator agrees.",
        inputs=f"{len(words)} targets (comparator, source_text)", observed=count,
        rule="observed = expected (disagreements)", expected=0, tolerance=0.0,
        tolerance_reason="words either agree or not", status=np.where(count == 0, "pass", "fail"), finding=finding,
    )


# --------------------------------------------------------------------------- 4. relations


def new_rural_communes(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """'4 more communes' and '44,7% of communes': which denominator, and what count, they imply."""
    ids = ["new_rural_communes_share", "new_rural_communes_added"]
    wide = _wide(targets, ids=ids)
    written = _wide(targets, "value_as_written", ids=ids)["new_rural_communes_share"]
    needs = _missing_note(wide, ids, context, ["communes_xa_2020", "communes_total_2020"])
    share, added = wide["new_rural_communes_share"], wide["new_rural_communes_added"]
    half = half_units(written)
    candidates = [
        ("xã", "xã", _figure(context, "communes_xa_2020")),
        ("commune-level units", "commune-level units (xã, phường and thị trấn)", _figure(context, "communes_total_2020")),
    ]
    observed = share
    expected = pd.Series(np.nan, index=wide.index)
    ok = pd.Series(False, index=wide.index)
    finding = pd.Series("", index=wide.index)
    for plan in wide.index[needs == ""]:
        s, h, a = share[plan], half[plan], added[plan]
        fits, misses = [], []
        for short, long, d in candidates:
            low, high = math.ceil((s - h) * d / 100 - 1e-9), math.floor((s + h) * d / 100 + 1e-9)
            if low <= high:
                fits.append((short, d, low))
                misses.append(f"of the {d:g} {long}, {low} make {_n(100 * low / d)}%, which rounds to {s:g}%")
            else:
                nearest = round(s * d / 100)
                misses.append(f"of the {d:g} {long}, no whole number does ({nearest} would be {_n(100 * nearest / d)}%)")
        text = "; ".join(misses)
        text = text[0].upper() + text[1:] + "."
        if fits:
            short, d, count = fits[0]
            expected[plan], ok[plan] = 100 * count / d, True
            before = count - a
            text += f" So the plan counts {short}: {count} at the end of 2021 and {count} - {a:g} = {before:g} at the end of 2020."
            text += _earlier_counts(context, before, count)
        else:
            text += " The two targets do not fit together."
        finding[plan] = text
    return _rows(
        "new_rural_communes", wide.index, subject="new-rural communes",
        what="The share of communes meeting the standard is a whole number of communes over some denominator (the xã, or all commune-level units).",
        inputs=", ".join(ids) + "; communes_xa_2020, communes_total_2020 (context)",
        observed=observed, rule="|observed - expected| ≤ tolerance", expected=expected, tolerance=half,
        tolerance_reason="the share is stated to one decimal, "
        "so any count whose share rounds to it is within half a unit of that decimal",
        status=_verdict(ok, needs), finding=finding.where(needs == "", needs),
    )


def _earlier_counts(context, end_2020: float, end_2021: float) -> str:
    """What the context data says about the count of new-rural communes in other years."""
    said = []
    target = _figure(context, "ntm_communes_target_2020")
    if target is not None:
        same = "the same as" if target == end_2020 else f"{end_2020 - target:+g} on"
        said.append(f"{same} the 2020 target set in 2018, before the February 2020 reorganisation of communes ({target:g} xã)")
    september = _figure(context, "ntm_communes_sep2020")
    if september is not None:
        said.append(f"{end_2020 - september:g} more than the {september:g} counted in September 2020")
    text = " That is " + ", and ".join(said) + "." if said else ""
    later = _figure(context, "ntm_communes_2022")
    if later is not None:
        text += f" At the end of 2022 the count was {later:g} xã, {'below' if later < end_2021 else 'at or above'} the {end_2021:g} planned for the end of 2021."
    return text


def tea_area_before_planting(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """New planting (680 ha) fits inside the total tea area (over 8,482 ha); the area it implies before."""
    ids = ["tea_area", "tea_new_planting"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(wide, ids, context)
    total, new = wide["tea_area"], wide["tea_new_planting"]
    before = total - new
    finding = (
        "Over " + total.map(lambda x: _n(x, 0)) + " ha in all with " + new.map(lambda x: _n(x, 0))
        + " ha newly planted leaves at least " + before.map(lambda x: _n(x, 0))
        + " ha planted before 2021, if no tea is cleared."
    )
    earlier = [
        (f, label) for f, label in [
            ("tea_area_2017", "{} ha in 2017"), ("tea_area_2018", "nearly {} ha about 2018"),
            ("tea_new_planting_baseline_2020", "{} ha newly planted in 2020" + _estimate(context, "tea_new_planting_baseline_2020")),
            ("tea_area_end2022", "{} ha at the end of 2022"),
        ] if _figure(context, f) is not None
    ]
    if earlier:
        finding = finding + " Outside figures: " + "; ".join(label.format(_n(_figure(context, f), 0)) for f, label in earlier) + "."
    return _rows(
        "tea_area_before_planting", wide.index, subject="tea area",
        what="The tea newly planted in 2021 is less than the total tea area.",
        inputs=", ".join(ids), observed=new, rule="observed < expected", expected=total, tolerance=0.0,
        tolerance_reason="new planting is part of the total, so it must be smaller",
        status=_verdict(new < total, needs), finding=finding.where(needs == "", needs),
    )


def growth_decomposition(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Total growth, agriculture's growth and its share imply a growth rate for the rest."""
    ids = ["grdp_growth", "agriculture_value_added_growth", "share_agriculture_forestry_fishery"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(wide, ids, context)
    total, agriculture, share = wide[ids[0]], wide[ids[1]], wide[ids[2]] / 100
    rest = (total - share * agriculture) / (1 - share)
    low, high = GROWTH_BAND
    finding = (
        "Agriculture growing " + agriculture.map("{:g}%".format) + " with a " + (100 * share).map("{:g}%".format)
        + " share, for total growth of " + total.map("{:g}%".format) + ", needs the rest of the economy "
        "(industry, construction, services, product taxes) to grow " + rest.map(_n) + "%."
    )
    share_2020 = _figure(context, "structure_agri_share_baseline_2020")
    if share_2020 is not None:
        rest_2020 = (total - share_2020 / 100 * agriculture) / (1 - share_2020 / 100)
        finding = finding + f" With the 2020 share ({share_2020:g}%{_estimate(context, 'structure_agri_share_baseline_2020', (', an estimate', ''))}) as the weight: " + rest_2020.map(_n) + "%."
    finding = finding + (
        " Assumes that this year's shares stand in for last year's constant-price weights, and that"
        " 'ngành nông nghiệp' covers agriculture, forestry and fishery."
    )
    return _rows(
        "growth_decomposition", wide.index, subject="GRDP growth",
        what=f"The growth the rest of the economy needs lies within the plausible band, {low:g}-{high:g}% a year.",
        inputs=", ".join(ids), observed=rest, rule=f"{low:g} ≤ observed ≤ {high:g}", expected=np.nan, tolerance=0.0,
        tolerance_reason="a band, not an equality (see growth_rates_plausible); it only catches gross errors",
        status=_verdict(rest.between(low, high), needs), finding=finding.where(needs == "", needs),
    )


def poverty_reduction(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """The poor districts cut poverty at least as fast as the province; the 2021 rate it implies."""
    ids = ["poverty_rate_reduction", "poverty_rate_reduction_poor_districts"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(wide, ids, context, ["poverty_rate_baseline_2020"])
    province, poor = wide[ids[0]], wide[ids[1]]
    stated = _stated(targets, ids)
    ok = poor >= province
    finding = (
        "The poor districts are to cut " + stated[ids[1]] + " points against " + stated[ids[0]]
        + " for the province, so the other districts must cut less than " + stated[ids[0]] + "."
    )
    rate_2020 = _figure(context, "poverty_rate_baseline_2020")
    if rate_2020 is not None:
        ok = ok & (province < rate_2020)
        finding = finding + (
            f" From the 2020 rate on the provincial poverty list ({rate_2020:g}%, on the standard in force for 2016-2020), "
            "the cut leaves " + (rate_2020 - province).map(_n) + "% for 2021 on that measure. Only this series is used:"
            " rates measured on other standards or surveys cannot be combined with it."
        )
    pace, pace_poor = _figure(context, "poverty_reduction_pace_2021_2025"), _figure(context, "poverty_reduction_poor_districts_target_2021_2025")
    if pace is not None and pace_poor is not None:
        finding = finding + f" A report of a provincial conference gives {pace:g} and {pace_poor:g} points a year for 2021-2025."
    return _rows(
        "poverty_reduction", wide.index, subject="poverty",
        what="The poor districts cut poverty by at least as many points as the province; the cut is smaller than the 2020 rate.",
        inputs=", ".join(ids) + "; poverty_rate_baseline_2020 (context)", observed=poor,
        rule="observed ≥ expected, and expected < the 2020 rate", expected=province, tolerance=0.0,
        tolerance_reason="an order, not an equality", status=_verdict(ok, needs), finding=finding.where(needs == "", needs),
    )


def malnutrition_ceilings(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Stunting and underweight: both ceilings on the same children, in the order the plan sets them."""
    ids = ["stunting_under5", "underweight_under5"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(wide, ids, context)
    ceiling = (targets["comparator"].astype("str") == "<=") & (targets["direction"].astype("str") == "lower")
    not_ceilings = (~ceiling[targets["indicator_id"].isin(ids)]).groupby(targets["plan_id"]).sum().reindex(wide.index, fill_value=0)
    stunting, underweight = wide[ids[0]], wide[ids[1]]
    ordered = stunting >= underweight
    finding = (
        "Both are ceilings on the share of children under five: stunting at most " + stunting.map("{:g}%".format)
        + ", underweight under " + underweight.map("{:g}%".format) + "; the stunting ceiling is "
        + (stunting - underweight).map(_n) + " points above the underweight one (the two overlap: a child can be both)."
    )
    finding = finding.where(ordered, "The stunting ceiling (" + stunting.map("{:g}%".format) + ") is below the underweight one ("
                            + underweight.map("{:g}%".format) + "): were the two values swapped?")
    finding = finding.where(not_ceilings == 0, not_ceilings.astype(str) + " of the two is not a ceiling (<=, lower is better).")
    return _rows(
        "malnutrition_ceilings", wide.index, subject="child malnutrition",
        what="Both malnutrition targets are ceilings (<=, lower is better), and the stunting ceiling is at least the "
        "underweight one, the order the plan sets.",
        inputs=", ".join(ids), observed=stunting, rule="observed ≥ expected, and both are ceilings", expected=underweight,
        tolerance=0.0, tolerance_reason="an order, not an equality: it catches the two values swapped",
        status=_verdict((not_ceilings == 0) & ordered, needs), finding=finding.where(needs == "", needs),
    )


def enrolment_by_level(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Enrolment falls, or holds, from primary to lower secondary to upper secondary."""
    ids = ["enrolment_primary", "enrolment_lower_secondary", "enrolment_upper_secondary"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(wide, ids, context)
    levels = wide[ids]
    rises = (levels.diff(axis=1).iloc[:, 1:] > 0).sum(axis=1)
    finding = (
        "Primary " + levels[ids[0]].map("{:g}%".format) + ", lower secondary " + levels[ids[1]].map("{:g}%".format)
        + ", upper secondary " + levels[ids[2]].map("{:g}%".format) + ": "
        + np.where(rises == 0, "each level enrols no more of its age group than the one before, as expected when pupils leave "
                   "school between levels.", "a later level enrols more of its age group than an earlier one.")
    )
    return _rows(
        "enrolment_by_level", wide.index, subject="enrolment",
        what="Enrolment does not rise from primary to lower secondary to upper secondary.",
        inputs=", ".join(ids), observed=rises, rule="observed = expected (rises from one level to the next)", expected=0,
        tolerance=0.0, tolerance_reason="an order, not an equality",
        status=_verdict(rises == 0, needs), finding=finding.where(needs == "", needs),
    )


def urban_at_least_rural(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Urban water and waste targets are at least their rural or province-wide counterparts."""
    pairs = [
        ("water", "urban_piped_clean_water", "rural_hygienic_water",
         "urban population with piped clean water", "rural population with hygienic water, a looser standard",
         ""),
        ("waste", "urban_solid_waste_collected", "communes_waste_collection",
         "urban solid waste collected", "communes, wards and townships with collection, rural ones included",
         " The bases differ (a share of waste against a share of communes), so the order is an expectation, not an identity."),
    ]
    out = []
    for subject, urban_id, other_id, urban_label, other_label, caveat in pairs:
        wide = _wide(targets, ids=[urban_id, other_id])
        needs = _missing_note(wide, [urban_id, other_id], context)
        urban, other = wide[urban_id], wide[other_id]
        finding = (
            urban.map("{:g}%".format) + f" {urban_label} against " + other.map("{:g}%".format) + f" {other_label}: a gap of "
            + (urban - other).map("{:g}".format) + " points." + caveat
        )
        out.append(_rows(
            "urban_at_least_rural", wide.index, subject=subject,
            what=f"The urban target ({urban_id}) is at least its rural or province-wide counterpart ({other_id}): "
            "urban areas are reached first.",
            inputs=f"{urban_id}, {other_id}", observed=urban, rule="observed ≥ expected", expected=other, tolerance=0.0,
            tolerance_reason="an order, not an equality", status=_verdict(urban >= other, needs),
            finding=finding.where(needs == "", needs),
        ))
    return pd.concat(out, ignore_index=True)


def jobs_and_training(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """Jobs created and workers trained against the labour force; the five-year pace of jobs."""
    ids = ["jobs_created", "vocational_training"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(wide, ids, context, ["labour_force_baseline_2020"])
    jobs, trained = wide[ids[0]], wide[ids[1]]
    labour = _figure(context, "labour_force_baseline_2020", "persons") or np.nan
    largest = pd.concat([jobs, trained], axis=1).max(axis=1)
    finding = (
        trained.map(lambda x: _n(x, 0)) + " workers trained and " + jobs.map(lambda x: _n(x, 0)) + " helped into jobs are "
        + (100 * trained / labour).map(_n) + "% and " + (100 * jobs / labour).map(_n)
        + f"% of the 2020 labour force ({_n(labour, 0)})."
    )
    pace = _figure(context, "jobs_pace_2021_2025")
    if pace is not None:  # reported at a provincial conference of 13/12/2020 (outcomes.csv names the report)
        finding = finding + f" A report of a provincial conference gives {_n(pace, 0)} jobs a year for 2021-2025: 2021 asks " + (pace - jobs).map(lambda x: _n(x, 0)) + " fewer."
    return _rows(
        "jobs_and_training", wide.index, subject="jobs and training",
        what="Jobs created and workers trained in one year are each a part of the labour force (below 100% of it).",
        inputs=", ".join(ids) + "; labour_force_baseline_2020 (context)", observed=100 * largest / labour,
        rule="observed < expected", expected=100.0, tolerance=0.0,
        tolerance_reason="a part of a whole is below the whole; this only catches gross errors such as a misplaced separator", status=_verdict(largest < labour, needs),
        finding=finding.where(needs == "", needs),
    )


def grdp_and_budget(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """GRDP per capita times population gives a GRDP; budget revenue and product taxes as shares of it."""
    ids = ["grdp_per_capita", "budget_revenue", "share_product_taxes_less_subsidies"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(wide, ids, context, ["population_avg_2021"])
    population = _figure(context, "population_avg_2021", "persons") or np.nan
    grdp = wide["grdp_per_capita"] * population / 1000  # million VND x persons / 1000 = billion VND
    budget = wide["budget_revenue"]
    taxes = grdp * wide["share_product_taxes_less_subsidies"] / 100
    finding = (
        wide["grdp_per_capita"].map("{:g}".format) + f" million VND per person x {_n(population, 0)} people (2021 average) = "
        + grdp.map(lambda x: _n(x, 0)) + " billion VND of GRDP. Budget revenue of " + budget.map(lambda x: _n(x, 0))
        + " billion VND is " + (100 * budget / grdp).map(_n) + "% of it; product taxes less subsidies ("
        + wide["share_product_taxes_less_subsidies"].map("{:g}%".format) + " of GRDP) come to " + taxes.map(lambda x: _n(x, 0))
        + " billion VND, " + (100 * taxes / budget).map(_n) + "% of budget revenue, for scale only:"
        " product taxes are an accounting share of GRDP, budget revenue is what is collected."
        " Assumes the per-capita target divides by the same population."
    )
    return _rows(
        "grdp_and_budget", wide.index, subject="GRDP and budget",
        what="Budget revenue is a part of the GRDP that per-capita GRDP times population implies (below 100% of it).",
        inputs=", ".join(ids) + "; population_avg_2021 (context)", observed=100 * budget / grdp,
        rule="observed < expected", expected=100.0, tolerance=0.0,
        tolerance_reason="revenue collected in the province is drawn from what it produces; this only catches gross errors",
        status=_verdict(budget < grdp, needs), finding=finding.where(needs == "", needs),
    )


def grdp_per_capita_growth(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """GRDP per capita against its 2020 value: the nominal growth it implies, against real growth."""
    ids = ["grdp_per_capita", "grdp_growth"]
    wide = _wide(targets, ids=ids)
    written = _wide(targets, "value_as_written", ids=ids)["grdp_per_capita"]
    needs = _missing_note(wide, ids, context, ["grdp_per_capita_baseline_2020"])
    per_capita, real = wide["grdp_per_capita"], wide["grdp_growth"]
    base = _figure(context, "grdp_per_capita_baseline_2020", "million VND per person") or np.nan
    base_half = _half_unit_of_figure(context, "grdp_per_capita_baseline_2020")
    half = half_units(written)
    nominal = 100 * (per_capita / base - 1)
    widest = 100 * ((per_capita + half) / (base - base_half) - 1) - nominal
    census, average = _figure(context, "population_census_2019", "persons"), _figure(context, "population_avg_2021", "persons")
    if census is not None and average is not None:
        people = (average / census) ** (1 / 2.25) - 1  # 1 April 2019 to mid-2021
        people_text = f"population growing {_n(100 * people)}% a year (census of 1/4/2019 to the 2021 average)"
    else:
        people, people_text = 0.0, "population held constant (the population figures are missing)"
    real_per_capita = 100 * ((1 + real / 100) / (1 + people) - 1)
    prices = 100 * ((1 + nominal / 100) / (1 + real_per_capita / 100) - 1)
    finding = (
        per_capita.map("{:g}".format) + f" million VND against {base:g} in 2020"
        + _estimate(context, "grdp_per_capita_baseline_2020") + " is nominal growth of "
        + nominal.map(_n) + "%. Real GRDP growth of " + real.map("{:g}%".format) + f", with {people_text}, is "
        + real_per_capita.map(_n) + "% per person, which leaves " + prices.map(_n) + "% for the rise in prices."
        " Both per-capita figures are whole millions, so the nominal growth is uncertain by the tolerance."
    )
    return _rows(
        "grdp_per_capita_growth", wide.index, subject="GRDP per capita",
        what="The nominal growth of GRDP per capita is at least its real growth (prices do not fall).",
        inputs=", ".join(ids) + "; grdp_per_capita_baseline_2020, population_census_2019, population_avg_2021 (context)",
        observed=nominal, rule="observed + tolerance ≥ expected", expected=real_per_capita, tolerance=widest,
        tolerance_reason="the target and the 2020 value are stated in whole millions, each rounded by up to 0.5",
        status=_verdict(nominal + widest >= real_per_capita, needs), finding=finding.where(needs == "", needs),
    )


def commune_units_add_up(targets: pd.DataFrame, context=None) -> pd.DataFrame:
    """The outside figures agree with each other: xã + phường + thị trấn = commune-level units."""
    plans = pd.Index(sorted(targets["plan_id"].unique()))
    parts = ["communes_xa_2020", "wards_2020", "townships_2020"]
    values = [_figure(context, f) for f in parts + ["communes_total_2020"]]
    missing = [f for f, v in zip(parts + ["communes_total_2020"], values) if v is None]
    if missing:
        observed, expected, status = np.nan, np.nan, "info"
        finding = "Needs " + ", ".join(missing) + " from " + FIGURE_FILES + "."
    else:
        observed, expected = sum(values[:3]), values[3]
        status = "pass" if observed == expected else "fail"
        finding = f"{values[0]:g} xã + {values[1]:g} phường + {values[2]:g} thị trấn = {observed:g}; the source says {expected:g}."
    return _rows(
        "commune_units_add_up", plans, subject="commune-level units",
        what="The province's xã, phường and thị trấn add up to its commune-level units (the denominators above).",
        inputs=", ".join(parts) + ", communes_total_2020 (context)", observed=observed, rule="observed = expected",
        expected=expected, tolerance=0.0,
        tolerance_reason="counts are exact", status=status, finding=finding,
    )


#: The catalogue, in the order the notebook explains it.
CATALOGUE = (
    parts_sum_to_whole,
    percentages_within_0_100,
    growth_rates_plausible,
    comparator_matches_wording,
    commune_units_add_up,
    new_rural_communes,
    tea_area_before_planting,
    growth_decomposition,
    poverty_reduction,
    malnutrition_ceilings,
    enrolment_by_level,
    urban_at_least_rural,
    jobs_and_training,
    grdp_and_budget,
    grdp_per_capita_growth,
)


def card(result: pd.DataFrame) -> pd.DataFrame:
    """A check's rows for reading: one column per subject, one row per field, numbers to 2 decimals."""
    shown = result.set_index("subject")[["what", "observed", "rule", "expected", "tolerance", "status", "finding"]].copy()
    for column in ("observed", "expected", "tolerance"):
        shown[column] = shown[column].astype("float64").round(2).map("{:g}".format, na_action="ignore").fillna("")
    return shown.T


def run_checks(targets: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every check of the catalogue on every plan of ``targets``: one table, in catalogue order."""
    results = [check(targets, context) for check in CATALOGUE]
    return pd.concat(results, ignore_index=True)[CHECK_COLUMNS]
