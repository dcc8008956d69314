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
    with pytest.raises(kpi.PlanError, match="issuer: unknown key 'fr'; the keys here are vi, en, recipients, copies, "
                                            "drafter, signer."):
        _plan(tmp_path, "region: R\nissuer: {vi: A, fr: B}\n")


def test_kontum_says_how_its_report_goes_out():
    from kpi.model.plan import Dispatch

    plan = kpi.load_plan(KONTUM)
    assert plan.dispatch == Dispatch(
        recipients=(("Thường trực Tỉnh ủy", "Standing Board of the Provincial Party Committee"),
                    ("Thường trực Hội đồng nhân dân tỉnh", "Standing Committee of the Provincial People's Council")),
        copies=(("Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh",
                 "Chairman and Vice Chairmen of the Provincial People's Committee"),
                ("Sở Kế hoạch và Đầu tư", "Department of Planning and Investment")),
        drafter=("KTTH", "General Economic Division"), signer="vice_chairman", signer_name="")
    assert plan.document_name("en") == ("Decision No. 54/QĐ-UBND of 25 January 2021 of the Kon Tum Provincial "
                                        "People's Committee")


def test_an_issuer_block_with_one_text_per_recipient(tmp_path):
    plan = _plan(tmp_path, "region: R\nissuer:\n  vi: ỦY BAN NHÂN DÂN R\n  recipients: [Thường trực Tỉnh ủy]\n"
                           "  signer: {title: chairman, name: Nguyễn Văn A}\n")
    assert plan.issuer("vi") == "ỦY BAN NHÂN DÂN R"
    assert plan.dispatch.recipients == (("Thường trực Tỉnh ủy", "Thường trực Tỉnh ủy"),)
    assert (plan.dispatch.signer, plan.dispatch.signer_name, plan.dispatch.drafter) == ("chairman", "Nguyễn Văn A",
                                                                                        ("", ""))


def test_every_defect_of_an_issuer_block_is_named(tmp_path):
    with pytest.raises(kpi.PlanError) as e:
        _plan(tmp_path, "region: R\nissuer:\n  vi: A\n  recipients: Thường trực Tỉnh ủy\n"
                        "  copies: [{vi: X}, 5]\n  signer: {title: vice_chairmen, name: 7}\n")
    message = str(e.value)
    assert ("issuer: 'recipients' is 'Thường trực Tỉnh ủy'; write a list, one name a line, e.g. "
            "'- {vi: Thường trực Tỉnh ủy, en: Standing Board of the Provincial Party Committee}'.") in message
    assert "issuer, copies #2: 'copies' is 5; write it as {vi: ..., en: ...} (the Vietnamese text is required)." in message
    assert "issuer, signer: title 'vice_chairmen' is not one of chairman, vice_chairman; did you mean 'vice_chairman'?" in message
    assert ("issuer, signer: name is 7; write the signer's full name as text, e.g. 'name: Nguyễn Văn A', or leave it "
            "out for a blank line.") in message
