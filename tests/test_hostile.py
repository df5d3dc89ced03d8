"""Hostile input: files from anyone never run code, and their text stays literal.

One corpus of user files, made here from the shipped package, carries a hostile
string in every text field a user controls: seat names and codes of a boundary
file, and party headers, candidates and previous winners of a results table; the
files sit in a folder whose name is hostile too. Each hostile string goes to its
own seat (as name), to the next seat (as candidate), and so on, so one build of
each output covers every string. The outputs are then read as their readers
would read them: the map in Chromium, the SVG with an XML parser, the table with
the csv and json modules, the error line as a terminal shows it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import matplotlib.text
import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image
from playwright.sync_api import expect

from mapping.cli import main
from mapping.custom import load_data
from mapping.errors import InputWarning
from mapping.hexes import short_label
from mapping.image import render_image
from mapping.packed import read_payload
from mapping.text import visible

from .conftest import REPO, WatchedPage, page_data, page_election, snapshot

pytestmark = pytest.mark.slow  # builds every output and opens Chromium

HOSTILE = [
    "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "{{ 7*7 }}",
    "{% raw %}",
    "{# note #}",
    "<b>bold</b><script>alert(1)</script>",
    "</script><img src=x onerror=alert(2)>",
    "$\\foo$",
    "Cost $5 and $10",
    "\x1b[31mred\x1b[0m",
    "two\nlines",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "%s %(x)s {0}",
    "&amp; &lt;",
    # and similar: an HTML comment opener in a script, JavaScript's line
    # separator, template literals of other engines, a spreadsheet formula
    "<!--<script>",
    "line\u2028separator",
    "${7*7} #{7*7}",
    '=HYPERLINK("x")',
]
N = len(HOSTILE)

#: The folder of the user's files. GDAL cannot open a path holding a newline,
#: so the boundary files live here; the refused files below go further.
FOLDER = "{{ 7*7 }} \x1b[31mred\x1b[0m \u202eevil\u202c %s {0} $x$ é"
#: A folder for refused files: everything of FOLDER, and a newline.
WORSE_FOLDER = "{{ 7*7 }} \x1b[2J\x1b[31mred two\nlines \u202eevil\u202c $x$ é"

#: Raw characters that act on a terminal or a layout: never in a one-line message.
ACTIVE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def texts_of(k: int) -> dict[str, str]:
    """The hostile texts of the k-th hostile seat: every field holds another one."""
    return {
        "name": HOSTILE[k],
        "winner_name": HOSTILE[(k + 1) % N],
        "previous_winner": HOSTILE[(k + 2) % N],
        "party": HOSTILE[(k + 3) % N],
    }


def hostile_code(k: int) -> str:
    """A seat code of the custom areas: hostile text around an ONS-like code."""
    return f"E05{k:06d}{HOSTILE[k]}"


def one_line_forms(text: str) -> set[str]:
    """How a text may show in a one-line message: escaped, or quoted and escaped."""
    return {visible(text), visible(repr(text))}


def cli(args, *, color: bool = False):
    """Run the CLI. ``color=False`` is a pipe; ``color=True`` is a terminal, where
    click strips no escape sequence, so a raw one would reach the screen."""
    return CliRunner().invoke(main, [str(a) for a in args], color=color)


def assert_no_code_ran(*folders: Path) -> None:
    assert not (REPO / "PWNED").exists(), "a template ran in the repository"
    for folder in (*folders, Path.cwd()):
        assert not list(folder.rglob("PWNED")), f"a template ran in {folder}"


# --- the corpus -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """The working directory of every command: a template that ran would write here."""
    folder = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        yield folder


@pytest.fixture(scope="module")
def corpus(workdir, inputs, london_2019):
    """User files carrying hostile text in every field, and what each seat holds."""
    folder = workdir / FOLDER
    folder.mkdir()
    hostile_seats = london_2019["code"].iloc[::4].iloc[:N].tolist()
    seats = {code: texts_of(k) for k, code in enumerate(hostile_seats)}

    # Boundaries: hostile seat names (joined to the results by code).
    shapes = london_2019[["code", "name", "geometry"]].copy()
    for code, texts in seats.items():
        shapes.loc[shapes["code"] == code, "name"] = texts["name"]
    shapes.to_file(folder / "seats.gpkg", driver="GPKG")

    # Results: hostile candidates, previous winners and party headers.
    table = pd.read_csv(inputs / "results.csv")
    table["winner_name"] = "MP for " + table["name"]
    previous = dict(
        zip(london_2019["code"], london_2019["previous_winner"], strict=True)
    )
    table["previous_winner"] = table["code"].map(previous)
    for code, texts in seats.items():
        row = table["code"] == code
        table.loc[row, "winner_name"] = texts["winner_name"]
        table.loc[row, "previous_winner"] = texts["previous_winner"]
        table[texts["party"]] = row.astype(int)  # one vote, in this seat only
    table.to_csv(folder / "results.csv", index=False)

    # Custom areas: hostile codes, results joined by name only.
    codes = {code: hostile_code(k) for k, code in enumerate(hostile_seats)}
    custom = london_2019[["code", "name", "geometry"]].copy()
    custom["code"] = [
        codes.get(code, f"E05{900000 + i:06d}") for i, code in enumerate(custom["code"])
    ]
    custom.to_file(folder / "custom.gpkg", driver="GPKG")
    names = pd.read_csv(inputs / "results.csv").drop(columns="code")
    names.to_csv(folder / "by-name.csv", index=False)
    custom_codes = {
        name: codes[code]
        for code, name in zip(london_2019["code"], london_2019["name"], strict=True)
        if code in codes
    }
    return {
        "folder": folder,
        "seats": seats,
        "custom_codes": custom_codes,  # seat name → hostile code
        "files": snapshot(folder),
    }


#: The seats keep the file's (hostile) names: the package's names replace only
#: names that were not chosen with --name-column.
USER_FILES = (
    "--boundaries",
    "seats.gpkg",
    "--name-column",
    "name",
    "--results",
    "results.csv",
)
CUSTOM_FILES = (
    "--boundaries",
    "custom.gpkg",
    "--code-column",
    "code",
    "--results",
    "by-name.csv",
    "--region",
    "all",
)

#: Every command run on the corpus, once: name → (its arguments, the user's files).
#: ``{out}`` stands for the output folder.
RUNS = {
    "build": ("build --election 2019 --out {out}/map", USER_FILES),
    "build-clean": ("build --election 2019 --out {out}/clean", ()),
    "table-csv": ("table --election 2019 --format csv", USER_FILES),
    "table-json": ("table --election 2019 --format json", USER_FILES),
    "svg": (
        "image --election 2019 --layer gains --view hex --labels --alt-text "
        "--out {out}/gains.svg",
        USER_FILES,
    ),
    "png": (
        "image --election 2019 --layer gains --labels --out {out}/gains.png",
        USER_FILES,
    ),
    "pdf": (
        "image --election 2019 --layer gains --labels --out {out}/gains.pdf",
        USER_FILES,
    ),
    "custom-build": ("build --election 2019 --out {out}/custom", CUSTOM_FILES),
    "custom-table-csv": ("table --election 2019", CUSTOM_FILES),
    "custom-table-json": ("table --election 2019 --format json", CUSTOM_FILES),
    "custom-svg": (
        "image --election 2019 --layer winner --labels --alt-text "
        "--out {out}/custom.svg",
        CUSTOM_FILES,
    ),
}


@pytest.fixture(scope="module")
def runs(corpus, workdir, inputs):
    """Run every command once; each must leave the user's files as they were."""
    out = workdir / "out"
    done = {}
    for name, (command, files) in RUNS.items():
        args = command.replace("{out}", str(out)).split()
        if name == "build-clean":  # the same page without hostile text
            args += ["--boundaries", inputs / "london-bng.shp"]
            args += ["--results", inputs / "results.csv"]
        args += [
            corpus["folder"] / a if a.endswith((".gpkg", ".csv")) else a for a in files
        ]
        done[name] = cli(args)
        if snapshot(corpus["folder"]) != corpus["files"]:
            done.setdefault("changed the files", []).append(name)
        if list(workdir.rglob("PWNED")) or (REPO / "PWNED").exists():
            done.setdefault("ran code", []).append(name)
    done["out"] = out
    return done


