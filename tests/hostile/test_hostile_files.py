"""Hostile plan and observation files: each fixture is named for its defect and gets its exact message.

The expected messages are written out by hand (read them: each names the file, the line, row or target,
what was found and the fix). ``{f}`` stands for the fixture's path as messages show it.
"""
import hashlib
import time
import tracemalloc
from pathlib import Path

import pytest

import kpi
from kpi.files import display

HERE = Path(__file__).parent / "fixtures"
PLANS = HERE / "plans"
OBSERVATIONS = HERE / "observations"

PLAN_MESSAGES = {
    'derive-note-english-only': "{f}, target 'growth', derive: 'note' is {'en': 'derived'}; write it as {vi: ..., en: ...} (the Vietnamese text is required).",
    'source-misspelt-key': "{f}, source: unknown key 'documnet'; did you mean 'document'?",
    'source-a-text': '{f}: \'source\' is \'Quyết định 54\'; write the decision and its address, e.g. \'source: {document: Quyết định số 54/QĐ-UBND ngày 25/01/2021, url: "https://..."}\'.',
    'owner-extra-key': "{f}, owner 'cts': unknown key 'phone'; the keys here are code, name.",
    'alias': "{f}, line 36: the alias '*r' repeats another part of the file; plan files may not use anchors and aliases (&name, *name): write each value out.",
    'between-inf': "{f}, line 30 (between): '.inf' is not a finite number; write a number (or quote the text).",
    'between-low-above-high': "{f}, target 'cover': between [64, 63]: low must not exceed high; write [63, 64].",
    'between-three-numbers': "{f}, target 'cover': between [60, 62, 64]: between needs two numbers [low, high], got [60, 62, 64].",
    'billion-laughs': "{f}, line 2: the alias '*a' (and 71 more) repeats another part of the file; plan files may not use anchors and aliases (&name, *name): write each value out.",
    'bool-rule-value': "{f}, target 'revenue': rule 'at_least' needs a number, not true; write e.g. 'at_least: 10'.",
    'complex-key': '{f}, line 3: a key is a mapping or a list; write a plain word as the key.',
    'custom-tag': "{f}: not valid YAML at line 21 (the tag '!include' is not allowed in a plan file); remove it.",
    'decimal-comma-rule': "{f}, line 31 (above): '63,1' has a decimal comma; write 63.1 (a decimal point).",
    'deep-nesting-block': '{f}, line 101: the nesting is deeper than 100 levels; a plan needs four at most: check the indentation and the brackets.',
    'deep-nesting-flow': '{f}, line 1: the nesting is deeper than 100 levels; a plan needs four at most: check the indentation and the brackets.',
    'derive-from-itself': "{f}, target 'growth': derive 'growth' computes the target from itself; name its components.",
    'derive-misspelt-key': "2 problems found:\n- {f}, target 'cover', derive: unknown key 'off'; did you mean 'of'?\n- {f}, target 'cover': derive 'share' needs 'of' to name a target or input of this plan, but it is missing; declare the component under inputs: first.",
    'derive-two-methods': "{f}, target 'growth': derive is {'growth': 'revenue', 'share': 'cattle'}; give exactly one of growth, share, ratio, less with the indicator it is computed from, e.g. 'derive: {growth: grdp_constant_prices}' or 'derive: {share: va_services_current, of: grdp_current_prices}'.",
    'derive-unknown-component': "{f}, target 'growth': derive 'growth' needs 'growth' to name a target or input of this plan, not 'grdp_constnt'; did you mean 'grdp_current'?",
    'digits-overflow': "{f}, line 11 (at_least): '" + "9" * 400 + ".5' is too large a number; write a finite number.",
    'duplicate-key-in-flow-mapping': "{f}, line 11: the key 'at_least' is given twice in the same mapping (first at line 11); keep one.",
    'duplicate-key-in-target': "{f}, line 12: the key 'rule' is given twice in the same mapping (first at line 11); keep one.",
    'duplicate-target-id': "{f}, target 'revenue': the id is used twice; give each target its own id.",
    'duplicate-top-level-key': "{f}, line 3: the key 'year' is given twice in the same mapping (first at line 2); keep one.",
    'empty': '{f}: the file is empty; fill it in as data/README.md describes.',
    'exponent-overflow': "{f}, line 11 (at_least): '1e400' is too large a number; write a finite number.",
    'hex-number': "{f}, line 11 (at_least): '0x10' is a hexadecimal or binary number; write it in decimal digits.",
    'inf-rule': "{f}, line 30 (above): '.inf' is not a finite number; write a number (or quote the text).",
    'input-id-space': "2 problems found:\n- {f}, input #1: id 'grdp current' is not a valid id; write lowercase letters, digits and '_', starting with a letter (at most 64), e.g. 'id: grdp_current_prices'.\n- {f}, target 'growth': derive 'growth' needs 'growth' to name a target or input of this plan, not 'grdp_current'; did you mean 'grdp current'?",
    'inputs-not-a-list': "2 problems found:\n- {f}: 'inputs' is 'grdp_current'; write a list of inputs, each with id, name, unit and measure.\n- {f}, target 'growth': derive 'growth' needs 'growth' to name a target or input of this plan, not 'grdp_current'; declare the component under inputs: first.",
    'input-read-by-nothing': "{f}, input 'grdp_current': no target is derived from it and 'contributions:' does not name it, so its figures would change nothing; name it in the 'derive:' of the target it computes, e.g. 'derive: {growth: grdp_current}' (see data/README.md), or remove the input.",
    'latin1': "{f}: not UTF-8 text (byte 0xed at position 42); save the file as UTF-8 (in Excel: 'CSV UTF-8').",
    'leading-zero-08': "{f}, line 11 (at_least): '08' has a leading zero, which YAML reads as an octal number; write 8 (or quote it if it is a text).",
    'measure-unknown': "{f}, target 'cover': measure 'stock' is not one of flow, level, growth; flow = cumulative from 1 January, level = as at the end of the quarter, growth = % change on a year earlier.",
    'merge-key': "{f}, line 27: the alias '*base' repeats another part of the file; plan files may not use anchors and aliases (&name, *name): write each value out.",
    'name-unquoted-comma': '{f}, target \'cattle\': \'name\' has unexpected keys \'trâu\'; a text with a comma must be quoted, e.g. name: {vi: "Nông, lâm nghiệp", en: "Agriculture, forestry"}.',
    'nan-rule': "{f}, line 30 (above): '.nan' is not a finite number; write a number (or quote the text).",
    'negative-inf-rule': "{f}, line 36 (below): '-.inf' is not a finite number; write a number (or quote the text).",
    'nul-byte': '{f}, line 21: the file holds NUL bytes, so it is not plain text; save it again as UTF-8 text.',
    'octal-leading-zero': "{f}, line 11 (at_least): '0100' has a leading zero, which YAML reads as an octal number; write 100 (or quote it if it is a text).",
    'parent-cycle': "{f}, target 'private_revenue': the parents loop (private_revenue → cattle → private_revenue); a target can only be part of a larger one: remove one of these parents.",
    'parent-cycle-three': "{f}, target 'private_revenue': the parents loop (private_revenue → cattle → cover → private_revenue); a target can only be part of a larger one: remove one of these parents.",
    'parent-list': "{f}, target 'private_revenue': parent is a list (['revenue']); write one target id, e.g. 'parent: total_investment'.",
    'parent-mapping': "{f}, target 'private_revenue': parent is a mapping ({'id': 'revenue'}); write one target id, e.g. 'parent: total_investment'.",
    'parent-misspelt': "{f}, target 'private_revenue': parent 'revenu' is not a target of this plan; did you mean 'revenue'?",
    'parent-self': "{f}, target 'private_revenue': the target is its own parent; remove parent or name another target.",
    'plan-id-absolute': "{f}: id '/etc/kpi' cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'plan-id-dotdot': "{f}: id '..' cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'plan-id-number': "{f}: id 2021 cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'plan-id-slash': "{f}: id 'a/b' cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'plan-id-space': "{f}: id 'hostile 2021' cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'plan-id-too-long': "{f}: id 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'plan-id-traversal': "{f}: id '../../x' cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'plan-id-uppercase': "{f}: id 'Hostile-2021' cannot name a folder; write lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.",
    'python-object-tag': "{f}: not valid YAML at line 1 (the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in a plan file); remove it.",
    'rule-empty': "{f}, target 'cover': rule has 0 kinds (none); give exactly one of above, at_least, below, at_most, between, about, reduce_by, increase_by.",
    'rule-misspelt': "{f}, target 'cover': rule 'betwen' is not one of above, at_least, below, at_most, between, about, reduce_by, increase_by; did you mean 'between'?",
    'rule-quoted-number': "{f}, target 'cover': above '63.1': above needs a number, got '63.1'.",
    'rule-words': "{f}, target 'cover': rule is 'trên 63,1%'; write one of above, at_least, below, at_most, between, about, reduce_by, increase_by as a mapping, e.g. 'rule: {above: 10}'.",
    'set-tag': "{f}: not valid YAML at line 44 (the tag 'tag:yaml.org,2002:set' is not allowed in a plan file); remove it.",
    'sexagesimal': "{f}, line 11 (at_least): '1:30' would be read by YAML as a base-60 number; write the number itself, or quote the text.",
    'tab-indentation': '{f}: not valid YAML at line 20 (found a tab character that violates indentation); fix the syntax there.',
    'target-id-escape': "{f}, target #3: id 'cattle\\x1b[31m' is not a valid id; write lowercase letters, digits and '_', starting with a letter (at most 64), e.g. 'id: grdp_growth'.",
    'target-id-hyphen': "{f}, target #3: id 'cattle-herd' is not a valid id; write lowercase letters, digits and '_', starting with a letter (at most 64), e.g. 'id: grdp_growth'.",
    'target-id-number': "{f}, target #3: id 123 is not a valid id; write lowercase letters, digits and '_', starting with a letter (at most 64), e.g. 'id: grdp_growth'.",
    'target-id-path': "{f}, target #3: id '../etc/passwd' is not a valid id; write lowercase letters, digits and '_', starting with a letter (at most 64), e.g. 'id: grdp_growth'.",
    'target-id-too-long': "{f}, target #3: id 'caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a valid id; write lowercase letters, digits and '_', starting with a letter (at most 64), e.g. 'id: grdp_growth'.",
    'target-id-uppercase': "{f}, target #3: id 'Cattle' is not a valid id; write lowercase letters, digits and '_', starting with a letter (at most 64), e.g. 'id: grdp_growth'.",
    'targets-not-a-list': "{f}: 'targets' is 'revenue'; write a list of targets, each with id, group, name, unit, measure and rule.",
    'thousands-comma-rule': "{f}, line 12 (at_least): '3,500' is ambiguous: write 3500 (no thousands separator), or 3.5 if you meant a decimal.",
    'thousands-dot-20000': "{f}, line 11 (above): '20.000' is ambiguous: write 20000 (no thousands separator), or 20 if you meant a decimal.",
    'thousands-dot-million': "{f}, line 24 (at_least): '1.234.567' is ambiguous: write 1234567 (no thousands separator).",
    'thousands-dot-plus-rule': "{f}, line 11 (at_least): '+3.500' is ambiguous: write 3500 (no thousands separator), or 3.5 if you meant a decimal.",
    'thousands-dot-rule': "{f}, line 11 (at_least): '3.500' is ambiguous: write 3500 (no thousands separator), or 3.5 if you meant a decimal.",
    'tolerance-on-above': "{f}, target 'growth': 'tolerance' only applies to the rule 'about'; remove it.",
    'tolerance-true': "{f}, target 'population': tolerance is true; write a percent of the target, e.g. 'tolerance: 1' for ±1%.",
    'tolerance-yes': "{f}, target 'population': tolerance is 'yes'; write a percent of the target, e.g. 'tolerance: 1' for ±1%.",
    'top-level-list': "{f}: the top level is a list, not a mapping; start the file with keys such as 'id:', 'year:' and 'targets:' (see data/README.md).",
    'two-documents': "{f}, line 46: a second YAML document starts here ('---'); a plan file holds one.",
    'unclosed-brace': "{f}: not valid YAML at line 31 (did not find expected ',' or '}'); fix the syntax there.",
    'underscore-number': "{f}, line 11 (at_least): '3_500' holds '_'; write 3500 without it.",
    'unknown-target-key': "{f}, target 'revenue': unknown key 'profle'; did you mean 'profile'?",
    'unknown-top-level-key': "{f}: unknown key 'target'; did you mean 'targets'?",
    'year-leading-zero': "{f}, line 2 (year): '02021' has a leading zero, which YAML reads as an octal number; write 2021 (or quote it if it is a text).",
    'year-quoted': "{f}: year is '2021'; write the plan year as a number, e.g. 'year: 2021'.",
    'year-thousands-dot': "{f}, line 2 (year): '2.021' is ambiguous: write 2021 (no thousands separator), or 2.0210 if you meant a decimal.",
}
OBSERVATION_MESSAGES = {
    'arabic-indic-digits': "{f}, row 2: value '٣٥٠٠' is written with non-ASCII digits; type it with the digits 0-9 (3500).",
    'decimal-comma-and-dot': "{f}, row 2: value '1.234,5' is not a number; write 1234.5 (a decimal point, no thousands separator).",
    'decimal-comma-value': "{f}, row 2: value '63,5' is not a number; write 63.5 (a decimal point, no thousands separator).",
    'devanagari-digits': "{f}, row 2: value '६३' is written with non-ASCII digits; type it with the digits 0-9 (63).",
    'duplicate-after-strip': "{f}, row 3: indicator 'revenue' already has a figure for the same period (row 2); keep one figure per indicator and period (a quarter is the same as its last month), and note the choice in 'note'.",
    'duplicate-header': "{f}: the column 'value' appears twice in the header (columns C and E); keep one.",
    'duplicate-header-case': "{f}: the column 'value' appears twice in the header (columns C and E); keep one.",
    'duplicate-period': "{f}, row 3: indicator 'revenue' already has a figure for the same period (row 2); keep one figure per indicator and period (a quarter is the same as its last month), and note the choice in 'note'.",
    'empty': '{f}: the file is empty; fill it in as data/README.md describes.',
    'escape-in-indicator': "{f}, row 2: indicator '\x1b[31mrevenue' is not in the plan; did you mean 'revenue'?",
    'excel-sep-line': "{f}: the first line 'sep=,' is a hint for Excel, not the header; delete it, so that the header (indicator, period, value, ...) is the first line.",
    'exponent-overflow': "{f}, row 2: value '1e400' is not a finite number; write a finite number.",
    'field-over-128kb': '{f}, row 2: a cell is longer than 128 KB; a double quote that is never closed swallows the rest of the file: close the quote, or shorten the text.',
    'formula-indicator': '{f}, row 2: indicator \'=HYPERLINK("x")\' is not in the plan; use a target or input id from plan.yaml.',
    'fullwidth-digits-period': "{f}, row 2: period '２０２１-Q3' is written with non-ASCII digits; type it with the digits 0-9, e.g. 2021-Q3.",
    'fullwidth-digits-value': "{f}, row 2: value '３５００' is written with non-ASCII digits; type it with the digits 0-9 (3500).",
    'header-only': '{f}: the file has a header but no rows; add one row per published figure.',
    'implausible-high-flow': "{f}, row 2: value 3500000 for 'revenue' is 1000 times its plan figure 3500 (bn VND); check the unit and the decimal point (a figure over 10 times the plan figure is taken for a slip).",
    'implausible-low-level': "{f}, row 2: value 89 for 'cattle' is under 1% of its plan figure 89000 (head); check the unit and the decimal point (a level under 1% of the plan figure is taken for a slip).",
    'indicator-misspelt': "{f}, row 3: indicator 'revenu' is not in the plan; did you mean 'revenue'?",
    'inf-value': "{f}, row 2: value 'inf' is not a number; write a finite number.",
    'kind-and-qualifier-unknown': "2 problems found:\n- {f}, row 2: kind 'guess' is not one of official, preliminary, estimate; leave it empty if unknown.\n- {f}, row 2: qualifier 'roughly' is not one of more_than, less_than, about (hơn/trên = more_than, gần = less_than, khoảng = about); leave it empty for an exact figure.",
    'latin1': "{f}: not UTF-8 text (byte 0xe0 at position 82); save the file as UTF-8 (in Excel: 'CSV UTF-8').",
    'long-row': '{f}, row 2: 8 fields, but the header has 7; write a number without a comma (1234.5, not 1.234,5) and put a text holding a comma in double quotes.',
    'missing-value-column': "{f}: missing column 'value'; the header must hold indicator, period, value (and optionally kind, qualifier, source, note).",
    'nan-value': "{f}, row 2: value 'NaN' is not a number; write a finite number.",
    'negative-level': "{f}, row 2: value -89000 for 'cattle' is negative, but a count or amount (head) cannot be; check the sign.",
    'nul-byte': "{f}, line 2: the file holds NUL bytes, so it is not plain text (perhaps a workbook renamed .csv, or UTF-16); open it in Excel and save it as 'CSV UTF-8'.",
    'only-a-quote': '{f}: the file holds no header; start it with the line indicator,period,value,kind,qualifier,source,note.',
    'only-blank-lines': '{f}: the file is empty; fill it in as data/README.md describes.',
    'percent-as-fraction-range': "{f}, row 2: value 163.1 for 'cover' is a percent outside 0–100; write the percent itself, e.g. 63.1 for 63,1%.",
    'period-after-plan-year': "{f}, row 2: period '2022-Q1' lies after the plan year 2021; figures of the plan year and of earlier years (for baselines and seasons) belong here.",
    'period-lowercase': "{f}, row 2: period '2021-q1' is not a month or a quarter; write YYYY-MM for a month (e.g. 2021-05) or YYYY-Qn for a quarter (e.g. 2021-Q3).",
    'period-quarter-5': "{f}, row 2: period '2021-Q5' is not a month or a quarter; write YYYY-MM for a month (e.g. 2021-05) or YYYY-Qn for a quarter (e.g. 2021-Q3).",
    'period-with-space-inside': "{f}, row 2: period '2021 -Q1' is not a month or a quarter; write YYYY-MM for a month (e.g. 2021-05) or YYYY-Qn for a quarter (e.g. 2021-Q3).",
    'quarter-and-month-clash': "{f}, row 4: indicator 'revenue' already has a figure for 2021-Q3, the same slot as 2021-09 (row 2); keep one figure per indicator and period (a quarter is the same as its last month), and note the choice in 'note'.",
    'row-numbers-after-blank-lines': "{f}, row 5: value 'abc' is not a number; write a plain number such as 1483 or 63.1, without words or units.",
    'semicolon-separated': "{f}: the file is separated by ';', not by commas; save it as comma-separated 'CSV UTF-8' (in Excel: File › Save As › CSV UTF-8).",
    'short-row': '{f}, row 2: 3 fields, but the header has 7; write a number without a comma (1234.5, not 1.234,5) and put a text holding a comma in double quotes.',
    'tab-separated': "{f}: the file is separated by tabs, not by commas; save it as comma-separated 'CSV UTF-8' (in Excel: File › Save As › CSV UTF-8).",
    'thousands-comma-value': "{f}, row 2: value '3,500' is ambiguous; write 3500 (no thousands separator), or 3.5 if you meant a decimal.",
    'thousands-dot-million': "{f}, row 2: value '1.234.567' is ambiguous; write 1234567 (no thousands separator).",
    'thousands-dot-negative': "{f}, row 2: value '-1.500' is ambiguous; write -1500 (no thousands separator), or -1.5 if you meant a decimal.",
    'thousands-dot-plus': "2 problems found:\n- {f}, row 2: value '+3.500' is ambiguous; write 3500 (no thousands separator), or 3.5 if you meant a decimal.\n- {f}, row 3: value '+162.000' is ambiguous; write 162000 (no thousands separator), or 162 if you meant a decimal.",
    'thousands-dot-value': "{f}, row 2: value '3.500' is ambiguous; write 3500 (no thousands separator), or 3.5 if you meant a decimal.",
    'three-problems-in-three-rows': "3 problems found:\n- {f}, row 2: indicator 'revenu' is not in the plan; did you mean 'revenue'?\n- {f}, row 3: period '2021-Q5' is not a month or a quarter; write YYYY-MM for a month (e.g. 2021-05) or YYYY-Qn for a quarter (e.g. 2021-Q3).\n- {f}, row 4: value '63,5' is not a number; write 63.5 (a decimal point, no thousands separator).",
    'unclosed-quote': '{f}, row 2: a double quote opened in this row is never closed, so the lines after it were read into one cell; close the quote.',
    'unquoted-commas-in-two-rows': '2 problems found:\n- {f}, row 3: 8 fields, but the header has 7; write a number without a comma (1234.5, not 1.234,5) and put a text holding a comma in double quotes.\n- {f}, row 4: 8 fields, but the header has 7; write a number without a comma (1234.5, not 1.234,5) and put a text holding a comma in double quotes.',
    'utf16': "{f}, line 1: the file holds NUL bytes, so it is not plain text (perhaps a workbook renamed .csv, or UTF-16); open it in Excel and save it as 'CSV UTF-8'.",
    'value-empty-with-source': "{f}, row 2: the value is empty but the row has a kind, qualifier, source or note; fill in the value, or, if nothing was published, clear the row's other cells (in a CSV file, delete the row).",
    'value-hex': "{f}, row 2: value '0x10' is not a number; write a plain number such as 1483 or 63.1, without words or units.",
    'value-in-words': "{f}, row 2: value 'five hundred' is not a number; write a plain number such as 1483 or 63.1, without words or units.",
    'value-underscore': "{f}, row 2: value '3_500' is not a number; write a plain number such as 1483 or 63.1, without words or units.",
    'value-with-percent-sign': "{f}, row 2: value '63.1%' is not a number; write 63.1 (the percent itself, without '%').",
    'value-with-unit': "{f}, row 2: value '3500 tỷ' is not a number; write a plain number such as 1483 or 63.1, without words or units.",
}


