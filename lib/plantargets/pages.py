"""A page for every target, in each language, and the report's index: everything known of one target in one place.

The pages are Jinja2 templates (``templates/pages/``) filled from the tables, never HTML built by string formatting:

    facts = Facts.load()                         # the data package's tables, read and validated once
    target_page(facts, row, lang, sections)      # what the page of one target shows, as plain values
    write_target_pages(out, facts, sections)     # every target, in every language: build/report/targets/...
    index_page(facts, lang, notebooks, ...)      # what the index shows: the findings, the table of targets...

Every word a page shows is a message of the catalogue (``plantargets.i18n``) or a word of the data; every number is
in the reader's notation. A target added to ``data/targets.csv`` gets its page, with no code change.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import sources
from .load import COUNT_UNITS
from .i18n import LANGS, N_, NP_, in_sentence, language_link, messages, parts_in_words
from .inputs import INDEX_PAGES, SUFFIX
from .numbers import decimals
from .paths import DATA_DIR

TEMPLATES = Path(__file__).with_name("templates") / "pages"
#: The comparator in words (the data's vocabulary has only its sign).
COMPARATOR_WORDS = {
    "=": NP_("comparator in words", "no bound stated in the clause"),
    ">=": NP_("comparator in words", "at least this value (a floor)"),
    "<=": NP_("comparator in words", "at most this value (a ceiling)"),
}
BOUND_SIGN = {"at least": "≥ ", "at most": "≤ "}
#: A target's comparator as the bound of a figure.
COMPARATOR_BOUND = {">=": "at least", "<=": "at most"}
def when(msg, published) -> str | None:
    """A source's date as the reader writes it: a day ('05/02/2021'), a month ('tháng 12/2021'), or as written."""
    if not isinstance(published, str) or not published:
        return None
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", published):
        return msg.date(published)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", published):
        return msg.date(published + "-01", "month")
    return published


def other(lang: str) -> str:
    return LANGS[1 - LANGS.index(lang)]


def page_path(plan_id: str, indicator_id: str, lang: str, suffix: str = "html") -> str:
    """Where a target's page (or its chart, ``suffix="svg"``) is, relative to the report's root."""
    return f"targets/{plan_id}/{indicator_id}{SUFFIX[lang]}.{suffix}"


def data_path(plan_id: str, indicator_id: str, suffix: str) -> str:
    """Where a target's rows to download are (one file for both languages)."""
    return f"targets/{plan_id}/{indicator_id}.{suffix}"


@dataclass
class Facts:
    """The tables the pages are made from, each read and validated once."""

    plans: pd.DataFrame
    targets: pd.DataFrame
    outcomes: pd.DataFrame
    context: pd.DataFrame
    data_dir: Path = DATA_DIR
    _by_lang: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Facts:
        from .load import load_context, load_outcomes, load_plans, load_targets

        data_dir = Path(data_dir)
        return cls(load_plans(data_dir / "plans.csv"), load_targets(data_dir / "targets.csv"),
                   load_outcomes(data_dir / "outcomes.csv"), load_context(data_dir / "context.csv"), data_dir)

    def derived(self, lang: str) -> dict[str, pd.DataFrame]:
        """The scorecard, the road to 2025 and the checks, with their texts in ``lang`` (computed once each)."""
        if lang not in self._by_lang:
            from .checks import run_checks
            from .scoring import road_to_2025, scorecard

            self._by_lang[lang] = {
                "card": scorecard(self.targets, self.outcomes, lang=lang).set_index(["plan_id", "indicator_id"]),
                "road": road_to_2025(self.targets, self.outcomes, lang=lang).set_index(["plan_id", "indicator_id"]),
                "checks": run_checks(self.targets, self.context, lang=lang, plans=self.plans),
            }
        return self._by_lang[lang]


# --------------------------------------------------------------------------- one target's figures on one time axis

TIMELINE_COLUMNS = ["plan_id", "figure_id", "role", "year", "start", "end", "period_figure", "value", "unit", "value_text",
                    "value_as_written", "bound", "estimate", "final", "drawn", "what", "publisher", "title", "url",
                    "published", "quote", "note", "file"]


