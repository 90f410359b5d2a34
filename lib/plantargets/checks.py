"""Consistency checks on the targets table. Each is a plain function of the table."""

import pandas as pd

from .numbers import half_unit

CHECK_COLUMNS = ["check", "plan_id", "subject", "what", "observed", "expected", "tolerance", "tolerance_reason", "status"]


def parts_sum_to_whole(targets: pd.DataFrame) -> pd.DataFrame:
    """Do the shares of each whole (``part_of``) sum to 100, within their rounding?

    Each share is stated to some number of decimals, so each may have been rounded by up
    to half a unit of its last digit (0.005 for '14,16'). The sum may therefore differ
    from 100 by at most the sum of those half-units, and no more: that is the tolerance.
    One row per whole; status is 'pass' or 'fail'.
    """
    shares = targets[targets["part_of"].notna()]
    rows = []
    for (plan_id, whole), parts in shares.groupby(["plan_id", "part_of"], sort=True, observed=True):
        observed = round(float(parts["value"].sum()), 10)
        tolerance = round(sum(half_unit(w) for w in parts["value_as_written"]), 10)
        rows.append(
            {
                "check": "parts_sum_to_whole",
                "plan_id": plan_id,
                "subject": whole,
                "what": f"The {len(parts)} shares of {whole} ({', '.join(parts['indicator_id'])}) sum to 100%.",
                "observed": observed,
                "expected": 100.0,
                "tolerance": tolerance,
                "tolerance_reason": "each share may be rounded by half a unit of its last stated decimal; "
                + " + ".join(f"{half_unit(w):g}" for w in parts["value_as_written"]),
                "status": "pass" if abs(observed - 100.0) <= tolerance + 1e-9 else "fail",
            }
        )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)
