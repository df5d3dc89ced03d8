"""The command line: fixed table interface, clear errors, works from anywhere."""

import csv
import io
import json
import os
import re
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

import mapping
from mapping.api import PERCENT_COLUMNS, TABLE_COLUMNS
from mapping.cli import main

from .conftest import REPO


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_table_prints_the_fixed_columns_for_london():
    result = run("table", "--election", "2019")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == TABLE_COLUMNS
    assert len(rows) == 73
    kensington = next(r for r in rows if r["name"] == "Kensington")
    assert kensington["gain"] == "true" and kensington["gained_from"] == "Lab"
    assert kensington["majority"] == "150"
    assert kensington["remain_pct"] == "68.80"
    assert all(
        r["majority_pct"].count(".") == 1 and len(r["majority_pct"].split(".")[1]) == 2
        for r in rows
    )
    assert {r["gain"] for r in rows} == {"true", "false"}


#: The columns other tools read, in their order: they never change.
FIRST_COLUMNS = [
    "code", "name", "region", "election", "winner", "winner_name", "runner_up",
    "previous_winner", "gain", "gained_from", "majority", "majority_pct",
    "turnout_pct", "remain_pct", "electorate", "valid_votes",
]  # fmt: skip
CHANGE_COLUMNS = [
    "previous_majority", "previous_majority_pct", "lead_change", "swing_con_to_lab",
    "change_con", "change_lab", "change_ld", "change_green", "change_ruk",
    "change_brx", "change_ukip", "change_snp", "change_pc",
]  # fmt: skip


def test_table_keeps_its_sixteen_columns_first_and_appends_the_changes():
    result = run("table", "--election", "2019")
    header = result.output.splitlines()[0].split(",")
    assert header == FIRST_COLUMNS + CHANGE_COLUMNS == TABLE_COLUMNS


def test_table_prints_changes_with_two_decimals_and_counts_whole():
    rows = list(csv.DictReader(io.StringIO(run("table", "--election", "2019").output)))
    putney = next(r for r in rows if r["name"] == "Putney")
    # official: majority 1,554 in 2017; Lab 45.7% (2019) from 40.8% (2017)
    assert putney["previous_majority"] == "1554"
    assert putney["lead_change"] == "12.77"
    assert putney["swing_con_to_lab"] == "6.39"
    assert putney["change_ruk"] == ""  # Reform UK did not exist
    assert putney["change_brx"] == ""  # the Brexit Party stood aside in Putney
    for row in rows:
        for column in PERCENT_COLUMNS:
            value = row[column]
            assert value == "" or re.fullmatch(r"-?\d+\.\d\d", value), (column, value)
        assert row["previous_majority"].isdigit()


def test_table_changes_are_empty_across_new_boundaries():
    rows = list(csv.DictReader(io.StringIO(run("table", "--election", "2024").output)))
    assert all(row[column] == "" for row in rows for column in CHANGE_COLUMNS)


def test_table_as_json_for_a_named_region():
    result = run("table", "--election", "2024", "--region", "wales", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 32 and {r["region"] for r in rows} == {"Wales"}
    assert list(rows[0]) == TABLE_COLUMNS
    assert all(isinstance(r["gain"], bool) for r in rows)


def test_table_for_all_seats():
    result = run("table", "--election", "2017", "--region", "all")
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 651


def test_elections_lists_the_boundary_sets():
    result = run("elections")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 6
    assert "2024" in lines[-1] and "pcon2024" in lines[-1] and "75" in lines[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["table", "--election", "2005"], "no general election '2005'"),
        (["table", "--election", "2019", "--region", "Mars"], "no region 'Mars'"),
        (["table", "--election", "2019", "--format", "xml"], "'xml' is not one of"),
        (["table"], "Missing option"),
        (["table", "--election", "2019", "--colour"], "No such option"),
        (["data", "build", "--source", "/nonexistent"], "does not exist"),
    ],
)
def test_bad_input_ends_with_one_line_and_status_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and message in last
    assert "Traceback" not in result.output