def _value_text(msg, value, written, bound) -> str:
    """A figure in the reader's notation with the decimals its source wrote, and its bound as a sign: '≥ 8.482'."""
    if pd.isna(value):
        return "—"
    number = re.search(r"[0-9]+(?:[.,][0-9]+)*", str(written or ""))
    places = decimals(number.group()) if number else None
    return BOUND_SIGN.get(str(bound), "") + msg.number(value, places)


def _what(msg, role: str, year: str, period: str | None) -> str:
    """'2021 target', 'value in 2020', 'yearly average for 2021-2025'..."""
    if period == "yearly average":
        return msg("yearly average for {period}", period=year)
    if period == "period total":
        return msg("total for {period}", period=year)
    words = {"baseline": N_("value in {year}"), "target": N_("target for {year} (this resolution)"),
             "result": N_("result for {year}"), "plan": N_("target for {year} (another plan)")}
    return msg(words[role], year=year)


def timeline(facts: Facts, target: pd.Series, lang: str) -> pd.DataFrame:
    """Every figure known of a target, in the order of time: the 2020 value, this resolution's target, the results,
    later plans' targets. Each row carries its source: the article for the target, the outcome's publisher, address,
    date and quote for the others. ``drawn`` says whether the figure goes on the chart (a total over a period does
    not: it is not a yearly value)."""
    msg = messages(lang)
    plan = facts.plans.loc[target["plan_id"]]
    comparator_bound = COMPARATOR_BOUND.get(str(target["comparator"]), "exact")
    year = str(plan["year"])
    rows = [{
        "plan_id": target["plan_id"], "figure_id": f"{target['indicator_id']}_target_{year}", "role": "target",
        "year": year, "start": int(year), "end": int(year), "period_figure": None, "value": target["value"],
        "value_text": _value_text(msg, target["value"], target["value_as_written"], comparator_bound),
        "value_as_written": target["value_as_written"] if pd.notna(target["value"]) else None, "bound": comparator_bound,
        "estimate": False, "final": False, "drawn": pd.notna(target["value"]), "unit": target["unit"],
        "what": _what(msg, "target", year, None), "publisher": plan["source_publisher"], "title": plan["source_title"],
        "url": None, "published": plan["source_published"], "quote": target["source_text"], "note": None, "file": "targets.csv",
    }]
    linked = facts.outcomes[(facts.outcomes["plan_id"] == target["plan_id"])
                            & (facts.outcomes["indicator_id"] == target["indicator_id"])]
    note_column = "note_vi" if lang == "vi" and "note_vi" in linked.columns else "note"
    for figure_id, r in linked.iterrows():
        span = [int(y) for y in str(r["year"]).split("-")]
        period = None if pd.isna(r["period_figure"]) else str(r["period_figure"])
        rows.append({
            "plan_id": r["plan_id"], "figure_id": figure_id, "role": str(r["role"]), "year": str(r["year"]),
            "start": span[0], "end": span[-1], "period_figure": period, "value": r["value"],
            "value_text": _value_text(msg, r["value"], r["value_as_written"], r["bound"]),
            "value_as_written": r["value_as_written"], "bound": str(r["bound"]), "estimate": bool(r["estimate"]), "unit": r["unit"],
            "final": bool(r["final"]), "drawn": period != "period total", "what": _what(msg, str(r["role"]), str(r["year"]), period),
            "publisher": r["publisher_vi"] if lang == "vi" and pd.notna(r.get("publisher_vi")) else r["publisher"],
            "title": r["title"], "url": r["url"],
            "published": None if pd.isna(r["published"]) else r["published"], "quote": r["quote"],
            "note": None if pd.isna(r.get(note_column)) else r.get(note_column), "file": r["file"],
        })
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    order = {"baseline": 0, "target": 1, "result": 2, "plan": 3}
    frame["order"] = frame["role"].map(order)
    return frame.sort_values(["end", "start", "order"], kind="stable").drop(columns="order").reset_index(drop=True)


# --------------------------------------------------------------------------- the clause in its paragraph

def clause_in_article(facts: Facts, target: pd.Series) -> dict:
    """The article's paragraph that states the target, cut around its clause: before, clause, after; and whether it
    is the key-target paragraph."""
    from .load import article_paragraph

    clause = str(target["source_text"])
    paragraph, key = article_paragraph(facts.plans, target["plan_id"], clause, facts.data_dir / "plans.csv")
    at = paragraph.index(clause)
    return {"before": paragraph[:at], "clause": clause, "after": paragraph[at + len(clause):], "key": key}