def succeeded(runs, name):
    result = runs[name]
    assert result.exit_code == 0, (name, result.output, result.exception)
    return result


def test_no_command_ran_code_or_changed_the_files(runs, workdir):
    assert "ran code" not in runs, runs["ran code"]
    assert "changed the files" not in runs, runs["changed the files"]
    assert_no_code_ran(workdir)


# --- every command --------------------------------------------------------------------


@pytest.mark.parametrize("name", list(RUNS))
def test_commands_succeed_and_warn_on_one_line(runs, name):
    result = succeeded(runs, name)
    assert "Traceback" not in result.output
    for line in result.stderr.splitlines():
        assert line.startswith("Warning: "), result.stderr
    assert not ACTIVE.search(result.stderr.replace("\n", "")), result.stderr
    # A warning about the user's files names them, escaped (one of another kind
    # ends with its category, e.g. "(DeprecationWarning)").
    about_files = [w for w in result.stderr.splitlines() if not w.endswith("Warning)")]
    assert all(visible(FOLDER) in warning for warning in about_files)


@pytest.mark.parametrize("name", ["build", "table-csv", "svg"])
def test_unknown_party_headers_show_literally(runs, corpus, hostile_parties, name):
    """An unknown party header is counted as Other with a warning, or kept as a
    party of its own: either way its text shows as written, never rendered."""
    stderr = succeeded(runs, name).stderr
    headers = [texts["party"] for texts in corpus["seats"].values()]
    if "unknown party" in stderr:
        unshown = [
            h for h in headers if not any(form in stderr for form in one_line_forms(h))
        ]
        assert unshown == [], stderr
    else:
        assert set(headers) <= set(hostile_parties), "a header vanished unannounced"


