"""Writing output: every file of a build or none, whatever goes wrong."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from mapping import output
from mapping.errors import OutputError
from mapping.output import write_files

from .conftest import assert_refused, snapshot


@pytest.fixture
def folder(tmp_path):
    """An output folder that already holds two maps and an index."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("london-2017.html", "london-2019.html", "index.html"):
        (out / name).write_text(f"earlier {name}")
    return out


def everything_in(folder):
    """Every path below ``folder`` with its content: files, folders, leftovers."""
    return {
        p.relative_to(folder): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def new_files(folder, count=4):
    """Maps of 2016 to 2019: two replace files of the folder, two are new."""
    return {folder / f"london-{2016 + i}.html": b"new %d" % i for i in range(count)}


def test_all_files_are_written_and_nothing_else_is_left(folder):
    files = new_files(folder)
    assert write_files(files) == list(files)
    for path, content in files.items():
        assert path.read_bytes() == content
    assert {p.name for p in folder.iterdir()} == {"index.html"} | {
        p.name for p in files
    }  # and no staging folder or temporary file is left


def test_a_failure_while_swapping_puts_every_old_file_back(folder, monkeypatch):
    files = new_files(folder)
    before = everything_in(folder)
    real_replace = os.replace
    calls = []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 3:  # the third file: the first two are already in place
            raise OSError(errno.EROFS, "Read-only file system")
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError, match="cannot write .*Read-only file system"):
        write_files(files)
    monkeypatch.undo()
    assert everything_in(folder) == before


def test_a_full_disk_while_staging_leaves_the_folder_as_it_was(folder, monkeypatch):
    before = everything_in(folder)
    real_write = output._write_synced
    written = []

    def write(path, content):
        written.append(path)
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, content)

    monkeypatch.setattr(output, "_write_synced", write)
    with pytest.raises(OutputError, match="No space left on device"):
        write_files(new_files(folder))
    assert everything_in(folder) == before


def test_a_new_folder_is_removed_again_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "new" / "deeper"
    monkeypatch.setattr(
        output, "_write_synced", lambda *_: (_ for _ in ()).throw(OSError(5, "EIO"))
    )
    with pytest.raises(OutputError):
        write_files({target / "a.html": b"a"})
    assert list(tmp_path.iterdir()) == []


def test_targets_that_cannot_be_files_are_refused_before_anything_is_written(
    folder, tmp_path
):
    (folder / "london-2018.html").mkdir()
    before = everything_in(folder)
    with pytest.raises(OutputError, match="london-2018.html: is a folder"):
        write_files(new_files(folder))
    with pytest.raises(OutputError, match="is not a regular file"):
        write_files({**new_files(folder, 1), output.Path("/dev/full"): b"x"})
    with pytest.raises(OutputError, match="is a file, not a folder"):
        write_files({folder / "index.html" / "map.html": b"x"})
    with pytest.raises(OutputError, match="longer than 255 bytes"):
        write_files({folder / ("m" * 251 + ".html"): b"x"})
    assert everything_in(folder) == before


def test_a_250_character_name_is_fine(folder):
    name = "m" * 245 + ".html"
    write_files({folder / name: b"x"})
    assert (folder / name).read_bytes() == b"x"


def test_build_refuses_an_index_that_is_a_folder_and_changes_nothing(folder):
    (folder / "index.html").unlink()
    (folder / "index.html").mkdir()
    assert_refused(
        ["build", "--election", "all", "--out", folder],
        "index.html: is a folder",
        folder,
    )
    assert not [p for p in folder.iterdir() if p.name.startswith(".lm-")]


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("{folder}/full.png", "full.png: is not a regular file"),
        ("{folder}/index.html/x.png", "is a file, not a folder"),
        ("{folder}/" + "x" * 300 + ".png", "longer than 255 bytes"),
    ],
)
def test_image_output_errors_are_one_line(folder, out, expected):
    out = out.format(folder=folder)
    (folder / "full.png").symlink_to("/dev/full")  # a device behind a link
    assert_refused(
        ["image", "--election", "2019", "--layer", "winner", "--out", out],
        expected,
        folder,
    )


STOPPED_SCRIPT = """
import os, sys, time
from pathlib import Path
from mapping import output

stage, folder = sys.argv[1], Path(sys.argv[2])
real = {"staging": output._write_synced, "swapping": output.os.replace}

def slowly(step):
    def call(*args):
        print(step, flush=True)
        time.sleep(0.3)
        return real[step](*args)
    return call

if stage == "staging":
    output._write_synced = slowly("staging")
else:
    output.os.replace = slowly("swapping")
output.write_files({folder / f"london-{2016 + i}.html": b"new" for i in range(4)})
"""


@pytest.mark.parametrize("stage", ["staging", "swapping"])
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_leaves_all_old_files_or_all_new_ones(folder, stage, stop):
    before = everything_in(folder)
    with subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(STOPPED_SCRIPT), stage, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout.readline().strip() == stage  # mid-way through that step
        process.send_signal(stop)
        process.wait(timeout=30)
    assert process.returncode == 128 + stop
    after = everything_in(folder)
    if stage == "staging":
        assert after == before  # nothing was in place yet: all old
    else:
        # The swap is never cut half-way: all four new files are in place.
        names = [f"london-{2016 + i}.html" for i in range(4)]
        assert {str(p) for p in after} == {"index.html", *names}
        assert all(after[output.Path(name)] == b"new" for name in names)
    assert snapshot(folder)  # the folder is still readable
