"""Abbreviations spelled out at their first use (Decree 30/2020/NĐ-CP), never inside a document code."""
from kpi.text.abbreviations import FirstUse


def test_first_use_spelled_out_then_short():
    spell = FirstUse("vi")
    assert spell("Căn cứ Quyết định số 54/QĐ-UBND của UBND tỉnh") == (
        "Căn cứ Quyết định số 54/QĐ-UBND của Ủy ban nhân dân (UBND) tỉnh")
    assert spell("Báo cáo của UBND tỉnh") == "Báo cáo của UBND tỉnh"


def test_a_document_code_is_not_a_use():
    spell = FirstUse("vi")
    assert spell("Số: 12/BC-UBND; Quyết định 54/QĐ-UBND") == "Số: 12/BC-UBND; Quyết định 54/QĐ-UBND"
    assert spell("UBND tỉnh") == "Ủy ban nhân dân (UBND) tỉnh"  # a sentence's first word takes a capital


def test_a_dashed_item_starts_with_a_capital_and_a_text_already_spelled_counts():
    spell = FirstUse("vi")
    assert spell("- GRDP bình quân đầu người") == "- Tổng sản phẩm trên địa bàn (GRDP) bình quân đầu người"
    spell = FirstUse("vi")
    assert spell("Tổng sản phẩm trên địa bàn (GRDP) tăng") == "Tổng sản phẩm trên địa bàn (GRDP) tăng"
    assert spell("GRDP đạt") == "GRDP đạt"


def test_english_spells_out_its_own():
    spell = FirstUse("en")
    assert spell("GRDP growth; UBND") == "Gross regional domestic product (GRDP) growth; UBND"