def _message(error: kpi.KpiError, path: Path) -> str:
    return str(error).replace(display(path), "{f}")


@pytest.fixture(scope="module")
def plan():
    return kpi.load_plan(HERE / "plan.yaml")


@pytest.mark.parametrize("defect", sorted(PLAN_MESSAGES))
def test_hostile_plan_gets_its_message(defect):
    path = PLANS / f"{defect}.yaml"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    t0 = time.perf_counter()
    with pytest.raises(kpi.PlanError) as info:
        kpi.load_plan(path)
    assert time.perf_counter() - t0 < 1.0
    assert _message(info.value, path) == PLAN_MESSAGES[defect]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # files as received are never edited


@pytest.mark.parametrize("defect", sorted(OBSERVATION_MESSAGES))
def test_hostile_observations_get_their_message(defect, plan):
    path = OBSERVATIONS / f"{defect}.csv"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, plan)
    assert _message(info.value, path) == OBSERVATION_MESSAGES[defect]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_every_hostile_fixture_has_its_expected_outcome():
    plans = {p.stem for p in PLANS.glob("*.yaml")}
    observations = {p.stem for p in OBSERVATIONS.glob("*.csv")}
    assert plans == set(PLAN_MESSAGES) | {"kept-norway-names", "kept-date-like-note"}
    assert observations == set(OBSERVATION_MESSAGES) | {"three-hundred-bad-rows"} | {
        f"kept-{k}" for k in ("cr-line-endings", "crlf-line-endings", "leading-space-period", "utf8-bom",
                              "zero-flow-early", "decimal-not-thousands", "period-month")}
    assert len(plans) + len(observations) >= 100


