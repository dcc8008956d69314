"""Owners in plan.yaml, and the departments' workbooks written by ``kpi template --by owner``."""
from datetime import date

import openpyxl
import pytest

import kpi
from kpi.cli import main
from kpi.files import display
from kpi.model.period import Period
from kpi.inputs.workbook import Stamp, cutoff_date, read_stamp

from _digest import digests
from conftest import FIXTURES, KONTUM



@pytest.fixture
def owned(plan_copy):
    return plan_copy("owned")


def rewrite(folder, old, new):
    path = folder / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- plan.yaml -----------------------------------------------------------------------------------

def test_owners_are_read(owned):
    plan = kpi.load_plan(owned)
    assert [o.code for o in plan.owners] == ["cts", "stc", "syt", "sldtbxh"]
    assert plan.owner("stc").name("en") == "Department of Finance"
    assert [i.id for i in plan.owned_by("stc")] == ["revenue", "private_revenue", "spending_cap"]
    assert plan.target("safe_units").owner == ""
    assert plan.cutoff_day == 20


def test_every_owner_problem_at_once(owned):
    rewrite(owned, "{code: syt,", "{code: Sở Y,")
    rewrite(owned, "{code: sldtbxh,", "{code: stc,")
    rewrite(owned, "{id: revenue, owner: stc,", "{id: revenue, owner: stx,")
    rewrite(owned, "{id: stunting, owner: syt,", "{id: stunting, owner: [syt],")
    rewrite(owned, "reporting: {cutoff_day: 20}", "reporting: {cutoff_day: 32}")
    with pytest.raises(kpi.PlanError) as info:
        kpi.load_plan(owned)
    name = display(owned / "plan.yaml")
    assert info.value.problems == [
        f"{name}, target 'stunting': owner is ['syt']; write the code of one of the plan's owners, e.g. 'owner: cts'.",
        f"{name}, owner #3: code 'Sở Y' cannot name a file; write lowercase letters, digits, '-' or '_' (at most 32, "
        "starting with a letter), e.g. 'code: cts'.",
        f"{name}, owner 'stc': the code is used twice; give each owner its own code.",
        f"{name}, target 'revenue': owner 'stx' is not one of the plan's owners (cts, stc); did you mean 'stc'?",
        f"{name}, target 'poverty_rate': owner 'sldtbxh' is not one of the plan's owners (cts, stc); declare it under "
        "owners: or name one of them.",
        f"{name}, target 'clinics': owner 'syt' is not one of the plan's owners (cts, stc); did you mean 'stc'?",
        f"{name}: reporting cutoff_day is 32; write a day of the month from 1 to 31, e.g. "
        "'reporting: {cutoff_day: 20}'.",
    ]


def test_an_owner_with_no_owners_list(owned):
    text = (owned / "plan.yaml").read_text(encoding="utf-8")
    start, end = text.index("\nowners:"), text.index("\ntargets:")
    (owned / "plan.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(kpi.PlanError, match=r"target 'grdp_growth': owner 'cts' is not declared; the plan has no "
                                            r"'owners:' list: add one \(see data/README.md\) or remove the owner\."):
        kpi.load_plan(owned)


def test_owner_is_optional(mini_plan):
    assert mini_plan.owners == () and {t.owner for t in mini_plan.targets} == {""}


def test_kontum_assigns_every_target_and_input():
    plan = kpi.load_plan(KONTUM)
    assert all(i.owner for i in plan.indicators.values())
    owner = {i.id: i.owner for i in plan.indicators.values()}
    assert (owner["grdp_growth"], owner["grdp_current_prices"], owner["population"]) == ("cts", "cts", "cts")
    assert (owner["budget_revenue"], owner["private_investment"], owner["exports"]) == ("stc", "skhdt", "sct")
    assert (owner["forest_cover"], owner["tourists"], owner["poverty_rate"]) == ("snnptnt", "svhttdl", "sldtbxh")
    assert (owner["health_insurance"], owner["child_stunting"], owner["security_safe_units"]) == ("bhxh", "syt", "ca")
    assert plan.owner("cts").name_vi == "Cục Thống kê tỉnh"


def test_cutoff_date():
    plan = kpi.load_plan(KONTUM)
    assert cutoff_date(plan, Period.parse("2021-Q3")) == date(2021, 10, 20)
    assert cutoff_date(plan, Period.parse("2021-Q4")) == date(2022, 1, 20)
    assert cutoff_date(kpi.load_plan(FIXTURES / "mini"), Period.parse("2021-Q3")) is None


# --- kpi template --by owner ---------------------------------------------------------------------

