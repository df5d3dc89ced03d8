"""Figure specs: the command line and a TOML file fill the same FigureSpec, flags
override the file, and anything unknown or malformed is one line, exit 2, nothing
written."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from mapping.cli import main
from mapping.image.spec import FigureSpec, FigureSpecError, options, read_spec

from .conftest import assert_refused

PUTNEY = """\
election = 2019
layer = "remain"
preset = "social"
title = "Putney: Remain's gain"
subtitle = "Estimated Remain vote, 2016"
source = "House of Commons Library; Hanretty (2017)"
highlight = ["Putney", "Richmond Park"]
label = "gains"
focus = "London"
alt_text = true
out = "putney.png"

[annotate]
Putney = "Lab gain; 72% Remain"
"""

FLAGS = [
    "--election", "2019",
    "--layer", "remain",
    "--preset", "social",
    "--title", "Putney: Remain's gain",
    "--subtitle", "Estimated Remain vote, 2016",
    "--source", "House of Commons Library; Hanretty (2017)",
    "--highlight", "Putney,Richmond Park",
    "--label", "gains",
    "--focus", "London",
    "--annotate", "Putney=Lab gain; 72% Remain",
    "--alt-text",
]  # fmt: skip


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_every_field_of_the_spec_is_an_option_of_the_command():
    result = run("image", "--help")
    assert result.exit_code == 0
    for name, option in options():
        assert option.flag in result.output, name
    assert "--spec" in result.output


def test_a_toml_spec_and_the_same_flags_make_the_same_spec(tmp_path):
    path = tmp_path / "putney.toml"
    path.write_text(PUTNEY)
    from_file = read_spec(path)
    values = {}
    flags = list(FLAGS)
    by_flag = {option.flag: name for name, option in options()}
    while flags:
        flag = flags.pop(0)
        name = by_flag[flag]
        if options()[[n for n, _ in options()].index(name)][1].kind == "flag":
            values[name] = True
        elif name == "annotate":
            values[name] = (flags.pop(0),)
        else:
            values[name] = flags.pop(0)
    values["out"] = str(tmp_path / "putney.png")
    from_flags = FigureSpec().merged(values, origin="")
    # Names stay as given (a list in TOML, commas on the command line) until
    # they are matched against the seats: the same seats either way.
    assert ",".join(from_file.highlight) == ",".join(from_flags.highlight)
    assert dataclasses.replace(from_file, highlight=()) == dataclasses.replace(
        from_flags, highlight=()
    )
    assert from_file.election == (2019,) and from_file.label == ("gains",)
    assert from_file.annotate == (("Putney", "Lab gain; 72% Remain"),)
    assert from_file.out == str(tmp_path / "putney.png")  # beside the spec


@pytest.mark.slow
def test_a_spec_file_and_its_flags_write_the_same_bytes(tmp_path):
    (tmp_path / "putney.toml").write_text(PUTNEY)
    assert run("image", "--spec", tmp_path / "putney.toml").exit_code == 0
    out = tmp_path / "flags.png"
    result = run("image", *FLAGS, "--out", out)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "putney.png").read_bytes() == out.read_bytes()
    alt = (tmp_path / "putney.alt.txt").read_text()
    assert alt == (tmp_path / "flags.alt.txt").read_text()
    assert "Highlighted" in alt and "Richmond Park (71.3%)" in alt
    assert "Note on Putney: Lab gain; 72% Remain." in alt


def test_flags_override_the_spec(tmp_path):
    path = tmp_path / "putney.toml"
    path.write_text(PUTNEY)
    spec = read_spec(path).merged(
        {"title": "Another", "election": "2017", "highlight": ()}, origin=""
    )
    assert spec.title == "Another" and spec.election == (2017,)
    assert spec.highlight == ("Putney", "Richmond Park")  # not given: kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('layer = "gains"\ncolour = "red"\n', "putney.toml: unknown key 'colour'"),
        ('layer = "gains"\n[annotate]\nx = 3\n', "annotate: expected text, not int"),
        ("election = 1999\n", "election: no general election 1999"),
        ("election = [2019, 2019]\n", "an election is named twice"),
        ('view = "globe"\n', "view: 'globe' is not one of 'geo', 'hex'"),
        ('preset = "poster"\n', "preset: 'poster' is not one of"),
        ('out = "../x.png"\n', "out must be a file name"),
        ("alt_text = 1\n", "alt_text: expected true or false"),
        ("layer = \n", "putney.toml: not a TOML file"),
        ('title = "' + "x" * 301 + '"\n', "title: longer than 300 characters"),
        ("highlight = []\n", "highlight: give at least one"),
    ],
)
def test_a_bad_spec_is_one_line_naming_what_is_wrong(tmp_path, text, expected):
    path = tmp_path / "putney.toml"
    path.write_text(text)
    with pytest.raises(FigureSpecError) as error:
        read_spec(path)
    assert expected in str(error.value) and "\n" not in str(error.value)
    out = tmp_path / "out"
    out.mkdir()
    args = ["image", "--spec", path, "--election", "2019", "--layer", "winner"]
    assert_refused([*args, "--out", out / "x.png"], expected, out)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--highlight", "Putny"], "--highlight: no seat called 'Putny' here; did"),
        (["--annotate", "Putney"], "--annotate: 'Putney' is not SEAT=TEXT"),
        (["--label", "Enfield"], "Enfield North"),
        (["--focus", "Nowhere"], "--focus: no seat or region called 'Nowhere'"),
        (["--election", "2017,2019", "--layer", "all"], "--layer all draws one"),
        (["--layer", "all", "--highlight", "Putney"], "draw on one layer"),
        (["--election", "2017,2019x"], "--election: "),
    ],
)
def test_bad_story_options_are_refused_and_write_nothing(tmp_path, args, expected):
    base = {"--election": "2019", "--layer": "winner"}
    for flag in ("--election", "--layer"):
        if flag in args:
            base.pop(flag)
    command = ["image", *sum(base.items(), ()), *args, "--out", tmp_path / "x.png"]
    assert_refused(command, expected, tmp_path)


def test_missing_election_layer_or_out_is_named():
    assert_refused(["image", "--layer", "gains", "--out", "x.png"], "--election")
    assert_refused(["image", "--election", "2019", "--out", "x.png"], "--layer")
    assert_refused(["image", "--election", "2019", "--layer", "gains"], "--out")


def test_a_spec_naming_a_hostile_key_is_shown_escaped(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('"\\u001b[31mkey" = 1\n')
    with pytest.raises(FigureSpecError, match=r"unknown key '\\x1b\[31mkey'"):
        read_spec(path)
