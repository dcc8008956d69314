"""Every fixed text exists in both languages, under the same keys."""
import pytest

from kpi import labels

TABLES = ["STATUS_LABELS", "GROUP_LABELS", "QUALIFIER_WORDS", "KIND_LABELS", "BASIS", "SECTION", "HEADINGS", "CHART",
          "SLIDE", "TABLE_HEAD", "DOCX", "SHEET", "WORKBOOK_COLUMNS", "WORKBOOK", "REPORTING", "SUMMARY"]


@pytest.mark.parametrize("name", TABLES)
def test_both_languages_have_the_same_keys(name):
    table = getattr(labels, name)
    assert set(table) == {"vi", "en"}
    vi, en = table["vi"], table["en"]
    if isinstance(vi, dict):
        assert set(vi) == set(en)
        for key in vi:  # a tuple of words has as many words in both languages
            if isinstance(vi[key], tuple):
                assert len(vi[key]) == len(en[key]), key
    else:
        assert len(vi) == len(en)


def test_status_label_marks_approximate_verdicts():
    assert labels.status_label("met", "vi", approximate=True) == "≈ Đạt"
    assert labels.status_label("not_due", "en") == "Not yet due"


def test_basis_text_names_the_years():
    assert labels.basis_text("history", "2019, 2020", 9, "vi") == "tiến độ các năm 2019, 2020 (trung vị)"
    assert labels.basis_text("linear", "", 5, "en") == "time elapsed (5/12 months)"
    assert labels.basis_text("", "", 5, "en") == ""
