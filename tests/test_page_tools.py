"""The page's tools in Chromium: forgiving search, the table of seats, its CSV."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

import mapping
from mapping.cli import _format_table
from mapping.html import render_map, save_map
from mapping.site import build_maps
from mapping.text import normalise_name

from .page_helpers import DESKTOP, PHONE, boxes, inside, open_sized, overlap, pick

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tool-maps")
    build_maps([2017, 2019, 2024], out_dir=out)
    return out


@pytest.fixture(scope="module")
def page_2017(browser, built):
    watched = open_sized(browser, built / "london-2017.html")
    yield watched.page
    watched.page.close()
    watched.assert_quiet()


@pytest.mark.parametrize(
    ("query", "seat"),
    [
        ("Enfield Southgate", "Enfield, Southgate"),
        ("Ealing Central & Acton", "Ealing Central and Acton"),
        ("Bermondsey & Old Southwark", "Bermondsey and Old Southwark"),
        ("Greening", "Putney"),  # Justine Greening, MP for Putney in 2017
        ("Westminster Cities", "Cities of London and Westminster"),
        ("southgate enfield", "Enfield, Southgate"),
        ("ST PANCRAS", "Holborn and St Pancras"),
        ("Corbyn", "Islington North"),
    ],
)
def test_search_forgives_and_puts_the_right_seat_first(page_2017, query, seat):
    box = page_2017.locator(".lm-search input")
    box.fill(query)
    options = page_2017.get_by_role("listbox", name="Matching seats").get_by_role(
        "option"
    )
    assert options.count() >= 1
    assert options.first.inner_text().splitlines()[0] == seat
    box.press("Enter")
    heading = page_2017.locator(".leaflet-popup-content h3")
    page_2017.wait_for_function(
        "(name) => [...document.querySelectorAll('.leaflet-popup-content h3')]"
        ".some((h) => h.textContent === name)",
        arg=seat,
    )
    assert seat in heading.all_inner_texts()


def test_search_is_a_keyboard_combobox(page_2017):
    box = page_2017.locator(".lm-search input")
    box.fill("west")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    names = page_2017.locator("#lm-hits [role=option]").all_inner_texts()
    assert len(names) >= 2
    box.press("ArrowDown")
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    chosen = page_2017.locator(f"#{active}")
    assert chosen.get_attribute("aria-selected") == "true"
    assert chosen.inner_text() == names[1]
    box.press("Enter")
    assert box.get_attribute("aria-expanded") == "false"
    expected = names[1].splitlines()[0]
    page_2017.wait_for_function(
        "(name) => [...document.querySelectorAll('.leaflet-popup-content h3')]"
        ".some((h) => h.textContent === name)",
        arg=expected,
    )
    page_2017.keyboard.press("Escape")  # closes the result, back to the box
    assert page_2017.evaluate("document.activeElement.id") == "lm-find"


@pytest.mark.parametrize("size", [DESKTOP, PHONE])
def test_a_hit_shows_the_seat_with_its_neighbours(browser, built, size):
    """Not a fixed zoom: the seat and every seat touching it are in view,
    clear of the controls."""
    frame = mapping.load_election(2017)
    target = frame.loc[frame["name"] == "Battersea"]
    touching = frame.touches(target.geometry.item()) | frame.index.isin(target.index)
    codes = frame.loc[touching, "code"].tolist()
    watched = open_sized(browser, built / "london-2017.html", size)
    page = watched.page
    box = page.locator(".lm-search input")
    box.fill("Battersea")
    box.press("Enter")
    page.keyboard.press("Escape")  # the result closes; the map stays
    found = boxes(page)
    seats = [seat for seat in found["each"] if seat["code"] in codes]
    assert len(seats) >= 5
    controls = [found[n] for n in ("panel", "legend", "attribution", "zoom")]
    for seat in seats:
        assert inside(seat, found["viewport"]), seat
        assert not any(overlap(seat, control) for control in controls), seat
    watched.page.close()


def test_fold_mirrors_normalise_name(page_2017):
    names = set()
    for year in (2010, 2017, 2024):
        data = mapping.load_data(year)
        names.update(data.seats["name"])
        names.update(data.votes["candidate"].dropna())
    names.update(
        [
            "Ynys Môn",
            "Enfield, Southgate",
            "Queen's Park and Maida Vale",
            "Ealing Central & Acton",
            "Wrekin, The",
            "  Straße  Ünïcödé—dash ",
            "Bermondsey &Old Southwark",
        ]
    )
    names = sorted(names)
    folded = page_2017.evaluate("(names) => names.map(lmText.fold)", names)
    assert folded == [normalise_name(n) for n in names]


def test_the_table_view_sorts_every_column(page_2017):
    page_2017.get_by_role("button", name="Table of seats").click()
    dialog = page_2017.get_by_role(
        "dialog", name="Seats: London, 2017 general election"
    )
    assert dialog.is_visible()
    table = dialog.locator("table")
    assert "London, 2017 general election" in table.locator("caption").inner_text()
    headers = table.locator("thead th")
    assert headers.count() >= 8
    assert all(
        scope == "col"
        for scope in headers.evaluate_all("ths => ths.map(th => th.scope)")
    )
    assert table.locator("tbody th[scope=row]").count() == 73
    seats = table.locator("tbody th").all_inner_texts()
    assert seats == sorted(seats, key=str.casefold) or seats[0] == "Barking"
    majority = headers.nth(4)
    majority.get_by_role("button").click()
    assert majority.get_attribute("aria-sort") == "ascending"
    assert headers.nth(0).get_attribute("aria-sort") is None
    first = table.locator("tbody tr").first.locator("td").nth(3).inner_text()
    assert first == "20"  # Kensington, the smallest majority of 2017
    majority.get_by_role("button").click()
    assert majority.get_attribute("aria-sort") == "descending"
    assert table.locator("tbody th").first.inner_text() == "East Ham"
    page_2017.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page_2017.evaluate("document.activeElement.textContent") == "Table of seats"


def cli_table(year: int) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "mapping", "table", "--election", str(year)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def download_csv(page) -> tuple[str, str]:
    page.get_by_role("button", name="Table of seats").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    download = info.value
    page.keyboard.press("Escape")
    return download.suggested_filename, download.path().read_text(encoding="utf-8")


def test_the_csv_is_the_table_command(page_2017):
    name, text = download_csv(page_2017)
    assert name == "london-2017.csv"
    assert text == cli_table(2017)


@pytest.mark.parametrize("year", [2019, 2024])
def test_the_csv_is_the_table_command_every_year(browser, built, year):
    watched = open_sized(browser, built / f"london-{year}.html")
    pick(watched.page, "lm-layer", "remain")  # the CSV does not follow the layer
    _, text = download_csv(watched.page)
    assert text == cli_table(year)
    watched.page.close()


def test_the_csv_of_awkward_names_is_quoted_as_the_command_quotes(browser, tmp_path):
    data = mapping.load_data(2019)
    frame = data.seats.copy()
    frame.loc[0, "name"] = 'Barking, "East" & Dagenham'
    frame.loc[1, "winner_name"] = "Line\nbreak, and <b>tags</b>"
    path = save_map(render_map(replace(data, seats=frame)), tmp_path / "odd.html")
    watched = open_sized(browser, path)
    _, text = download_csv(watched.page)
    expected = _format_table(mapping.api.table_of(frame), "csv")
    assert text == expected
    watched.page.close()


def test_the_csv_prints_change_columns_as_the_command_does(browser, tmp_path):
    data = mapping.load_data(2019)
    frame = data.seats.copy()
    frame.loc[0, "lead_change"] = -0.001  # rounds to zero: "0.00", never "-0.00"
    frame.loc[1, "change_Lab"] = 12.345
    frame.loc[2, "swing_con_to_lab"] = float("nan")
    frame.loc[3, "previous_majority"] = 7
    path = save_map(render_map(replace(data, seats=frame)), tmp_path / "changes.html")
    watched = open_sized(browser, path)
    _, text = download_csv(watched.page)
    expected = _format_table(mapping.api.table_of(frame), "csv")
    assert text == expected
    header, first, *_ = expected.splitlines()
    row = dict(zip(header.split(","), first.split(","), strict=True))
    assert row["lead_change"] == "0.00"
    watched.page.close()
