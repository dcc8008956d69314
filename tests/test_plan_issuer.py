"""The issuing body and the place of a report's date line: optional plan keys, with defaults."""
import pytest

import kpi

from conftest import KONTUM

HEAD = ("id: x\nyear: 2021\ntitle: T\ntargets:\n"
        "  - {id: a, group: economy, name: A, unit: '%', measure: level, rule: {above: 1}}\n")


def _plan(tmp_path, lines: str):
    f = tmp_path / "plan.yaml"
    f.write_text(HEAD + lines, encoding="utf-8")
    return kpi.load_plan(f)


def test_kontum_names_its_issuer_and_place():
    plan = kpi.load_plan(KONTUM)
    assert plan.issuer("vi") == "ỦY BAN NHÂN DÂN TỈNH KON TUM"
    assert plan.issuer("en") == "KON TUM PROVINCIAL PEOPLE'S COMMITTEE"
    assert (plan.place("vi"), plan.place("en")) == ("Kon Tum", "Kon Tum")


@pytest.mark.parametrize("region, issuer_vi, issuer_en, place_vi, place_en", [
    ("{vi: Tỉnh Gia Lai, en: Gia Lai province}", "ỦY BAN NHÂN DÂN TỈNH GIA LAI", "GIA LAI PROVINCE PEOPLE'S COMMITTEE",
     "Gia Lai", "Gia Lai"),
    ("{vi: Thành phố Đà Nẵng, en: Da Nang city}", "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG",
     "DA NANG CITY PEOPLE'S COMMITTEE", "Đà Nẵng", "Da Nang"),
    ("Huế", "ỦY BAN NHÂN DÂN HUẾ", "HUẾ PEOPLE'S COMMITTEE", "Huế", "Huế"),
])
def test_issuer_and_place_default_from_the_region(tmp_path, region, issuer_vi, issuer_en, place_vi, place_en):
    plan = _plan(tmp_path, f"region: {region}\n")
    assert (plan.issuer("vi"), plan.issuer("en")) == (issuer_vi, issuer_en)
    assert (plan.place("vi"), plan.place("en")) == (place_vi, place_en)


def test_one_text_serves_both_languages(tmp_path):
    plan = _plan(tmp_path, "region: R\nissuer: SỞ KẾ HOẠCH VÀ ĐẦU TƯ\nplace: Pleiku\n")
    assert plan.issuer("en") == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" and plan.place("en") == "Pleiku"


def test_a_malformed_issuer_is_reported(tmp_path):
    with pytest.raises(kpi.PlanError, match="'issuer' has unexpected keys 'fr'"):
        _plan(tmp_path, "region: R\nissuer: {vi: A, fr: B}\n")
