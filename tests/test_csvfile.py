"""status.csv: exact numbers, formula text neutralised for spreadsheets, and read back as it was."""
import pandas as pd

import kpi
from conftest import KONTUM
from kpi.documents.csv import read_csv, save_csv, to_csv


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


def test_to_csv_neutralises_and_quotes_awkward_cells():
    """Read back by the csv module (the oracle), every cell is what was given, formula starts neutralised."""
    import csv
    import io

    import numpy as np

    from kpi.documents.csv import to_csv

    frame = pd.DataFrame({
        "name": ["Thu, chi \"ngân sách\"", "dòng\nhai", "=1+1", "-3.5", "-3 điểm", None, "", " lề ", "a;b", "@x"],
        "value": [1e-05, 0.1 + 0.2, -0.0, np.inf, np.nan, 1e16, 9999999999999998.0, 3500.0, 5e-324, 63.1],
        "order": np.arange(10, dtype=np.int64),
        "stale": [True, False] * 5,
        "unit": pd.array(["%", "tỷ đồng", None, "%", "người", "%", "ha", None, "%", "ha"], dtype="str"),
    })
    expected = to_csv(frame)
    rows = list(csv.reader(io.StringIO(expected, newline="")))
    assert rows[0] == ["name", "value", "order", "stale", "unit"]
    assert [r[0] for r in rows[1:]] == ['Thu, chi "ngân sách"', "dòng\nhai", "'=1+1", "-3.5", "'-3 điểm", "", "",
                                        " lề ", "a;b", "'@x"]
    assert [r[1] for r in rows[1:]] == ["1e-05", "0.30000000000000004", "-0.0", "inf", "", "1e+16",
                                        "9999999999999998.0", "3500.0", "5e-324", "63.1"]
    assert [r[3] for r in rows[1:3]] == ["True", "False"] and [r[4] for r in rows[1:4]] == ["%", "tỷ đồng", ""]
    assert to_csv(frame.iloc[:0]) == "name,value,order,stale,unit\n"
    assert '"Thu, chi ""ngân sách"""' in expected and "\n'=1+1," in expected
    # A lone carriage return is quoted too (with \n line ends the CSV writer leaves it bare: a reader splits there).
    rows = list(csv.reader(io.StringIO(to_csv(pd.DataFrame({"note": ["a\rb", "c"]})), newline="")))
    assert rows == [["note"], ["a\rb"], ["c"]]


def test_every_text_comes_back_as_written_and_no_cell_starts_a_formula(tmp_path):
    """Texts that start with an apostrophe, categories and objects that are not strings: written neutralised,
    read back as they were (the csv module reads what a spreadsheet would see)."""
    import csv
    import io

    class Odd:
        def __str__(self):
            return "=HYPERLINK(1)"

    frame = pd.DataFrame({"note": ["'=x", "'- nghĩa là", "'", "plain", "=1+1"],
                          "unit": pd.Categorical(["=SUM(A1)", "a\rb", "%", "%", "@x"]),
                          "source": [Odd(), None, "", "x", "-3.5"]})
    text = to_csv(frame)
    cells = [cell for row in list(csv.reader(io.StringIO(text, newline="")))[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c.startswith("-") and c != "-3.5")]
    path = tmp_path / "s.csv"
    save_csv(frame, path)
    back = read_csv(path)
    assert back["note"].tolist() == ["'=x", "'- nghĩa là", "'", "plain", "=1+1"]
    assert back["unit"].tolist() == ["=SUM(A1)", "a\rb", "%", "%", "@x"]
    assert back["source"].tolist() == ["=HYPERLINK(1)", "", "", "x", "-3.5"]
