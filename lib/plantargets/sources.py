"""The plans' own facts as a reader reads them: the source note under a chart, the citation on a page.

Every word of these comes from ``data/plans.csv`` (who adopted the plan, at which session, the article it is read
from) through a message of the catalogue, so that a second plan gets its own note and citation with no code change.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd

from .i18n import messages
from .paths import PROJECT_ROOT

#: How the project is cited: its name, version and date, read from here.
CITATION_FILE = PROJECT_ROOT / "CITATION.cff"


@cache
def project(path: Path = CITATION_FILE) -> dict[str, str]:
    """The project as it is cited: {"name", "title", "version", "date"} from CITATION.cff (its top-level ``title``,
    ``version`` and ``date-released``; the name is the title's first word). A key missing is an error that names
    the file and the key."""
    found = dict(re.findall(r"^(title|version|date-released):\s*\"?(.*?)\"?\s*$", path.read_text(encoding="utf-8"), re.M))
    for key in ("title", "version", "date-released"):
        if not found.get(key):
            raise ValueError(f"{path}: no top-level '{key}:' line")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", found["date-released"]):
        raise ValueError(f"{path}: date-released {found['date-released']!r} is not written YYYY-MM-DD")
    return {"name": found["title"].split(":", 1)[0], "title": found["title"], "version": found["version"],
            "date": found["date-released"]}


def project_citation(lang: str) -> str:
    """'Cite this project as: plantargets, version 0.2.0, 2 December 2026.'"""
    msg = messages(lang)
    about = project()
    return msg("Cite this project as: {name}, version {version}, {date}.", name=about["name"], version=about["version"],
               date=msg.date(about["date"]))


def _plans(plans: pd.DataFrame | None) -> pd.DataFrame:
    if plans is None:
        from .load import load_plans

        return load_plans()
    return plans


def plans_of(frame: pd.DataFrame, plans: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``plans`` for the plans of ``frame`` (any table with a ``plan_id`` column), in their order.

    A plan of ``frame`` that ``plans`` lacks is an error that names it."""
    plans = _plans(plans)
    wanted = list(dict.fromkeys(frame["plan_id"].astype(str)))
    missing = [p for p in wanted if p not in plans.index]
    if missing:
        raise KeyError(f"data/plans.csv has no row for the plan {', '.join(missing)}")
    return plans.loc[wanted]


def source_note(lang: str, plans: pd.DataFrame | None = None) -> str:
    """One line per plan: 'Source: resolution of the People's Council of Lai Châu province, session 15, December 2020,
    as reported on www.hdnd.laichau.gov.vn'."""
    msg = messages(lang)
    return "\n".join(
        msg("Source: resolution of the {body}, session {session}, {month}, as reported on {site}",
            body=row[f"body_{lang}"], session=msg.number(row["session"]), month=msg.date(row["session_end"], "month"),
            site=row["source_site"])
        for _, row in _plans(plans).iterrows()
    )


def article(row: pd.Series, lang: str) -> str:
    """The article as cited: '"10 chỉ tiêu phát triển kinh tế - xã hội năm 2021", Đoàn ĐBQH và HĐND tỉnh Lai Châu,
    www.hdnd.laichau.gov.vn, 05/02/2021'."""
    msg = messages(lang)
    return msg("\"{title}\", {publisher}, {site}, {published}", title=row["source_title"], publisher=row["source_publisher"],
               site=row["source_site"], published=msg.date(row["source_published"]))


def citation(lang: str, plans: pd.DataFrame | None = None) -> str:
    """How to cite the data of each plan, and its licence: in the downloads' README (English) and on every page."""
    msg = messages(lang)
    lines = [msg("Cite the source as: {article}; and, for each outside figure, the publisher named in its row.",
                 article=article(row, lang)) for _, row in _plans(plans).iterrows()]
    return "\n".join(lines) + "\n\n" + msg("Licence: CC BY 4.0 for the curated data; cite this project and the sources above.")


def resolution(row: pd.Series, lang: str) -> str:
    """The plan in one line: the resolution, the body, the session and its dates."""
    msg = messages(lang)
    return msg("{resolution}, passed by the {body} at its session no. {session} ({term}), {start} to {end}",
               resolution=row[f"resolution_{lang}"], body=row[f"body_{lang}"], session=msg.number(row["session"]),
               term=row["term"], start=msg.date(row["session_start"]), end=msg.date(row["session_end"]))
