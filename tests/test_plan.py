import pytest

import kpi
from conftest import KONTUM

# Every target of Decision 54/QĐ-UBND: (id, group, measure, rule kind, rule parameters, parent),
# read sentence by sentence from shared/sources/decision-54-2021-action-programme.txt.
DECISION_54 = [
    ("grdp_growth", "economy", "growth", "above", (10,), None),  # "đạt trên 10%"
    ("share_agriculture", "economy", "level", "between", (21, 22), None),
    ("share_industry", "economy", "level", "between", (28, 29), None),
    ("share_services", "economy", "level", "between", (43, 44), None),
    ("grdp_per_capita", "economy", "level", "above", (50,), None),  # "trên 50 triệu đồng"
    ("budget_revenue", "economy", "flow", "at_least", (3500,), None),
    ("total_investment", "economy", "flow", "above", (20000,), None),  # "trên 20.000 tỷ đồng"
    ("private_investment", "economy", "flow", "at_least", (14600,), "total_investment"),  # "trong đó"
    ("new_enterprises", "economy", "flow", "at_least", (380,), None),
    ("exports", "economy", "flow", "at_least", (162,), None),
    ("new_fruit_trees", "economy", "flow", "at_least", (2000,), None),  # trồng mới
    ("new_macadamia", "economy", "flow", "at_least", (400,), None),
    ("new_ginseng", "economy", "flow", "at_least", (500,), None),
    ("new_medicinal_plants", "economy", "flow", "at_least", (2000,), None),
    ("value_chain_products", "economy", "flow", "at_least", (1,), None),  # "xây dựng thêm 01"
    ("cattle", "economy", "level", "at_least", (89000,), None),
    ("dairy_cattle", "economy", "level", "at_least", (5000,), "cattle"),  # "trong đó bò sữa"
    ("new_forest", "economy", "flow", "at_least", (3000,), None),  # "trồng mới 3.000 ha rừng"
    ("forest_cover", "economy", "level", "above", (63.1,), None),  # "đạt trên 63,1%"
    ("new_rural_communes", "economy", "flow", "at_least", (8,), None),  # "có thêm 08 xã"
    ("tourists", "economy", "flow", "at_least", (1.5,), None),
    ("ip_wastewater", "economy", "level", "at_least", (100,), None),
    ("business_env_standard", "economy", "level", "at_least", (83,), None),
    ("population", "society", "level", "about", (567000, 1), None),  # "khoảng 567 nghìn người"
    ("trained_labour", "society", "level", "at_least", (54,), None),
    ("vocational_labour", "society", "level", "at_least", (38,), "trained_labour"),
    ("poverty_rate", "society", "level", "reduce_by", (4,), None),  # "giảm ít nhất 4%"
    ("graduates_to_vocational", "society", "level", "at_least", (30,), None),
    ("schools_preschool", "society", "level", "at_least", (42,), None),
    ("schools_primary", "society", "level", "at_least", (63,), None),
    ("schools_lower_secondary", "society", "level", "at_least", (44,), None),
    ("schools_upper_secondary", "society", "level", "at_least", (50,), None),
    ("hospital_beds", "society", "level", "at_least", (39.6,), None),
    ("health_insurance", "society", "level", "at_least", (92.5,), None),
    ("child_stunting", "society", "level", "below", (35.6,), None),  # "còn dưới 35,6%"
    ("commune_culture_houses", "society", "level", "at_least", (55,), None),
    ("cultural_villages", "society", "level", "at_least", (84,), None),
    ("urban_clean_water", "society", "level", "at_least", (75,), None),
    ("rural_hygienic_water", "society", "level", "at_least", (91,), None),
    ("ethnic_residential_land", "society", "level", "at_least", (98.5,), None),
    ("ethnic_production_land", "society", "level", "at_least", (93,), None),
    ("security_strong_communes", "security", "level", "above", (70,), None),  # "có trên 70%"
    ("security_safe_units", "security", "level", "at_least", (70,), None),
]


def test_kontum_plan_has_the_43_targets_in_order():
    plan = kpi.load_plan(KONTUM)
    assert [t.id for t in plan.targets] == [row[0] for row in DECISION_54]
    assert plan.year == 2021 and plan.id == "kontum-2021"
    assert "54/QĐ-UBND" in plan.document


@pytest.mark.parametrize("tid, group, measure, kind, params, parent", DECISION_54, ids=[r[0] for r in DECISION_54])
def test_kontum_target_matches_the_decision(tid, group, measure, kind, params, parent):
    t = kpi.load_plan(KONTUM).target(tid)
    assert (t.group, t.measure, t.rule.kind, t.parent) == (group, measure, kind, parent)
    got = tuple(x for x in t.rule.params if x == x)
    assert got == pytest.approx(params)
    assert t.name_vi and t.name_en and t.unit_vi


def test_plan_problems_are_collected(tmp_path):
    f = tmp_path / "plan.yaml"
    f.write_text("id: x\nyear: 2021\nregion: R\ntitle: T\ntargets:\n"
                 "  - {id: a, group: econ, name: A, unit: '%', measure: level, rule: {abov: 1}}\n"
                 "  - {id: b, group: economy, name: B, unit: '%', measure: level, rule: {between: [3, 2]}, parent: z}\n",
                 encoding="utf-8")
    with pytest.raises(kpi.PlanError) as info:
        kpi.load_plan(f)
    assert info.value.problems == [
        "plan.yaml, target 'a': group 'econ' is not one of economy, society, security; did you mean 'economy'?"
        .replace("plan.yaml", str(f)),
        f"{f}, target 'a': rule 'abov' is not one of above, at_least, below, at_most, between, about, reduce_by, "
        "increase_by; did you mean 'above'?",
        f"{f}, target 'b': between [3, 2]: low must not exceed high; write [2, 3].",
        f"{f}, target 'b': parent 'z' is not a target of this plan; name an existing target id or remove parent.",
    ]
    assert str(info.value).startswith("4 problems found:\n- ")


def test_yaml_is_loaded_safely(tmp_path):
    f = tmp_path / "plan.yaml"
    f.write_text("!!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(kpi.PlanError, match="not valid YAML"):
        kpi.load_plan(f)
