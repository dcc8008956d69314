"""status.csv: exact numbers, formula text neutralised for spreadsheets, and read back as it was."""
import pandas as pd
import pytest

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


@pytest.mark.parametrize("halves", [False, True], ids=["one-process", "halves-in-two-processes"])
def test_to_csv_writes_what_pandas_writes_for_awkward_cells(halves, monkeypatch):
    """The column-by-column writer against pandas' own to_csv of the neutralised frame (the oracle); from
    ``HALVES_ROWS`` rows on, a second process writes the second half of the rows."""
    import numpy as np

    from kpi import background, table

    started = []

    class Recording(background.Background):
        def result(self):
            started.append(self.pid)
            return super().result()

    monkeypatch.setattr(background, "Background", Recording)
    monkeypatch.setattr(table, "HALVES_ROWS", 2 if halves else 10**9)

    from kpi.safetext import spreadsheet_text
    from kpi.table import to_csv

    frame = pd.DataFrame({
        "name": ["Thu, chi \"ngân sách\"", "dòng\nhai", "=1+1", "-3.5", "-3 điểm", None, "", " lề ", "a;b", "@x"],
        "value": [1e-05, 0.1 + 0.2, -0.0, np.inf, np.nan, 1e16, 9999999999999998.0, 3500.0, 5e-324, 63.1],
        "order": np.arange(10, dtype=np.int64),
        "stale": [True, False] * 5,
        "unit": pd.array(["%", "tỷ đồng", None, "%", "người", "%", "ha", None, "%", "ha"], dtype="str"),
    })
    safe = frame.copy()
    for c in ("name", "unit"):
        safe[c] = safe[c].map(spreadsheet_text)
    expected = safe.to_csv(index=False, lineterminator="\n")
    assert to_csv(frame) == expected
    assert len(started) == halves and (not halves or started[0] is not None)
    assert to_csv(frame.iloc[:0]) == "name,value,order,stale,unit\n"
    for n in (1, 3):  # odd lengths: halves of 0 and 1, of 1 and 2 rows
        assert to_csv(frame.iloc[:n]) == safe.iloc[:n].to_csv(index=False, lineterminator="\n")
    assert '"Thu, chi ""ngân sách"""' in expected and "\n'=1+1," in expected  # the oracle quotes and neutralises
    # A lone carriage return is quoted too (pandas leaves it bare, and a reader then splits the row there).
    import csv
    import io

    rows = list(csv.reader(io.StringIO(to_csv(pd.DataFrame({"note": ["a\rb", "c"]})), newline="")))
    assert rows == [["note"], ["a\rb"], ["c"]]
