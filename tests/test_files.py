"""kpi.files: writing a file whole, through a symbolic link, under one lock per real file."""
import os
import subprocess
import sys

import pytest

from kpi.errors import KpiError
from kpi.files import display, lock_path, locked, remove_leftovers, replacing, temporary_beside


@pytest.fixture
def link(tmp_path):
    """``here/observations.csv``, a relative symbolic link to ``shared/observations.csv``."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "here").mkdir()
    (tmp_path / "shared" / "observations.csv").write_bytes(b"old\n")
    path = tmp_path / "here" / "observations.csv"
    path.symlink_to(os.path.join("..", "shared", "observations.csv"))
    return path


def test_a_plain_file_is_replaced_whole(tmp_path):
    path = tmp_path / "observations.csv"
    path.write_bytes(b"old\n")
    with replacing(path) as tmp:
        assert tmp.name == temporary_beside(path).name and tmp.parent.samefile(tmp_path)
        tmp.write_bytes(b"new\n")
    assert path.read_bytes() == b"new\n" and not path.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["observations.csv"]


def test_a_symbolic_link_is_written_through(link, tmp_path):
    with replacing(link) as tmp:
        assert tmp.parent.samefile(tmp_path / "shared")  # beside the target, so that the rename stays in its folder
        tmp.write_bytes(b"new\n")
    assert os.path.islink(link) and os.readlink(link) == os.path.join("..", "shared", "observations.csv")
    assert (tmp_path / "shared" / "observations.csv").read_bytes() == b"new\n"
    assert link.read_bytes() == b"new\n"
    assert sorted(p.name for p in (tmp_path / "here").iterdir()) == ["observations.csv"]
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["observations.csv"]


def test_a_failed_write_through_a_link_leaves_the_target_untouched(link, tmp_path):
    with pytest.raises(RuntimeError), replacing(link) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError
    assert os.path.islink(link) and (tmp_path / "shared" / "observations.csv").read_bytes() == b"old\n"
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["observations.csv"]


def test_a_dangling_link_is_written_through_creating_its_target(link, tmp_path):
    (tmp_path / "shared" / "observations.csv").unlink()
    with replacing(link) as tmp:
        tmp.write_bytes(b"first\n")
    assert os.path.islink(link) and (tmp_path / "shared" / "observations.csv").read_bytes() == b"first\n"


def test_a_link_into_a_missing_folder_is_refused_naming_both(tmp_path):
    path = tmp_path / "observations.csv"
    path.symlink_to(tmp_path / "gone" / "observations.csv")
    with pytest.raises(KpiError) as e, replacing(path) as tmp:
        tmp.write_bytes(b"new\n")
    assert str(e.value) == (f"{display(path)}: a symbolic link to {display(tmp_path / 'gone' / 'observations.csv')}, "
                            "whose folder does not exist; create the folder, or point the link at a file that can "
                            "be written.")
    assert os.path.islink(path) and not (tmp_path / "gone").exists()


def test_a_link_that_leads_back_to_itself_is_refused(tmp_path):
    path = tmp_path / "observations.csv"
    path.symlink_to("observations.csv")
    with pytest.raises(KpiError) as e, replacing(path) as tmp:
        tmp.write_bytes(b"new\n")
    assert str(e.value) == (f"{display(path)}: a symbolic link that leads back to itself; point it at a file, or "
                            "remove it.")


def test_a_link_to_a_folder_cannot_be_written_and_the_message_names_both(tmp_path):
    (tmp_path / "shared").mkdir()
    path = tmp_path / "observations.csv"
    path.symlink_to(tmp_path / "shared")
    with pytest.raises(KpiError) as e, replacing(path) as tmp:
        tmp.write_bytes(b"new\n")
    assert str(e.value) == (f"{display(path)} (a link to {display(tmp_path / 'shared')}): cannot be written "
                            "(Is a directory); choose another place or check the folder's permissions.")
    assert os.path.islink(path) and list((tmp_path / "shared").iterdir()) == []


def test_writers_through_a_link_and_of_its_target_share_one_lock(link, tmp_path):
    target = tmp_path / "shared" / "observations.csv"
    with locked(link):
        assert lock_path(target).exists() and not lock_path(link).exists()
        with pytest.raises(KpiError) as e, locked(target, wait=0):
            pass
    assert str(e.value) == (f"{display(target)}: another kpi command has been writing it for over 0 s; wait until "
                            "it ends, then run this again.")
    with locked(target):  # released: taken at once
        pass


def test_leftovers_are_removed_beside_the_target_of_a_link(link, tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(gone.stdout)
    leftover = tmp_path / "shared" / f".observations.csv.tmp-{pid}.csv"
    leftover.write_bytes(b"half")
    mine = temporary_beside(tmp_path / "shared" / "observations.csv")
    mine.write_bytes(b"in use")  # this process's own temporary file is never removed
    remove_leftovers(link)
    assert not leftover.exists() and mine.exists()