def test_corrupt_package_is_a_clear_error(package_copy):
    (package_copy / "results.csv").write_text("damaged")
    result = run("table", "--election", "2019")
    assert result.exit_code == 2
    assert "results.csv does not match its sha256" in result.output
    assert "london-maps data build" in result.output


def test_command_works_from_any_directory(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "LONDON_MAPS_PACKAGE"}
    result = subprocess.run(
        [sys.executable, "-m", "mapping", "table", "--election", "2010"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(result.stdout.splitlines()) == 74


def test_wheel_carries_the_data_package(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("london_maps-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    manifest = json.loads((REPO / "boundaries" / "manifest.json").read_text())
    for name in [*manifest["files"], "manifest.json"]:
        assert f"mapping/_package/{name}" in names
    assert "mapping/data/parties.json" in names
    assert "mapping/pipeline/sources.json" in names


def test_build_writes_the_maps_and_index(tmp_path):
    result = run("build", "--election", "2019", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "index.html",
        "london-2019.html",
    ]
    assert "london-2019.html" in result.output


def test_build_a_named_region(tmp_path):
    result = run(
        "build", "--election", "2024", "--region", "North East", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "north-east-2024.html").stat().st_size < 400_000


def test_open_without_a_map_is_a_clear_error(tmp_path):
    result = run("open", str(tmp_path / "missing.html"))
    assert result.exit_code == 2
    assert "build the maps first" in result.output.strip().splitlines()[-1]


def test_open_hands_the_file_to_the_browser(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    page = tmp_path / "london-2019.html"
    page.write_text("<!DOCTYPE html>")
    assert run("open", str(page)).exit_code == 0
    assert opened == [page.resolve().as_uri()]


def test_image_writes_the_format_of_the_suffix_and_alt_text(tmp_path):
    out = tmp_path / "gains.svg"
    result = run(
        "image",
        "--election",
        "2019",
        "--layer",
        "gains",
        "--view",
        "hex",
        "--labels",
        "--alt-text",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().lstrip().startswith("<?xml")
    alt = (tmp_path / "gains.alt.txt").read_text()
    assert "Gains" in alt and "2019" in alt and "Kensington" in alt


def test_image_of_all_four_layers(tmp_path):
    out = tmp_path / "all.png"
    result = run("image", "--election", "2024", "--layer", "all", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layer", "bogus", "--out", "x.png"], "no layer 'bogus'"),
        (["--layer", "winner", "--out", "x.jpg"], "unknown image suffix '.jpg'"),
        (["--layer", "winner", "--out", "x.png", "--view", "3d"], "'3d' is not one of"),
    ],
)
def test_image_errors_write_nothing(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("image", "--election", "2019", *args)
    assert result.exit_code == 2
    assert message in result.output.strip().splitlines()[-1]
    assert list(tmp_path.iterdir()) == []


def test_build_with_images_writes_every_layer(tmp_path):
    result = run("build", "--election", "2024", "--images", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert "london-2024-winner.png" in pngs and "london-2024-remain.png" in pngs
    assert "london-2024-lead_change.png" in pngs  # every seat: not comparable
    assert len(pngs) == 19
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="{name}"' in index for name in pngs)


def test_counts_stay_whole_numbers_when_a_seat_has_no_result(tmp_path):
    seats = mapping.load_election(2019)[["code", "name", "electorate"]]
    table = seats.assign(Con=1000, Lab=2000).iloc[1:]  # the first seat: no result
    path = tmp_path / "partial.csv"
    table.to_csv(path, index=False)
    result = run(
        "table", "--election", "2019", "--results", str(path), "--allow-missing"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[1]["majority"] == "1000" and rows[1]["electorate"].isdigit()
    assert rows[0]["majority"] == "" and rows[0]["electorate"] == ""