def test_one_workbook_per_owner(owned, tmp_path, capsys):
    out = tmp_path / "returned"
    assert main(["template", str(owned), "--period", "2021-Q3", "--by", "owner", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["cts-2021-Q3.xlsx", "sldtbxh-2021-Q3.xlsx", "stc-2021-Q3.xlsx",
                                                    "syt-2021-Q3.xlsx"]
    assert capsys.readouterr().out.splitlines()[-1] == "1 targets have no owner and are in no workbook: safe_units."
    book = openpyxl.load_workbook(out / "stc-2021-Q3.xlsx")
    ws = book.worksheets[0]
    assert book.sheetnames == ["Số liệu", "Hướng dẫn"]
    assert [c.value for c in ws[1]] == ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm", "Số liệu gần nhất",
                                        "Kỳ", "Giá trị", "Loại số liệu", "Mức độ (hơn/gần/khoảng)", "Nguồn", "Ghi chú"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        ["revenue", "Thu ngân sách", "tỷ đồng", "đạt 1.000", "500 (6 tháng năm 2021)", "2021-Q3", None, None, None, None, None],
        ["private_revenue", "Thu từ khu vực tư nhân", "tỷ đồng", "đạt 400", "120 (6 tháng năm 2021)", "2021-Q3", None, None,
         None, None, None],
        ["spending_cap", "Chi thường xuyên", "tỷ đồng", "không quá 800", "420 (6 tháng năm 2021)", "2021-Q3", None, None,
         None, None, None],
    ]
    # Protected: only value, kind, qualifier, source and note can be typed in.
    assert ws.protection.sheet
    assert [c.protection.locked for c in ws[2]] == [True] * 6 + [False] * 5
    rules = {str(dv.sqref): (dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert rules == {"G2:G4": ("decimal", "-1000000000000000.0"), "H2:H4": ("list", '"chính thức,sơ bộ,ước tính"'),
                     "I2:I4": ("list", '"hơn,gần,khoảng"')}
    assert read_stamp(out / "stc-2021-Q3.xlsx") == Stamp(plan="owned-2021", period="2021-Q3", owner="stc", lang="vi")
    help_ = [c.value for c in book["Hướng dẫn"]["A"]]
    assert help_[:4] == ["Số liệu 9 tháng năm 2021 — Sở Tài chính", "Kế hoạch: Kế hoạch mẫu năm 2021 (Tỉnh Mẫu)",
                         "Kỳ báo cáo: 9 tháng năm 2021 (mã kỳ 2021-Q3); chỉ tiêu lũy kế tính từ 01/01 đến hết kỳ, chỉ tiêu "
                         "thời điểm tính tại cuối kỳ, tốc độ tăng so với cùng kỳ năm trước.",
                         "Hạn gửi số liệu: ngày 20/10/2021."]
    # The value cell takes numbers only, so the number is typed as the computer's Excel reads numbers (a decimal
    # comma on a Vietnamese-format machine); the decimal point is asked for only of numbers pasted as text.
    assert ("2. Giá trị: ô chỉ nhận số. Gõ số theo định dạng số của máy (máy đặt định dạng Việt Nam: 63,1 và 3500; định "
            "dạng Anh – Mỹ: 63.1 và 3500), không kèm đơn vị, rồi xem lại số hiện trong ô có đúng số công bố không. Tỷ "
            "lệ ghi số phần trăm: 63,1 cho 63,1%. Nếu dán số từ nơi khác dưới dạng chữ: dấu chấm thập phân, không dấu "
            "phân cách hàng nghìn (63.1; 3500).") in help_
    dv = next(dv for dv in ws.data_validations.dataValidation if dv.type == "decimal")
    assert (dv.error, dv.prompt) == ("Ô này chỉ nhận số: gõ số theo định dạng số của máy (63,1 hoặc 63.1 tùy cài "
                                     "đặt), không kèm đơn vị.",
                                     "Chỉ nhận số, theo định dạng số của máy: 63,1 hoặc 63.1; 3500.")


def test_inputs_go_to_their_owner_and_english_on_request(owned, tmp_path):
    out = tmp_path / "returned"
    assert main(["template", str(owned), "--period", "2021-06", "--by", "owner", "-o", str(out), "--lang", "en"]) == 0
    book = openpyxl.load_workbook(out / "cts-2021-06.xlsx")
    ws = book["Figures"]
    assert [c.value for c in ws[1]][:6] == ["Indicator code", "Indicator", "Unit", "Annual plan",
                                            "Last recorded figure", "Period"]
    ids = [r[0].value for r in ws.iter_rows(min_row=2)]
    assert ids == ["grdp_growth", "share_agriculture", "grdp_per_capita", "population", "grdp_current_prices",
                   "grdp_constant_prices", "va_agriculture_current", "va_agriculture_constant", "va_industry_constant",
                   "va_services_constant"]
    assert book["Instructions"]["A1"].value == "Figures for 6 months 2021 — Provincial Statistics Office"
    assert [c.value for c in ws[5]][1:5] == ["Population", "persons", "about 100,000 (±1%)", "100,500 (6 months 2021)"]


def test_texts_from_the_plan_are_never_formulas(owned, tmp_path):
    rewrite(owned, "{vi: Thu ngân sách, en: Budget revenue}", '{vi: "=1+1", en: "@SUM(A1)"}')
    rewrite(owned, "{vi: Sở Tài chính, en: Department of Finance}", '{vi: "+Sở Tài chính", en: Finance}')
    out = tmp_path / "returned"
    assert main(["template", str(owned), "--period", "2021-Q3", "--by", "owner", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out / "stc-2021-Q3.xlsx")
    assert (book.worksheets[0]["B2"].value, book.worksheets[0]["B2"].data_type) == ("'=1+1", "s")
    assert book["Hướng dẫn"]["A1"].value == "Số liệu 9 tháng năm 2021 — +Sở Tài chính"  # mid-text: no formula


@pytest.mark.parametrize("case", ["existing", "a-file", "xlsx-name", "plan-folder"])
def test_by_owner_keeps_the_template_safety_checks(case, owned, tmp_path, capsys):
    out = tmp_path / "returned"
    out.mkdir()
    (out / "stc-2021-Q3.xlsx").write_bytes(b"keep me")
    target, tail = {
        "existing": (out, "stc-2021-Q3.xlsx exists; give another folder, or add --force to replace it."),
        "a-file": (out / "stc-2021-Q3.xlsx", "is a file; with --by owner give a folder (created if missing), e.g. "
                                             "-o returned/."),
        "xlsx-name": (tmp_path / "q3.xlsx", "with --by owner, -o names a folder that gets one workbook per owner; "
                                            f"e.g. -o {tmp_path / 'q3'}/."),
        "plan-folder": (owned, "this is a plan folder; the workbooks go to a folder of their own, e.g. -o returned/."),
    }[case]
    before = digests([*owned.iterdir(), *out.iterdir()])
    assert main(["template", str(owned), "--period", "2021-Q3", "--by", "owner", "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"kpi template: -o {display(target)}: {tail}\n"
    assert digests([*owned.iterdir(), *out.iterdir()]) == before
    assert not (tmp_path / "q3.xlsx").exists()


def test_by_owner_never_writes_through_a_link_into_a_plans_file(owned, tmp_path, capsys):
    out = tmp_path / "returned"
    out.mkdir()
    (out / "stc-2021-Q3.xlsx").symlink_to(owned / "plan.yaml")
    before = digests([*owned.iterdir()])
    assert main(["template", str(owned), "--period", "2021-Q3", "--by", "owner", "-o", str(out), "--force"]) == 2
    assert capsys.readouterr().err == (f"kpi template: -o {display(out)}: stc-2021-Q3.xlsx is a link to "
                                       f"{display(owned / 'plan.yaml')}, a file a plan reads; the workbooks are never "
                                       "written over a plan's files. Remove the link, or give another folder.\n")
    assert digests([*owned.iterdir()]) == before
    assert [p.name for p in out.iterdir()] == ["stc-2021-Q3.xlsx"]


def test_by_owner_force_replaces_and_creates_the_folder(owned, tmp_path):
    out = tmp_path / "a" / "returned"
    assert main(["template", str(owned), "--period", "2021-Q3", "--by", "owner", "-o", str(out)]) == 0
    (out / "stc-2021-Q3.xlsx").write_bytes(b"old")
    assert main(["template", str(owned), "--period", "2021-Q3", "--by", "owner", "-o", str(out), "--force"]) == 0
    assert (out / "stc-2021-Q3.xlsx").read_bytes()[:2] == b"PK"
    assert len(list(out.iterdir())) == 4  # no temporary file left


def test_by_owner_needs_owners(tmp_path, capsys):
    assert main(["template", str(FIXTURES / "mini"), "--period", "2021-Q3", "--by", "owner", "-o",
                 str(tmp_path / "r")]) == 2
    assert capsys.readouterr().err == (f"kpi template: {display(FIXTURES / 'mini' / 'plan.yaml')}: the plan declares "
                                       "no owners; add an 'owners:' list and an owner to each target (see "
                                       "data/README.md), or write one sheet with -o FILE.xlsx.\n")


def test_lang_without_by_is_refused(tmp_path, capsys):
    assert main(["template", str(KONTUM), "--period", "2021-Q3", "-o", str(tmp_path / "q.xlsx"), "--lang", "en"]) == 2
    assert "--lang applies to the departments' workbooks; add --by owner" in capsys.readouterr().err
