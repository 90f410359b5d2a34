"""Nothing lost, everything traceable: every number of the source is a target or is named as not one."""

import hashlib
import re

import pytest

from plantargets.numbers import decimals, vietnamese_number
from plantargets.paths import RAW_ARTICLE

KEY_PARAGRAPH_START = "Nghị quyết đã quyết định 10 chỉ tiêu chủ yếu"

#: Numbers in the key-target paragraph that are not targets, each in the words around it.
NON_TARGETS = {
    "10 chỉ tiêu chủ yếu": "how many groups of key targets there are",
    **{f"({n})": "a group marker" for n in range(1, 11)},
    "trẻ 5 tuổi": "an age: universal preschool education for 5-year-olds",
    "dưới 5 tuổi": "an age: children under five",
    "mức độ 2": "a level of the primary universalisation standard",
    "mức độ 1": "a level of the lower-secondary universalisation standard",
    "1vạn": "the unit of a rate: 1 vạn = 10,000 people",
}

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.fixture(scope="module")
def article():
    return RAW_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paragraph(article):
    (line,) = [line for line in article.splitlines() if line.startswith(KEY_PARAGRAPH_START)]
    return line


def spans(text, snippet):
    return [(m.start(), m.end()) for m in re.finditer(re.escape(snippet), text)]


def claims(paragraph, targets):
    """Each number of the paragraph (start, end, text) with the ids of the targets that state it."""
    claimed = []
    for number in NUMBER.finditer(paragraph):
        ids = [
            row.indicator_id
            for row in targets.itertuples()
            if row.value_as_written == number.group()
            and any(a <= number.start() and number.end() <= b for a, b in spans(paragraph, row.source_text))
        ]
        named = [s for s in NON_TARGETS if any(a <= number.start() and number.end() <= b for a, b in spans(paragraph, s))]
        claimed.append((number.start(), number.group(), ids, named))
    return claimed


def unaccounted(paragraph, targets):
    return [(start, text) for start, text, ids, named in claims(paragraph, targets) if not ids and not named]


def test_raw_article_is_unchanged():
    readme = (RAW_ARTICLE.parent / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"SHA-256 \| `([0-9a-f]{64})`", readme).group(1)
    assert hashlib.sha256(RAW_ARTICLE.read_bytes()).hexdigest() == recorded


def test_every_source_text_occurs_verbatim_in_the_article(targets, article):
    missing = targets.loc[~targets["source_text"].map(lambda s: s in article), "indicator_id"]
    assert missing.empty, missing.tolist()


def test_every_source_text_contains_its_value_as_written(targets):
    numeric = targets[targets["value"].notna()]
    bad = numeric[[w not in s for w, s in zip(numeric["value_as_written"], numeric["source_text"])]]
    assert bad.empty, bad["indicator_id"].tolist()


def test_value_as_written_is_the_value_in_vietnamese_notation(targets):
    numeric = targets[targets["value"].notna()]
    rewritten = [vietnamese_number(v, decimals(w)) for v, w in zip(numeric["value"], numeric["value_as_written"])]
    assert rewritten == numeric["value_as_written"].tolist()


def test_every_number_of_the_key_paragraph_is_accounted_for(paragraph, targets):
    assert unaccounted(paragraph, targets[targets["key_target"]]) == []


def test_the_paragraph_holds_47_numbers_that_set_48_targets(paragraph, targets):
    key = targets[targets["key_target"]]
    stated = [(start, ids) for start, _, ids, _ in claims(paragraph, key) if ids]
    assert len(stated) == 47
    assert sum(len(ids) for _, ids in stated) == 48
    assert sorted(i for _, ids in stated for i in ids) == sorted(key.loc[key["value"].notna(), "indicator_id"])
    shared = [sorted(ids) for _, ids in stated if len(ids) > 1]
    assert shared == [["lower_secondary_universalisation_level1", "primary_universalisation_level2"]]


def test_a_new_number_in_the_source_would_be_caught(paragraph, targets):
    key = targets[targets["key_target"]]
    changed = paragraph.replace("Tỷ lệ che phủ rừng 51%.", "Tỷ lệ che phủ rừng 51%, trồng mới 1.200 ha rừng.")
    assert changed != paragraph
    assert unaccounted(changed, key) == [(changed.index("1.200"), "1.200")]


def test_a_changed_value_would_be_caught(paragraph, targets):
    key = targets[targets["key_target"]].copy()
    key.loc[key["indicator_id"] == "forest_cover", "value_as_written"] = "52"
    assert unaccounted(paragraph, key) == [(paragraph.index("51%"), "51")]


def test_every_non_target_snippet_is_in_the_paragraph(paragraph):
    assert [s for s in NON_TARGETS if s not in paragraph] == []


def test_target_outside_the_key_paragraph_is_outside_it(targets, paragraph, article):
    outside = targets[~targets["key_target"]]
    for text in outside["source_text"]:
        assert text in article and text not in paragraph
