"""The status table (kpi.text.status): what each output does with a status, checked on hand-built frames."""
import re

import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from kpi.text import status as st
from kpi.assessment.engine import status_counts
from kpi.text.labels import status_label
from kpi.story.sections import attention
from kpi.story.summary import Summary, counts_text, projection_text
from kpi.documents.terminal import terminal
from kpi.text.theme import INK, WHITE_INK

SHUFFLED = ["no_data", "at_risk", "met", "undetermined", "missed", "not_due", "off_track", "on_track", "exceeded"]


def _lightness(colour: str) -> float:
    """CIE L* of a '#rrggbb' colour."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


@pytest.fixture
def frame():
    """One target of every status, in no particular order, two groups."""
    return pd.DataFrame({
        "area": "x", "period": "2021-Q3", "indicator": [f"t{i}" for i in range(9)], "name": [f"T{i}" for i in range(9)],
        "parent": "", "group": ["society", "economy"] * 4 + ["economy"], "status": SHUFFLED, "unit": "%", "rule_kind": "above", "rule_a": 10.0,
        "rule_b": float("nan"),
        "actual": 5.0, "qualifier": "", "as_of": "2021-Q3", "stale": False, "approximate": False,
        "attainment_pct": float("nan")})


def test_counts_come_in_the_headline_order_with_their_words(frame):
    counts = status_counts(frame)
    assert list(counts.index) == ["exceeded", "met", "on_track", "at_risk", "off_track", "missed", "undetermined", "not_due",
                                  "no_data"]
    s = Summary("2021-Q3", 9, tuple(counts.items()), (), "")
    assert counts_text(s, "vi") == ("9 chỉ tiêu: 1 vượt kế hoạch, 1 đạt, 1 đúng tiến độ, 1 có nguy cơ, 1 chậm tiến độ, 1 không đạt, "
                                    "1 chưa kết luận, 1 chưa đến kỳ, 1 chưa có số liệu")
    assert counts_text(s, "en") == ("9 targets: 1 exceeded, 1 met, 1 on track, 1 at risk, 1 off track, 1 missed, 1 undetermined, "
                                    "1 not yet due, 1 no data")


def test_attention_lists_four_statuses_worst_first_then_by_group(frame):
    need = attention(frame.assign(group=["b", "a", "a", "a", "b", "a", "a", "a", "a"]))
    assert need["status"].tolist() == ["missed", "off_track", "at_risk", "undetermined"]
    two = pd.concat([frame, frame.assign(indicator=frame["indicator"] + "_2", group="a")], ignore_index=True)
    got = attention(two)
    assert list(zip(got["status"], got["group"])) == [
        ("missed", "a"), ("missed", "society"), ("off_track", "a"), ("off_track", "society"), ("at_risk", "a"),
        ("at_risk", "economy"), ("undetermined", "a"), ("undetermined", "economy")]


def test_attention_rank_puts_the_others_after_the_four():
    assert [st.attention_rank(c) for c in SHUFFLED] == [4, 2, 4, 3, 0, 4, 1, 4, 4]
    assert [st.status_of(c).needs_attention for c in SHUFFLED] == [False, True, False, True, True, False, True, False, False]


def test_the_projection_counts_each_verdict_group(frame):
    assert projection_text(frame, "en") == ("Projected to the year end: 3 of 9 met or exceeded, 1 of them exceeded, "
                                            "1 at risk of being missed, 2 missed, "
                                            "1 undetermined. No figure yet: 1. Not yet due: 1.")
    only = frame[frame["status"].isin(["not_due", "no_data"])]
    assert projection_text(only, "vi") == ("Theo ước tính đến cuối năm: chưa có chỉ tiêu nào đủ số liệu để ước tính. "
                                           "1 chỉ tiêu chưa có số liệu. 1 chỉ tiêu chưa đến kỳ đánh giá.")


def test_fills_step_in_lightness_and_dark_fills_take_white_ink():
    lightness = sorted(_lightness(s.colour) for s in st.TABLE)
    assert min(b - a for a, b in zip(lightness, lightness[1:])) >= 8  # apart in grey-scale print
    for s in st.TABLE:  # white on the five darkest fills (L* up to 51), the ink on the four lightest (62 and up)
        assert s.ink == (WHITE_INK if _lightness(s.colour) < 56 else INK), s.code
    assert sum(s.dark for s in st.TABLE) == 5


def test_terminal_colours_red_for_bad_green_for_good(frame):
    text = terminal(frame, "en", colour=True)
    got = dict((word, code) for code, word in re.findall(r"\033\[([\d;]+)m([^\033]+)\033\[0m", text))
    assert got == {"Exceeded": "1;32", "Met": "32", "On track": "32", "At risk": "33", "Off track": "31", "Missed": "31",
                   "Undetermined": "35", "Not yet due": "34", "No data": "2"}


def test_words_in_both_languages():
    assert [status_label(c, "vi") for c in SHUFFLED] == [
        "Chưa có số liệu", "Có nguy cơ", "Đạt", "Chưa kết luận", "Không đạt", "Chưa đến kỳ", "Chậm tiến độ",
        "Đúng tiến độ", "Vượt kế hoạch"]
    assert st.status_of("at_risk").word("en") == "At risk"


def test_an_unknown_status_names_the_known_ones():
    with pytest.raises(KeyError, match="status 'done' is not one of exceeded, met, on_track, at_risk, off_track, missed, "
                                       "undetermined, not_due, no_data"):
        st.status_of("done")
