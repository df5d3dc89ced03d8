"""The code itself: lint, types, module size, and which imports each path pulls in."""

from __future__ import annotations

import ast
import subprocess
import sys

from .conftest import REPO

PACKAGE = REPO / "mapping"
#: No module grows past this: one job per module.
MAX_LINES = 400


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "mapping", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    from mypy import api

    stdout, stderr, status = api.run(["--config-file", str(REPO / "pyproject.toml")])
    assert status == 0, stdout + stderr


def modules():
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_longer_than_400_lines():
    long = {
        str(path.relative_to(REPO)): n
        for path in modules()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def imported(path) -> set[str]:
    """The package modules ``path`` imports, at any depth of its code."""
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "mapping"
        ):
            names.add(node.module)
    return names


def test_module_imports_form_no_cycle():
    names = {
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): p
        for p in modules()
    }
    graph = {name: imported(path) & set(names) - {name} for name, path in names.items()}
    done, active = set(), []

    def visit(name):
        if name in active:
            cycle = active[active.index(name) :] + [name]
            raise AssertionError("import cycle: " + " → ".join(cycle))
        if name in done:
            return
        active.append(name)
        for other in sorted(graph[name]):
            visit(other)
        active.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def imports_of(code: str) -> set[str]:
    """Top-level modules that running ``code`` in a fresh interpreter imports."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_the_html_path_imports_no_matplotlib():
    loaded = imports_of(
        "import mapping; from mapping.html import page_bytes, render_map;"
        "page_bytes(mapping.election_map(2019))"
    )
    assert "folium" in loaded
    assert "matplotlib" not in loaded


def test_help_imports_no_data_stack():
    loaded = imports_of("from mapping.cli import main")
    assert not {"pandas", "geopandas", "matplotlib", "folium"} & loaded


def test_the_table_path_imports_no_geometry_or_page_stack():
    loaded = imports_of(
        "import contextlib, io; from mapping.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['table', '--election', '2019'], standalone_mode=False)"
    )
    assert "pandas" in loaded
    assert not {"geopandas", "shapely", "folium", "jinja2", "matplotlib"} & loaded


def test_the_image_path_imports_no_page_stack():
    loaded = imports_of("import mapping.image.publish, mapping.custom")
    assert "matplotlib" in loaded
    assert not {"folium", "branca", "jinja2"} & loaded
