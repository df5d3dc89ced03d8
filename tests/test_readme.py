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