# --------------------------------------------------------------------------- which notebook sections discuss it

def sections_of(page_html: str) -> list[tuple[str, str, str]]:
    """The sections of a notebook's page: (heading id, heading text, the text the reader sees under it)."""
    heads = list(re.finditer(r'<h([12])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', page_html, flags=re.S))
    out = []
    for k, head in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(page_html)
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html[head.end():end], flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
        heading = html.unescape(re.sub(r"<[^>]+>", "", head.group(3))).replace("¶", "").strip()
        out.append((head.group(2), heading, unicodedata.normalize("NFC", " ".join(text.split()))))
    return out


def discussed_in(target: pd.Series, lang: str, notebooks: list[dict]) -> list[dict]:
    """The sections of the notebooks of ``lang`` that name the target (its id, or its name in ``lang``)."""
    name = unicodedata.normalize("NFC", str(target[f"name_{lang}"])).casefold()
    found = []
    for notebook in notebooks:
        for anchor, heading, text in notebook["sections"]:
            if re.search(rf"(?<![\w]){re.escape(str(target['indicator_id']))}(?![\w])", text) or name in text.casefold():
                found.append({"href": f"{notebook['href']}#{anchor}", "notebook": notebook["title"], "section": heading})
    return found


# --------------------------------------------------------------------------- the page of one target

def _rounding_rule(msg, target: pd.Series) -> str | None:
    """How a target written as a plain number is judged (the scorecard's rule, this project's reading, said so)."""
    if str(target["comparator"]) != "=":
        return None
    if str(target["direction"]) == "neither":
        return msg("Our reading: a target written as a plain number is reached by a result that rounds to it at the "
                   "precision stated.")
    return msg("Our reading: a target written as a plain number is reached by a result that rounds to it at the precision "
               "stated, or that passes it in the better direction.")


def _capital(text: str) -> str:
    """A status or verdict starting a sentence: 'Met.', 'Đạt.'"""
    return text[:1].upper() + text[1:]


def plan_title(plan: pd.Series, lang: str) -> str:
    """'Lai Châu province: the targets of the 2021 socio-economic plan' (data/plans.csv)."""
    msg = messages(lang)
    return msg("{province}: the targets of the {year} socio-economic plan", province=plan[f"province_{lang}"],
               year=str(plan["year"]))


def _group_label(target: pd.Series, lang: str) -> str:
    """'(7) Health and population'; for a target stated outside the key indicators, the group it is counted under."""
    label = f"({target['group']}) {target[f'group_{lang}']}"
    if target["key_target"]:
        return label
    msg = messages(lang)
    return msg("Filed under group {group}; not one of the key indicators", group=label)


