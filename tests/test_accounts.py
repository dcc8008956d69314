import pandas as pd
import pytest

from kpi.accounts import contributions, derive


def _obs(rows):
    return pd.DataFrame([dict(area="x", indicator=i, period=p, value=v, kind="official", qualifier="", source="s",
                              note="") for i, p, v in rows])


def test_growth_shares_and_per_capita_are_derived():
    obs = _obs([("grdp_constant_prices", "2020-Q4", 15076), ("grdp_constant_prices", "2021-Q4", 16051.4),
                ("grdp_current_prices", "2021-Q4", 26698.59), ("population", "2021-Q4", 568780),
                ("va_services_current", "2021-Q4", 11376.27)])
    out = derive(obs, {"grdp_growth", "grdp_per_capita", "share_services"})
    got = out[out.derived].set_index("indicator")["value"]
    assert got["grdp_growth"] == pytest.approx((16051.4 / 15076 - 1) * 100)  # 6.47%
    assert got["grdp_per_capita"] == pytest.approx(46.94, abs=0.005)  # "gần 47 triệu"
    assert got["share_services"] == pytest.approx(42.61, abs=0.005)
    assert set(out[out.derived]["kind"]) == {"derived"}
    notes = out[out.derived].set_index("indicator")["note"]
    assert notes.to_dict() == {
        "grdp_growth": "derived: GRDP at constant prices against the same period a year earlier",
        "grdp_per_capita": "derived: GRDP at current prices (bn VND) × 1000 / average population",
        "share_services": "derived: value added of services over GRDP, current prices",
    }


def test_kontum_per_capita_from_published_components(kontum):
    plan, obs = kontum
    out = derive(obs.assign(area=plan.id).query("indicator != 'grdp_per_capita'"), {"grdp_per_capita"})
    row = out[(out.indicator == "grdp_per_capita") & (out.period == "2021-Q4")].iloc[0]
    assert row.value == pytest.approx(26698.59 * 1000 / 568780)
    assert round(row.value, 1) == 46.9


def test_published_figure_wins_over_derived():
    obs = _obs([("grdp_current_prices", "2021-Q4", 100), ("population", "2021-Q4", 2), ("grdp_per_capita", "2021-Q4", 7)])
    out = derive(obs, {"grdp_per_capita"})
    assert out[out.indicator == "grdp_per_capita"]["value"].tolist() == [7]


def test_per_capita_needs_the_full_year():
    obs = _obs([("grdp_current_prices", "2021-Q2", 100), ("population", "2021-Q2", 2)])
    assert not derive(obs, {"grdp_per_capita"})["derived"].any()


def test_contributions_to_growth_in_points(mini):
    _, obs = mini
    got = contributions(obs)
    expected = pd.DataFrame({"area": [""] * 3, "period": ["2021-Q2"] * 3,
                             "sector": ["agriculture", "industry", "services"],
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
    from kpi.assessment import assess_many, targets_frame

    plan, obs = kontum
    targets = targets_frame(plan).drop(columns="lang")  # a frame built by hand, say
    out = assess_many(targets, obs.assign(area=plan.id), "2021-Q4").set_index("indicator")
    assert out.loc["poverty_rate", "note"] == "derived: end of last year's rate less the reduction reported"
