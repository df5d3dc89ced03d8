"""The built maps in a real headless Chromium (Playwright driving Debian's chromium)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import shapely
from playwright.sync_api import expect

import mapping
from mapping import style
from mapping.html import render_map, save_map
from mapping.layers import layers_for, style_layer
from mapping.site import build_maps

from .conftest import WatchedPage
from .page_helpers import drawn

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="session")
def maps(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser-maps")
    build_maps([2019, 2024], out_dir=out)
    return out


class Page(WatchedPage):
    """A built map in Chromium, with helpers to read what it drew."""

    def seat(self, code):
        return self.page.locator(f'path.lm-seat[data-code="{code}"]')

    def drawn(self):
        """What the browser drew for each seat shown: fill, hatch lines, edge.

        Read from the computed style; a hatched fill is followed to its pattern.
        """
        return drawn(self.page)

    def pick(self, name, value):
        self.page.check(f'input[name="{name}"][value="{value}"]')

    def legend(self):
        return self.page.locator(".lm-legend").inner_text()

    def close(self):
        self.page.close()
        self.assert_quiet()


def expected_drawing(frame, layer):
    """What each seat should look like on ``layer``, from the layer definition."""
    styled = style_layer(frame, layer)
    expected = {}
    for code, colour, index in zip(
        frame["code"], styled.colours(), styled.seat_entry, strict=True
    ):
        hatch = styled.entries[index].hatch if index >= 0 else None
        expected[code] = {
            "fill": colour,
            "hatch": hatch,
            "edge": style.GAIN_OUTLINE if hatch else style.SEAT_EDGE,
            "width": style.GAIN_OUTLINE_PX if hatch else style.SEAT_EDGE_PX,
        }
    return expected


@pytest.fixture
def open_map(browser):
    pages = []

    def _open(path):
        pages.append(Page(browser, path))
        return pages[-1]

    yield _open
    for page in pages:
        page.close()


def code_of(frame, name):
    return frame.loc[frame["name"] == name, "code"].item()


@pytest.mark.parametrize(("year", "seats"), [(2019, 73), (2024, 75)])
def test_one_interactive_shape_per_seat(maps, open_map, year, seats):
    page = open_map(maps / f"london-{year}.html")
    assert page.page.locator("path.lm-seat.leaflet-interactive").count() == seats


@pytest.mark.parametrize("view", ["geo", "hex"])
def test_each_layer_switches_colours_and_legend(maps, open_map, view):
    frame = mapping.load_election(2019)
    page = open_map(maps / "london-2019.html")
    page.pick("lm-view", view)
    seen = set()
    for layer in layers_for(frame):
        if layer.group:  # one choice of its group: reached by its address
            address = f"#2019/{layer.id}/{view}"
            page.page.evaluate("(h) => { location.hash = h; }", address)
            page.page.wait_for_function(
                "(t) => document.querySelector('.lm-legend h2').textContent === t",
                arg=layer.title,
            )
        else:
            page.pick("lm-layer", layer.id)
        styled = style_layer(frame, layer)
        drawn = page.drawn()
        assert drawn == expected_drawing(frame, layer), layer.id
        legend = page.legend()
        assert legend.startswith(layer.title)
        for entry in styled.entries:
            assert entry.label in legend
        seen.add(tuple(seat["fill"] for seat in drawn.values()))
    assert len(seen) == len(layers_for(frame))  # every layer looks different


def test_gains_have_a_second_cue(maps, open_map):
    frame = mapping.load_election(2019)
    page = open_map(maps / "london-2019.html")
    page.pick("lm-layer", "gains")
    kensington = page.seat(code_of(frame, "Kensington"))
    barking = page.seat(code_of(frame, "Barking"))
    assert kensington.get_attribute("fill").startswith("url(#lm-hatch-")
    assert float(kensington.get_attribute("stroke-width")) > 2
    assert barking.get_attribute("fill").startswith("#")
    assert page.page.locator(".lm-legend .lm-swatch.lm-outlined").count() == 3


def inner_point(frame, name):
    """A point well inside a seat, as [lat, lng]."""
    shape = frame.loc[frame["name"] == name].to_crs(4326).geometry.item()
    point = shapely.Point(shape.envelope.centroid)
    assert shape.buffer(-0.003).contains(point)
    return point.y, point.x


def test_hover_shows_name_winner_and_majority(maps, open_map):
    frame = mapping.load_election(2019)
    page = open_map(maps / "london-2019.html")
    page.pick("lm-view", "hex")
    page.seat(code_of(frame, "Putney")).hover()
    tooltip = page.page.locator(".leaflet-tooltip").inner_text()
    assert "Putney" in tooltip and "Labour" in tooltip and "Majority 4,774" in tooltip


def test_click_shows_the_full_result(maps, open_map):
    frame = mapping.load_election(2019)
    page = open_map(maps / "london-2019.html")
    page.pick("lm-view", "hex")
    page.seat(code_of(frame, "Kensington")).click()
    popup = page.page.locator(".leaflet-popup-content").inner_text()
    assert "Con gain from Lab" in popup
    assert "Felicity Buchan" in popup
    assert "Majority 150" in popup
    votes = mapping.load_votes(2019)
    rows = votes[votes["code"] == code_of(frame, "Kensington")]
    assert page.page.locator(".leaflet-popup-content tr").count() == len(rows) + 1
    assert re.search(r"Turnout \d+\.\d%", popup) and "Remain 2016 (estimate" in popup


def hover_seat(page, frame, name):
    """Move the mouse to a point well inside a seat of the geographic view."""
    lat, lng = inner_point(frame, name)
    x, y = page.page.evaluate(
        f"(() => {{ const m = Object.values(window).find(v => v instanceof L.Map);"
        f" const p = m.latLngToContainerPoint([{lat}, {lng}]); return [p.x, p.y]; }})()"
    )
    page.page.mouse.move(x, y)
    return page.page.locator(".leaflet-tooltip").inner_text()


def test_hover_in_the_geographic_view(maps, open_map):
    frame = mapping.load_election(2024)
    page = open_map(maps / "london-2024.html")
    tooltip = hover_seat(page, frame, "Bexleyheath and Crayford")
    assert "Bexleyheath and Crayford" in tooltip


def test_hex_view_has_one_hexagon_per_seat(maps, open_map):
    page = open_map(maps / "london-2024.html")
    page.pick("lm-view", "hex")
    shapes = page.page.locator("path.lm-seat")
    assert shapes.count() == 75
    for d in shapes.evaluate_all("els => els.map(e => e.getAttribute('d'))"):
        assert len(re.findall(r"[ML]", d)) == 6


def test_search_finds_putney(maps, open_map):
    page = open_map(maps / "london-2019.html")
    zoom = page.page.evaluate(
        "Object.values(window).find(v => v instanceof L.Map).getZoom()"
    )
    box = page.page.locator(".lm-search input")
    box.fill("putney")
    box.press("Enter")
    assert "Putney" in page.page.locator(".leaflet-popup-content h3").inner_text()
    after = page.page.evaluate(
        "Object.values(window).find(v => v instanceof L.Map).getZoom()"
    )
    assert after > zoom
    box.fill("Atlantis")
    box.press("Enter")
    assert "No seat matches" in page.page.locator(".lm-search").inner_text()


def test_hostile_names_show_as_text(open_map, tmp_path):
    frame = mapping.load_election(2019)
    votes = mapping.load_votes(2019)
    target = frame["name"] == "Westminster North"
    frame.loc[target, "name"] = "<img src=x onerror=alert(1)>"
    frame.loc[frame["name"] == "Putney", "name"] = "Queen's Park and Maida Vale"
    path = save_map(
        render_map(replace(mapping.load_data(2019), seats=frame, votes=votes)),
        tmp_path / "x.html",
    )
    page = open_map(path)
    page.pick("lm-view", "hex")
    page.seat(frame.loc[target, "code"].item()).click()
    assert (
        page.page.locator(".leaflet-popup-content h3").inner_text()
        == "<img src=x onerror=alert(1)>"
    )
    assert page.page.locator(".leaflet-popup-content img").count() == 0
    box = page.page.locator(".lm-search input")
    box.fill("Queen's Park")
    box.press("Enter")
    # The previous popup fades out for 200 ms before it leaves the page.
    heading = page.page.locator(".leaflet-popup-content h3")
    expect(heading).to_have_count(1)
    assert heading.inner_text() == "Queen's Park and Maida Vale"


def test_attribution_is_visible(maps, open_map):
    page = open_map(maps / "london-2024.html")
    text = page.page.locator(".leaflet-control-attribution").inner_text()
    assert "Contains OS data © Crown copyright" in text and "Hanretty" in text
    assert page.page.locator(".leaflet-control-attribution").is_visible()


def test_a_map_of_custom_areas_works_without_the_hex_view(open_map, tmp_path):
    frame = mapping.load_election(2019)
    frame["code"] = [f"E05{i:06d}" for i in range(len(frame))]
    votes = mapping.load_votes(2019)
    votes["code"] = votes["code"].map(
        dict(zip(mapping.load_election(2019)["code"], frame["code"], strict=True))
    )
    missing = frame["name"].isin(["Bexleyheath and Crayford", "Barking", "Putney"])
    frame.loc[missing, ["winner", "result"]] = None  # three areas without a result
    fmap = render_map(
        replace(
            mapping.load_data(2019),
            seats=frame,
            votes=votes,
            region_label="Custom areas",
            hex_layout=None,
        )
    )
    page = open_map(save_map(fmap, tmp_path / "custom.html"))
    assert page.page.locator('input[name="lm-view"]').count() == 0
    assert page.page.locator("path.lm-seat").count() == 73
    assert "without a result" in page.page.locator(".lm-title").inner_text()
    tooltip = hover_seat(page, frame, "Bexleyheath and Crayford")
    assert "Bexleyheath and Crayford" in tooltip and "No result" in tooltip


def test_hex_view_names_the_seats(maps, open_map):
    page = open_map(maps / "london-2024.html")
    assert page.page.locator(".lm-hex-label").count() == 0
    page.pick("lm-view", "hex")
    labels = page.page.locator(".lm-hex-label span")
    assert labels.count() == 75
    assert "Putney" in labels.all_inner_texts()
    assert labels.first.is_visible()
    page.pick("lm-view", "geo")
    assert page.page.locator(".lm-hex-label").count() == 0


def test_hendons_tiny_majority_reads_the_same_in_popup_and_alt_text(maps, open_map):
    from mapping.describe import describe
    from mapping.style import format_count, format_percent

    data = mapping.load_data(2024)
    hendon = data.seats.set_index("name").loc["Hendon"]
    page = open_map(maps / "london-2024.html")
    box = page.page.locator(".lm-search input")
    box.fill("Hendon")
    box.press("Enter")
    popup = page.page.locator(".leaflet-popup-content").inner_text()
    majority = (
        f"{format_count(hendon['majority'])} ({format_percent(hendon['majority_pct'])}"
    )
    assert f"Majority {majority} of valid votes)" in popup
    assert majority == "15 (0.036%"
    votes, share = (
        format_count(hendon["majority"]),
        format_percent(hendon["majority_pct"]),
    )
    assert f"Hendon (Labour), {votes} votes ({share})" in describe(data, "majority")


def test_a_browser_without_decompression_is_told_why(maps, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script("delete window.DecompressionStream")  # browsers before 2023
    page.goto((maps / "london-2024.html").as_uri())
    note = page.get_by_text("This map needs a newer browser")
    expect(note).to_be_visible()
    assert "Firefox 113" in note.inner_text()
    assert page.locator("path.lm-seat").count() == 0
    page.close()


def test_a_map_of_the_callers_own_draws_every_seat(open_map, tmp_path):
    import folium

    frame = mapping.load_election(2019)
    fmap = folium.Map(tiles=None)
    fmap.default_js, fmap.default_css = [], []  # offline: ours brings Leaflet
    render_map(mapping.load_data(2019), m=fmap)
    path = tmp_path / "own.html"
    fmap.save(str(path))
    page = open_map(path)
    winner = next(layer for layer in layers_for(frame) if layer.id == "winner")
    assert page.drawn() == expected_drawing(frame, winner)
