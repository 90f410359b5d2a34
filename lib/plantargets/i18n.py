"""What a reader sees, in their language: gettext catalogues managed with babel's ``pybabel``, numbers by babel.

The messages live in one catalogue per language, ``locale/<lang>/LC_MESSAGES/plantargets.po``, both made from the
template ``locale/plantargets.pot``. ``make messages`` extracts the template from the code (``_``, ``ngettext``,
``pgettext`` and the markers ``N_``, ``NP_``) and from the vocabulary of ``data/datapackage.json`` (each field's
``enum``: kinds, units, comparators..., with the field's name as the message context; ``extract_vocabulary``), then
updates both catalogues. The English catalogue gives every message its English text too, so that a message without
one is seen (tests/test_i18n.py).

    msg = messages("vi")
    msg("{count} of {total} targets", count=..., total=...)     # gettext, then str.format
    msg.ngettext("{n} target", "{n} targets", n)                # plurals by the catalogue's Plural-Forms
    msg.pgettext("kind", "coverage rate")                       # a word of the data's vocabulary
    msg.number(1915)  -> '1.915'; msg.number(7.96, 2) -> '7,96' # babel's notation for the language
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LANGS = ("vi", "en")
DOMAIN = "plantargets"
LOCALE_DIR = Path(__file__).parent / "locale"


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is defined; it is translated where it is shown."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark a message with its context for the catalogue; ``msg.pgettext(*NP_(...))`` translates it."""
    return context, message


#: The link to the other language, in that language: 'In English' on a Vietnamese page, 'Tiếng Việt' on an English one.
LANGUAGE_LINK = NP_("language switch", "In English")


def language_link(lang: str) -> str:
    """How the link to the edition in ``lang`` reads, in ``lang``."""
    return messages(lang).pgettext(*LANGUAGE_LINK)