def target_page(facts: Facts, target: pd.Series, lang: str, notebooks: list[dict] | None = None) -> dict:
    """Everything the page of ``target`` shows in ``lang``, as plain values for the template."""
    msg = messages(lang)
    plan = facts.plans.loc[target["plan_id"]]
    key = (target["plan_id"], target["indicator_id"])
    derived = facts.derived(lang)
    line = timeline(facts, target, lang)
    numeric = pd.notna(target["value"])
    written = str(target["value_as_written"]) if numeric else msg("no number: a qualitative target")
    if numeric and msg.number(target["value"], decimals(written)) != written:  # '1.915 (1,915)' for an English reader
        written = msg("{written} (in this page's notation: {number})", written=written,
                      number=msg.number(target["value"], decimals(written)))
    facts_rows = [
        (msg("As the article writes it"), written),
        (msg("Unit"), msg.pgettext("unit", str(target["unit"])) if numeric else "—"),
        (msg("Comparator"), msg.pgettext(*COMPARATOR_WORDS[str(target["comparator"])]) if numeric else "—"),
        (msg("Kind"), msg.pgettext("kind", str(target["kind"]))),
        (msg("Which way is better"), msg.pgettext("direction", str(target["direction"])) if numeric else "—"),
        (msg("Theme"), msg.pgettext("theme", str(target["theme"]))),
        (msg("Key target"), msg("yes: stated in the paragraph of key indicators") if target["key_target"] else msg("no: stated elsewhere in the article")),
    ]
    if pd.notna(target["part_of"]):
        parts = facts.targets[(facts.targets["plan_id"] == target["plan_id"]) & (facts.targets["part_of"] == target["part_of"])]
        facts_rows.append((msg("Part of"), msg("one of {n} shares that sum to 100%: {names}", n=msg.number(len(parts)),
                                              names=parts_in_words(list(parts[f"name_{lang}"]), str(target["part_of"]))[1])))
    note = target.get("note_vi") if lang == "vi" and pd.notna(target.get("note_vi")) else target.get("note")
    card = derived["card"].loc[key] if key in derived["card"].index else None
    road = derived["road"].loc[key] if key in derived["road"].index else None
    checks = derived["checks"]
    used = checks[(checks["plan_id"] == target["plan_id"])
                  & checks["uses"].fillna("").str.split().map(lambda ids: target["indicator_id"] in ids)]
    score = None
    if not numeric:
        score = {"status": msg("Not judged by a number: the target states none."), "status_id": "qualitative",
                 "reason": "", "progress": None, "rule": None}
    elif card is not None:
        progress = None
        if pd.notna(card["progress"]):
            progress = msg("{share}% of the change from 2020 that the plan set was achieved", share=msg.number(100 * card["progress"], 0))
        score = {"status": _capital(msg.pgettext("status", str(card["status"]))), "status_id": str(card["status"]),
                 "reason": str(card["reason"]), "progress": progress,
                 "rule": _rounding_rule(msg, target)}
    pace = None
    if road is not None:
        def paced(value, bound):  # '≥ +9,26%/năm', '−0,70 điểm phần trăm/năm', '+1.700 ha/năm'
            if pd.isna(value):
                return None
            amount = str(road["measure"]) in ("yearly amount", "yearly rate")  # a level to keep, not a change: no sign
            if str(road["measure"]) == "yearly amount" and str(target["unit"]) in COUNT_UNITS:
                value = math.ceil(value - 1e-9)  # whole workers: the least whole number that is enough
            number = BOUND_SIGN.get(str(bound), "") + msg.number(value, None if amount else 2, sign=not amount)
            if str(road["pace_unit"]) == "% a year":
                return msg("{number}% a year", number=number)
            if str(road["pace_unit"]).endswith("points a year"):
                return msg("{number} points a year", number=number)
            return msg("{amount} a year", amount=f"{number} {msg.pgettext('unit', str(target['unit']))}")

        pace = {"verdict": _capital(msg.pgettext("verdict", str(road["verdict"]))), "verdict_id": str(road["verdict"]),
                "reason": str(road["reason"]), "measure": msg.pgettext("measure", str(road["measure"])),
                "after_target": paced(road["pace_after_target"], road["pace_after_target_bound"]),
                "after_result": paced(road["pace_after_result"], road["pace_after_result_bound"])}
    here = page_path(target["plan_id"], target["indicator_id"], lang)
    up = "../../"
    chart = None
    if int(line["drawn"].sum()) >= 2 and numeric:
        points = "; ".join(f"{r.what}: {r.value_text}" + (f" ({msg('estimate')})" if r.estimate else "")
                           for r in line[line["drawn"]].itertuples())
        chart = {"src": Path(page_path(target["plan_id"], target["indicator_id"], lang, "svg")).name,
                 "alt": msg("{name}: the plan's targets and the results, on one time axis: {points}", name=target[f"name_{lang}"],
                            points=points)}
    figures = []
    for r in line.itertuples():
        marks = [m for m, on in ((msg("estimate"), r.estimate), (msg("final statistics-office figure"), r.final)) if on]
        figures.append({
            "figure_id": r.figure_id, "what": r.what, "value_text": r.value_text, "marks": marks,
            "as_written": (r.value_as_written if isinstance(r.value_as_written, str) else None) if r.role != "target" else r.quote,
            "publisher": r.publisher, "title": r.title, "url": r.url if isinstance(r.url, str) else None,
            "published": when(msg, r.published), "quote": r.quote if r.role != "target" else None,
            "note": r.note if isinstance(r.note, str) else None,
            "row": (msg("data/{file}, the row of figure_id {figure_id}", file=r.file, figure_id=r.figure_id) if r.role != "target"
                    else msg("data/targets.csv, the row of indicator_id {indicator_id}; the article: data/{article}",
                             indicator_id=target["indicator_id"], article=plan["source_file"])),
        })
    return {
        "lang": lang, "other_lang": other(lang), "up": up, "numeric": numeric,
        "title": target[f"name_{lang}"], "name_vi": target["name_vi"], "name_en": target["name_en"],
        "indicator_id": target["indicator_id"], "plan_id": target["plan_id"],
        "group": (msg("Group {group}", group=_group_label(target, lang)) if target["key_target"]
                  else _group_label(target, lang)), "plan": sources.resolution(plan, lang), "plan_title": plan_title(plan, lang), "article": sources.article(plan, lang),
        "other_label": language_link(other(lang)),
        "no_pace": (msg("A qualitative target: there is no number to measure a pace against.") if not numeric else
                    msg("The figures for 2021-2025 collected here give no number for this indicator, so its pace cannot "
                        "be judged.")),
        "index": up + INDEX_PAGES[lang], "other_page": Path(page_path(target["plan_id"], target["indicator_id"], other(lang))).name,
        "clause": clause_in_article(facts, target), "facts": facts_rows, "note": note if isinstance(note, str) else None,
        "figures": figures, "chart": chart, "score": score, "pace": pace,
        "checks": [{"what": r.what, "status": msg.pgettext("status", str(r.status)), "status_id": str(r.status),
                    "finding": r.finding} for r in used.itertuples()],
        "sections": [dict(s, href=up + s["href"]) for s in discussed_in(target, lang, notebooks or [])],
        "downloads": [{"href": Path(data_path(target["plan_id"], target["indicator_id"], s)).name, "label": s.upper()}
                      for s in ("csv", "json")],
        "cite": msg("Cite this target as: \"{name}\", {plan}; source: {article}. This page, in the project's report: {page}.",
                    name=target["name_vi"], plan=sources.resolution(plan, lang), article=sources.article(plan, lang), page=here),
    }


