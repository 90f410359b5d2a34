"""Plan against outcome: did each 2021 target meet its published result, and where does it leave the road to 2025?

``scorecard(targets, outcomes)`` gives one row per target with a status:

- ``met`` / ``missed``: the result, read with its bound, lies wholly inside / wholly outside
  what the target asks. What a target asks follows its comparator and direction:
  ``>=`` asks at least the value and ``<=`` at most; ``=`` with higher-is-better asks the
  value reached at the precision it is stated in (7,96 is reached by 7,955), with
  lower-is-better the same from below, and with no preferred direction (a sector's share)
  the value within that precision on either side.
- ``undetermined``: the result is only a bound ('hơn 44 triệu đồng') and the bound is not
  enough to decide.
- ``no published result``: nothing was found; never a guess.

A growth-rate or reduction target is held against the published rate or points of the
same year, never projected from levels. ``progress`` is (result - baseline) / (target -
baseline), where a 2020 value and an exact result exist.

``road_to_2025(targets, outcomes)`` sets each 2021 target against the target that the
2021-2025 five-year plan sets for the same indicator, and says what yearly pace the years
2022-2025 must then keep.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .i18n import N_, NP_, messages
from .load import COUNT_UNITS
from .numbers import half_units

STATUSES = ("met", "missed", "undetermined", "no published result")
#: The words of the statuses and of the road's verdicts, for the catalogue (shown with msg.pgettext(...)).
_VOCABULARY = [NP_("status", "met"), NP_("status", "missed"), NP_("status", "undetermined"),
               NP_("status", "no published result"), NP_("verdict", "ahead"), NP_("verdict", "on pace"),
               NP_("verdict", "behind"), NP_("verdict", "cannot say")]

SCORECARD_COLUMNS = [
    "plan_id", "indicator_id", "group", "group_vi", "group_en", "name_vi", "name_en", "key_target", "kind", "comparator",
    "direction", "unit", "target", "target_as_written", "source_text",
    "baseline", "baseline_estimate", "baseline_figure", "baseline_quote",
    "result", "result_bound", "result_as_written", "estimate", "result_final", "status", "reason", "progress",
    "result_figure", "publisher", "url", "quote", "other_results",
]



def _num(msg, value: float) -> str:
    """A figure with the decimals it has, in the reader's notation."""
    return msg.plain(value)


def _amount(msg, text: str, unit: str, bound: str = "exact") -> str:
    """A number with its unit (7.96%, 2,000 workers) and its bound (or more, or less), in the reader's words."""
    if unit in ("percent", "%"):
        with_unit = msg("{number}%", number=text)
    else:
        with_unit = msg("{number} {unit}", number=text, unit=msg.pgettext("unit", unit))
    if bound == "at least":
        return msg("{amount} or more", amount=with_unit)
    if bound == "at most":
        return msg("{amount} or less", amount=with_unit)
    return with_unit


#: The pace units of the road (a column of road_to_2025), as a reader reads them after a number.
PACE_UNITS = {"% a year": N_("{number}% a year"), "points a year": N_("{number} points a year")}


