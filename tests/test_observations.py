import csv
import subprocess
import sys

import pandas as pd
import pytest

import kpi
from kpi.files import display
from conftest import FIXTURES, KONTUM, ROOT


def test_tidy_frame(mini):
    _, obs = mini
    assert list(obs.columns) == ["indicator", "period", "value", "kind", "qualifier", "source", "note"]
    assert obs["value"].dtype == "float64"
    row = obs[(obs.indicator == "safe_units")].iloc[0]
    assert (row.period, row.value, row.kind, row.qualifier) == ("2021-Q2", 15.0, "estimate", "more_than")


def test_xlsx_loads_like_csv(mini, tmp_path):
    plan, obs = mini
    path = tmp_path / "observations.xlsx"
    obs.to_excel(path, index=False)
    pd.testing.assert_frame_equal(kpi.load_observations(path, plan), obs)


# The bundled figures, as published (shared/sources/kontum-2021-published.csv):
# (indicator, period, value, qualifier, kind, published key).
PUBLISHED = [
    ("grdp_growth", "2020-Q4", 9.39, "", "estimate", "grdp_growth"),
    ("grdp_growth", "2021-Q2", 6.79, "", "estimate", "grdp_growth"),
    ("grdp_growth", "2021-Q4", 6.47, "", "estimate", "grdp_growth"),
    ("share_agriculture", "2021-Q4", 20.19, "", "estimate", "share_agriculture"),
    ("share_industry", "2020-Q4", 27.6, "", "estimate", "share_industry_construction"),
    ("share_industry", "2021-Q4", 28.64, "", "estimate", "share_industry_construction"),
    ("share_services", "2020-Q4", 42.83, "", "estimate", "share_services"),
    ("share_services", "2021-Q4", 42.61, "", "estimate", "share_services"),
    ("grdp_per_capita", "2020-Q4", 46.58, "", "estimate", "grdp_per_capita"),
    ("grdp_per_capita", "2021-Q4", 47, "less_than", "official", "grdp_per_capita"),
    ("budget_revenue", "2020-Q4", 3000, "about", "estimate", "budget_revenue"),
    ("budget_revenue", "2021-Q1", 826, "", "estimate", "budget_revenue"),
    ("budget_revenue", "2021-Q2", 1483, "", "estimate", "budget_revenue"),
    ("budget_revenue", "2021-Q3", 2000, "about", "estimate", "budget_revenue"),
    ("budget_revenue", "2021-Q4", 3500, "", "estimate", "budget_revenue"),
    ("total_investment", "2021-Q2", 8797, "more_than", "estimate", "total_investment"),
    ("total_investment", "2021-Q4", 20000, "more_than", "estimate", "total_investment"),
    ("exports", "2021-Q4", 290, "more_than", "estimate", "exports"),
    ("new_fruit_trees", "2021-Q2", 900, "", "estimate", "fruit_tree_new_planting"),
    ("new_macadamia", "2021-Q2", 76, "", "estimate", "macadamia_new_planting"),
    ("new_ginseng", "2021-Q2", 113, "", "estimate", "ngoc_linh_ginseng_new_planting"),
    ("new_medicinal_plants", "2021-Q2", 200, "", "estimate", "other_medicinal_new_planting"),
    ("new_medicinal_plants", "2021-Q3", 960, "", "estimate", "other_medicinal_new_planting"),
    ("new_rural_communes", "2021-Q3", 1, "", "estimate", "new_rural_communes_added"),
    ("new_rural_communes", "2021-Q4", 8, "", "estimate", "new_rural_communes_added"),
    ("health_insurance", "2021-Q2", 92, "more_than", "official", "health_insurance"),
    ("population", "2021-Q4", 568780, "", "official", "average_population"),
    ("poverty_rate", "2020-Q4", 10.29, "", "official", "poverty_rate"),
    ("poverty_rate_reduction", "2020-Q4", 3.97, "", "official", "poverty_rate_reduction"),
    ("poverty_rate_reduction", "2021-Q4", 4, "", "estimate", "poverty_rate_reduction"),
    ("grdp_current_prices", "2020-Q4", 24003, "", "official", "grdp_current_prices"),
    ("grdp_current_prices", "2021-Q4", 26698.59, "", "official", "grdp_current_prices"),
    ("grdp_constant_prices", "2020-Q4", 15076, "", "official", "grdp_constant_2010_prices"),
]