def test_words_yaml_1_1_would_turn_into_booleans_or_dates_stay_text():
    norway = kpi.load_plan(PLANS / "kept-norway-names.yaml").target("cattle")
    assert (norway.name_vi, norway.name_en) == ("no", "NO")
    assert kpi.load_plan(PLANS / "kept-date-like-note.yaml").target("private_revenue").note == "2021-01-25"


KEPT = {
    "cr-line-endings": [("revenue", "2021-Q1", 800.0), ("revenue", "2021-Q2", 1700.0)],
    "crlf-line-endings": [("revenue", "2021-Q1", 800.0)],
    "leading-space-period": [("revenue", "2021-Q2", 1700.0)],  # read as 2021-Q2: no period keeps a space
    "utf8-bom": [("revenue", "2021-Q1", 800.0)],
    "zero-flow-early": [("revenue", "2021-Q1", 0.0)],  # a flow starts the year near zero: plausible
    "decimal-not-thousands": [("cattle", "2021-Q1", 89000.5), ("growth", "2021-Q1", 0.5)],  # 0.500 is a decimal
    "period-month": [("revenue", "2021-05", 3500.0)],  # a month: 5 tháng năm 2021
}


@pytest.mark.parametrize("name", sorted(KEPT))
def test_files_that_load_hold_what_was_written(name, plan):
    obs = kpi.load_observations(OBSERVATIONS / f"kept-{name}.csv", plan)
    assert list(obs[["indicator", "period", "value"]].itertuples(index=False, name=None)) == KEPT[name]


