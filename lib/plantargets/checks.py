"""The consistency catalogue: does the plan hang together, and what do its numbers imply?

Each check is a plain function ``check(targets, context=None, lang="en") -> DataFrame`` with
one row per plan (``plan_id``) in the columns of ``CHECK_COLUMNS``:

- ``check``: the check's id; ``subject``: what it looks at; ``what``: the rule, in words;
- ``inputs``: the indicator ids (and outside figures, by ``figure_id``) it reads;
- ``observed``, ``rule``, ``expected``: the figure the check computes, how it must compare,
  and what it is held against (``rule`` reads as a formula: 'observed ≥ expected',
  '|observed - expected| ≤ tolerance', '0 ≤ observed ≤ 30'; ``expected`` is empty when
  the rule names its own bounds);
- ``tolerance`` and ``tolerance_reason``: the slack the rule allows, and why;
- ``status``: ``pass`` or ``fail``; ``info`` when a figure the check needs is missing;
- ``finding``: what the numbers imply, in a sentence or two.

Every text a reader sees (``subject`` where it is words, ``what``, ``rule``, ``tolerance_reason``,
``finding``) comes from the message catalogue in ``lang`` ("en" or "vi"), its numbers in that
language's notation (lib/plantargets/i18n.py). ``check``, ``status`` and the ids stay as they are:
the notebooks and tables translate the statuses with the catalogue's vocabulary.

``run_checks`` runs them all. The checks work on whole columns, so they take a table of
many plans as readily as one. ``context`` is the table of ``load_context()``: outside
figures indexed by ``figure_id``; a check that needs one it cannot find says so (info).
"""

from __future__ import annotations

import functools
import math
import re
from decimal import Decimal

import numpy as np
import pandas as pd

from .i18n import N_, NP_, in_sentence, messages, parts_in_words, stated_places
from .load import percent_of_whole
from .numbers import decimals, half_unit, half_units