# --------------------------------------------------------------------------- writing them

@functools.cache
def environment():
    """The Jinja2 environment of the pages: autoescaped, every message through ``msg`` and ``pgettext``."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(template: str, lang: str, **values) -> str:
    msg = messages(lang)
    return environment().get_template(template).render(msg=msg, pgettext=msg.pgettext, lang=lang,
                                                       project_citation=sources.project_citation(lang), **values)


def _rows_to_download(facts: Facts, target: pd.Series) -> tuple[str, str]:
    """The target's figures as CSV (one row per figure, the columns of the time line) and as JSON (the target's row
    of targets.csv and the same figures)."""
    line = timeline(facts, target, "en").drop(columns=["value_text", "what", "drawn"])
    csv_text = line.to_csv(index=False, lineterminator="\n")
    row = {k: (None if (not isinstance(v, (list, dict)) and pd.isna(v)) else v) for k, v in target.items()}
    record = {"target": json.loads(pd.Series(row).to_json(force_ascii=False)),
              "figures": json.loads(line.to_json(orient="records", force_ascii=False))}
    return csv_text, json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def write_target_pages(out: Path, facts: Facts | None = None, notebooks: dict[str, list[dict]] | None = None) -> list[Path]:
    """Every target's page in every language, its chart and its rows to download, under ``out/targets/``."""
    from . import charts

    facts = facts or Facts.load()
    written = []
    for _, target in facts.targets.iterrows():
        folder = out / "targets" / str(target["plan_id"])
        folder.mkdir(parents=True, exist_ok=True)
        csv_text, json_text = _rows_to_download(facts, target)
        for suffix, text in (("csv", csv_text), ("json", json_text)):
            path = out / data_path(target["plan_id"], target["indicator_id"], suffix)
            path.write_text(text, encoding="utf-8")
            written.append(path)
        for lang in LANGS:
            page = target_page(facts, target, lang, (notebooks or {}).get(lang, []))
            if page["chart"] is not None:
                fig = charts.target_timeline(timeline(facts, target, lang), lang=lang, plans=facts.plans,
                                             title=target[f"name_{lang}"], unit=str(target["unit"]))
                written += charts.save(fig, folder / Path(page["chart"]["src"]).stem, formats=("svg",))
            path = out / page_path(target["plan_id"], target["indicator_id"], lang)
            path.write_text(render("target.html.j2", lang, page=page), encoding="utf-8")
            written.append(path)
    return written


# --------------------------------------------------------------------------- the index: the way in

