"""kpi.text.formatting: numbers as a reader expects them, checked against Babel itself (the oracle)."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from kpi.text.formatting import number

LOCALES = {"vi": "vi_VN", "en": "en_US"}
TRICKY = [0, 0.0, -0.0, 1, -1, 0.005, 0.015, 0.025, 2.675, -0.001, -0.004, -0.006, 0.5, 1.5, 2.5, 999.995,
          999.994, 12345.5, 3500, 63.1, 1234567.891, 1e-10, 1e15, 1e20, 1e27, 1e28, 1e30, 2**53, 10**25,
          Decimal("1.005"), Decimal("-0")]


def _babel(value, lang: str, digits: int | None) -> str:
    pattern = "#,##0.##" if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    try:
        return format_decimal(value, format=pattern, locale=LOCALES[lang])
    except (ArithmeticError, ValueError, OverflowError):
        return f"{value:.4g}"


def test_number_examples():
    assert number(3500) == "3.500"
    assert number(63.1) == "63,1"
    assert number(3500.456, "en") == "3,500.46"
    assert number(-0.001) == "-0"  # the sign is kept from before rounding, as Babel does
    assert number(2.5, digits=0) == "2"  # half to even
    assert number(float("nan")) == "—"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("digits", [None, 0, 1, 2, 3])
def test_number_is_what_babel_writes(lang, digits):
    rng = random.Random(12)
    values = TRICKY + [rng.choice([-1, 1]) * rng.random() * 10 ** rng.randint(-6, 30) for _ in range(3000)] \
        + [round(rng.uniform(-1e6, 1e6), rng.randint(0, 4)) for _ in range(3000)] \
        + [rng.randint(-10**9, 10**9) for _ in range(500)] + [10**k - 1 for k in range(20, 30)] \
        + [-(10**k) for k in range(20, 30)] + [float(10**k) for k in range(20, 30)]
    wrong = [(v, number(v, lang, digits=digits), _babel(v, lang, digits)) for v in values
             if number(v, lang, digits=digits) != _babel(v, lang, digits)]
    assert wrong == []


def test_number_too_large_for_the_pattern_falls_back():
    # written out by hand: the helper _babel falls back the same way as kpi, so it cannot be the oracle here
    assert number(1e300) == "1e+300"
    assert number(float("inf")) == "∞" and number(float("-inf")) == "-∞"  # as Babel writes them


def test_one_mapping_sets_the_decimals_of_every_output(kontum, tmp_path, monkeypatch):
    """% of plan is printed to one decimal everywhere; set it to two in ``DIGITS`` and every output follows."""
    import kpi
    from openpyxl import load_workbook

    from kpi.text import formatting
    from kpi.story import sections
    from kpi.documents import pptx as slides, terminal
    from kpi.documents.xlsx import write_status_xlsx

    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q3")
    row = status.set_index("indicator").loc["budget_revenue"].to_dict() | {"indicator": "budget_revenue"}

    def outputs(name: str) -> list[str]:
        sheet = load_workbook(write_status_xlsx(plan, status, tmp_path / name)).active
        cell = next(r[7] for r in sheet.iter_rows(min_row=6) if r[2].value == row["name"])
        return [sections.takeaway(row), sections.scorecard_table(status), terminal.terminal(status),
                slides.source_line(row, "vi"), f"{cell.value} {cell.number_format}"]

    # 2000 of 3500 billion: 57.142857...% of the plan
    one = outputs("one.xlsx")
    assert "bằng khoảng 57,1% kế hoạch" in one[0] and ">57,1%<" in one[1] and " 57,1 " in one[2]
    assert "57,1% kế hoạch" in one[3] and one[4] == '57.1 [$-42A]#,##0.0"%"'
    monkeypatch.setitem(formatting.DIGITS, "attainment_pct", 2)
    two = outputs("two.xlsx")
    assert "bằng khoảng 57,14% kế hoạch" in two[0] and ">57,14%<" in two[1] and " 57,14 " in two[2]
    assert "57,14% kế hoạch" in two[3] and two[4] == '57.14 [$-42A]#,##0.00"%"'


@pytest.mark.parametrize("value, qualifier, digits, vi", [
    (43.985, "more_than", 1, "hơn 43,9%"),    # rounded to the nearest it would read "hơn 44,0%": more than it is
    (43.985, "", 1, "44,0%"),                 # an exact figure is rounded to the nearest
    (46.96, "less_than", 1, "gần 47,0%"),     # "gần" is rounded up: never nearer than it is
    (46.94, "less_than", 1, "gần 47,0%"),
    (46.94, "about", 1, "khoảng 46,9%"),
    (20000.004, "more_than", None, "hơn 20.000%"),  # two decimals at most: 20.000,00 down
    (92.0, "more_than", 0, "hơn 92%"),        # already at the shown precision: unchanged
])
def test_a_bounded_figure_is_rounded_towards_its_bound(value, qualifier, digits, vi):
    from kpi.text.formatting import quantity

    assert quantity(value, "%", "vi", qualifier=qualifier, digits=digits) == vi