def test_the_library_warns_with_the_headers_as_written(corpus):
    folder = corpus["folder"]
    with pytest.warns(InputWarning) as caught:
        load_data(
            2019,
            boundaries=folder / "seats.gpkg",
            name_column="name",
            results=folder / "results.csv",
        )
    messages = "\n".join(str(w.message) for w in caught)
    for texts in corpus["seats"].values():
        assert repr(texts["party"]) in messages or texts["party"] in messages


# --- the table: exactly as given ------------------------------------------------------


def parse_table(result, fmt: str) -> list[dict]:
    if fmt == "json":
        return json.loads(result.stdout)
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_table_gives_back_the_text_exactly(runs, corpus, fmt):
    rows = {r["code"]: r for r in parse_table(succeeded(runs, f"table-{fmt}"), fmt)}
    changed = {}
    for code, texts in corpus["seats"].items():
        expected = {
            "name": texts["name"],
            "winner_name": texts["winner_name"],
            "previous_winner": texts["previous_winner"],
            "gained_from": texts["previous_winner"],
        }
        got = {column: rows[code][column] for column in expected}
        if got != expected:
            changed[code] = {
                c: (expected[c], got[c]) for c in got if got[c] != expected[c]
            }
    assert changed == {}, f"(given, printed): {changed}"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_table_gives_back_hostile_codes_exactly(runs, corpus, fmt):
    rows = parse_table(succeeded(runs, f"custom-table-{fmt}"), fmt)
    codes = {r["name"]: r["code"] for r in rows}
    assert len(rows) == 73
    printed = {name: codes[name] for name in corpus["custom_codes"]}
    assert printed == corpus["custom_codes"]


# --- the interactive map: data island -------------------------------------------------


def test_page_data_keeps_the_text_exact(runs, corpus):
    succeeded(runs, "build")
    page = (runs["out"] / "map" / "london-2019.html").read_text(encoding="utf-8")
    election = page_election(page_data(page))
    codes = election["boundaries"]["codes"]
    for code, texts in corpus["seats"].items():
        i = codes.index(code)
        assert election["boundaries"]["names"][i] == texts["name"]
        assert election["seats"]["winner_name"][i] == texts["winner_name"]
        # The call ("X gain from Y") is the page's, from the exact party codes.
        assert election["seats"]["previous_winner"][i] == texts["previous_winner"]
        assert "result" in election["derive"]
    # No hostile markup reaches the page as markup, in the file or in the data
    # island as the page unpacks it: the island escapes it.
    island = read_payload(page)["data"].text
    for markup in ("<b>bold", "<script>alert", "<img src=x", "<!--<script>"):
        assert markup not in page and markup not in island


# --- the interactive map in Chromium --------------------------------------------------


