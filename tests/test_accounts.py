from dataclasses import replace

import pandas as pd
import pytest

from kpi.assessment.accounts import contributions, derive
from kpi.model.derivations import Derivation

GROWTH = Derivation("grdp_growth", "growth", of="grdp_constant_prices", note_en="growth note")
PER_CAPITA = Derivation("grdp_per_capita", "ratio", of="grdp_current_prices", by="population", times=1000,
                        year_end=True, note_en="per capita note")
SERVICES = Derivation("share_services", "share", of="va_services_current", by="grdp_current_prices", note_en="share note")


def _obs(rows):
    return pd.DataFrame([dict(area="x", indicator=i, period=p, value=v, kind="official", qualifier="", source="s",
                              note="") for i, p, v in rows])


def test_growth_shares_and_per_capita_are_derived():
    obs = _obs([("grdp_constant_prices", "2020-Q4", 15076), ("grdp_constant_prices", "2021-Q4", 16051.4),
                ("grdp_current_prices", "2021-Q4", 26698.59), ("population", "2021-Q4", 568780),
                ("va_services_current", "2021-Q4", 11376.27)])
    out = derive(obs, [GROWTH, PER_CAPITA, SERVICES])
    got = out[out.derived].set_index("indicator")["value"]
    assert got["grdp_growth"] == pytest.approx((16051.4 / 15076 - 1) * 100)  # 6.47%
    assert got["grdp_per_capita"] == pytest.approx(46.94, abs=0.005)  # "gần 47 triệu"
    assert got["share_services"] == pytest.approx(42.61, abs=0.005)
    assert set(out[out.derived]["kind"]) == {"derived"}
    notes = out[out.derived].set_index("indicator")["note"]
    assert notes.to_dict() == {"grdp_growth": "growth note", "grdp_per_capita": "per capita note",
                               "share_services": "share note"}


def test_kontum_per_capita_from_published_components(kontum):
    plan, obs = kontum
    out = derive(obs.assign(area=plan.id).query("indicator != 'grdp_per_capita'"), plan.derivations)
    row = out[(out.indicator == "grdp_per_capita") & (out.period == "2021-Q4")].iloc[0]
    assert row.value == pytest.approx(26698.59 * 1000 / 568780)
    assert round(row.value, 1) == 46.9


def test_published_figure_wins_over_derived():
    obs = _obs([("grdp_current_prices", "2021-Q4", 100), ("population", "2021-Q4", 2), ("grdp_per_capita", "2021-Q4", 7)])
    out = derive(obs, [PER_CAPITA])
    assert out[out.indicator == "grdp_per_capita"]["value"].tolist() == [7]


def test_per_capita_needs_the_full_year():
    obs = _obs([("grdp_current_prices", "2021-Q2", 100), ("population", "2021-Q2", 2)])
    assert not derive(obs, [PER_CAPITA])["derived"].any()
    assert derive(obs, [replace(PER_CAPITA, year_end=False)])["value"].tolist() == [100, 2, 50000]


def test_contributions_to_growth_in_points(mini):
    plan, obs = mini
    got = contributions(obs, *plan.contributions)
    expected = pd.DataFrame({"area": [""] * 3, "period": ["2021-Q2"] * 3,
                             "indicator": ["va_agriculture_constant", "va_industry_constant", "va_services_constant"],
                             # (1040-1000)/4000, (1400-1200)/4000, (1620-1500)/4000
                             "contribution_pp": [1.0, 5.0, 3.0]})
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("lang, note", [
    ("vi", "tính từ tỷ lệ cuối năm trước trừ mức giảm đã báo cáo"),
    ("en", "derived: end of last year's rate less the reduction reported"),
])
def test_a_derived_figure_says_how_it_was_computed_in_the_reports_language(kontum, lang, note):
    import kpi

    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q4", lang=lang).set_index("indicator")
    row = status.loc["poverty_rate"]
    assert (row["derived"], row["actual"], row["note"]) == (True, pytest.approx(10.29 - 4), note)
    published = status.loc["grdp_growth"]
    typed = obs[(obs.indicator == "grdp_growth") & (obs.period == "2021-Q4")]["note"].item()
    assert (published["derived"], published["note"]) == (False, typed) and typed  # a typed note is kept as typed


def test_a_targets_frame_without_a_language_keeps_the_derived_notes_as_computed(kontum):
    from kpi.assessment.engine import assess_many, targets_frame

    plan, obs = kontum
    targets = targets_frame(plan).drop(columns="lang")  # a frame built by hand, say
    out = assess_many(targets, obs.assign(area=plan.id), "2021-Q4", derivations=plan.derivations).set_index("indicator")
    assert out.loc["poverty_rate", "note"] == "derived: end of last year's rate less the reduction reported"


def test_a_derivation_without_its_component_derives_nothing():
    obs = _obs([("grdp_current_prices", "2021-Q4", 100)])
    assert not derive(obs, [PER_CAPITA, GROWTH])["derived"].any()


def test_less_takes_the_targets_own_figure_at_the_end_of_last_year():
    less = Derivation("poverty_rate", "less", by="poverty_rate_reduction", note_en="n")
    obs = _obs([("poverty_rate", "2020-Q4", 10.29), ("poverty_rate", "2020-Q2", 12.0),
                ("poverty_rate_reduction", "2021-Q2", 1.5)])
    got = derive(obs, [less])
    assert got[got.derived][["period", "value"]].values.tolist() == [["2021-Q2", pytest.approx(8.79)]]


def test_default_notes_name_the_components_in_each_language(mini):
    plan, _ = mini
    share = next(d for d in plan.derivations if d.method == "share")
    assert share.note("vi") == "tính từ GTTT nông nghiệp trên GRDP giá hiện hành"
    assert share.note("en") == "derived: Agriculture value added over GRDP current prices"


def test_a_zero_component_derives_no_figure_rather_than_infinity():
    obs = _obs([("va_services_current", "2021-Q4", 10.0), ("grdp_current_prices", "2021-Q4", 0.0),
                ("grdp_constant_prices", "2020-Q4", 0.0), ("grdp_constant_prices", "2021-Q4", 5.0)])
    assert not derive(obs, [SERVICES, GROWTH])["derived"].any()
