"""status.csv: exact numbers, formula text neutralised for spreadsheets, and read back as it was."""
import pandas as pd

import kpi
from conftest import KONTUM
from kpi.table import read_csv, save_csv


def test_status_csv_round_trips_every_value_and_neutralises_formulas(tmp_path):
    plan, obs = kpi.load(KONTUM)
    status = kpi.assess(plan, obs, "2021-Q3")
    status.loc[0, "name"] = "=HYPERLINK(\"http://x\")"
    status.loc[1, "source"] = "@SUM(A1)"
    status.loc[2, "note"] = "-3 điểm"
    path = tmp_path / "status.csv"
    save_csv(status, path)
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert rows[0]["name"] == "'=HYPERLINK(\"http://x\")"  # a spreadsheet shows it as text, never runs it
    assert rows[1]["source"] == "'@SUM(A1)" and rows[2]["note"] == "'-3 điểm"
    assert rows[0]["period"] == "2021-Q3"
    back = read_csv(path)
    pd.testing.assert_frame_equal(back, status, check_dtype=False)
    assert back.loc[0, "name"] == '=HYPERLINK("http://x")'  # the apostrophe is taken off again


def test_numbers_are_written_in_full(tmp_path):
    frame = pd.DataFrame({"indicator": ["x"], "actual": [26698.59], "projection": [2712.2135678]})
    path = tmp_path / "s.csv"
    save_csv(frame, path)
    assert path.read_bytes().decode("utf-8-sig") == "indicator,actual,projection\nx,26698.59,2712.2135678\n"