class Watched(WatchedPage):
    """A built map in Chromium, with helpers to find hostile text in it."""

    def markup(self) -> dict[str, int]:
        """Elements that hostile markup would create, counted."""
        return self.page.evaluate(
            """() => ({
                "img, b": document.querySelectorAll("img, b").length,
                "script": document.querySelectorAll("script").length,
                "iframe, object, embed":
                    document.querySelectorAll("iframe, object, embed").length,
            })"""
        )

    def search(self, name: str):
        """Find a seat with the page's search box; return its popup."""
        box = self.page.locator(".lm-search input")
        box.fill(name.split("\n")[0])  # a search box holds one line of text
        box.press("Enter")
        miss = self.page.locator(".lm-search .lm-miss").inner_text()
        assert miss == "", f"the page has no seat called {name!r}: {miss}"
        popup = self.page.locator(".leaflet-popup-content")
        expect(popup).to_have_count(1)  # the previous popup fades out first
        return popup


def text_content(locator) -> str:
    return locator.evaluate("e => e.textContent")


@pytest.fixture(scope="module")
def hostile_page(browser, runs):
    succeeded(runs, "build")
    page = Watched(browser, runs["out"] / "map" / "london-2019.html")
    yield page
    page.page.close()


@pytest.fixture(scope="module")
def hostile_parties(runs):
    page = runs["out"] / "map" / "london-2019.html"
    return page_data(page.read_text(encoding="utf-8"))["parties"]


@pytest.fixture(scope="module")
def clean_markup(browser, runs):
    """What the page holds without hostile text, with a popup open."""
    succeeded(runs, "build-clean")
    page = Watched(browser, runs["out"] / "clean" / "london-2019.html")

    def count():
        page.search("Putney")
        counts = page.markup()
        page.assert_quiet()
        page.page.close()
        return counts

    return count()


@pytest.mark.browser
@pytest.mark.parametrize("k", range(N), ids=[f"hostile{k}" for k in range(N)])
def test_search_and_popup_show_the_text_literally(
    browser, hostile_page, clean_markup, hostile_parties, corpus, k
):
    code = list(corpus["seats"])[k]
    texts = corpus["seats"][code]

    def check():
        popup = hostile_page.search(texts["name"])
        assert text_content(popup.locator("h3")) == texts["name"]
        whole = text_content(popup)
        assert f"Elected: {texts['winner_name']} (" in whole
        assert f" gain from {texts['previous_winner']} · 2019" in whole
        # As the reader sees it: the same characters, white space folded.
        shown = " ".join(popup.inner_text().split())
        for field in ("name", "winner_name", "previous_winner"):
            assert " ".join(texts[field].split()) in shown, field
        if texts["party"] in hostile_parties:  # an unknown header kept as a party
            assert texts["party"] in whole
        assert hostile_page.markup() == clean_markup
        hostile_page.assert_quiet()

    check()


@pytest.mark.browser
def test_tooltips_hex_labels_and_seat_names_show_the_text_literally(
    browser, runs, corpus
):
    succeeded(runs, "build")
    page = Watched(browser, runs["out"] / "map" / "london-2019.html")

    def check():
        for code, texts in corpus["seats"].items():
            # the seats whose accessible name holds this name include its own
            named = page.page.get_by_role(
                "option", name=" ".join(texts["name"].split())
            )
            codes = named.evaluate_all("els => els.map(e => e.dataset.code)")
            assert code in codes, (texts["name"], codes)
        page.page.check('input[name="lm-view"][value="hex"]')
        labels = page.page.locator(".lm-hex-label span").evaluate_all(
            "els => els.map(e => e.textContent)"
        )
        for code, texts in corpus["seats"].items():
            assert short_label(texts["name"]) in labels
            page.page.locator(f'path.lm-seat[data-code="{code}"]').hover()
            tooltip = page.page.locator(".leaflet-tooltip strong")
            expect(tooltip).to_have_count(1)  # the previous tooltip fades out first
            assert text_content(tooltip) == texts["name"]
        page.assert_quiet()

    try:
        check()
    finally:
        page.page.close()


