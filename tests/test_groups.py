"""The plan's own groups (``groups:``): any number, with their words and order, as Quảng Ngãi's 2025 and 2026
targets come in four (economy; culture and society; environment; defence and security)."""
import pytest

import kpi
from kpi.cli import main
from kpi.files import display

GROUPS = """groups:
  - {code: economy, name: {vi: Kinh tế, en: Economy}}
  - {code: society, name: {vi: Văn hóa - xã hội, en: Culture and society}}
  - {code: environment, name: {vi: Tài nguyên và môi trường, en: Environment}}
  - {code: security, name: {vi: Quốc phòng - an ninh, en: Defence and security}}
targets:"""


def four_groups(plan_copy, groups=GROUPS):
    d = plan_copy("mini")
    plan = d / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("\ntargets:") == 1
    text = text.replace("\ntargets:", "\n" + groups, 1)
    text = text.replace("{id: stunting, group: society,", "{id: stunting, group: environment,")
    plan.write_text(text, encoding="utf-8")
    return d


def test_a_plan_declares_its_groups_and_their_words(plan_copy):
    plan, obs = kpi.load(four_groups(plan_copy))
    assert [g.code for g in plan.groups] == ["economy", "society", "environment", "security"]
    vi = kpi.assess(plan, obs, "2021-Q2").set_index("indicator")
    en = kpi.assess(plan, obs, "2021-Q2", lang="en").set_index("indicator")
    assert (vi.loc["stunting", "group"], vi.loc["stunting", "group_name"], en.loc["stunting", "group_name"]) == (
        "environment", "Tài nguyên và môi trường", "Environment")
    assert vi.loc["population", "group_name"] == "Văn hóa - xã hội"


def test_the_default_groups_keep_their_words(mini):
    plan, obs = mini
    assert kpi.assess(plan, obs, "2021-Q2").set_index("indicator").loc["stunting", "group_name"] == \
        "Văn hóa - xã hội và môi trường"


def test_the_terminal_table_names_the_plan_groups(plan_copy, capsys):
    assert main(["status", str(four_groups(plan_copy)), "--period", "2021-Q2", "--colour", "never"]) == 0
    out = capsys.readouterr().out
    assert "[Tài nguyên và môi trường]" in out and "[Văn hóa - xã hội]" in out


@pytest.mark.parametrize("groups, message", [
    (GROUPS.replace("code: environment", "code: Environment"),
     "group #3: code 'Environment' is not a code; write lowercase letters, digits and '_', starting with a letter, "
     "e.g. '- {code: environment, name: {vi: Môi trường, en: Environment}}'."),
    (GROUPS.replace("{code: environment, name: {vi: Tài nguyên và môi trường, en: Environment}}",
                    "{code: environment, nam: {vi: Môi trường, en: Environment}}"),
     "group 'environment': unknown key 'nam'; did you mean 'name'?"),
    (GROUPS.replace("code: security", "code: economy"),
     "group 'economy': the code is used twice; give each group its own code."),
])
def test_a_malformed_group_is_named(plan_copy, capsys, groups, message):
    d = four_groups(plan_copy, groups)
    assert main(["validate", str(d)]) == 2
    assert f"{display(d / 'plan.yaml')}, {message}" in capsys.readouterr().err


def test_a_target_of_an_undeclared_group_is_named(plan_copy, capsys):
    d = four_groups(plan_copy, GROUPS.replace("  - {code: environment, name: {vi: Tài nguyên và môi trường, en: "
                                              "Environment}}\n", ""))
    assert main(["validate", str(d)]) == 2
    assert (f"{display(d / 'plan.yaml')}, target 'stunting': group 'environment' is not one of economy, society, "
            "security.") in capsys.readouterr().err


@pytest.mark.slow  # renders every artefact
def test_a_plan_with_four_groups_renders_every_artefact(plan_copy, tmp_path):
    from docx import Document
    from openpyxl import load_workbook
    from pptx import Presentation

    d = four_groups(plan_copy)
    assert main(["report", str(d), "--period", "2021-Q2", "--slides", "--out", str(tmp_path)]) == 0
    folder = tmp_path / "mini-2021" / "2021-Q2"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<h2>Tài nguyên và môi trường</h2>" in html and "<h2>Quốc phòng - an ninh</h2>" in html
    assert '<th colspan="8">Tài nguyên và môi trường</th>' in html
    headings = [p.text for p in Document(folder / "report.docx").paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == ["I. Kinh tế", "II. Văn hóa - xã hội", "III. Tài nguyên và môi trường",
                            "IV. Quốc phòng - an ninh"]
    assert (folder / "report.pdf").stat().st_size > 0 and (folder / "slides.pptx").stat().st_size > 0
    assert len(Presentation(folder / "slides.pptx").slides) > 3
    assert load_workbook(folder / "status.xlsx").worksheets[0].max_row > 10


@pytest.mark.slow   # renders the Word report
def test_a_plan_without_an_economy_group_has_no_economy_heading(plan_copy, tmp_path):
    """Groups are the plan's: one that names its economy otherwise gets no 'Kinh tế' section of kpi's own."""
    d = plan_copy("mini")
    plan = d / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace("group: economy,", "group: kinh_te,")
    text = text.replace("\ntargets:", "\ngroups:\n  - {code: kinh_te, name: {vi: Phát triển kinh tế, en: The economy}}\n"
                        "  - {code: society, name: {vi: Xã hội, en: Society}}\n"
                        "  - {code: security, name: {vi: An ninh, en: Security}}\ntargets:", 1)
    plan.write_text(text, encoding="utf-8")
    assert main(["report", str(d), "--period", "2021-Q2", "--no-pdf", "--no-docx", "--out", str(tmp_path)]) == 0
    html = (tmp_path / "mini-2021" / "2021-Q2" / "report.html").read_text(encoding="utf-8")
    assert "<h2>Phát triển kinh tế</h2>" in html and "<h2>Kinh tế</h2>" not in html
