"""Write the hostile fixtures: one file per defect, each a copy of a valid file with that one defect.

Run once after changing a fixture: python tests/hostile/make_fixtures.py (the files are committed;
the expected messages live in the tests, written by hand).

One fixture is not written here: ``fixtures/workbooks/encrypted.xlsx``, a workbook protected with a password
to open it (the password is ``kpi``; sheet 'observations' with one row, revenue 2021-Q3 800), made once with
msoffcrypto-tool 6.1.0, which kpi does not depend on::

    from msoffcrypto.format.ooxml import OOXMLFile
    OOXMLFile(open("plain.xlsx", "rb")).encrypt("kpi", open("encrypted.xlsx", "wb"))

The other hostile workbooks are built by their tests (tests/hostile/test_hostile_returns.py) from a workbook
kpi template makes, so they follow the template as it changes.
"""
from pathlib import Path

HERE = Path(__file__).parent / "fixtures"

PLAN = """\
id: hostile-2021
year: 2021
region: {vi: Tỉnh Thử, en: Test province}
title: {vi: Kế hoạch thử, en: Test plan}
targets:
  - id: revenue
    group: economy
    name: {vi: Thu ngân sách, en: Budget revenue}
    unit: {vi: tỷ đồng, en: bn VND}
    measure: flow
    rule: {at_least: 3500}
  - id: private_revenue
    group: economy
    name: {vi: Thu từ khu vực tư nhân, en: Private revenue}
    unit: {vi: tỷ đồng, en: bn VND}
    measure: flow
    rule: {at_least: 1400}
    parent: revenue
  - id: cattle
    group: economy
    name: {vi: Đàn bò, en: Cattle}
    unit: {vi: con, en: head}
    measure: level
    rule: {at_least: 89000}
  - id: cover
    group: society
    name: {vi: Độ che phủ rừng, en: Forest cover}
    unit: {vi: "%", en: "%"}
    measure: level
    rule: {above: 63.1}
  - id: growth
    group: economy
    name: {vi: Tăng trưởng GRDP, en: GRDP growth}
    unit: {vi: "%", en: "%"}
    measure: growth
    rule: {above: 10}
    derive: {growth: grdp_current}
  - id: population
    group: society
    name: {vi: Dân số, en: Population}
    unit: {vi: người, en: persons}
    measure: level
    rule: {about: 567000, tolerance: 1}
inputs:
  - {id: grdp_current, name: {vi: GRDP giá hiện hành, en: GRDP current prices}, unit: {vi: tỷ đồng, en: bn VND}, measure: flow}
"""


def plan(old: str, new: str, count: int = 1) -> str:
    assert old in PLAN, old
    return PLAN.replace(old, new, count)