@pytest.mark.browser
def test_hostile_codes_stay_attributes_and_run_nothing(browser, runs, corpus):
    succeeded(runs, "custom-build")
    page = Watched(browser, runs["out"] / "custom" / "all-2019.html")

    def check():
        drawn = page.page.locator("path.lm-seat").evaluate_all(
            "els => els.map(e => e.getAttribute('data-code'))"
        )
        assert len(drawn) == 73
        assert set(corpus["custom_codes"].values()) <= set(drawn)
        name = next(iter(corpus["custom_codes"]))
        assert text_content(page.search(name).locator("h3")) == name
        assert page.page.evaluate("document.querySelectorAll('img, b').length") == 0
        page.assert_quiet()

    try:
        check()
    finally:
        page.page.close()


# --- static images --------------------------------------------------------------------


def svg_ids(path: Path) -> set[str]:
    """The ids of an SVG file, once it has parsed; no text in it acts on a screen."""
    root = ET.parse(path).getroot()  # must parse
    for element in root.iter():
        for text in (element.text, element.tail, *element.attrib.values()):
            # (path data and styles are wrapped with newlines and tabs)
            text = (text or "").replace("\n", "").replace("\t", "")
            assert not ACTIVE.search(text), (element.tag, text)
    return {element.get("id") for element in root.iter()}


def test_svg_parses_and_labels_every_seat(runs, corpus):
    # The labels are drawn as glyph outlines (their halo needs a path), so the
    # text they show is checked on the matplotlib figure below.
    succeeded(runs, "svg")
    ids = svg_ids(runs["out"] / "gains.svg")
    for code in corpus["seats"]:
        assert f"label-gains-{code}" in ids


def test_svg_of_custom_areas_keeps_hostile_codes_as_ids(runs, corpus):
    succeeded(runs, "custom-svg")
    ids = svg_ids(runs["out"] / "custom.svg")
    for code in corpus["custom_codes"].values():
        assert f"seat-winner-{visible(code)}" in ids
        assert f"label-winner-{visible(code)}" in ids