def _with_unit(msg, value, unit: str, places=None) -> str:
    """'7,96%', '1.915 tỷ đồng': a number with its unit, in the reader's words."""
    number = msg.plain(value) if places is None else msg.number(value, places)
    if unit == "percent":
        return msg("{number}%", number=number)
    return f"{number} {msg.pgettext('unit', unit)}"


def _target_text(msg, row) -> str:
    """The target as the table shows it: its bound as a sign, its value with the decimals stated, its unit."""
    if pd.isna(row["value"]):
        return msg("no number: a qualitative target")
    sign = BOUND_SIGN.get(COMPARATOR_BOUND.get(str(row["comparator"]), "exact"), "")
    return sign + _with_unit(msg, row["value"], str(row["unit"]), decimals(str(row["value_as_written"])))




def findings(facts: Facts, lang: str) -> list[str]:
    """The index's opening: a few sentences a journalist can quote, each with its numbers, from the tables."""
    msg = messages(lang)
    derived = facts.derived(lang)
    card = derived["card"].reset_index()
    judged_rows = card[card["key_target"].astype(bool) & card["target"].notna()]
    met = judged_rows[judged_rows["status"] == "met"]
    missed = judged_rows[judged_rows["status"] == "missed"]
    none = judged_rows[judged_rows["status"] == "no published result"]
    undetermined = judged_rows[judged_rows["status"] == "undetermined"]
    name = f"name_{lang}"

    by_key = facts.targets.set_index(["plan_id", "indicator_id"])

    def against(r) -> str:  # 'GRDP growth: 5,6% (an estimate) against a target of 7,96%, 2,36 points below'
        result = BOUND_SIGN.get(str(r["result_bound"]), "") + _with_unit(msg, r["result"], str(r["unit"]))
        if bool(r["estimate"]) if pd.notna(r["estimate"]) else False:
            result = msg("{value} (an estimate)", value=result)
        gap = r["result"] - r["target"]
        if str(r["unit"]) == "percent":
            by = msg("{gap} points", gap=msg.number(abs(gap), 2))
        else:
            by = msg("{gap}%", gap=msg.number(abs(100 * gap / r["target"]), 1))
        bounded = {"at least": gap > 0, "at most": gap < 0}.get(str(r["result_bound"]), False)
        if bounded:  # 'hơn 2.000': the result is a floor, so is its distance above the target
            words = N_("at least {by} above") if gap > 0 else N_("at least {by} below")
        else:
            words = N_("{by} above") if gap > 0 else N_("{by} below")
        return msg("{name}: {result} against a target of {target}, {gap}", name=r[name], result=result,
                   target=_target_text(msg, by_key.loc[(r["plan_id"], r["indicator_id"])]), gap=msg(words, by=by))

    out = [msg("Of the {total} numeric targets among the key indicators, {judged} can be judged against a published 2021 "
               "result: {met} met and {missed} missed.", total=msg.number(len(judged_rows)), judged=msg.number(len(met) + len(missed)),
               met=msg.number(len(met)), missed=msg.number(len(missed)))]
    if len(missed):
        out.append(msg("Missed: {items}.", items="; ".join(against(r) for _, r in missed.iterrows())))
    if len(met):
        out.append(msg("Met: {items}.", items="; ".join(against(r) for _, r in met.iterrows())))
    decided = pd.concat([met, missed])
    if len(decided) and not decided["result_final"].fillna(False).astype(bool).any():
        out.append(msg("None of these results is final: they are the province's estimates or later restatements, not a "
                       "statistics office's final figure nor a settled budget account."))
    out.append(msg("{none} cannot be judged: no 2021 result for them was found in the sources collected.", none=msg.number(len(none))))
    if len(undetermined):
        out.append(msg("{undetermined} have a published result that cannot decide them: {names}.",
                       undetermined=msg.number(len(undetermined)),
                       names=msg.join([in_sentence(r[name]) for _, r in undetermined.iterrows()])))
    checks = derived["checks"]
    counts = checks["status"].value_counts()
    out.append(msg("The {n} consistency checks of the plan's figures (some read figures from outside the resolution too) "
                   "give {rows} results: {passed} pass, {failed} fail, {info} cannot be run for want of figures.",
                   n=msg.number(checks["check"].nunique()),
                   rows=msg.number(len(checks)), passed=msg.number(int(counts.get("pass", 0))),
                   failed=msg.number(int(counts.get("fail", 0))), info=msg.number(int(counts.get("info", 0)))))
    road = derived["road"].reset_index()
    names = dict(zip(zip(facts.targets["plan_id"], facts.targets["indicator_id"]), facts.targets[name]))
    behind = road[road["verdict"] == "behind"]
    verdicts = road["verdict"].value_counts()
    out.append(msg("{total} targets have a figure for 2021-2025 (from the five-year plan, or given elsewhere for the period): "
                   "{behind} of them are set below the pace those figures require ({names}), {on_pace} on it, {ahead} ahead "
                   "of it; for {cannot}, the pace cannot be judged (a 2020 value or a comparable figure is missing).",
                   total=msg.number(len(road)), behind=msg.number(len(behind)),
                   names=msg.join([in_sentence(names[(r["plan_id"], r["indicator_id"])]) for _, r in behind.iterrows()]),
                   on_pace=msg.number(int(verdicts.get("on pace", 0))), ahead=msg.number(int(verdicts.get("ahead", 0))),
                   cannot=msg.number(int(verdicts.get("cannot say", 0)))))
    return out