def _asked(targets: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The interval of results that meet each target: (low, high), either end open as -inf or inf."""
    value, comparator, direction = targets["value"], targets["comparator"].astype(str), targets["direction"].astype(str)
    half = half_units(targets["value_as_written"].where(value.notna()))
    equal = comparator == "="
    low = np.select(
        [comparator == ">=", equal & (direction == "higher"), equal & (direction == "neither")],
        [value, value - half, value - half], default=-np.inf,
    )
    high = np.select(
        [comparator == "<=", equal & (direction == "lower"), equal & (direction == "neither")],
        [value, value + half, value + half], default=np.inf,
    )
    return pd.Series(low, index=targets.index), pd.Series(high, index=targets.index)


def _chosen_results(outcomes: pd.DataFrame) -> pd.DataFrame:
    """One result per target: an exact figure before a bound, a stated one before an estimate, the latest first.

    The others published for the same target are listed in ``other_results``.
    """
    results = outcomes[outcomes["role"] == "result"].reset_index()
    if results.empty:
        return pd.DataFrame(columns=["plan_id", "indicator_id", "figure_id", "other_results"])
    results = results.assign(
        _bounded=results["bound"].astype(str) != "exact",
        _estimate=results["estimate"].astype(bool),
        _published=results["published"].fillna(""),
    ).sort_values(["_bounded", "_estimate", "_published", "figure_id"], ascending=[True, True, False, True])
    keys = ["plan_id", "indicator_id"]
    others = results.groupby(keys, sort=False)["figure_id"].agg(lambda ids: ", ".join(ids.iloc[1:]))
    chosen = results.drop_duplicates(keys).set_index(keys)
    chosen["other_results"] = others
    return chosen.reset_index()


def _publisher_in(outcomes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The outcomes with ``publisher`` in the reader's language: ``publisher_vi`` for Vietnamese, where a row has it."""
    if lang != "vi" or "publisher_vi" not in outcomes.columns:
        return outcomes
    return outcomes.assign(publisher=outcomes["publisher_vi"].where(outcomes["publisher_vi"].notna(), outcomes["publisher"]))


def scorecard(targets: pd.DataFrame, outcomes: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """One row per target: baseline, target, result, status, reason, progress and the result's evidence.

    ``outcomes`` is the table of ``load_outcomes()`` (or of ``load_context()``, whose
    rows without an indicator are ignored). Where several results are published for a
    target, the row uses an exact figure before a bound, a figure stated as reached before
    an estimate, and the latest publication first; ``other_results`` names the rest.
    """
    outcomes = _publisher_in(outcomes.dropna(subset=["indicator_id"]), lang)
    keys = ["plan_id", "indicator_id"]
    card = targets.reset_index(drop=True).rename(columns={"value": "target", "value_as_written": "target_as_written"})
    card = card.drop(columns=[c for c in ("publisher", "url", "quote") if c in card.columns])

    baselines = outcomes[outcomes["role"] == "baseline"].reset_index()
    baselines = baselines.drop_duplicates(keys)[[*keys, "value", "estimate", "figure_id", "quote"]].rename(
        columns={"value": "baseline", "estimate": "baseline_estimate", "figure_id": "baseline_figure", "quote": "baseline_quote"})
    chosen = _chosen_results(outcomes)
    result_columns = {"value": "result", "bound": "result_bound", "value_as_written": "result_as_written",
                      "estimate": "estimate", "final": "result_final", "figure_id": "result_figure", "publisher": "publisher", "url": "url",
                      "quote": "quote", "other_results": "other_results"}
    chosen = chosen.reindex(columns=[*keys, *result_columns]).rename(columns=result_columns)
    card = card.merge(baselines, on=keys, how="left", validate="one_to_one").merge(chosen, on=keys, how="left", validate="one_to_one")
    card["estimate"] = card["estimate"].astype("boolean")
    card["result_final"] = card["result_final"].astype("boolean")
    card["baseline_estimate"] = card["baseline_estimate"].astype("boolean")
    card["result_bound"] = card["result_bound"].astype("object").astype("str")  # the same from either table

    asked_low, asked_high = _asked(card.rename(columns={"target": "value", "target_as_written": "value_as_written"}))
    bound = card["result_bound"].astype(str)
    result_low = card["result"].where(bound != "at most", -np.inf)
    result_high = card["result"].where(bound != "at least", np.inf)
    has_result = card["result"].notna() & card["target"].notna()
    inside = (result_low >= asked_low) & (result_high <= asked_high)
    outside = (result_high < asked_low) | (result_low > asked_high)
    card["status"] = np.select(
        [~has_result, inside, outside], ["no published result", "met", "missed"], default="undetermined")
    card["reason"] = _reasons(card, asked_low, asked_high, messages(lang))

    exact = bound == "exact"
    planned_change = card["target"] - card["baseline"]
    card["progress"] = ((card["result"] - card["baseline"]) / planned_change).where(exact & (planned_change != 0))
    return card.reindex(columns=SCORECARD_COLUMNS)


def _asked_in_words(low: float, high: float, unit: str, msg) -> str:
    if np.isinf(low) and np.isinf(high):
        return msg("anything")
    if np.isinf(high):
        return msg("at least {amount}", amount=_amount(msg, _num(msg, low), unit))
    if np.isinf(low):
        return msg("at most {amount}", amount=_amount(msg, _num(msg, high), unit))
    return msg("between {low} and {high}", low=_num(msg, low), high=_amount(msg, _num(msg, high), unit))


def _reasons(card: pd.DataFrame, low: pd.Series, high: pd.Series, msg) -> pd.Series:
    """Each status in words: what the target asks, what was published, and so what."""
    reasons = []
    for i, row in card.iterrows():
        unit = str(row["unit"])
        if pd.isna(row["target"]):
            reasons.append(msg("The target states no number."))
            continue
        if pd.isna(row["result"]):
            reasons.append(msg("No 2021 result was found in the sources collected (see data/outcomes.csv)."))
            continue
        values = dict(asked=_asked_in_words(low[i], high[i], unit, msg),
                      result=_amount(msg, _num(msg, row["result"]), unit, str(row["result_bound"])),
                      written=row["result_as_written"])
        estimate = bool(row["estimate"])
        if row["status"] == "met":
            text = (msg("Read with the rounding of its last digit, the target asks {asked}; the result is {result} ('{written}', an estimate), so it is met.", **values)
                    if estimate else msg("Read with the rounding of its last digit, the target asks {asked}; the result is {result} ('{written}'), so it is met.", **values))
        elif row["status"] == "missed":
            text = (msg("Read with the rounding of its last digit, the target asks {asked}; the result is {result} ('{written}', an estimate), so it is missed.", **values)
                    if estimate else msg("Read with the rounding of its last digit, the target asks {asked}; the result is {result} ('{written}'), so it is missed.", **values))
        else:
            text = (msg("Read with the rounding of its last digit, the target asks {asked}; the result is {result} ('{written}', an estimate), which is not enough to "
                        "decide: the published bound lies partly inside what the target asks.", **values)
                    if estimate else
                    msg("Read with the rounding of its last digit, the target asks {asked}; the result is {result} ('{written}'), which is not enough to decide: the "
                        "published bound lies partly inside what the target asks.", **values))
        if not (pd.notna(row["result_final"]) and bool(row["result_final"])):
            text += " " + msg("It is not yet a final, official figure.")
        reasons.append(text)
    return pd.Series(reasons, index=card.index)


def status_by_group(card: pd.DataFrame) -> pd.DataFrame:
    """How many targets of each group are met, missed, undetermined or without a published result."""
    table = pd.crosstab(card["group"], pd.Categorical(card["status"], categories=STATUSES), dropna=False)
    table.columns = list(STATUSES)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table


# --------------------------------------------------------------------------- the road to 2025

ROAD_COLUMNS = [
    "plan_id", "indicator_id", "group", "kind", "unit", "measure", "baseline_2020", "baseline_2020_estimate", "target_2021",
    "target_2021_comparator", "result_2021", "result_2021_bound", "result_2021_estimate", "plan_2022", "target_2025",
    "target_2025_bound", "target_2025_as_written", "target_2025_year", "target_2025_period", "pace_unit", "step_2021", "pace_2020_2025",
    "pace_after_target", "pace_after_target_bound", "pace_after_result", "pace_after_result_bound", "verdict", "reason",
    "figure_2025", "publisher_2025", "url_2025", "quote_2025",
]

YEARS_AFTER_2021 = 4


def _measure(kind: str, unit: str) -> str:
    if kind == "growth rate":
        return "yearly rate"
    if kind in ("reduction", "count"):
        return "yearly amount"
    if unit == "percent":
        return "share"
    return "level"


def road_to_2025(targets: pd.DataFrame, outcomes: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """For each target that the 2021-2025 plan also sets: the 2021 target against the five-year target.

    The pace is measured as the five-year target is stated:

    - a level (GRDP per capita, grain, tea area, budget revenue) grows in % a year,
      compounded: from the 2021 target to the 2025 target, (T2025 / T2021) ** (1/4) - 1;
    - a share or a coverage rate moves in percentage points a year: (T2025 - T2021) / 4;
    - a yearly growth rate (an average over 2021-2025) must average out over five years:
      after a 2021 rate r, the four later years need ((1 + g) ** 5 / (1 + r)) ** (1/4) - 1;
    - a yearly amount (poverty-rate reduction, jobs) must add up over five years: (5 g - r) / 4; a total over the
      period (``period_figure`` 'period total', such as new tea planting) is read as its yearly average g.

    ``verdict`` says whether the 2021 target keeps the five-year pace: for a rate or an
    amount, whether it is at least the yearly average; for a level or a share, whether its
    step from the 2020 value is at least the average yearly step from 2020 to 2025 (which
    needs a 2020 value, else ``cannot say``).
    """
    outcomes = _publisher_in(outcomes.dropna(subset=["indicator_id"]), lang)
    keys = ["plan_id", "indicator_id"]
    five_year = outcomes[(outcomes["role"] == "plan") & outcomes["year"].isin(["2025", "2021-2025"])].reset_index()
    if five_year.empty:
        return pd.DataFrame(columns=ROAD_COLUMNS)
    # A total over the period ('trồng mới 2.400 ha' in 2021-2025) is read as its yearly average, an amount a year.
    total = five_year["period_figure"].astype("str") == "period total"
    span = five_year["year"].astype("str").map(lambda y: int(y[5:]) - int(y[:4]) + 1 if "-" in y else 1)
    five_year["value"] = five_year["value"].where(~total, five_year["value"] / span)
    road = five_year[[*keys, "value", "bound", "value_as_written", "year", "period_figure", "figure_id", "publisher", "url", "quote"]].rename(columns={
        "value": "target_2025", "bound": "target_2025_bound", "value_as_written": "target_2025_as_written",
        "year": "target_2025_year", "period_figure": "target_2025_period", "figure_id": "figure_2025", "publisher": "publisher_2025", "url": "url_2025", "quote": "quote_2025"})
    road = road.merge(targets[[*keys, "group", "kind", "unit", "direction", "value", "comparator"]].rename(
        columns={"value": "target_2021", "comparator": "target_2021_comparator"}), on=keys, how="inner")

    def one(role: str, year: str, name: str, extra=()) -> pd.DataFrame:
        rows = outcomes[(outcomes["role"] == role) & (outcomes["year"] == year)].reset_index()
        if role == "result":
            rows = _chosen_results(outcomes)
        return rows.drop_duplicates(keys)[[*keys, "value", *extra]].rename(columns={"value": name, **{e: f"{name}_{e}" for e in extra}})

    road = road.merge(one("baseline", "2020", "baseline_2020", ("estimate",)), on=keys, how="left")
    road = road.merge(one("result", "2021", "result_2021", ("bound", "estimate")), on=keys, how="left")
    road = road.merge(one("plan", "2022", "plan_2022"), on=keys, how="left")
    road["measure"] = [_measure(str(k), str(u)) if p != "period total" else "yearly amount"
                       for k, u, p in zip(road["kind"], road["unit"], road["target_2025_period"].astype("str"))]

    t21, t25, b20 = road["target_2021"], road["target_2025"], road["baseline_2020"]
    r21 = road["result_2021"].where(road["result_2021_bound"].astype(str) == "exact")
    measure = road["measure"]
    level, share, rate = measure == "level", measure == "share", measure == "yearly rate"
    n = YEARS_AFTER_2021

    def after(start: pd.Series) -> pd.Series:
        return pd.Series(np.select(
            [level, share, rate],
            [100 * ((t25 / start) ** (1 / n) - 1), (t25 - start) / n, 100 * (((1 + t25 / 100) ** (n + 1) / (1 + start / 100)) ** (1 / n) - 1)],
            default=((n + 1) * t25 - start) / n,
        ), index=road.index)

    road["pace_after_target"] = after(t21)
    road["pace_after_result"] = after(r21).where(r21.notna())
    # A floor in 2025 makes the pace a floor; a floor in 2021 ('trên 8.482 ha') makes what is left a ceiling.
    floor_2025 = road["target_2025_bound"].astype(str) == "at least"
    floor_2021 = road["target_2021_comparator"].astype(str) == ">="
    road["pace_after_target_bound"] = np.select(
        [floor_2025 & floor_2021, floor_2025, floor_2021], ["unknown", "at least", "at most"], default="exact")
    road["pace_after_result_bound"] = pd.Series(np.where(floor_2025, "at least", "exact"), index=road.index).where(r21.notna())
    road["step_2021"] = pd.Series(np.select([level, share], [100 * (t21 / b20 - 1), t21 - b20], default=t21), index=road.index)
    road["pace_2020_2025"] = pd.Series(np.select(
        [level, share], [100 * ((t25 / b20) ** (1 / (n + 1)) - 1), (t25 - b20) / (n + 1)], default=t25), index=road.index)
    road["pace_unit"] = np.select([level, share, rate], ["% a year", "points a year", "% a year"], default=road["unit"].astype(str) + " a year")

    # Keeping pace means a step at least as large as the average, in the direction the plan moves.
    toward = np.sign(t25 - b20).where(level | share, 1.0)
    known = road["step_2021"].notna() & road["pace_2020_2025"].notna()
    difference = toward * (road["step_2021"] - road["pace_2020_2025"])
    road["verdict"] = np.select([~known, difference > 1e-9, difference < -1e-9], ["cannot say", "ahead", "behind"], default="on pace")
    road["baseline_2020_estimate"] = road["baseline_2020_estimate"].astype("boolean")
    road["reason"] = _road_reasons(road, messages(lang))
    return road.reindex(columns=ROAD_COLUMNS).reset_index(drop=True)


def _road_reasons(road: pd.DataFrame, msg) -> pd.Series:
    reasons = []
    for _, r in road.iterrows():
        # Whole things (workers, communes) are needed whole: the least whole number that is enough.
        whole = str(r["unit"]) in COUNT_UNITS
        pace = msg.number(math.ceil(r["pace_after_target"] - 1e-9), 0) if whole else msg.number(r["pace_after_target"], 2)
        left = _pace(msg, pace, str(r["pace_unit"]), str(r["unit"]))
        if str(r["pace_after_target_bound"]) == "at least":
            left = msg("{amount} or more", amount=left)
        elif str(r["pace_after_target_bound"]) == "at most":
            left = msg("{amount} or less", amount=left)
        written = msg("'{written}'", written=r["target_2025_as_written"])
        if str(r["target_2025_period"]) == "period total":
            written = msg("'{written}' over {years} ({amount} a year)", written=r["target_2025_as_written"],
                          years=r["target_2025_year"], amount=_num(msg, r["target_2025"]))
        verdict = msg.pgettext("verdict", str(r["verdict"]))
        if r["verdict"] == "cannot say":
            reasons.append(msg("No 2020 value was found, so the 2021 step cannot be set against the five-year path; "
                               "after the 2021 target, 2022-2025 need {left} to reach {written}.", left=left, written=written))
        elif r["measure"] in ("yearly rate", "yearly amount"):
            values = dict(step=_num(msg, r["step_2021"]), written=written, verdict=verdict, left=left)
            if r["verdict"] == "on pace" and str(r["target_2025_bound"]) == "at least":
                reasons.append(msg("The 2021 target ({step}) against the figure for 2021-2025, {written}: {verdict} (the "
                                   "lower end of what it asks); the years 2022-2025 then need {left}.", **values))
            else:
                reasons.append(msg("The 2021 target ({step}) against the figure for 2021-2025, {written}: {verdict}; "
                                   "the years 2022-2025 then need {left}.", **values))
        else:
            values = dict(baseline=_num(msg, r["baseline_2020"]), written=written, verdict=verdict,
                          step=_pace(msg, msg.number(r["step_2021"], 2, sign=True), str(r["pace_unit"]), str(r["unit"]), yearly=False),
                          pace=_pace(msg, msg.number(r["pace_2020_2025"], 2, sign=True), str(r["pace_unit"]), str(r["unit"])))
            if bool(r["baseline_2020_estimate"]):
                reasons.append(msg("The 2021 step from the 2020 value ({baseline}, an estimate), {step}, against the average "
                                   "yearly step from 2020 to {written}, {pace}: {verdict}.", **values))
            else:
                reasons.append(msg("The 2021 step from the 2020 value ({baseline}), {step}, against the average yearly step "
                                   "from 2020 to {written}, {pace}: {verdict}.", **values))
    return pd.Series(reasons, index=road.index)


def _pace(msg, number: str, pace_unit: str, unit: str, yearly: bool = True) -> str:
    """A pace after its number: '3.5% a year', '1.2 points a year', '2,000 workers a year' (without 'a year' for one
    year's step)."""
    if pace_unit in PACE_UNITS:
        if yearly:
            return msg(PACE_UNITS[pace_unit], number=number)
        return msg("{number}%", number=number) if pace_unit.startswith("%") else msg("{number} points", number=number)
    amount = _amount(msg, number, unit)
    return msg("{amount} a year", amount=amount) if yearly else amount



def growth_left(average: float, years: int, known: list[float]) -> float:
    """The yearly growth (%) the remaining years of a period must average, given the period's yearly average and the
    growth (%) of its first years: (1 + average) ** years / product(1 + known), over the years left, compounded.

    >>> round(growth_left(3.91, 3, [5.6]), 2)   # 2021-2023 at 3.91% a year, 2021 at 5.6%: 2022-2023
    3.08
    """
    left = years - len(known)
    if left <= 0:
        raise ValueError(f"the period has {years} years and {len(known)} are known: none is left")
    rest = (1 + average / 100) ** years / math.prod(1 + g / 100 for g in known)
    return 100 * (rest ** (1 / left) - 1)
