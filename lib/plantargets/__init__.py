"""plantargets: the targets of a provincial socio-economic plan as a validated table.

The public API, in one screen:

    load_targets(path=None)      -> DataFrame   the targets, typed, validated, with group labels
    load_groups(path=None)       -> DataFrame   the groups of key targets and their labels
    read_table(name, path=None)  -> DataFrame   any resource of data/datapackage.json, validated
    DataError                                   raised for bad input; names file, row and field
    parts_sum_to_whole(targets)  -> DataFrame   do the shares of each whole sum to 100?
    vietnamese_number(value, decimals) -> str   a number written the way the resolution writes it
    paths                                       where the data, notebooks and build live

Everything is derived from data/datapackage.json (the schema) and data/*.csv (the data).
"""

from . import paths
from .checks import parts_sum_to_whole
from .load import DataError, load_groups, load_targets, read_table
from .numbers import vietnamese_number

__all__ = [
    "DataError",
    "load_groups",
    "load_targets",
    "parts_sum_to_whole",
    "paths",
    "read_table",
    "vietnamese_number",
]
