"""Every fixed text exists in both languages, under the same keys."""
import pytest

from kpi.text import labels

TABLES = ["GROUP_LABELS", "QUALIFIER_WORDS", "KIND_LABELS", "BASIS", "SECTION", "HEADINGS", "CHART",
          "SLIDE", "TABLE_HEAD", "TABLE_NOTES", "RULE_WORDS", "DOCX", "SHEET", "WORKBOOK_COLUMNS", "WORKBOOK",
          "REPORTING", "SUMMARY"]


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


def test_rule_words_name_every_rule_with_a_word():
    from kpi.model.rules import RULES

    # a band ('21–22') is the only rule said without a word
    assert set(labels.RULE_WORDS["vi"]) == set(labels.RULE_WORDS["en"]) == set(RULES) - {"between"}


def test_default_issuer_is_the_regions_peoples_committee():
    assert labels.ISSUER["vi"].format(region="TỈNH KON TUM") == "ỦY BAN NHÂN DÂN TỈNH KON TUM"
    assert labels.ISSUER["en"].format(region="KON TUM PROVINCE") == "KON TUM PROVINCE PEOPLE'S COMMITTEE"


def test_basis_of_one_earlier_year_is_that_year_not_a_median():
    assert labels.basis_text("history", "2020", 5, "vi") == "tiến độ năm 2020"
    assert labels.basis_text("history", "2020", 5, "en") == "the season of 2020"
    assert labels.basis_text("history", "2019, 2020", 5, "en") == "the median season of 2019, 2020"
    assert labels.basis_short("history", "2019, 2020", 5, "vi") == "theo 2019, 2020"