CHECK_COLUMNS = [
    "check", "plan_id", "subject", "what", "inputs",
    "observed", "rule", "expected", "tolerance", "tolerance_reason", "status", "finding", "uses",
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
    wide = wide.reindex(columns=wide.columns.union(pd.Index(ids)))
    return wide if column == "value" else wide.astype(object)  # a text column a plan lacks is text too, not float


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


def _is_estimate(context: pd.DataFrame | None, figure_id: str) -> bool:
    """Whether the outside figure is marked as an estimate."""
    return context is not None and figure_id in context.index and bool(context.at[figure_id, "estimate"])


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


# ------------------------------------------------------------------ numbers and sentences in the reader's language


@functools.lru_cache(maxsize=1 << 16)
def _number_text(lang: str, value: float, places: int | None, sign: bool) -> str:
    return messages(lang).number(value, places, sign=sign)


def _num(msg, x, places: int | None = 2, *, sign: bool = False) -> str:
    """``x`` with ``places`` decimals in the reader's notation ('' for a missing value)."""
    if x is None or pd.isna(x) or not math.isfinite(float(x)):
        return ""
    return _number_text(msg.lang, float(x), places, sign)


def _g(msg, x, *, sign: bool = False) -> str:
    """``x`` with the decimals ``{:g}`` would show (5, 7.23, 0.005), in the reader's notation."""
    if x is None or pd.isna(x) or not math.isfinite(float(x)):
        return ""
    return _num(msg, x, stated_places(x), sign=sign)


def _stated(msg, written) -> str:
    """A number as the plan writes it ('3,0', Vietnamese notation), in the reader's notation with its decimals."""
    if written is None or pd.isna(written):
        return ""
    written = str(written)
    return msg.number(Decimal(written.replace(".", "").replace(",", ".")), decimals(written))


def _texts(msg, message: str, index: pd.Index, **values) -> pd.Series:
    """``msg(message, ...)`` for each plan of ``index``: a value is a Series of texts indexed by plan, or one text.

    ``message`` is a msgid marked with ``N_`` where it is written (pybabel extracts it there)."""
    rows = [{k: (v[plan] if isinstance(v, pd.Series) else v) for k, v in values.items()} for plan in index]
    return pd.Series([msg(message, **row) for row in rows], index=index, dtype=object)


def _each(msg, series: pd.Series, places: int | None = 2) -> pd.Series:
    return series.map(lambda x: _num(msg, x, places))


def _each_g(msg, series: pd.Series) -> pd.Series:
    return series.map(lambda x: _g(msg, x))


def _inputs(msg, ids=(), figures=()) -> str:
    """The indicator ids a check reads and the outside figures it reads, by ``figure_id``."""
    if not figures:
        return ", ".join(ids)
    if not ids:
        return msg("{figures} (context)", figures=", ".join(figures))
    return msg("{ids}; {figures} (context)", ids=", ".join(ids), figures=", ".join(figures))


def _missing_note(msg, wide: pd.DataFrame, ids, context: pd.DataFrame | None, figures=()) -> pd.Series:
    """Per plan: what the check needs and cannot find ('' when nothing is missing)."""
    lacking_figures = ", ".join(f for f in figures if _figure(context, f) is None)
    notes = pd.Series("", index=wide.index, dtype=object)
    missing = wide[list(ids)].isna()
    for plan in wide.index[missing.any(axis=1) | bool(lacking_figures)]:
        lacking_ids = ", ".join(missing.columns[missing.loc[plan]])
        if lacking_ids and lacking_figures:
            notes[plan] = msg("Needs the plan's {ids} and {figures} from data/context.csv or data/outcomes.csv.",
                              ids=lacking_ids, figures=lacking_figures)
        elif lacking_ids:
            notes[plan] = msg("Needs the plan's {ids}.", ids=lacking_ids)
        else:
            notes[plan] = msg("Needs {figures} from data/context.csv or data/outcomes.csv.", figures=lacking_figures)
    return notes


def _verdict(ok: pd.Series, needs: pd.Series) -> pd.Series:
    status = pd.Series(np.where(ok.fillna(False).astype(bool), "pass", "fail"), index=ok.index)
    return status.mask(needs != "", "info")


#: The rules several checks share, as formulas of the check's columns (translated where shown: ``msg(RULE_...)``).
RULE_WITHIN = N_("|observed - expected| ≤ tolerance")
RULE_EQUAL = N_("observed = expected")
RULE_AT_LEAST = N_("observed ≥ expected")
RULE_BELOW = N_("observed < expected")
#: The reason for no tolerance that several checks share.
AN_ORDER = N_("an order, not an equality")


# --------------------------------------------------------------------------- 1. parts and wholes


def parts_sum_to_whole(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Do the shares of each whole (``part_of``) sum to 100, within their rounding?

    Each share is stated to some number of decimals, so each may have been rounded by up
    to half a unit of its last digit (0.005 for '14,16'). The sum may therefore differ
    from 100 by at most the sum of those half-units, and no more: that is the tolerance.
    One row per plan and whole.
    """
    msg = messages(lang)
    shares = targets[targets["part_of"].notna()].copy()
    written = shares["value_as_written"].astype("str")
    shares["half_unit"] = half_units(written)
    shares["half_unit_text"] = shares["half_unit"].map(lambda x: _g(msg, x))
    shares["stated"] = written.map(lambda w: _stated(msg, w))
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
    names = wholes[f"name_{msg.lang}"].agg(list).reset_index(drop=True)
    out["whole"], out["part_names"] = zip(*[parts_in_words(n, w) for n, w in zip(names, out["part_of"].astype(str))]) if len(out) else ((), ())
    ok = (out["observed"] - 100.0).abs() <= out["tolerance"] + 1e-9
    return pd.DataFrame(
        {
            "check": "parts_sum_to_whole",
            "plan_id": out["plan_id"],
            "subject": out["part_of"],
            "what": _texts(msg, N_("The {count} parts of {whole} ({parts}) sum to 100%."), out.index,
                           count=out["count"].map(lambda n: msg.number(n)), whole=out["whole"], parts=out["part_names"]),
            "inputs": out["parts"],
            "observed": out["observed"],
            "rule": msg(RULE_WITHIN),
            "expected": 100.0,
            "tolerance": out["tolerance"],
            "tolerance_reason": _texts(msg, N_("each share may be rounded by half a unit of its last stated decimal: {halves}"),
                                       out.index, halves=out["halves"]),
            "status": np.where(ok, "pass", "fail"),
            "finding": _texts(msg, N_("{terms} = {total}."), out.index, terms=out["sum_text"], total=_each(msg, out["observed"])),
            "uses": out["parts"].str.replace(", ", " "),
        },
        columns=CHECK_COLUMNS,
    )


def _publisher_of(context: pd.DataFrame, figure_id: str, lang: str) -> str:
    """Who published an outside figure, as its row says it in ``lang`` (``publisher_vi`` in Vietnamese, where given)."""
    row = context.loc[figure_id]
    if lang == "vi" and isinstance(row.get("publisher_vi"), str):
        return row["publisher_vi"]
    return row["publisher"]


def _name_of(targets: pd.DataFrame, indicator_id: str, lang: str, plan_id: str | None = None) -> str:
    """A target's name inside a sentence (of ``plan_id``, or of the first plan that has it); its id where the table
    lacks it (the check then says what is missing)."""
    rows = targets["indicator_id"] == indicator_id
    if plan_id is not None:
        rows &= targets["plan_id"] == plan_id
    names = targets.loc[rows, f"name_{lang}"]
    return in_sentence(names.iloc[0]) if len(names) else indicator_id


# --------------------------------------------------------------------------- 2. ranges


def percentages_within_0_100(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Every share, coverage rate (enrolment included) and level in percent lies within 0-100."""
    msg = messages(lang)
    bounded = targets[percent_of_whole(targets) & targets["value"].notna()]
    return _outside_band(
        msg, "percentages_within_0_100", targets, bounded, 0.0, 100.0,
        subject=msg("shares, coverage rates and levels in percent"),
        what=msg("Every share, coverage rate (enrolment included) and level in percent lies within {low}-{high}.",
                 low=_g(msg, 0), high=_g(msg, 100)),
        reason=msg("a part of a whole can be neither below 0% nor above 100%"),
    )


def growth_rates_plausible(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Every growth-rate target lies within GROWTH_BAND."""
    msg = messages(lang)
    low, high = GROWTH_BAND
    growth = targets[(targets["kind"].astype("str") == "growth rate") & targets["value"].notna()]
    return _outside_band(
        msg, "growth_rates_plausible", targets, growth, low, high,
        subject=msg("growth rates"),
        what=msg("Every growth-rate target lies within {low}-{high}% a year.", low=_g(msg, low), high=_g(msg, high)),
        reason=msg("an assumption: below {low} a growth target is a fall, above {high}% a typo is likelier than a plan",
                   low=_g(msg, low), high=_g(msg, high)),
    )


def _outside_band(msg, check, targets, rows, low, high, *, subject, what, reason) -> pd.DataFrame:
    plans = pd.Index(sorted(targets["plan_id"].unique()))
    band = {"low": _g(msg, low), "high": _g(msg, high)}
    outside = rows[~rows["value"].between(low, high)]
    name = f"name_{msg.lang}"
    listed = (outside[name].map(in_sentence) + " = " + outside["value"].map(lambda x: _g(msg, x))).groupby(outside["plan_id"]).agg("; ".join)
    count = outside.groupby("plan_id").size().reindex(plans, fill_value=0)
    total = rows.groupby("plan_id").size().reindex(plans, fill_value=0)
    lowest = rows.loc[rows.groupby("plan_id")["value"].idxmin()].set_index("plan_id") if len(rows) else rows
    highest = rows.loc[rows.groupby("plan_id")["value"].idxmax()].set_index("plan_id") if len(rows) else rows
    finding = pd.Series("", index=plans, dtype=object)
    for plan in plans:
        if count[plan]:
            finding[plan] = msg("{count} outside: {listed}.", count=msg.number(count[plan]), listed=listed[plan])
        elif total[plan] == 1:
            finding[plan] = msg("The one target lies within {low}-{high}: {name}, {value}.", **band,
                                name=in_sentence(lowest.at[plan, name]), value=_g(msg, lowest.at[plan, "value"]))
        elif total[plan]:
            finding[plan] = msg(
                "All {count} lie within {low}-{high} (lowest: {lowest_name}, {lowest}; highest: {highest_name}, {highest}).",
                count=msg.number(total[plan]), **band,
                lowest_name=in_sentence(lowest.at[plan, name]), lowest=_g(msg, lowest.at[plan, "value"]),
                highest_name=in_sentence(highest.at[plan, name]), highest=_g(msg, highest.at[plan, "value"]),
            )
        else:
            finding[plan] = msg("The plan has no such target.")
    uses = rows.groupby("plan_id")["indicator_id"].agg(" ".join).reindex(plans, fill_value="")
    return _rows(
        check, plans, subject=subject, what=what, uses=uses,
        inputs=msg.ngettext("{n} target", "{n} targets", len(rows)), observed=count,
        rule=msg("observed = expected (targets outside {low}-{high})", **band), expected=0,
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


def comparator_matches_wording(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """The comparator of each target agrees with the words next to its number in source_text."""
    msg = messages(lang)
    plans = pd.Index(sorted(targets["plan_id"].unique()))
    words = wording_of(targets)
    wrong = words[words["comparator"].astype("str") != words["worded"]]
    bounds = words[words["worded"] != "="]
    finding = pd.Series("", index=plans, dtype=object)
    for plan in plans:
        disagree = wrong[wrong["plan_id"] == plan]
        if len(disagree):
            listed = "; ".join(
                msg("{indicator}: the words '{words}' mean {worded}, the table says {comparator}", indicator=_name_of(targets, r.indicator_id, msg.lang, r.plan_id),
                    words=r.bound_words, worded=msg.pgettext("comparator", r.worded),
                    comparator=msg.pgettext("comparator", str(r.comparator)))
                if r.bound_words else
                msg("{indicator}: the words '(none)' mean {worded}, the table says {comparator}", indicator=_name_of(targets, r.indicator_id, msg.lang, r.plan_id),
                    worded=msg.pgettext("comparator", r.worded), comparator=msg.pgettext("comparator", str(r.comparator)))
                for r in disagree.itertuples()
            )
            finding[plan] = msg("{count} disagree: {listed}.", count=msg.number(len(disagree)), listed=listed)
        else:
            read = bounds[bounds["plan_id"] == plan]
            finding[plan] = (
                msg("All agree. Bounds read from the wording: {bounds}.",
                    bounds="; ".join(f"{_name_of(targets, r.indicator_id, msg.lang, r.plan_id)} ('{r.bound_words}')" for r in read.itertuples()))
                if len(read) else msg("All agree. Bounds read from the wording: none.")
            )
    count = wrong.groupby("plan_id").size().reindex(plans, fill_value=0)
    quoted = lambda phrases: ", ".join(f"'{p}'" for p in phrases)  # noqa: E731
    uses = words.groupby("plan_id")["indicator_id"].agg(" ".join).reindex(plans, fill_value="")
    return _rows(
        "comparator_matches_wording", plans, subject=msg("comparators"), uses=uses,
        what=msg("Words next to a number make it a floor (>=): {floors}; or a ceiling (<=): {ceilings}; no such word, "
                 "a point (=). The table's comparator agrees.",
                 floors=quoted(AT_LEAST_BEFORE + AT_LEAST_AFTER), ceilings=quoted(AT_MOST_BEFORE + AT_MOST_AFTER)),
        inputs=msg.ngettext("{n} target (comparator, source_text)", "{n} targets (comparator, source_text)", len(words)),
        observed=count, rule=msg("observed = expected (disagreements)"), expected=0, tolerance=0.0,
        tolerance_reason=msg("words either agree or not"), status=np.where(count == 0, "pass", "fail"), finding=finding,
    )


# --------------------------------------------------------------------------- 4. relations

#: The denominators a share of communes may be over: (the word for the count, the word for the whole, figure_id).
COMMUNE_DENOMINATORS = (
    (NP_("denominator", "xã"), NP_("denominator", "xã"), "communes_xa_2020"),
    (NP_("denominator", "commune-level units"), NP_("denominator", "commune-level units (xã, phường and thị trấn)"),
     "communes_total_2020"),
)


def new_rural_communes(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """'4 more communes' and '44,7% of communes': which denominator, and what count, they imply."""
    msg = messages(lang)
    ids = ["new_rural_communes_share", "new_rural_communes_added"]
    wide = _wide(targets, ids=ids)
    written = _wide(targets, "value_as_written", ids=ids)["new_rural_communes_share"]
    needs = _missing_note(msg, wide, ids, context, ["communes_xa_2020", "communes_total_2020"])
    share, added = wide["new_rural_communes_share"], wide["new_rural_communes_added"]
    half = half_units(written)
    candidates = [(msg.pgettext(*short), msg.pgettext(*long), _figure(context, f)) for short, long, f in COMMUNE_DENOMINATORS]
    observed = share
    expected = pd.Series(np.nan, index=wide.index)
    ok = pd.Series(False, index=wide.index)
    finding = pd.Series("", index=wide.index, dtype=object)
    for plan in wide.index[needs == ""]:
        s, h, a = share[plan], half[plan], added[plan]
        fits, misses = [], []
        for short, long, d in candidates:
            low, high = math.ceil((s - h) * d / 100 - 1e-9), math.floor((s + h) * d / 100 + 1e-9)
            if low <= high:
                fits.append((short, d, low))
                misses.append(msg("of the {total} {units}, {count} make {share}%, which rounds to {stated}%",
                                  total=_g(msg, d), units=long, count=msg.number(low), share=_num(msg, 100 * low / d),
                                  stated=_g(msg, s)))
            else:
                nearest = round(s * d / 100)
                misses.append(msg("of the {total} {units}, no whole number does ({nearest} would be {share}%)",
                                  total=_g(msg, d), units=long, nearest=msg.number(nearest), share=_num(msg, 100 * nearest / d)))
        text = "; ".join(misses)
        text = text[0].upper() + text[1:] + "."
        if fits:
            short, d, count = fits[0]
            expected[plan], ok[plan] = 100 * count / d, True
            before = count - a
            text += " " + msg("So the plan counts {units}: {count} at the end of 2021 and {count} - {added} = {before} at the "
                              "end of 2020.", units=short, count=msg.number(count), added=_g(msg, a), before=_g(msg, before))
            text += _earlier_counts(msg, context, before, count)
        else:
            text += " " + msg("The two targets do not fit together.")
        finding[plan] = text
    return _rows(
        "new_rural_communes", wide.index, subject=msg("new-rural communes"),
        what=msg("The share of communes meeting the standard is a whole number of communes over some denominator "
                 "(the xã, or all commune-level units)."),
        uses=" ".join(ids), inputs=_inputs(msg, ids, ["communes_xa_2020", "communes_total_2020"]),
        observed=observed, rule=msg(RULE_WITHIN), expected=expected, tolerance=half,
        tolerance_reason=msg("the share is stated to one decimal, so any count whose share rounds to it is within half a "
                             "unit of that decimal"),
        status=_verdict(ok, needs), finding=finding.where(needs == "", needs),
    )


def _earlier_counts(msg, context, end_2020: float, end_2021: float) -> str:
    """What the context data says about the count of new-rural communes in other years (' ' and sentences, or '')."""
    said = []
    target = _figure(context, "ntm_communes_target_2020")
    if target is not None:
        if target == end_2020:
            said.append(msg("the same as the 2020 target set in 2018, before the February 2020 reorganisation of communes "
                            "({target} xã)", target=_g(msg, target)))
        else:
            said.append(msg("{difference} on the 2020 target set in 2018, before the February 2020 reorganisation of "
                            "communes ({target} xã)", difference=_g(msg, end_2020 - target, sign=True), target=_g(msg, target)))
    september = _figure(context, "ntm_communes_sep2020")
    if september is not None:
        said.append(msg("{difference} more than the {september} counted in September 2020",
                        difference=_g(msg, end_2020 - september), september=_g(msg, september)))
    text = ""
    if len(said) == 2:
        text = " " + msg("That is {first}, and {second}.", first=said[0], second=said[1])
    elif said:
        text = " " + msg("That is {first}.", first=said[0])
    later = _figure(context, "ntm_communes_2022")
    if later is not None:
        values = {"later": _g(msg, later), "planned": _g(msg, end_2021)}
        text += " " + (msg("At the end of 2022 the count was {later} xã, below the {planned} planned for the end of 2021.", **values)
                       if later < end_2021 else
                       msg("At the end of 2022 the count was {later} xã, at or above the {planned} planned for the end of 2021.",
                           **values))
    return text


#: The outside figures on the tea area, in the order the finding gives them: (figure_id, text, text if an estimate).
TEA_FIGURES = (
    ("tea_area_2017", N_("{area} ha in 2017"), N_("{area} ha in 2017 (an estimate)")),
    ("tea_area_2018", N_("nearly {area} ha about 2018"), N_("nearly {area} ha about 2018 (an estimate)")),
    ("tea_new_planting_baseline_2020", N_("{area} ha newly planted in 2020"), N_("{area} ha newly planted in 2020 (an estimate)")),
    ("tea_area_end2022", N_("{area} ha at the end of 2022"), N_("{area} ha at the end of 2022 (an estimate)")),
)


def tea_area_before_planting(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """New planting (680 ha) fits inside the total tea area (over 8,482 ha); the area it implies before."""
    msg = messages(lang)
    ids = ["tea_area", "tea_new_planting"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(msg, wide, ids, context)
    total, new = wide["tea_area"], wide["tea_new_planting"]
    before = total - new
    finding = _texts(msg, N_("Over {total} ha in all with {new} ha newly planted leaves at least {before} ha planted before "
                             "2021, if no tea is cleared."), wide.index,
                     total=_each(msg, total, 0), new=_each(msg, new, 0), before=_each(msg, before, 0))
    earlier = [
        msg(estimated if _is_estimate(context, f) else plain,
            area=_num(msg, _figure(context, f), 0))
        for f, plain, estimated in TEA_FIGURES if _figure(context, f) is not None
    ]
    if earlier:
        finding = finding + " " + msg("Outside figures: {figures}.", figures="; ".join(earlier))
    return _rows(
        "tea_area_before_planting", wide.index, subject=msg("tea area"),
        what=msg("The tea newly planted in 2021 is less than the total tea area."),
        uses=" ".join(ids), inputs=_inputs(msg, ids), observed=new, rule=msg(RULE_BELOW), expected=total, tolerance=0.0,
        tolerance_reason=msg("new planting is part of the total, so it must be smaller"),
        status=_verdict(new < total, needs), finding=finding.where(needs == "", needs),
    )


def growth_decomposition(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Total growth, agriculture's growth and its share imply a growth rate for the rest."""
    msg = messages(lang)
    ids = ["grdp_growth", "agriculture_value_added_growth", "share_agriculture_forestry_fishery"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(msg, wide, ids, context)
    total, agriculture, share = wide[ids[0]], wide[ids[1]], wide[ids[2]] / 100
    rest = (total - share * agriculture) / (1 - share)
    low, high = GROWTH_BAND
    finding = _texts(
        msg, N_("Agriculture growing {agriculture}% with a {share}% share, for total growth of {total}%, needs the rest of "
                "the economy (industry, construction, services, product taxes) to grow {rest}%."), wide.index,
        agriculture=_each_g(msg, agriculture), share=_each_g(msg, 100 * share), total=_each_g(msg, total), rest=_each(msg, rest),
    )
    share_2020 = _figure(context, "structure_agri_share_baseline_2020")
    if share_2020 is not None:
        rest_2020 = (total - share_2020 / 100 * agriculture) / (1 - share_2020 / 100)
        weighted = (N_("With the 2020 share ({share}%, an estimate) as the weight: {rest}%.")
                    if _is_estimate(context, "structure_agri_share_baseline_2020")
                    else N_("With the 2020 share ({share}%) as the weight: {rest}%."))
        finding = finding + " " + _texts(msg, weighted, wide.index, share=_g(msg, share_2020), rest=_each(msg, rest_2020))
    finding = finding + " " + msg(
        "Assumes that this year's shares stand in for last year's constant-price weights, and that 'ngành nông nghiệp' "
        "covers agriculture, forestry and fishery."
    )
    return _rows(
        "growth_decomposition", wide.index, subject=msg("GRDP growth"),
        what=msg("The growth the rest of the economy needs lies within the plausible band, {low}-{high}% a year.",
                 low=_g(msg, low), high=_g(msg, high)),
        uses=" ".join(ids), inputs=_inputs(msg, ids), observed=rest, rule=msg("{low} ≤ observed ≤ {high}", low=_g(msg, low), high=_g(msg, high)),
        expected=np.nan, tolerance=0.0,
        tolerance_reason=msg("a band, not an equality (as in the check of growth rates); it only catches gross errors"),
        status=_verdict(rest.between(low, high), needs), finding=finding.where(needs == "", needs),
    )


def poverty_reduction(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """The poor districts cut poverty at least as fast as the province; the 2021 rate it implies."""
    msg = messages(lang)
    ids = ["poverty_rate_reduction", "poverty_rate_reduction_poor_districts"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(msg, wide, ids, context, ["poverty_rate_baseline_2020"])
    province, poor = wide[ids[0]], wide[ids[1]]
    stated = _wide(targets, "value_as_written", ids=ids).map(lambda w: _stated(msg, w), na_action="ignore").astype(object)
    ok = poor >= province
    finding = _texts(msg, N_("The poor districts are to cut {poor} points against {province} for the province, so the other "
                             "districts must cut less than {province}."), wide.index,
                     poor=stated[ids[1]].fillna(""), province=stated[ids[0]].fillna(""))
    rate_2020 = _figure(context, "poverty_rate_baseline_2020")
    if rate_2020 is not None:
        ok = ok & (province < rate_2020)
        finding = finding + " " + _texts(
            msg, N_("From the 2020 rate on the provincial poverty list ({rate}%, on the standard in force for 2016-2020), the "
                    "cut leaves {left}% for 2021 on that measure."), wide.index,
            rate=_g(msg, rate_2020), left=_each(msg, rate_2020 - province),
        ) + " " + msg("Only this series is used: rates measured on other standards or surveys cannot be combined with it.")
    pace, pace_poor = _figure(context, "poverty_reduction_pace_2021_2025"), _figure(context, "poverty_reduction_poor_districts_target_2021_2025")
    if pace is not None and pace_poor is not None:
        finding = finding + " " + msg("{publisher} gives {pace} and {pace_poor} points a year for 2021-2025.",
                                      publisher=_publisher_of(context, "poverty_reduction_pace_2021_2025", msg.lang),
                                      pace=_g(msg, pace), pace_poor=_g(msg, pace_poor))
    return _rows(
        "poverty_reduction", wide.index, subject=msg("poverty"),
        what=msg("The poor districts cut poverty by at least as many points as the province; the cut is smaller than the 2020 "
                 "rate."),
        uses=" ".join(ids), inputs=_inputs(msg, ids, ["poverty_rate_baseline_2020"]), observed=poor,
        rule=msg("observed ≥ expected, and expected < the 2020 rate"), expected=province, tolerance=0.0,
        tolerance_reason=msg(AN_ORDER), status=_verdict(ok, needs), finding=finding.where(needs == "", needs),
    )


def malnutrition_ceilings(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Stunting and underweight: both ceilings on the same children, in the order the plan sets them."""
    msg = messages(lang)
    ids = ["stunting_under5", "underweight_under5"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(msg, wide, ids, context)
    ceiling = (targets["comparator"].astype("str") == "<=") & (targets["direction"].astype("str") == "lower")
    not_ceilings = (~ceiling[targets["indicator_id"].isin(ids)]).groupby(targets["plan_id"]).sum().reindex(wide.index, fill_value=0)
    stunting, underweight = wide[ids[0]], wide[ids[1]]
    ordered = stunting >= underweight
    finding = pd.Series("", index=wide.index, dtype=object)
    for plan in wide.index:
        values = {"stunting": _g(msg, stunting[plan]), "underweight": _g(msg, underweight[plan])}
        if not_ceilings[plan]:
            finding[plan] = msg.ngettext("{n} of the two is not a ceiling (<=, lower is better).",
                                         "{n} of the two are not ceilings (<=, lower is better).", int(not_ceilings[plan]))
        elif not ordered[plan]:
            finding[plan] = msg("The stunting ceiling ({stunting}%) is below the underweight one ({underweight}%): were the two "
                                "values swapped?", **values)
        else:
            finding[plan] = msg("Both are ceilings on the share of children under five: stunting at most {stunting}%, "
                                "underweight under {underweight}%; the stunting ceiling is {gap} points above the underweight "
                                "one (the two overlap: a child can be both).",
                                gap=_num(msg, stunting[plan] - underweight[plan]), **values)
    return _rows(
        "malnutrition_ceilings", wide.index, subject=msg("child malnutrition"),
        what=msg("Both malnutrition targets are ceilings (<=, lower is better), and the stunting ceiling is at least the "
                 "underweight one, the order the plan sets."),
        uses=" ".join(ids), inputs=_inputs(msg, ids), observed=stunting, rule=msg("observed ≥ expected, and both are ceilings"), expected=underweight,
        tolerance=0.0, tolerance_reason=msg("an order, not an equality: it catches the two values swapped"),
        status=_verdict((not_ceilings == 0) & ordered, needs), finding=finding.where(needs == "", needs),
    )


def enrolment_by_level(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Enrolment falls, or holds, from primary to lower secondary to upper secondary."""
    msg = messages(lang)
    ids = ["enrolment_primary", "enrolment_lower_secondary", "enrolment_upper_secondary"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(msg, wide, ids, context)
    levels = wide[ids]
    rises = (levels.diff(axis=1).iloc[:, 1:] > 0).sum(axis=1)
    values = {"primary": _each_g(msg, levels[ids[0]]), "lower": _each_g(msg, levels[ids[1]]), "upper": _each_g(msg, levels[ids[2]])}
    falls = _texts(msg, N_("Primary {primary}%, lower secondary {lower}%, upper secondary {upper}%: each level enrols no more "
                           "of its age group than the one before, as expected when pupils leave school between levels."),
                   wide.index, **values)
    rise = _texts(msg, N_("Primary {primary}%, lower secondary {lower}%, upper secondary {upper}%: a later level enrols more "
                          "of its age group than an earlier one."), wide.index, **values)
    finding = falls.where(rises == 0, rise)
    return _rows(
        "enrolment_by_level", wide.index, subject=msg("enrolment"),
        what=msg("Enrolment does not rise from primary to lower secondary to upper secondary."),
        uses=" ".join(ids), inputs=_inputs(msg, ids), observed=rises, rule=msg("observed = expected (rises from one level to the next)"), expected=0,
        tolerance=0.0, tolerance_reason=msg(AN_ORDER),
        status=_verdict(rises == 0, needs), finding=finding.where(needs == "", needs),
    )


#: The urban targets and their rural or province-wide counterparts: (subject, urban id, other id, the finding's sentence,
#: a caveat or None).
URBAN_PAIRS = (
    (NP_("subject", "water"), "urban_piped_clean_water", "rural_hygienic_water",
     N_("{urban}% urban population with piped clean water against {other}% rural population with hygienic water, a looser "
        "standard: a gap of {gap} points."), None),
    (NP_("subject", "waste"), "urban_solid_waste_collected", "communes_waste_collection",
     N_("{urban}% urban solid waste collected against {other}% communes, wards and townships with collection, rural ones "
        "included: a gap of {gap} points."),
     N_("The bases differ (a share of waste against a share of communes), so the order is an expectation, not an identity.")),
)




def urban_at_least_rural(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Urban water and waste targets are at least their rural or province-wide counterparts."""
    msg = messages(lang)
    out = []
    for subject, urban_id, other_id, sentence, caveat in URBAN_PAIRS:
        wide = _wide(targets, ids=[urban_id, other_id])
        needs = _missing_note(msg, wide, [urban_id, other_id], context)
        urban, other = wide[urban_id], wide[other_id]
        finding = _texts(msg, sentence, wide.index, urban=_each_g(msg, urban), other=_each_g(msg, other),
                         gap=_each_g(msg, urban - other))
        if caveat:
            finding = finding + " " + msg(caveat)
        out.append(_rows(
            "urban_at_least_rural", wide.index, subject=msg.pgettext(*subject),
            what=msg("The urban target ({urban}) is at least its rural or province-wide counterpart ({other}): urban areas "
                     "are reached first.", urban=_name_of(targets, urban_id, msg.lang), other=_name_of(targets, other_id, msg.lang)),
            uses=f"{urban_id} {other_id}", inputs=_inputs(msg, [urban_id, other_id]), observed=urban, rule=msg(RULE_AT_LEAST), expected=other, tolerance=0.0,
            tolerance_reason=msg(AN_ORDER), status=_verdict(urban >= other, needs),
            finding=finding.where(needs == "", needs),
        ))
    return pd.concat(out, ignore_index=True)


def jobs_and_training(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """Jobs created and workers trained against the labour force; the five-year pace of jobs."""
    msg = messages(lang)
    ids = ["jobs_created", "vocational_training"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(msg, wide, ids, context, ["labour_force_baseline_2020"])
    jobs, trained = wide[ids[0]], wide[ids[1]]
    labour = _figure(context, "labour_force_baseline_2020", "persons") or np.nan
    largest = pd.concat([jobs, trained], axis=1).max(axis=1)
    finding = _texts(
        msg, N_("{trained} workers trained and {jobs} helped into jobs are {trained_share}% and {jobs_share}% of the 2020 "
                "labour force ({labour})."), wide.index,
        trained=_each(msg, trained, 0), jobs=_each(msg, jobs, 0), trained_share=_each(msg, 100 * trained / labour),
        jobs_share=_each(msg, 100 * jobs / labour), labour=_num(msg, labour, 0),
    )
    pace = _figure(context, "jobs_pace_2021_2025")
    if pace is not None:
        finding = finding + " " + _texts(
            msg, N_("{publisher} gives {pace} jobs a year for 2021-2025: 2021 asks {fewer} fewer."),
            wide.index, publisher=_publisher_of(context, "jobs_pace_2021_2025", msg.lang), pace=_num(msg, pace, 0),
            fewer=_each(msg, pace - jobs, 0),
        )
    return _rows(
        "jobs_and_training", wide.index, subject=msg("jobs and training"),
        what=msg("Jobs created and workers trained in one year are each a part of the labour force (below 100% of it)."),
        uses=" ".join(ids), inputs=_inputs(msg, ids, ["labour_force_baseline_2020"]), observed=100 * largest / labour,
        rule=msg(RULE_BELOW), expected=100.0, tolerance=0.0,
        tolerance_reason=msg("a part of a whole is below the whole; this only catches gross errors such as a misplaced "
                             "separator"),
        status=_verdict(largest < labour, needs), finding=finding.where(needs == "", needs),
    )


def grdp_and_budget(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """GRDP per capita times population gives a GRDP; budget revenue and product taxes as shares of it."""
    msg = messages(lang)
    ids = ["grdp_per_capita", "budget_revenue", "share_product_taxes_less_subsidies"]
    wide = _wide(targets, ids=ids)
    needs = _missing_note(msg, wide, ids, context, ["population_avg_2021"])
    population = _figure(context, "population_avg_2021", "persons") or np.nan
    grdp = wide["grdp_per_capita"] * population / 1000  # million VND x persons / 1000 = billion VND
    budget = wide["budget_revenue"]
    taxes = grdp * wide["share_product_taxes_less_subsidies"] / 100
    finding = _texts(
        msg, N_("{per_capita} million VND per person x {population} people (2021 average) = {grdp} billion VND of GRDP."),
        wide.index, per_capita=_each_g(msg, wide["grdp_per_capita"]), population=_num(msg, population, 0),
        grdp=_each(msg, grdp, 0),
    ) + " " + _texts(
        msg, N_("Budget revenue of {budget} billion VND is {budget_share}% of it; product taxes less subsidies ({tax_share}% of "
                "GRDP) come to {taxes} billion VND, {taxes_share}% of budget revenue, for scale only: product taxes are an "
                "accounting share of GRDP, budget revenue is what the state collects (here, a planned amount), not a part of GRDP."), wide.index,
        budget=_each(msg, budget, 0), budget_share=_each(msg, 100 * budget / grdp),
        tax_share=_each_g(msg, wide["share_product_taxes_less_subsidies"]), taxes=_each(msg, taxes, 0),
        taxes_share=_each(msg, 100 * taxes / budget),
    ) + " " + msg("Assumes the per-capita target divides by the same population.")
    return _rows(
        "grdp_and_budget", wide.index, subject=msg("GRDP and budget"),
        what=msg("Budget revenue collected in the province is smaller than the GRDP that per-capita GRDP times population implies (below 100% of it)."),
        uses=" ".join(ids), inputs=_inputs(msg, ids, ["population_avg_2021"]), observed=100 * budget / grdp,
        rule=msg(RULE_BELOW), expected=100.0, tolerance=0.0,
        tolerance_reason=msg("revenue collected in the province is drawn from what it produces; this only catches gross errors"),
        status=_verdict(budget < grdp, needs), finding=finding.where(needs == "", needs),
    )


def grdp_per_capita_growth(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """GRDP per capita against its 2020 value: the nominal growth it implies, against real growth."""
    msg = messages(lang)
    ids = ["grdp_per_capita", "grdp_growth"]
    wide = _wide(targets, ids=ids)
    written = _wide(targets, "value_as_written", ids=ids)["grdp_per_capita"]
    needs = _missing_note(msg, wide, ids, context, ["grdp_per_capita_baseline_2020"])
    per_capita, real = wide["grdp_per_capita"], wide["grdp_growth"]
    base = _figure(context, "grdp_per_capita_baseline_2020", "million VND per person") or np.nan
    base_half = _half_unit_of_figure(context, "grdp_per_capita_baseline_2020")
    half = half_units(written)
    nominal = 100 * (per_capita / base - 1)
    widest = 100 * ((per_capita + half) / (base - base_half) - 1) - nominal
    census, average = _figure(context, "population_census_2019", "persons"), _figure(context, "population_avg_2021", "persons")
    if census is not None and average is not None:
        people = (average / census) ** (1 / 2.25) - 1  # 1 April 2019 to mid-2021
    else:
        people = 0.0
    real_per_capita = 100 * ((1 + real / 100) / (1 + people) - 1)
    prices = 100 * ((1 + nominal / 100) / (1 + real_per_capita / 100) - 1)
    growth = (N_("{per_capita} million VND against {base} in 2020 (an estimate) is nominal growth of {nominal}%.")
              if _is_estimate(context, "grdp_per_capita_baseline_2020")
              else N_("{per_capita} million VND against {base} in 2020 is nominal growth of {nominal}%."))
    per_person = (N_("Real GRDP growth of {real}%, with population growing {people}% a year (census of 1/4/2019 to the 2021 "
                     "average), is {per_person}% per person, which leaves {prices}% for the rise in prices.")
                  if census is not None and average is not None else
                  N_("Real GRDP growth of {real}%, with population held constant (the population figures are missing), is "
                     "{per_person}% per person, which leaves {prices}% for the rise in prices."))
    finding = (
        _texts(msg, growth, wide.index, per_capita=_each_g(msg, per_capita), base=_g(msg, base), nominal=_each(msg, nominal))
        + " " + _texts(msg, per_person, wide.index, real=_each_g(msg, real), people=_num(msg, 100 * people),
                       per_person=_each(msg, real_per_capita), prices=_each(msg, prices))
        + " " + msg("Both per-capita figures are whole millions, so the nominal growth is uncertain by the tolerance.")
    )
    return _rows(
        "grdp_per_capita_growth", wide.index, subject=msg("GRDP per capita"),
        what=msg("The nominal growth of GRDP per capita is at least its real growth (prices do not fall)."),
        uses=" ".join(ids), inputs=_inputs(msg, ids, ["grdp_per_capita_baseline_2020", "population_census_2019", "population_avg_2021"]),
        observed=nominal, rule=msg("observed + tolerance ≥ expected"), expected=real_per_capita, tolerance=widest,
        tolerance_reason=msg("the target and the 2020 value are stated in whole millions, each rounded by up to {half}",
                             half=_g(msg, 0.5)),
        status=_verdict(nominal + widest >= real_per_capita, needs), finding=finding.where(needs == "", needs),
    )


def commune_units_add_up(targets: pd.DataFrame, context=None, lang: str = "en") -> pd.DataFrame:
    """The outside figures agree with each other: xã + phường + thị trấn = commune-level units."""
    msg = messages(lang)
    plans = pd.Index(sorted(targets["plan_id"].unique()))
    parts = ["communes_xa_2020", "wards_2020", "townships_2020"]
    values = [_figure(context, f) for f in parts + ["communes_total_2020"]]
    missing = [f for f, v in zip(parts + ["communes_total_2020"], values) if v is None]
    if missing:
        observed, expected, status = np.nan, np.nan, "info"
        finding = msg("Needs {figures} from data/context.csv or data/outcomes.csv.", figures=", ".join(missing))
    else:
        observed, expected = sum(values[:3]), values[3]
        status = "pass" if observed == expected else "fail"
        finding = msg("{xa} xã + {wards} phường + {townships} thị trấn = {total}; the source says {stated}.",
                      xa=_g(msg, values[0]), wards=_g(msg, values[1]), townships=_g(msg, values[2]),
                      total=_g(msg, observed), stated=_g(msg, expected))
    return _rows(
        "commune_units_add_up", plans, subject=msg("commune-level units"), uses="",
        what=msg("The province's xã, phường and thị trấn add up to its commune-level units (the denominators above)."),
        inputs=_inputs(msg, (), parts + ["communes_total_2020"]), observed=observed, rule=msg(RULE_EQUAL),
        expected=expected, tolerance=0.0,
        tolerance_reason=msg("counts are exact"), status=status, finding=finding,
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

#: The fields a card shows, one row each.
CARD_FIELDS = ("what", "observed", "rule", "expected", "tolerance", "status", "finding")


def card(result: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A check's rows for reading: one column per subject, one row per field (its header in ``lang``), numbers to 2
    decimals in the notation of ``lang``, the status in its words."""
    msg = messages(lang)
    shown = result.set_index("subject")[list(CARD_FIELDS)].copy()
    for column in ("observed", "expected", "tolerance"):
        shown[column] = shown[column].astype("float64").round(2).map(lambda x: _g(msg, x))
    shown["status"] = shown["status"].map(lambda s: msg.pgettext("status", str(s)))
    shown.columns = [msg.pgettext("column", c) for c in CARD_FIELDS]
    shown.index.name = msg.pgettext("column", "subject")
    return shown.T


def run_checks(targets: pd.DataFrame, context: pd.DataFrame | None = None, lang: str = "en",
               plans: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every check of the catalogue on every plan of ``targets``: one table, in catalogue order, its texts in ``lang``.

    Each plan is checked against the outside figures of its own province only (``context.csv``'s ``province``, the
    plan's ``province_vi`` in ``plans``, by default ``load_plans()``) and its own rows of ``outcomes.csv``: a second
    province's plan is never checked with Lai Châu's commune counts. A plan that ``plans`` does not name reads only
    its own outcomes."""
    if plans is None and context is not None:
        from .load import load_plans

        plans = load_plans()
    ids = sorted(targets["plan_id"].astype(str).unique())
    by_province: dict = {}
    for plan in ids:
        province = plans.at[plan, "province_vi"] if plans is not None and plan in plans.index else None
        by_province.setdefault(province, []).append(plan)
    results = []
    for check in CATALOGUE:
        rows = [check(targets[targets["plan_id"].isin(members)], _figures_of(context, province, members), lang=lang)
                for province, members in by_province.items()]
        results.append(pd.concat(rows, ignore_index=True) if len(rows) > 1 else rows[0])
    if len(by_province) > 1:  # each check's rows in the order of its plans, as one check gives them
        results = [r.assign(_plan=pd.Categorical(r["plan_id"], ids)).sort_values("_plan", kind="stable").drop(columns="_plan")
                   for r in results]
    return pd.concat(results, ignore_index=True)[CHECK_COLUMNS]


def _figures_of(context: pd.DataFrame | None, province, plans: list[str]) -> pd.DataFrame | None:
    """The outside figures that ``plans`` may be checked with: their province's, and their own outcomes."""
    if context is None:
        return None
    own = context["plan_id"].isin(plans) if "plan_id" in context.columns else pd.Series(False, index=context.index)
    about = (context["province"] == province) if "province" in context.columns and province is not None else False
    unlinked = context["plan_id"].isna() if "plan_id" in context.columns else True
    return context[own | (unlinked & about)]