def target_rows(facts: Facts, lang: str) -> list[dict]:
    """The index's table: one row per target, with what sorting needs (a number for the group and the values)."""
    msg = messages(lang)
    card = facts.derived(lang)["card"]
    rows = []
    for _, t in facts.targets.iterrows():
        c = card.loc[(t["plan_id"], t["indicator_id"])] if (t["plan_id"], t["indicator_id"]) in card.index else None
        result = None
        if c is not None and pd.notna(c["result"]):
            result = BOUND_SIGN.get(str(c["result_bound"]), "") + _with_unit(msg, c["result"], str(t["unit"]))
            if bool(c["estimate"]) if pd.notna(c["estimate"]) else False:
                result += " (" + msg("estimate") + ")"
        status = str(c["status"]) if c is not None else "no published result"
        words = msg.pgettext("status", status)
        if pd.isna(t["value"]):
            status, words = "qualitative", msg("not judged: no number")
        rows.append({
            "group": int(t["group"]), "group_label": _group_label(t, lang), "name": t[f"name_{lang}"],
            "href": page_path(t["plan_id"], t["indicator_id"], lang), "target": _target_text(msg, t),
            "target_value": "" if pd.isna(t["value"]) else repr(float(t["value"])), "result": result or "—",
            "result_value": "" if c is None or pd.isna(c["result"]) else repr(float(c["result"])),
            "status": words, "status_id": status.replace(" ", "-"),
        })
    return rows


def index_page(facts: Facts, lang: str, notebooks: list[dict], downloads: list[dict]) -> str:
    """The index of ``lang``: the findings, the table of every target, the notebooks with their figures, the checks,
    the data and how to cite it."""
    msg = messages(lang)
    checks = facts.derived(lang)["checks"]
    statuses = list(dict.fromkeys(r["status"] for r in target_rows(facts, lang)))
    plans = [{"title": plan_title(p, lang), "line": sources.resolution(p, lang), "article": sources.article(p, lang)}
             for _, p in facts.plans.loc[list(dict.fromkeys(facts.targets["plan_id"]))].iterrows()]
    numeric = facts.targets["value"].notna()
    key = facts.targets["key_target"].astype(bool)
    counted = msg("{n} targets: {numeric} with a number among the key indicators, {qualitative} without a number, "
                  "{outside} stated outside the paragraph of key indicators.", n=msg.number(len(facts.targets)),
                  numeric=msg.number(int((numeric & key).sum())), qualitative=msg.number(int((~numeric).sum())),
                  outside=msg.number(int((~key).sum())))
    return render("index.html.j2", lang, plans=plans, findings=findings(facts, lang), rows=target_rows(facts, lang), counted=counted,
                  statuses=statuses, notebooks=notebooks, downloads=downloads,
                  checks=[{"what": r.what, "status": msg.pgettext("status", str(r.status)), "status_id": str(r.status),
                           "finding": r.finding} for r in checks.itertuples()],
                  citation=sources.citation(lang, facts.plans), other_index=INDEX_PAGES[other(lang)],
                  other_lang=other(lang), other_label=language_link(other(lang)))