def in_sentence(text: str) -> str:
    """A name inside a sentence: first letter lower-cased, unless the name starts with an acronym ('GRDP')."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def parts_in_words(names: list[str], whole_id: str) -> tuple[str, str]:
    """A whole and its parts as the parts' names say them: 'Economic structure: services', 'Economic structure:
    industry...' give ('“Economic structure”', 'services; industry...'); names with no shared head give the whole's id
    in quotes and the names whole."""
    heads = {name.split(": ", 1)[0] for name in names}
    if len(heads) == 1 and all(": " in name for name in names):
        return f"“{heads.pop()}”", "; ".join(in_sentence(name.split(": ", 1)[1]) for name in names)
    return f"“{whole_id}”", "; ".join(in_sentence(name) for name in names)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / check_lang(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _translations(lang: str) -> Translations:
    """The catalogue of ``lang``, compiled in memory from its .po file (no compiled .mo file to keep in step)."""
    with catalogue_path(lang).open("rb") as file:
        catalog = read_po(file, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


class Messages:
    """The messages and the number notation of one language."""

    def __init__(self, lang: str):
        self.lang = check_lang(lang)
        self._t = _translations(lang)

    def __call__(self, message: str, **values) -> str:
        self._known(None, message)
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        self._known(None, singular)
        return self._t.ngettext(singular, plural, n).format(n=self.number(n), **values)

    def pgettext(self, context: str, message: str, **values) -> str:
        self._known(context, message)
        text = self._t.pgettext(context, message)
        return text.format(**values) if values else text

    def _known(self, context: str | None, message: str) -> None:
        """A message the catalogue lacks is an error, not English on a Vietnamese page: it was written where pybabel
        does not look (``messages(lang)("...")`` instead of ``msg("...")``), or ``make messages`` was not run."""
        if not self.has(context, message):
            where = f" (context {context!r})" if context else ""
            raise LookupError(f"{catalogue_path(self.lang)}: no message {message!r}{where}: mark it where it is written "
                              f"(msg, N_, NP_) and run make messages")

    def number(self, value, places: int | None = None, *, sign: bool = False) -> str:
        """``value`` in the language's notation; ``places=None``: as many decimals as it has, up to 2."""
        return number(value, self.lang, places, sign=sign)

    def plain(self, value, *, sign: bool = False) -> str:
        """``value`` with the decimals it has (5, 7.23, 0.005; as ``{:g}`` shows it), in the language's notation."""
        return number(value, self.lang, stated_places(value), sign=sign)

    def has(self, context: str | None, message: str) -> bool:
        """Whether the catalogue has ``message`` (with ``context``): a word a table shows must be there."""
        return (context, message) in _keys(self.lang)

    def date(self, iso: str, form: str = "day") -> str:
        """An ISO date ('2021-02-05') as the reader writes it: '05/02/2021' in Vietnamese, '5 February 2021' in English;
        with ``form="month"``, its month: 'tháng 02/2021', 'February 2021'. The patterns are babel's, themselves
        messages of the catalogue (context ``date`` and ``month``)."""
        import datetime

        from babel.dates import format_date

        patterns = {"day": NP_("date", "d MMMM y"), "month": NP_("month", "MMMM y")}
        return format_date(datetime.date.fromisoformat(str(iso)), self.pgettext(*patterns[form]), locale=self.lang)

    def join(self, items: list[str]) -> str:
        """'a, b and c' / 'a, b và c'."""
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        msg = self
        return msg("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


@functools.cache
def _keys(lang: str) -> frozenset:
    """(context, msgid) of every message of the catalogue of ``lang``."""
    keys = set()
    for key in _translations(lang)._catalog:
        key = key if isinstance(key, str) else key[0]  # a plural's forms are keyed (msgid, n)
        context, _, message = key.rpartition("\x04")
        keys.add((context or None, message))
    return frozenset(keys)


def stated_places(value) -> int:
    """How many decimals ``{:g}`` shows of ``value`` (7.23 -> 2, 2000 -> 0), or its full repr's for a large one."""
    text = f"{float(value):g}"
    return len((text if "e" not in text else repr(float(value))).partition(".")[2])


@functools.cache
def messages(lang: str) -> Messages:
    return Messages(lang)


def number(value, lang: str, places: int | None = None, *, sign: bool = False) -> str:
    """``value`` in the notation of ``lang`` ('1.915', '7,96' in Vietnamese; '1,915', '7.96' in English).

    ``places``: exactly that many decimals; None: as many as the value has, up to 2. ``sign``: '+' before a rise.
    A minus is the true minus sign (U+2212) in both languages.
    """
    check_lang(lang)
    decimal = Decimal(str(value))
    if places is None:
        decimal = decimal.quantize(Decimal("0.01")).normalize()
        places = max(0, -decimal.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = format_decimal(abs(Decimal(str(value))), format=pattern, locale=lang, decimal_quantization=True)
    if float(value) < 0 and text.strip("0.,") != "":
        return "\u2212" + text
    return ("+" + text) if sign and float(value) > 0 else text


def extract_vocabulary(fileobj, keywords, comment_tags, options):
    """A babel extractor for data/datapackage.json and lib/plantargets/derived.json: each ``enum`` value of a field,
    with the field's name as context, and each field's title and description (contexts ``column title`` and
    ``column description``).

    The words the data uses for kinds, units, comparators, roles... are messages like any other: the notebooks show
    them translated (``msg.pgettext(field, value)``); so are the words that say what a column means (the workbooks'
    sheet of columns).
    """
    package = json.load(fileobj)
    name = getattr(fileobj, "name", "datapackage.json")
    seen = set()
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            where = [f"{Path(name).name}: {resource['name']}.{field['name']}"]
            found = [(field["name"], value) for value in field.get("constraints", {}).get("enum", [])]
            found += [(context, field[key]) for key, context in (("title", "column title"), ("description", "column description"))
                      if field.get(key)]
            for pair in found:
                if pair not in seen:
                    seen.add(pair)
                    yield 0, "pgettext", pair, where


# --------------------------------------------------------------------------- make messages

#: pybabel's keywords besides its defaults (_, gettext, ngettext, pgettext...): msg(...), the usual name of a
#: Messages, and the markers of this module.
KEYWORDS = ("msg", "N_", "NP_:1c,2")
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def extract(out: Path, root: Path | None = None) -> None:
    """``pybabel extract`` of the project into ``out``: sorted, without line numbers, so that it changes only when a
    message does."""
    from babel.messages.frontend import CommandLineInterface

    root = root or Path(__file__).resolve().parents[2]
    args = ["pybabel", "--quiet", "extract", "-F", str(root / "babel.cfg"), "-o", str(out), "--sort-output",
            "--no-location", "--omit-header", "--no-wrap", "--project", DOMAIN]
    for keyword in KEYWORDS:
        args += ["-k", keyword]
    import os
    out.parent.mkdir(parents=True, exist_ok=True)
    here = os.getcwd()
    os.chdir(root)  # the mapping's patterns are relative to the project
    try:
        CommandLineInterface().run([*args, "lib/plantargets", "data/datapackage.json"])
    finally:
        os.chdir(here)


def update(drafts: list[Path] = ()) -> None:
    """``make messages``: the template from the code and data, both catalogues updated from it.

    A new message gets its English text from its msgid; its Vietnamese text from ``drafts`` (JSON files of
    {msgid: text} or {"context\\x04msgid": text}) when given, else it stays empty and tests/test_i18n.py fails until
    it is written."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    extract(TEMPLATE)
    with TEMPLATE.open("rb") as file:
        template = read_po(file)
    filled = {}
    for path in drafts:
        filled.update(json.loads(Path(path).read_text(encoding="utf-8")))
    for lang in LANGS:
        path = catalogue_path(lang)
        old = Catalog(locale=lang, domain=DOMAIN)
        if path.exists():
            with path.open("rb") as file:
                old = read_po(file, locale=lang, domain=DOMAIN)
        new = Catalog(locale=lang, domain=DOMAIN, project=DOMAIN, fuzzy=False)
        if path.exists():  # the header's dates stay as they were: a catalogue changes only when a message does
            new.creation_date, new.revision_date = old.creation_date, old.revision_date
        for message in template:
            if not message.id:
                continue
            before = old.get(message.id, message.context)
            string = before.string if before is not None and not before.fuzzy else None
            key = message.id if isinstance(message.id, str) else message.id[0]
            if not string or not any(string if isinstance(string, tuple) else [string]):
                if lang == "en":
                    string = message.id if isinstance(message.id, str) else tuple(message.id)
                else:
                    draft = filled.get((message.context + "\x04" + key) if message.context else key)
                    string = draft if draft is not None else ("" if isinstance(message.id, str) else ("",) * new.num_plurals)
                    if isinstance(message.id, tuple) and isinstance(string, str):
                        string = (string,) * new.num_plurals
            new.add(message.id, string, context=message.context, flags=[f for f in message.flags if f != "fuzzy"])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, new, width=0, no_location=True, omit_header=False, sort_output=True, ignore_obsolete=True)
    _translations.cache_clear()
    _keys.cache_clear()
    messages.cache_clear()


if __name__ == "__main__":
    import sys

    update([Path(p) for p in sys.argv[1:]])


def catalogue_problems(locale_dir: Path = LOCALE_DIR, template: Path | None = None) -> list[str]:
    """What is wrong with the catalogues under ``locale_dir``, one line each (file, message, what): a message of the
    template that a catalogue lacks or leaves empty or fuzzy, one it has that the template does not, and a
    translation whose {placeholders} differ from its msgid's."""
    import re

    template = template or (locale_dir / f"{DOMAIN}.pot")
    with template.open("rb") as file:
        wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(file) if m.id}
    problems = []
    for lang in LANGS:
        path = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang)
        have = {}
        for m in catalog:
            if m.id:
                have[(m.context, m.id if isinstance(m.id, str) else m.id[0])] = m
        for key in sorted(wanted - have.keys(), key=str):
            problems.append(f"{path}: msgid {key[1]!r} (context {key[0]!r}) is in the template but not here: run make messages")
        for key in sorted(have.keys() - wanted, key=str):
            problems.append(f"{path}: msgid {key[1]!r} (context {key[0]!r}) is no longer in the code or data: run make messages")
        for key, m in sorted(have.items(), key=lambda item: str(item[0])):
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if not all(strings):
                problems.append(f"{path}: msgid {key[1]!r} (context {key[0]!r}) has no {lang} text")
            elif m.fuzzy:
                problems.append(f"{path}: msgid {key[1]!r} (context {key[0]!r}) is marked fuzzy")
            else:
                ids = m.id if isinstance(m.id, tuple) else (m.id,)
                names = set(re.findall(r"\{(\w*)\}", "".join(ids)))
                for string in strings:
                    found = set(re.findall(r"\{(\w*)\}", string))
                    if found != names:
                        problems.append(f"{path}: msgid {key[1]!r}: its {lang} text has the placeholders "
                                        f"{sorted(found)}, the msgid {sorted(names)}")
    return problems
