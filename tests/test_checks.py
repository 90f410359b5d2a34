"""parts_sum_to_whole: passes on the plan, fails when a share is broken on purpose."""

import pytest

import plantargets


def structure(targets):
    result = plantargets.parts_sum_to_whole(targets)
    assert len(result) == 1
    return result.iloc[0]


def test_the_four_sector_shares_sum_to_100(targets):
    row = structure(targets)
    assert row["subject"] == "grdp_structure"
    assert row["observed"] == pytest.approx(100.0)
    assert row["status"] == "pass"


def test_tolerance_is_four_half_hundredths(targets):
    assert structure(targets)["tolerance"] == pytest.approx(4 * 0.005)


def test_services_39_32_instead_of_39_22_fails(data_copy):
    data_copy.set("share_services", value="39,32")
    row = structure(data_copy.load())
    assert row["observed"] == pytest.approx(100.1)
    assert row["status"] == "fail"


def test_a_sum_within_rounding_passes(data_copy):
    data_copy.set("share_services", value="39,24")  # 100.02: what rounding can do, no more
    assert structure(data_copy.load())["status"] == "pass"


def test_a_sum_just_beyond_rounding_fails(data_copy):
    data_copy.set("share_services", value="39,25")  # 100.03
    assert structure(data_copy.load())["status"] == "fail"


def test_a_missing_share_fails(data_copy):
    data_copy.write([r for r in data_copy.rows() if r["indicator_id"] != "share_product_taxes_less_subsidies"])
    row = structure(data_copy.load())
    assert row["observed"] == pytest.approx(92.77)
    assert row["status"] == "fail"


def test_tolerance_follows_the_stated_precision(data_copy):
    data_copy.set("share_services", value="39,2")  # one decimal: may be off by 0.05
    row = structure(data_copy.load())
    assert row["tolerance"] == pytest.approx(3 * 0.005 + 0.05)
    assert row["status"] == "pass"