def test_many_problems_list_the_first_200_and_count_the_rest(plan):
    path = OBSERVATIONS / "three-hundred-bad-rows.csv"
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, plan)
    e = info.value
    assert (e.total, len(e.problems), e.more) == (300, 200, 100)
    assert e.problems[0] == f"{display(path)}, row 2: indicator 'r0' is not in the plan; use a target or input id " \
                            "from plan.yaml."
    assert e.problems[-1].startswith(f"{display(path)}, row 201: indicator 'r199' is not in the plan")
    lines = str(e).splitlines()
    assert lines[0] == "300 problems found:"
    assert lines[-1] == "- and 100 more (the first 200 are listed; fix them and check again)."


def test_alias_bomb_fails_fast_in_little_memory():
    path = PLANS / "billion-laughs.yaml"
    assert 1000 < path.stat().st_size < 2000
    tracemalloc.start()
    t0 = time.perf_counter()
    with pytest.raises(kpi.PlanError):
        kpi.load_plan(path)
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1.0 and peak < 20 * 2**20


def test_plan_over_50_mb_is_refused_unread(tmp_path):
    path = tmp_path / "plan.yaml"
    with path.open("wb") as fh:
        fh.truncate(51 * 2**20)  # sparse: no need to write 51 MB
    with pytest.raises(kpi.PlanError) as info:
        kpi.load_plan(path)
    assert str(info.value) == (f"{display(path)}: the file is 51 MB, more than the 50 MB this kind of file may hold; "
                               "check that it is the right file.")