BILLION_LAUGHS = "".join(
    [f'a: &a ["{"lol" * 30}", "{"lol" * 30}", "{"lol" * 30}", "{"lol" * 30}", "{"lol" * 30}", "{"lol" * 30}", '
     f'"{"lol" * 30}", "{"lol" * 30}", "{"lol" * 30}"]\n']
    + [f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")])

PLANS = {
    "thousands-dot-rule": plan("at_least: 3500", "at_least: 3.500"),
    "thousands-dot-plus-rule": plan("at_least: 3500", "at_least: +3.500"),
    "thousands-dot-20000": plan("at_least: 3500", "above: 20.000"),
    "thousands-dot-million": plan("at_least: 89000", "at_least: 1.234.567"),
    "thousands-comma-rule": plan("rule: {at_least: 3500}", "rule:\n      at_least: 3,500"),
    "decimal-comma-rule": plan("rule: {above: 63.1}", "rule:\n      above: 63,1"),
    "octal-leading-zero": plan("at_least: 3500", "at_least: 0100"),
    "leading-zero-08": plan("at_least: 3500", "at_least: 08"),
    "sexagesimal": plan("at_least: 3500", "at_least: 1:30"),
    "hex-number": plan("at_least: 3500", "at_least: 0x10"),
    "underscore-number": plan("at_least: 3500", "at_least: 3_500"),
    "inf-rule": plan("above: 63.1", "above: .inf"),
    "negative-inf-rule": plan("above: 10", "below: -.inf"),
    "nan-rule": plan("above: 63.1", "above: .nan"),
    "exponent-overflow": plan("at_least: 3500", "at_least: 1e400"),
    "digits-overflow": plan("at_least: 3500", "at_least: " + "9" * 400 + ".5"),
    "bool-rule-value": plan("at_least: 3500", "at_least: true"),
    "tolerance-true": plan("tolerance: 1", "tolerance: true"),
    "tolerance-yes": plan("tolerance: 1", "tolerance: yes"),
    "tolerance-on-above": plan("rule: {above: 10}", "rule: {above: 10, tolerance: 2}"),
    "rule-quoted-number": plan("above: 63.1", 'above: "63.1"'),
    "rule-words": plan("rule: {above: 63.1}", 'rule: "trên 63,1%"'),
    "rule-empty": plan("rule: {above: 63.1}", "rule: {}"),
    "between-three-numbers": plan("rule: {above: 63.1}", "rule: {between: [60, 62, 64]}"),
    "between-inf": plan("rule: {above: 63.1}", "rule: {between: [60, .inf]}"),
    "year-thousands-dot": plan("year: 2021", "year: 2.021"),
    "year-quoted": plan("year: 2021", 'year: "2021"'),
    "year-leading-zero": plan("year: 2021", "year: 02021"),
    "duplicate-key-in-target": plan("    rule: {at_least: 3500}\n", "    rule: {at_least: 3500}\n    rule: {at_least: 350}\n"),
    "duplicate-top-level-key": plan("year: 2021\n", "year: 2021\nyear: 2022\n"),
    "unknown-target-key": plan("    rule: {at_least: 3500}\n", "    rule: {at_least: 3500}\n    profle: {6: 40}\n"),
    "unknown-top-level-key": plan("year: 2021\n", "year: 2021\ntarget: []\n"),
    "derive-unknown-component": plan("derive: {growth: grdp_current}", "derive: {growth: grdp_constnt}"),
    "derive-two-methods": plan("derive: {growth: grdp_current}", "derive: {growth: revenue, share: cattle}"),
    "derive-from-itself": plan("derive: {growth: grdp_current}", "derive: {growth: growth}"),
    "input-read-by-nothing": plan("    derive: {growth: grdp_current}\n", ""),
    "derive-note-english-only": plan("derive: {growth: grdp_current}", "derive: {growth: grdp_current, note: {en: derived}}"),
    "source-misspelt-key": plan("title: {vi: Kế hoạch thử, en: Test plan}\n",
                                "title: {vi: Kế hoạch thử, en: Test plan}\nsource: {documnet: Quyết định 54}\n"),
    "source-a-text": plan("title: {vi: Kế hoạch thử, en: Test plan}\n",
                          "title: {vi: Kế hoạch thử, en: Test plan}\nsource: Quyết định 54\n"),
    "owner-extra-key": plan("targets:\n", "owners:\n  - {code: cts, name: Cục Thống kê, phone: 123}\ntargets:\n"),
    "derive-misspelt-key": plan("    rule: {above: 63.1}\n", "    rule: {above: 63.1}\n    derive: {share: cattle, off: revenue}\n"),
    "duplicate-key-in-flow-mapping": plan("rule: {at_least: 3500}", "rule: {at_least: 3500, at_least: 350}"),
    "duplicate-target-id": plan("id: cattle", "id: revenue"),
    "alias": plan("    rule: {above: 63.1}\n", "    rule: &r {above: 63.1}\n").replace(
        "    rule: {above: 10}\n", "    rule: *r\n"),
    "merge-key": plan("  - id: cattle\n", "  - id: cattle\n    <<: &base {group: economy}\n").replace(
        "  - id: cover\n", "  - id: cover\n    <<: *base\n"),
    "billion-laughs": BILLION_LAUGHS,
    "deep-nesting-flow": "a: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep-nesting-block": "".join(" " * (2 * i) + f"k{i}:\n" for i in range(150)) + " " * 300 + "x: 1\n",
    "python-object-tag": plan("id: hostile-2021", "id: !!python/object/apply:os.system ['echo hacked']"),
    "custom-tag": plan("name: {vi: Đàn bò, en: Cattle}", "name: !include names.yaml"),
    "set-tag": plan("inputs:\n", "tags: !!set {a, b}\ninputs:\n"),
    "two-documents": PLAN + "---\nid: other\n",
    "complex-key": plan("year: 2021\n", "year: 2021\n? {a: 1}\n: x\n"),
    "parent-list": plan("parent: revenue", "parent: [revenue]"),
    "parent-mapping": plan("parent: revenue", "parent: {id: revenue}"),
    "parent-self": plan("parent: revenue", "parent: private_revenue"),
    "parent-cycle": plan("parent: revenue", "parent: cattle").replace(
        "    rule: {at_least: 89000}\n", "    rule: {at_least: 89000}\n    parent: private_revenue\n"),
    "parent-cycle-three": plan("parent: revenue", "parent: cattle").replace(
        "    rule: {at_least: 89000}\n", "    rule: {at_least: 89000}\n    parent: cover\n").replace(
        "    rule: {above: 63.1}\n", "    rule: {above: 63.1}\n    parent: private_revenue\n"),
    "plan-id-traversal": plan("id: hostile-2021", "id: ../../x"),
    "plan-id-absolute": plan("id: hostile-2021", "id: /etc/kpi"),
    "plan-id-dotdot": plan("id: hostile-2021", 'id: ".."'),
    "plan-id-slash": plan("id: hostile-2021", "id: a/b"),
    "plan-id-uppercase": plan("id: hostile-2021", "id: Hostile-2021"),
    "plan-id-number": plan("id: hostile-2021", "id: 2021"),
    "plan-id-space": plan("id: hostile-2021", 'id: "hostile 2021"'),
    "plan-id-too-long": plan("id: hostile-2021", "id: " + "x" * 65),
    "target-id-uppercase": plan("id: cattle", "id: Cattle"),
    "target-id-hyphen": plan("id: cattle", "id: cattle-herd"),
    "target-id-path": plan("id: cattle", "id: ../etc/passwd"),
    "target-id-number": plan("id: cattle", "id: 123"),
    "target-id-escape": plan("id: cattle", 'id: "cattle\\e[31m"'),
    "target-id-too-long": plan("id: cattle", "id: c" + "a" * 64),
    "input-id-space": plan("id: grdp_current", 'id: "grdp current"'),
    "targets-not-a-list": plan(PLAN[PLAN.index("targets:"):PLAN.index("inputs:")], "targets: revenue\n"),
    "inputs-not-a-list": plan(PLAN[PLAN.index("inputs:"):], "inputs: grdp_current\n"),
    "nul-byte": plan("Đàn bò", "Đàn\x00bò"),
    "tab-indentation": plan("    group: economy\n    name: {vi: Đàn bò", "\tgroup: economy\n    name: {vi: Đàn bò"),
    "empty": "",
    "top-level-list": "- " + PLAN.replace("\n", "\n  ").rstrip() + "\n",
    "unclosed-brace": plan("rule: {above: 63.1}", "rule: {above: 63.1"),
    "rule-misspelt": plan("rule: {above: 63.1}", "rule: {betwen: [63, 64]}"),
    "measure-unknown": plan("measure: level\n    rule: {above: 63.1}", "measure: stock\n    rule: {above: 63.1}"),
    "between-low-above-high": plan("rule: {above: 63.1}", "rule: {between: [64, 63]}"),
    "parent-misspelt": plan("parent: revenue", "parent: revenu"),
    "name-unquoted-comma": plan("name: {vi: Đàn bò, en: Cattle}", "name: {vi: Đàn bò, trâu, en: Cattle}"),
    "latin1": None,  # written below
}

# Valid plans that YAML 1.1 would have changed silently: each loads, with the text kept.
PLANS_KEPT = {
    "norway-names": plan("name: {vi: Đàn bò, en: Cattle}", "name: {vi: no, en: NO}"),
    "date-like-note": plan("    parent: revenue\n", "    parent: revenue\n    note: 2021-01-25\n"),
}

HEAD = "indicator,period,value,kind,qualifier,source,note\n"
OBS = {
    "thousands-dot-value": HEAD + "revenue,2021-Q1,3.500,official,,https://example.org,\n",
    "thousands-dot-million": HEAD + "cattle,2021-Q1,1.234.567,official,,https://example.org,\n",
    "thousands-dot-negative": HEAD + "growth,2021-Q1,-1.500,official,,https://example.org,\n",
    "thousands-dot-plus": HEAD + "revenue,2021-Q1,+3.500,official,,https://example.org,\n"
                          "cattle,2021-Q1,+162.000,official,,https://example.org,\n",
    "thousands-comma-value": HEAD + 'revenue,2021-Q1,"3,500",official,,https://example.org,\n',
    "decimal-comma-and-dot": HEAD + 'revenue,2021-Q1,"1.234,5",official,,https://example.org,\n',
    "fullwidth-digits-value": HEAD + "revenue,2021-Q1,３５００,official,,https://example.org,\n",
    "fullwidth-digits-period": HEAD + "revenue,２０２１-Q3,3500,official,,https://example.org,\n",
    "arabic-indic-digits": HEAD + "revenue,2021-Q1,٣٥٠٠,official,,https://example.org,\n",
    "devanagari-digits": HEAD + "cover,2021-Q1,६३,official,,https://example.org,\n",
    "inf-value": HEAD + "growth,2021-Q1,inf,official,,https://example.org,\n",
    "nan-value": HEAD + "growth,2021-Q1,NaN,official,,https://example.org,\n",
    "exponent-overflow": HEAD + "growth,2021-Q1,1e400,official,,https://example.org,\n",
    "value-with-unit": HEAD + "revenue,2021-Q1,3500 tỷ,official,,https://example.org,\n",
    "value-with-percent-sign": HEAD + "cover,2021-Q1,63.1%,official,,https://example.org,\n",
    "value-underscore": HEAD + "revenue,2021-Q1,3_500,official,,https://example.org,\n",
    "value-hex": HEAD + "revenue,2021-Q1,0x10,official,,https://example.org,\n",
    "value-empty-with-source": HEAD + "revenue,2021-Q1,,official,,https://example.org,\n",
    "implausible-high-flow": HEAD + "revenue,2021-Q4,3500000,official,,https://example.org,\n",
    "implausible-low-level": HEAD + "cattle,2021-Q4,89,official,,https://example.org,\n",
    "percent-as-fraction-range": HEAD + "cover,2021-Q4,163.1,official,,https://example.org,\n",
    "negative-level": HEAD + "cattle,2021-Q4,-89000,official,,https://example.org,\n",
    "semicolon-separated": "indicator;period;value;kind;qualifier;source;note\nrevenue;2021-Q1;3500;official;;;\n",
    "tab-separated": "indicator\tperiod\tvalue\tkind\tqualifier\tsource\tnote\nrevenue\t2021-Q1\t3500\t\t\t\t\n",
    "nul-byte": HEAD + "revenue,2021-Q1,35\x0000,official,,https://example.org,\n",
    "utf16": None,  # written below
    "latin1": None,
    "field-over-128kb": HEAD + 'revenue,2021-Q1,3500,official,,https://example.org,"' + "x" * 140_000 + "\n",
    "unclosed-quote": HEAD + 'revenue,2021-Q1,"3500,official,,https://example.org,\nrevenue,2021-Q2,1800,official,,,\n',
    "short-row": HEAD + "revenue,2021-Q1,3500\n",
    "long-row": HEAD + "revenue,2021-Q1,3500,official,,https://example.org,,extra\n",
    "duplicate-header": "indicator,period,value,kind,value\nrevenue,2021-Q1,3500,official,350\n",
    "duplicate-header-case": "indicator,period,Value,kind,value \nrevenue,2021-Q1,3500,official,350\n",
    "excel-sep-line": "sep=,\n" + HEAD + "revenue,2021-Q1,3500,official,,https://example.org,\n",
    "escape-in-indicator": HEAD + "\x1b[31mrevenue,2021-Q1,3500,official,,https://example.org,\n",
    "formula-indicator": HEAD + "=HYPERLINK(\"x\"),2021-Q1,3500,official,,https://example.org,\n",
    "period-with-space-inside": HEAD + "revenue,2021 -Q1,3500,official,,https://example.org,\n",
    "period-lowercase": HEAD + "revenue,2021-q1,3500,official,,https://example.org,\n",
    "kept-period-month": HEAD + "revenue,2021-05,3500,official,,https://example.org,\n",
    "duplicate-after-strip": HEAD + "revenue,2021-Q1,3500,official,,x,\nrevenue ,2021-Q1,3400,official,,x,\n",
    "row-numbers-after-blank-lines": HEAD + "revenue,2021-Q1,800,official,,x,\n\n\nrevenue,2021-Q2,abc,official,,x,\n",
    "three-hundred-bad-rows": HEAD + "".join(f"r{i},2021-Q1,1,official,,x,\n" for i in range(300)),
    "header-only": HEAD,
    "only-blank-lines": "\n\n\n",
    "only-a-quote": '"',  # found by hypothesis: once a StopIteration
    "empty": "",
    "missing-value-column": "indicator,period,kind\nrevenue,2021-Q2,estimate\n",
    "indicator-misspelt": HEAD + "revenue,2021-Q1,800,official,,x,\nrevenu,2021-Q2,1700,official,,x,\n",
    "duplicate-period": HEAD + "revenue,2021-Q1,800,estimate,,x,\nrevenue,2021-Q1,820,official,,x,\n",
    "quarter-and-month-clash": HEAD + "revenue,2021-Q3,2500,estimate,,x,\nrevenue,2021-05,1500,estimate,,x,\n"
                               "revenue,2021-09,2510,official,,x,\n",
    "period-quarter-5": HEAD + "revenue,2021-Q5,800,official,,x,\n",
    "period-after-plan-year": HEAD + "revenue,2022-Q1,800,official,,x,\n",
    "decimal-comma-value": HEAD + 'cover,2021-Q2,"63,5",official,,x,\n',
    "value-in-words": HEAD + "revenue,2021-Q2,five hundred,official,,x,\n",
    "kind-and-qualifier-unknown": HEAD + "revenue,2021-Q2,1700,guess,roughly,x,\n",
    "unquoted-commas-in-two-rows": HEAD + "revenue,2021-Q1,800,official,,x,\nrevenue,2021-Q2,1.234,5,official,,x,\n"
                                   "cover,2021-Q2,63.5,official,,x,a note, with a comma\n",
    "three-problems-in-three-rows": HEAD + "revenu,2021-Q2,1700,official,,x,\nrevenue,2021-Q5,1700,official,,x,\n"
                                    'cover,2021-Q2,"63,5",official,,x,\n',
}

# Files that load, with what they hold (the tests say what).
OBS_KEPT = {
    "cr-line-endings": HEAD.replace("\n", "\r") + "revenue,2021-Q1,800,official,,x,\rrevenue,2021-Q2,1700,official,,x,\r",
    "crlf-line-endings": HEAD.replace("\n", "\r\n") + "revenue,2021-Q1,800,official,,x,\r\n",
    "leading-space-period": HEAD + "revenue, 2021-Q2,1700,official,,x,\n",
    "utf8-bom": "\ufeff" + HEAD + "revenue,2021-Q1,800,official,,x,\n",
    "zero-flow-early": HEAD + "revenue,2021-Q1,0,official,,x,\n",
    "decimal-not-thousands": HEAD + "growth,2021-Q1,0.500,official,,x,\ncattle,2021-Q1,89000.5,official,,x,\n",
}


def main() -> None:
    for name, text in PLANS.items():
        path = HERE / "plans" / f"{name}.yaml"
        if name == "latin1":  # one letter saved in Latin-1 (Tính: í is 0xed) in an otherwise UTF-8 file
            path.write_bytes(PLAN.replace("Tỉnh Thử", "Tính Thử").encode("utf-8").replace("í".encode(), "í".encode("latin-1")))
        else:
            path.write_text(text, encoding="utf-8", newline="")
    for name, text in PLANS_KEPT.items():
        (HERE / "plans" / f"kept-{name}.yaml").write_text(text, encoding="utf-8", newline="")
    for name, text in {**OBS, **{f"kept-{k}": v for k, v in OBS_KEPT.items()}}.items():
        path = HERE / "observations" / f"{name}.csv"
        if name == "utf16":
            path.write_bytes((HEAD + "revenue,2021-Q1,3500,official,,x,\n").encode("utf-16"))
        elif name == "latin1":
            path.write_bytes((HEAD + "revenue,2021-Q1,3500,official,,Tài chính,\n").encode("cp1258"))
        else:
            path.write_bytes(text.encode("utf-8"))
    (HERE / "plan.yaml").write_text(PLAN, encoding="utf-8")


if __name__ == "__main__":
    main()
