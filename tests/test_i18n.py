"""The message catalogues: complete in both languages, in step with the code and the data, and used."""

import shutil

import pandas as pd
import pytest

import plantargets
from plantargets import i18n
from plantargets.tables import TableError


def test_the_catalogues_are_complete_and_in_step_with_the_code(tmp_path):
    fresh = tmp_path / "plantargets.pot"
    i18n.extract(fresh)
    assert fresh.read_text(encoding="utf-8") == i18n.TEMPLATE.read_text(encoding="utf-8"), \
        "lib/plantargets/locale/plantargets.pot is stale: run make messages"
    assert i18n.catalogue_problems() == []


@pytest.fixture
def locale_copy(tmp_path):
    return shutil.copytree(i18n.LOCALE_DIR, tmp_path / "locale")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_message_without_its_vietnamese_text_is_found(locale_copy):
    po = locale_copy / "vi" / "LC_MESSAGES" / "plantargets.po"
    _edit(po, 'msgstr "Chỉ tiêu không nêu con số cụ thể."', 'msgstr ""')
    assert i18n.catalogue_problems(locale_copy) == [
        f"{po}: msgid 'The target states no number.' (context None) has no vi text"]


def test_a_message_without_its_english_text_is_found(locale_copy):
    po = locale_copy / "en" / "LC_MESSAGES" / "plantargets.po"
    _edit(po, 'msgstr "The target states no number."', 'msgstr ""')
    assert i18n.catalogue_problems(locale_copy) == [
        f"{po}: msgid 'The target states no number.' (context None) has no en text"]


def test_a_message_the_code_no_longer_has_and_one_it_lacks_are_found(locale_copy):
    pot = locale_copy / "plantargets.pot"
    _edit(pot, 'msgid "The target states no number."', 'msgid "The target states no figure."')
    problems = i18n.catalogue_problems(locale_copy)
    assert any("'The target states no figure.'" in p and "not here" in p for p in problems)
    assert any("'The target states no number.'" in p and "no longer" in p for p in problems)


def test_a_translation_that_drops_a_placeholder_is_found(locale_copy):
    po = locale_copy / "vi" / "LC_MESSAGES" / "plantargets.po"
    _edit(po, 'msgstr "{amount} trở lên"', 'msgstr "trở lên"')
    (problem,) = i18n.catalogue_problems(locale_copy)
    assert "'{amount} or more'" in problem and "['amount']" in problem


@pytest.mark.parametrize("value, places, vi, en", [
    (1915, 0, "1.915", "1,915"), (7.96, 2, "7,96", "7.96"), (220000, None, "220.000", "220,000"),
    (-1.35, 2, "\u22121,35", "\u22121.35"), (3.0, 1, "3,0", "3.0"), (0.02, None, "0,02", "0.02"),
])
def test_numbers_in_each_notation(value, places, vi, en):
    assert (i18n.number(value, "vi", places), i18n.number(value, "en", places)) == (vi, en)


@pytest.mark.parametrize("value, vi, en", [(7.955, "7,955", "7.955"), (226000, "226.000", "226,000"), (5.0, "5", "5"),
                                           (0.005, "0,005", "0.005")])
def test_a_figure_with_the_decimals_it_has(value, vi, en):
    assert (i18n.messages("vi").plain(value), i18n.messages("en").plain(value)) == (vi, en)


def test_plurals_and_contexts_come_from_the_catalogue():
    vi, en = i18n.messages("vi"), i18n.messages("en")
    assert (vi.pgettext("kind", "growth rate"), en.pgettext("kind", "growth rate")) == ("tốc độ tăng", "growth rate")
    assert vi.join(["a", "b", "c"]) == "a, b và c" and en.join(["a", "b", "c"]) == "a, b and c"
    with pytest.raises(ValueError, match="lang must be one of"):
        i18n.messages("fr")


def test_a_table_shows_headers_words_and_numbers_in_the_readers_language(targets):
    shown = repr(plantargets.table(targets, columns=["indicator_id", "name", "kind", "value", "comparator"], lang="vi"))
    header = shown.splitlines()[0].split()
    assert header[:2] == ["Mã", "chỉ"] and "Loại" in header
    row = next(line for line in shown.splitlines() if line.strip().startswith("grdp_growth "))
    assert "Tốc độ tăng trưởng tổng sản phẩm" in row and "tốc độ tăng" in row and "7,96" in row
    english = repr(plantargets.table(targets, columns=["indicator_id", "name", "kind", "value"], lang="en"))
    assert "7.96" in english and "growth rate" in english and "NaN" not in english and "—" in english


def test_a_table_refuses_a_column_or_a_word_the_catalogue_lacks(targets):
    with pytest.raises(TableError, match="the column 'name_vi' has no header in the vi catalogue"):
        plantargets.table(targets, columns=["name_vi"], lang="vi")
    broken = targets.assign(kind=targets["kind"].astype(str).replace("count", "tally"))
    with pytest.raises(TableError, match="the value 'tally' of column 'kind' has no text in the vi catalogue"):
        plantargets.table(broken, columns=["kind"], lang="vi")
    with pytest.raises(TableError, match="no column 'nothing'"):
        plantargets.table(targets, columns=["nothing"], lang="en")


def test_a_table_is_html_with_a_stable_id_and_no_index(targets):
    one = plantargets.table(targets.head(3), columns=["indicator_id", "value"], lang="vi")._repr_html_()
    two = plantargets.table(targets.head(3), columns=["indicator_id", "value"], lang="vi")._repr_html_()
    assert one == two and "0x" not in one
    assert 'class="row_heading' not in one and "<th " in one


def test_a_figure_reads_in_its_notation():
    assert (repr(plantargets.figure(3.0812, places=2, lang="vi")), repr(plantargets.figure(3.0812, places=2, lang="en"))) == ("3,08", "3.08")


def test_a_tables_words_read_from_the_left_its_numbers_from_the_right_and_quotes_wrap_between_words(targets):
    import re

    page = plantargets.table(targets.head(2), columns=["indicator_id", "value", "source_text"], lang="vi")._repr_html_()
    rules = [(selectors, body) for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", page)]

    def style_of(cell):
        return " ".join(body for selectors, body in rules if re.search(rf"_{cell}\b", selectors))

    assert "text-align: left" in style_of("row0_col0") and "text-align: left" in style_of("row0_col2")
    assert "text-align: right" in style_of("row0_col1") and "white-space: nowrap" in style_of("row0_col1")
    assert "max-width: 36em" in style_of("row0_col2")
    assert "word-break: normal" in " ".join(body for selectors, body in rules if selectors.strip().endswith("td"))


def test_a_message_missing_from_the_catalogue_is_an_error_not_english_on_a_vietnamese_page():
    """A message written where pybabel does not look (``messages(lang)("...")``) never reaches the catalogue: shown,
    it would be English on a Vietnamese page. It raises instead, naming the catalogue."""
    from plantargets.i18n import messages

    for lang in ("vi", "en"):
        msg = messages(lang)
        with pytest.raises(LookupError, match=r"plantargets.po: no message 'Not in any catalogue'"):
            msg("Not in any catalogue")
        with pytest.raises(LookupError, match="context 'status'"):
            msg.pgettext("status", "half met")
        with pytest.raises(LookupError):
            msg.ngettext("{n} ghost", "{n} ghosts", 2)
    assert messages("vi").ngettext("{n} target", "{n} targets", 2) == "2 chỉ tiêu"
