"""plantargets: the targets of a provincial socio-economic plan as a validated table.

The public API, in one screen:

    load_targets(path=None)      -> DataFrame   the targets, typed, validated, with group labels
    load_plans(path=None)        -> DataFrame   the plans: province, adopting body, session, dates, source article
    load_groups(path=None)       -> DataFrame   the 10 key indicators (groups) and their labels
    load_context(path=None)      -> DataFrame   every outside figure (context.csv, outcomes.csv), cited and quoted
    load_outcomes(path=None)     -> DataFrame   2020 values, 2021 results and later targets of the indicators
    read_table(name, path=None)  -> DataFrame   any resource of data/datapackage.json, validated
    DataError                                   raised for bad input; names file, row and field
    run_checks(targets, context=None) -> DataFrame   the consistency catalogue: one row per check
    scorecard(targets, outcomes) -> DataFrame   each target against its published 2021 result: met, missed, ...
    status_by_group(card)        -> DataFrame   how many targets of each group are met, missed, ...
    road_to_2025(targets, outcomes) -> DataFrame  the 2021 targets against the 2021-2025 plan's, and the pace left
    growth_left(average, years, known) -> float  the yearly growth the rest of a period needs, given its average
    parts_sum_to_whole(targets)  -> DataFrame   do the shares of each whole sum to 100?
    vietnamese_number(value, decimals) -> str   a number written the way the resolution writes it
    table(frame, lang="vi")      -> Table       a table for readers: headers, words and numbers in their language
    figure(value, places, lang) -> Figure       one number in the reader's notation
    charts                                      the figures: charts.growth_targets(targets, lang="vi"), ...
    paths                                       where the data, notebooks and build live

Everything is derived from data/datapackage.json (the schema) and data/*.csv (the data).
"""

import importlib

#: Each public name and the module that defines it. They are imported on first use (PEP 562), so that a command
#: that needs none of them (``make report`` with nothing to do) does not load pandas and matplotlib.
_PUBLIC = {
    "DataError": "load", "load_context": "load", "load_groups": "load", "load_plans": "load", "load_outcomes": "load",
    "load_targets": "load", "read_table": "load",
    "parts_sum_to_whole": "checks", "run_checks": "checks",
    "vietnamese_number": "numbers",
    "table": "tables", "figure": "tables",
    "road_to_2025": "scoring", "scorecard": "scoring", "status_by_group": "scoring", "growth_left": "scoring",
}
_MODULES = ("charts", "paths")


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _PUBLIC:
        value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_PUBLIC, *_MODULES])


__all__ = [
    "DataError",
    "charts",
    "load_context",
    "load_groups",
    "load_outcomes",
    "load_plans",
    "load_targets",
    "parts_sum_to_whole",
    "paths",
    "read_table",
    "road_to_2025",
    "growth_left",
    "run_checks",
    "scorecard",
    "status_by_group",
    "table",
    "figure",
    "vietnamese_number",
]