# Figures found later in the public record (2019-2020 history for the seasons, an 8-month figure); each row's
# note quotes the words it was published with. (indicator, period, value, qualifier, kind.)
RESEARCHED = [
    ("exports", "2021-08", 159.5, "", "estimate"),          # "ước đạt 159,5 triệu USD, bằng 98,46% kế hoạch"
    ("budget_revenue", "2019-Q2", 1426, "", "estimate"),    # "ước đạt 1.426.000 triệu đồng"
    ("total_investment", "2019-Q2", 6530.087, "", "estimate"),
    ("grdp_growth", "2019-Q2", 8.31, "", "estimate"),
    ("budget_revenue", "2020-02", 554.199, "", "official"),  # "02 tháng đầu năm đạt 554.199 triệu đồng"
    ("total_investment", "2020-Q1", 3739.778, "", "estimate"),
    ("budget_revenue", "2019-Q4", 3250, "", "official"),
    ("grdp_growth", "2019-Q4", 9.96, "", "estimate"),
    ("grdp_per_capita", "2019-Q4", 41.28, "", "estimate"),
]


def test_bundled_figures_are_the_published_ones(kontum):
    _, obs = kontum
    got = sorted(obs[["indicator", "period", "value", "qualifier", "kind"]].itertuples(index=False, name=None))
    assert got == sorted([row[:5] for row in PUBLISHED] + RESEARCHED)
    researched = obs.set_index(["indicator", "period"]).loc[[r[:2] for r in RESEARCHED]]
    assert researched["note"].str.startswith('"').all()  # the published words, quoted
    assert (obs["source"].str.startswith("http")).all()  # every figure keeps its source address


SHARED = ROOT.parent / "shared" / "sources" / "kontum-2021-published.csv"


@pytest.mark.skipif(not SHARED.exists(), reason="shared/sources is not beside this clone")
def test_bundled_figures_appear_in_the_shared_sources(kontum):
    _, obs = kontum
    with SHARED.open(encoding="utf-8") as fh:
        published = {(r["key"], r["period"], float(r["value"]), r["source"]) for r in csv.DictReader(fh)
                     if r["kind"] != "plan_pct"}
    merged = obs.merge(pd.DataFrame(PUBLISHED, columns=["indicator", "period", "v", "q", "k", "key"]),
                       on=["indicator", "period"])
    for r in merged.itertuples():
        assert (r.key, r.period, r.value, r.source) in published, (r.indicator, r.period)


def test_validate_does_not_touch_the_bundled_files():
    files = [KONTUM / "plan.yaml", KONTUM / "observations.csv"]
    before = [f.stat().st_mtime_ns for f in files]
    kpi.load(KONTUM)
    assert [f.stat().st_mtime_ns for f in files] == before


def test_csv_and_xlsx_in_one_plan_folder_is_an_error_naming_both():
    folder = FIXTURES / "csv-and-xlsx"
    message = (f"{display(folder)}: both {display(folder / 'observations.csv')} and "
               f"{display(folder / 'observations.xlsx')} hold figures and only one is read; keep one (copy the rows "
               "of the other into it) and move the other out of the plan folder.")
    with pytest.raises(kpi.DataError) as info:
        kpi.load(folder)
    assert str(info.value) == message
    done = subprocess.run([sys.executable, "-m", "kpi.cli", "validate", str(folder)], capture_output=True, text=True)
    assert (done.returncode, done.stderr.strip()) == (2, f"kpi validate: {message}")


@pytest.mark.parametrize("text,read", [("999999999999999", 999999999999999.0), ("999999999999999.5", 999999999999999.5),
                                       ("1e15", None), ("-1000000000000000", None), ("9.99e14", 9.99e14)])
def test_values_stop_short_of_a_million_billion(text, read, mini_plan, tmp_path):
    path = tmp_path / "observations.csv"
    # an input: no plan figure, so no plausible range either; only the limit of every figure
    path.write_text(f"indicator,period,value,kind,qualifier,source,note\ngrdp_current_prices,2021-Q1,{text},,,,\n",
                    encoding="utf-8")
    if read is not None:
        assert kpi.load_observations(path, mini_plan)["value"].tolist() == [read]
        return
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, mini_plan)
    assert str(info.value) == (f"{display(path)}, row 2: value '{text}' is too large: a figure must be less than 1e15 "
                               "(a million billion) either way; check the number and its unit.")
