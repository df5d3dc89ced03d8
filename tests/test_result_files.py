"""Untrusted results tables: counts, paths and headers, each refused in one line."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from mapping.cli import main
from mapping.errors import InputError
from mapping.formats import sheets as sheets_format
from mapping.formats.results import read_results
from mapping.validate import read_capped

from .conftest import assert_refused


def table_args(path) -> list:
    return ["table", "--election", "2019", "--results", path]


def written(inputs, tmp_path, change, name="results.csv") -> Path:
    """The good results table, changed by ``change`` and written to ``tmp_path``."""
    table = pd.read_csv(inputs / "results.csv", dtype=str)
    changed = change(table)
    path = tmp_path / name
    (table if changed is None else changed).to_csv(path, index=False)
    return path


def with_cell(inputs, tmp_path, column: str, value: str) -> Path:
    """The good table with one cell of its first seat (row 2 of the file) replaced."""

    def change(table):
        table.loc[0, column] = value

    return written(inputs, tmp_path, change)


# --- counts: finite whole numbers from 0 to 10,000,000 ------------------------------

NOT_NUMBERS = ["inf", "-inf", "Infinity", "nan", "NaN"]
TOO_LARGE = ["1e400", "1e308", "10000001", "123456789012345678901234567890"]


@pytest.mark.parametrize("column", ["Lab", "electorate"])
@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_non_finite_counts_are_refused(inputs, tmp_path, column, value):
    path = with_cell(inputs, tmp_path, column, value)
    expected = f"row 2, column {column!r}: {value!r} is not a number"
    assert_refused(table_args(path), expected, inputs, tmp_path)


@pytest.mark.parametrize("column", ["Lab", "electorate"])
@pytest.mark.parametrize("value", TOO_LARGE)
def test_counts_above_ten_million_are_refused(inputs, tmp_path, column, value):
    path = with_cell(inputs, tmp_path, column, value)
    expected = (
        f"row 2, column {column!r}: {value} is more than 10,000,000; "
        "votes and electorates are counts of people"
    )
    assert_refused(table_args(path), expected, inputs, tmp_path)


def test_ten_million_is_the_largest_count(inputs, tmp_path):
    path = with_cell(inputs, tmp_path, "electorate", "10,000,000")
    assert read_results(path).seats["electorate"].max() == 10_000_000
    path = with_cell(inputs, tmp_path, "electorate", "10,000,001")
    with pytest.raises(InputError, match="10,000,001 is more than 10,000,000"):
        read_results(path)


def test_negative_overflow_is_negative(inputs, tmp_path):
    path = with_cell(inputs, tmp_path, "Con", "-1e400")
    assert_refused(table_args(path), "column 'Con': -1e400 is negative", inputs)


def test_commons_library_layout_counts_are_checked(tmp_path):
    text = (
        "ONS ID,Constituency name,Region name,Result,First party,Second party,"
        "Electorate,Valid votes,Invalid votes,Majority,Con,Lab,All other candidates\n"
        "E14000540,Barking,London,Lab hold,Lab,Con,100,90,0,10,1e400,50,0\n"
    )
    path = tmp_path / "hoc.csv"
    path.write_text(text, encoding="utf-8")
    assert_refused(table_args(path), "column 'Con': 1e400 is more than 10,000,000")


def table_json(path) -> list:
    result = CliRunner().invoke(main, [*table_args(path), "--format", "json"])
    assert result.exit_code == 0, result.output

    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(result.stdout, parse_constant=refuse)


@pytest.mark.parametrize(
    "change",
    [
        lambda t: None,
        lambda t: t.assign(electorate=t["electorate"].mask(t.index == 0, "10000000")),
        lambda t: t.drop(columns="electorate"),
    ],
    ids=["as-given", "largest-electorate", "no-electorate"],
)
def test_table_json_is_always_valid_json(inputs, tmp_path, change):
    rows = table_json(written(inputs, tmp_path, change))
    assert len(rows) == 73


# --- paths: regular files of bounded size ----------------------------------------


def test_a_folder_is_not_a_results_table(inputs, tmp_path):
    (tmp_path / "results").mkdir()
    written(inputs, tmp_path / "results", lambda t: None)
    assert_refused(
        table_args(tmp_path / "results"),
        "is a folder, not a results table",
        tmp_path,
    )


def test_an_empty_folder_is_not_a_results_table(tmp_path):
    assert_refused(table_args(tmp_path), "is an empty folder, not a results table")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_not_a_results_table(device):
    assert Path(device).exists()
    assert_refused(table_args(device), "is not a regular file (a character device)")


@pytest.fixture
def fifo(tmp_path):
    """A named pipe that a writer opens after 5 s: a reader that waits for one
    would fail the test instead of hanging it."""
    path = tmp_path / "results.csv"
    os.mkfifo(path)

    def open_for_writing_later():
        time.sleep(5)
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    threading.Thread(target=open_for_writing_later, daemon=True).start()
    return path


def test_a_named_pipe_is_refused_without_waiting(fifo):
    started = time.monotonic()
    assert_refused(table_args(fifo), "is not a regular file (a named pipe)")
    assert time.monotonic() - started < 4


def test_the_reader_itself_does_not_wait_for_a_pipe(fifo):
    started = time.monotonic()
    with pytest.raises(InputError, match=r"is not a regular file \(a named pipe\)"):
        read_capped(fifo, "results table", 1000)
    assert time.monotonic() - started < 4


def test_a_socket_is_not_a_results_table():
    # A short folder: socket paths are limited to about 100 bytes.
    with tempfile.TemporaryDirectory() as folder, socket.socket(socket.AF_UNIX) as s:
        path = Path(folder) / "results.csv"
        s.bind(str(path))
        assert_refused(table_args(path), "is not a regular file (a socket)")


def test_a_file_over_the_cap_is_refused(inputs, monkeypatch):
    monkeypatch.setattr(sheets_format, "MAX_RESULTS_BYTES", 1000)
    size = (inputs / "results.csv").stat().st_size
    assert size > 1000
    assert_refused(
        table_args(inputs / "results.csv"),
        f"is {size / 1000:.1f} kB; results tables are at most 1 kB",
        inputs,
    )


def test_a_file_that_grew_is_read_no_further_than_the_cap(tmp_path):
    path = tmp_path / "results.csv"
    path.write_bytes(b"code,Con\n" + b"E14000540,1\n" * 100)
    assert read_capped(path, "results table", 10_000) == path.read_bytes()
    with pytest.raises(
        InputError, match="is more than 1 kB; results tables are at most 1 kB"
    ):
        read_capped(path, "results table", 1000)


# --- headers: every column of numbers names its party, once ------------------------


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_header_over_numbers_is_refused(inputs, tmp_path, blank):
    def change(table):
        return table.rename(columns={"LD": blank})

    path = written(inputs, tmp_path, change)
    position = list(pd.read_csv(inputs / "results.csv").columns).index("LD") + 1
    assert_refused(
        table_args(path),
        f"column {position} has no header but holds numbers; name the party",
        tmp_path,
    )


def test_blank_columns_without_numbers_are_dropped(inputs, tmp_path):
    def change(table):
        return table.assign(**{"": "see note", " ": ""})

    results = read_results(written(inputs, tmp_path, change))
    shipped = read_results(inputs / "results.csv")
    assert results.votes.equals(shipped.votes)


def test_a_repeated_header_is_refused(inputs, tmp_path):
    path = written(inputs, tmp_path, lambda t: t.rename(columns={"Green": "Lab"}))
    assert_refused(
        table_args(path),
        "two columns are called 'Lab'; one column per party",
        tmp_path,
    )


def test_hostile_headers_stay_literal(tmp_path):
    hostile = "{0} {{x}} $HOME %s \x1b[31m"
    path = tmp_path / "results.csv"
    path.write_text(f'code,"{hostile}","{hostile}"\nE14000540,1,2\n', encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_results(path)
    message = str(refused.value)
    assert f"two columns are called {hostile!r}" in message
    assert "\x1b" not in message


def test_a_file_with_many_problems_gets_one_short_line_and_the_full_list(
    inputs, tmp_path
):
    table = pd.read_csv(inputs / "results.csv", dtype=str).drop(columns="code")
    table["name"] = [f"Nowhere {i}" for i in range(len(table))]  # 73 unknown seats
    path = tmp_path / "many.csv"
    table.to_csv(path, index=False)
    problems = tmp_path / "problems.txt"
    result = CliRunner().invoke(main, [*table_args(path), "--problems", str(problems)])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert line.startswith("Error: 73 problems: ")
    assert line.count("no seat called") == InputError.SHOWN
    assert line.endswith("; and 63 more")
    listed = problems.read_text(encoding="utf-8").splitlines()
    assert len(listed) == 73 and all("no seat called 'Nowhere" in p for p in listed)