@pytest.mark.slow  # a timing guard over a 20,000-target plan
def test_lookups_in_a_large_plan_are_not_quadratic(tmp_path):
    n = 20_000
    body = "".join(f"  - {{id: t{i}, group: economy, name: T{i}, unit: ha, measure: flow, rule: {{at_least: 5}}}}\n"
                   for i in range(n))
    (tmp_path / "plan.yaml").write_text(f"id: big\nyear: 2021\nregion: R\ntitle: T\ntargets:\n{body}",
                                        encoding="utf-8")
    big = kpi.load_plan(tmp_path)
    t0 = time.perf_counter()
    assert [big.target(t.id).id for t in big.targets] == [f"t{i}" for i in range(n)]
    assert all(t.id in big.indicators for t in big.targets)
    assert time.perf_counter() - t0 < 1.0


@pytest.mark.slow  # a timing guard over many ids
def test_typo_hints_stay_cheap_against_many_ids(tmp_path):
    n = 20_000
    body = "".join(f"  - {{id: target_{i:05d}, group: economy, name: T, unit: ha, measure: flow, "
                   "rule: {at_least: 5}}\n" for i in range(n))
    (tmp_path / "plan.yaml").write_text(f"id: big\nyear: 2021\nregion: R\ntitle: T\ntargets:\n{body}",
                                        encoding="utf-8")
    big = kpi.load_plan(tmp_path)
    rows = "".join(f"targte_{i:05d},2021-Q1,1,,,x,\n" for i in range(400))
    path = tmp_path / "observations.csv"
    path.write_text("indicator,period,value,kind,qualifier,source,note\n" + rows, encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, big)
    assert time.perf_counter() - t0 < 10.0
    assert info.value.total == 400
    assert info.value.problems[0] == f"{display(path)}, row 2: indicator 'targte_00000' is not in the plan; did you " \
                                     "mean 'target_00000'?"
    # hints are looked for the first 20 distinct unknown ids only
    assert info.value.problems[20] == f"{display(path)}, row 22: indicator 'targte_00020' is not in the plan; use a " \
                                      "target or input id from plan.yaml."
