"""Shared fixtures: the official source files and the data package."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import mapping

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


def require(condition: bool, reason: str) -> None:
    """Skip locally when a prerequisite is missing; fail in CI, where it must exist."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def source_dir() -> Path:
    """The official source files, laid out as the pipeline expects."""
    require(SHARED_DATA.is_dir(), f"official sources not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def package_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of the data package that a test may damage."""
    import shutil

    from mapping import package

    copy = tmp_path / "package"
    shutil.copytree(REPO / "boundaries", copy)
    monkeypatch.setenv(package.PACKAGE_ENV, str(copy))
    return copy


# --- user files made from the shipped package ---------------------------------------


@pytest.fixture(scope="session")
def london_2019():
    return mapping.load_election(2019)


@pytest.fixture(scope="session")
def inputs(tmp_path_factory, london_2019):
    """Good inputs made from the shipped package: files the tests then spoil."""
    folder = tmp_path_factory.mktemp("inputs")
    shapes = london_2019[["code", "name", "geometry"]]
    shapes.to_file(folder / "london-bng.shp")  # with its .prj
    shapes.rename(columns={"code": "PCON19CD", "name": "PCON19NM"}).to_crs(
        4326
    ).to_file(folder / "london-wgs84.geojson", driver="GeoJSON")
    votes = mapping.load_votes(2019)
    wide = votes.pivot_table(
        index="code", columns="party", values="votes", aggfunc="sum"
    )
    wide = wide.fillna(0).astype(int).reset_index()
    results = london_2019[["code", "name", "electorate"]].merge(wide, on="code")
    results.to_csv(folder / "results.csv", index=False)
    return folder


def snapshot(*folders) -> list[dict]:
    """The sha256 of every file below each folder: to prove nothing changed."""
    return [
        {
            p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
        for folder in folders
    ]


def assert_refused(args, expected: str, *untouched) -> None:
    """Run the CLI: one-line ``Error:`` holding ``expected``, exit 2, no traceback,
    and every file below the ``untouched`` folders as it was."""
    from click.testing import CliRunner

    from mapping.cli import main

    before = snapshot(*untouched)
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: "), result.output
    assert expected in lines[-1], result.output
    assert "Traceback" not in result.output
    assert snapshot(*untouched) == before


def page_data(page: str) -> dict:
    """The data island of a built map page, as its script reads it.

    Each election's layers are whole (:func:`read_layers`), as map.js merges them.
    """
    island = island_json(page)
    for election in island["elections"]:
        election["layers"] = read_layers(island, election)
    return island


def read_layers(island: dict, election: dict) -> list[dict]:
    """An election's layers as map.js reads them: each layer's head, then what
    the election changes; classes as numbers (-1: no data); a layer it lacks
    with every seat no data, and why."""
    seats = len(election["votes"])
    layers = []
    for head, own in zip(island["layers"], election["layers"], strict=True):
        if "absent" in own:
            why = own["absent"]
            own = {
                "note": f"{why}.",
                "no_data": why,
                "legend": [],
                "classes": [-1] * seats,
            }
        layer = {**head, **own}
        if isinstance(layer["classes"], str):
            layer["classes"] = [
                -1 if c == "-" else int(c, 36) for c in layer["classes"]
            ]
        layers.append(layer)
    return layers


def island_json(page: str) -> dict:
    """The data island of a built map page, unpacked as its script unpacks it
    (:func:`mapping.packed.read_payload`) and parsed as JSON."""
    from mapping.packed import read_payload

    return json.loads(read_payload(page)["data"].text)


def page_election(island: dict, year: int | None = None) -> dict:
    """One election of a page's data island (the only one, or ``year``'s),
    with its boundary set under ``"boundaries"``."""
    elections = island["elections"]
    if year is None:
        assert len(elections) == 1, [e["year"] for e in elections]
        election = elections[0]
    else:
        election = next(e for e in elections if e["year"] == year)
    return {**election, "boundaries": island["sets"][election["set"]]}


# --- the browser ---------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright (never a browser of its own)."""
    import shutil

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    require(executable is not None, "Debian's chromium is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def opened(browser):
    """Open a built map (at an address fragment, at a size), watched until the end.

    Returns the Playwright page; when the test ends, each page must have been
    quiet: no console error, dialog or request.
    """
    from .page_helpers import DESKTOP, open_sized

    pages = []

    def _open(path, hash_="", size=DESKTOP):
        watched = open_sized(browser, path, size, hash_)
        pages.append(watched)
        return watched.page

    yield _open
    for watched in pages:
        watched.page.close()
        watched.assert_quiet()


class WatchedPage:
    """A built map open in Chromium, recording console errors, dialogs and requests."""

    def __init__(self, browser, path: Path, fragment: str = "") -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 850})
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on(
            "console", lambda m: m.type == "error" and self.errors.append(m.text)
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url + fragment)  # "#2017/gains/hex": a view of the page
        self.page.wait_for_function("window.londonMapsState !== undefined")

    def assert_quiet(self) -> None:
        """No script ran, nothing failed, and the page asked for nothing else."""
        assert self.dialogs == [], f"a script ran: {self.dialogs}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert [u for u in self.requests if u != self.url] == [], (
            f"the page used the network: {self.requests}"
        )
