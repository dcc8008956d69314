"""kpi.text.numbers: the look-alikes of a number that are refused rather than guessed, and the fix for each."""
import pytest

from kpi.text.numbers import THOUSANDS_DOT, thousands_fix


@pytest.mark.parametrize("text", ["3.500", "-3.500", "+3.500", "+162.000", "1.234.567", "+1.234.567"])
def test_thousands_dots_are_seen_with_either_sign(text):
    assert THOUSANDS_DOT.fullmatch(text)


@pytest.mark.parametrize("text", ["0.500", "+0.500", "3.5", "+3.50", "3.5000", "++3.500", "3500", "+3500"])
def test_plain_decimals_are_not_thousands(text):
    assert not THOUSANDS_DOT.fullmatch(text)


@pytest.mark.parametrize("text, fix", [
    ("3.500", "write 3500 (no thousands separator), or 3.5 if you meant a decimal"),
    ("+3.500", "write 3500 (no thousands separator), or 3.5 if you meant a decimal"),  # the '+' adds nothing
    ("-3.500", "write -3500 (no thousands separator), or -3.5 if you meant a decimal"),
    ("+162.000", "write 162000 (no thousands separator), or 162 if you meant a decimal"),
    ("+2.021", "write 2021 (no thousands separator), or 2.0210 if you meant a decimal"),
    ("+1.234.567", "write 1234567 (no thousands separator)"),
    ("+3,500", "write 3500 (no thousands separator), or 3.5 if you meant a decimal"),
])
def test_the_fix_keeps_a_minus_and_leaves_out_a_plus(text, fix):
    assert thousands_fix(text) == fix