def test_png_and_pdf_are_written(runs):
    succeeded(runs, "png")
    succeeded(runs, "pdf")
    with Image.open(runs["out"] / "gains.png") as image:
        image.verify()
        assert image.width > 1000
    pdf = (runs["out"] / "gains.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_alt_text_names_the_seats_literally(runs, corpus):
    succeeded(runs, "svg")
    text = (runs["out"] / "gains.alt.txt").read_text(encoding="utf-8")
    # Every hostile seat is a gain (from a hostile previous winner), so named.
    for seat in corpus["seats"].values():
        assert seat["name"] in text or visible(seat["name"]) in text, seat["name"]


@pytest.fixture(scope="module")
def frames(corpus):
    folder = corpus["folder"]
    with pytest.warns(InputWarning):
        seats = load_data(
            2019,
            boundaries=folder / "seats.gpkg",
            name_column="name",
            results=folder / "results.csv",
        )
        custom = load_data(
            2019,
            region="all",
            boundaries=folder / "custom.gpkg",
            code_column="code",
            results=folder / "by-name.csv",
        )
    return {"seats": seats, "custom": custom}


@pytest.mark.parametrize(
    ("frame", "view"), [("seats", "geo"), ("seats", "hex"), ("custom", "geo")]
)
def test_matplotlib_draws_seat_labels_literally(frames, corpus, frame, view):
    if frame == "seats":
        expected = {code: t["name"] for code, t in corpus["seats"].items()}
    else:
        expected = {code: name for name, code in corpus["custom_codes"].items()}
    fig, _ = render_image(frames[frame], "winner", labels=True, view=view)
    texts = fig.findobj(matplotlib.text.Text)
    assert [t.get_text() for t in texts if t.get_parse_math()] == []
    raw = [t.get_text() for t in texts if ACTIVE.search(t.get_text().replace("\n", ""))]
    assert raw == []
    labels = {t.get_gid(): t.get_text() for t in texts if t.get_gid()}
    for code, name in expected.items():
        assert labels[f"label-winner-{visible(code)}"] == short_label(visible(name))


# --- refused files: one escaped line --------------------------------------------------


def _results_with(inputs, **cells) -> pd.DataFrame:
    table = pd.read_csv(inputs / "results.csv")
    for column, value in cells.items():
        table[column] = table[column].astype(object)
        table.loc[0, column] = value
    return table


HOSTILE_CELL = "{{ 7*7 }}\x1b[2J\x1b[31m two\nlines \u202eevil\u202c"


def refused_results_code(folder, inputs):
    path = folder / "results.csv"
    _results_with(inputs, code=HOSTILE_CELL, name=HOSTILE_CELL).to_csv(
        path, index=False
    )
    return ["--results", path], "is not an ONS code"


def refused_results_name(folder, inputs):
    path = folder / "results.csv"
    table = _results_with(inputs, name=HOSTILE_CELL).drop(columns="code")
    table.to_csv(path, index=False)
    return ["--results", path], "no seat called"


def refused_results_vote(folder, inputs):
    path = folder / "results.csv"
    _results_with(inputs, Lab=HOSTILE_CELL).to_csv(path, index=False)
    return ["--results", path], "is not a number"


def refused_results_header(folder, inputs):
    path = folder / "results.csv"
    table = pd.read_csv(inputs / "results.csv")
    table.columns = [*table.columns[:-2], HOSTILE_CELL, HOSTILE_CELL]
    table.to_csv(path, index=False)
    return ["--results", path], "columns are called"


def refused_missing(folder, inputs):
    return ["--results", folder / f"{HOSTILE_CELL}.csv"], "no such file"


def refused_boundaries_garbage(folder, inputs):
    path = folder.parent / FOLDER / "seats.geojson"
    path.parent.mkdir(exist_ok=True)
    path.write_text('{"type": "' + HOSTILE_CELL + "<script>alert(1)</script>")
    return ["--boundaries", path], "seats.geojson: "


def refused_boundaries_columns(folder, inputs):
    path = folder.parent / FOLDER / "seats.geojson"
    path.parent.mkdir(exist_ok=True)
    shapes = gpd.read_file(inputs / "london-bng.shp")
    shapes = shapes.rename(columns={"code": HOSTILE_CELL, "name": HOSTILE[4]})
    shapes[HOSTILE_CELL] = HOSTILE[0]
    shapes.to_file(path, driver="GeoJSON")
    return ["--boundaries", path], "no column of ONS codes"


def refused_boundaries_unopenable(folder, inputs):
    # GDAL cannot open a path that holds a newline: the file is fine.
    path = folder / "seats.gpkg"
    gpd.read_file(inputs / "london-bng.shp").to_file(folder.parent / "seats.gpkg")
    (folder.parent / "seats.gpkg").rename(path)
    return ["--boundaries", path], ""


REFUSALS = [
    refused_results_code,
    refused_results_name,
    refused_results_vote,
    refused_results_header,
    refused_missing,
    refused_boundaries_garbage,
    refused_boundaries_columns,
    refused_boundaries_unopenable,
]


@pytest.mark.parametrize(
    "make", REFUSALS, ids=[f.__name__.removeprefix("refused_") for f in REFUSALS]
)
def test_a_refused_file_is_reported_on_one_escaped_line(
    tmp_path, monkeypatch, inputs, make
):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / WORSE_FOLDER
    folder.mkdir()
    args, expected = make(folder, inputs)
    path = str(args[-1])
    problems = tmp_path / "problems.txt"
    before = snapshot(tmp_path)
    result = cli(
        ["table", "--election", "2019", "--problems", problems, *args], color=True
    )
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert all(line.startswith(("Error: ", "Warning: ")) for line in lines), lines
    assert [line for line in lines if line.startswith("Error: ")] == lines[-1:]
    error = lines[-1]
    assert not ACTIVE.search(result.stderr.replace("\n", "")), result.stderr
    assert visible(path) in error  # the path, escapes shown as text
    assert "{{ 7*7 }}" in error and "\\x1b[31m" in error
    assert expected in error
    listed = problems.read_text(encoding="utf-8")
    assert not ACTIVE.search(listed.replace("\n", ""))
    assert all(visible(path) in line for line in listed.splitlines())
    after = snapshot(tmp_path)
    assert after[0].pop(Path("problems.txt"))
    assert after == before
    assert_no_code_ran(tmp_path)


def test_written_paths_show_on_one_line(tmp_path, monkeypatch, inputs):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / WORSE_FOLDER
    result = cli(["build", "--election", "2019", "--out", out], color=True)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert all(line.startswith(f"wrote {visible(out)}/") for line in lines), lines
    assert not ACTIVE.search(result.stdout.replace("\n", ""))
