"""The README's quick start is what CI runs."""

import re

from .conftest import REPO


def quick_start_commands():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands_and_ci_runs_the_test_command():
    install_and_run, install_and_test = quick_start_commands()
    assert "london-maps" in install_and_run and "pytest" in install_and_test
    ci_lines = (REPO / ".ci" / "run").read_text().splitlines()
    assert install_and_test in ci_lines


def test_the_worked_results_example_does_what_the_readme_says(tmp_path):
    from click.testing import CliRunner

    from mapping.cli import main

    readme = (REPO / "README.md").read_text()
    example = re.search(r"```csv\n(.+?)```", readme, re.S).group(1)
    (tmp_path / "example.csv").write_text(example)
    result = CliRunner().invoke(
        main,
        [
            "table",
            "--election",
            "2024",
            "--results",
            str(tmp_path / "example.csv"),
            "--allow-missing",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    import json

    rows = {r["name"]: r for r in json.loads(result.output)}
    assert (rows["Hendon"]["winner"], rows["Hendon"]["gained_from"]) == ("Con", "Lab")
    assert (
        rows["Chelsea and Fulham"]["gain"]
        and rows["Chelsea and Fulham"]["winner"] == "Con"
    )
    assert rows["Richmond Park"]["winner"] == "LD" and not rows["Richmond Park"]["gain"]
    assert sum(r["winner"] is None for r in rows.values()) == 72


def publishing_section():
    readme = (REPO / "README.md").read_text()
    return readme.split("## Images for publishing", 1)[1].split("\n## ", 1)[0]


def test_the_two_stories_are_one_command_each_and_make_what_they_say(
    tmp_path, monkeypatch
):
    import shlex

    from click.testing import CliRunner

    from mapping.cli import main

    block = re.search(r"```sh\n(.+?)\n```", publishing_section(), re.S).group(1)
    commands = [shlex.split(c) for c in block.replace("\\\n", " ").splitlines()]
    assert len(commands) == 2
    monkeypatch.chdir(tmp_path)
    for command in commands:
        assert command[0] == "london-maps"
        result = CliRunner().invoke(main, command[1:])
        assert result.exit_code == 0, result.output
    gains = (tmp_path / "labour-gains-2017.alt.txt").read_text()
    assert "Labour gained 4 (Battersea from Conservative" in gains
    assert "Note on Twickenham: LD gain from Con." in gains
    assert "Note on Kingston and Surbiton" in gains
    remain = (tmp_path / "remain-london-2019.alt.txt").read_text()
    assert "Chingford and Woodford Green (50.1%)" in remain
    assert "Note on Richmond Park: LD gain; 71% Remain." in remain


def test_the_readme_figure_spec_runs(tmp_path):
    from click.testing import CliRunner

    from mapping.cli import main

    spec = re.search(r"```toml\n(.+?)```", publishing_section(), re.S).group(1)
    (tmp_path / "remain-london.toml").write_text(spec)
    result = CliRunner().invoke(
        main, ["image", "--spec", str(tmp_path / "remain-london.toml")]
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "remain-london-2019.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    alt = (tmp_path / "remain-london-2019.alt.txt").read_text()
    assert alt.startswith("Map: Estimated Remain vote, 2016 — London, 2019")
    assert "Highlighted, the other seats paler: Battersea (78.0%)" in alt
