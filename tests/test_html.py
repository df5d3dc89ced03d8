"""The interactive map's structure: offline, compact, deterministic, escaped."""

import re
from dataclasses import replace

import folium
import pytest

import mapping
from mapping.html import render_map, save_map
from mapping.layers import layers_for
from mapping.site import build_maps

from .conftest import page_data

YEARS = [2010, 2015, 2017, 2019, 2024]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    return out, build_maps(out_dir=out)


def payload_of(html: str) -> dict:
    return page_data(html)


def test_one_file_per_election_and_an_index(built):
    out, paths = built
    assert [p.name for p in paths] == [f"london-{y}.html" for y in YEARS] + [
        "index.html"
    ]
    index = (out / "index.html").read_text()
    for year in YEARS:
        assert f'href="london-{year}.html"' in index


@pytest.mark.parametrize("year", YEARS)
def test_each_map_is_self_contained_and_small(built, year):
    out, _ = built
    html = (out / f"london-{year}.html").read_text()
    assert len(html.encode()) <= 400_000
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "cdn" not in html.lower()
    assert "L.Map" in html or "L.map" in html  # Leaflet itself is inlined


@pytest.mark.parametrize("year", YEARS)
def test_geometry_is_embedded_once_for_all_layers(built, year):
    out, _ = built
    data = payload_of((out / f"london-{year}.html").read_text())
    seats = 75 if year == 2024 else 73
    assert len(data["seats"]) == len(data["geo"]["seats"]) == seats
    assert len(data["hex"]["q"]) == len(data["hex"]["r"]) == seats
    assert [layer["id"] for layer in data["layers"]][:4] == [
        "winner",
        "gains",
        "majority",
        "remain",
    ]
    for layer in data["layers"]:
        assert set(layer) == {
            "id",
            "title",
            "column",
            "note",
            "no_data",
            "legend",
            "classes",
        }
        assert len(layer["classes"]) == seats


def test_majority_change_only_on_unchanged_boundaries(built):
    out, _ = built
    ids = {
        year: {
            lay["id"]
            for lay in payload_of((out / f"london-{year}.html").read_text())["layers"]
        }
        for year in YEARS
    }
    assert "majority_change" not in ids[2010] and "majority_change" not in ids[2024]
    assert all("majority_change" in ids[y] for y in (2015, 2017, 2019))
    assert "share_RUK" in ids[2024] and "share_Lab" in ids[2019]


def test_building_twice_gives_identical_files(built, tmp_path):
    out, _ = built
    again = build_maps([2019, 2024], out_dir=tmp_path)
    for path in again[:-1]:
        assert path.read_bytes() == (out / path.name).read_bytes()


def test_api_returns_a_folium_map():
    fmap = mapping.election_map(2019)
    assert isinstance(fmap, folium.Map)
    assert "londonMaps" in fmap.get_root().render()


def test_data_from_any_source_is_escaped(tmp_path):
    frame = mapping.load_election(2019)
    votes = mapping.load_votes(2019)
    frame.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    frame.loc[1, "name"] = "Queen's Park and Maida Vale"
    votes.loc[0, "candidate"] = "</script><script>alert(2)</script>"
    html = (
        render_map(
            replace(
                mapping.load_data(2019),
                seats=frame,
                votes=votes,
                region_label="<b>London</b>",
            )
        )
        .get_root()
        .render()
    )
    assert "<img src=x" not in html and "</script><script>alert" not in html
    assert "<b>London" not in html
    data = payload_of(html)
    assert data["seats"][0]["name"] == "<img src=x onerror=alert(1)>"
    assert data["seats"][1]["name"] == "Queen's Park and Maida Vale"


def test_opt_in_tiles_carry_their_attribution():
    fmap = mapping.election_map(2024, tiles="positron")
    html = fmap.get_root().render()
    assert "basemaps.cartocdn.com" in html and "OpenStreetMap" in html
    assert "L.tileLayer" in html
    assert "L.tileLayer" not in mapping.election_map(2024).get_root().render()


def test_save_map_replaces_the_file_whole(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("old")
    save_map(mapping.election_map(2019), target)
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_layers_for_london_2019():
    frame = mapping.load_election(2019)
    assert [layer.id for layer in layers_for(frame)] == [
        "winner",
        "gains",
        "majority",
        "remain",
        "turnout",
        "majority_change",
        "share_Con",
        "share_Lab",
        "share_LD",
        "share_Green",
    ]


def test_the_page_carries_the_geometry_shapes_py_encoded():
    from mapping.shapes import encode_views

    data = mapping.load_data(2019)
    page = page_data(render_map(data).get_root().render())
    encoded = encode_views(data.seats.reset_index(drop=True), data.hex_layout)
    assert {"geo": page["geo"], "hex": page["hex"]} == encoded


def test_the_page_carries_the_same_description_as_the_images():
    from html.parser import HTMLParser

    from mapping.describe import describe

    data = mapping.load_data(2024)
    found = []

    class Meta(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "meta" and ("name", "description") in attrs:
                found.append(dict(attrs)["content"])

    Meta().feed(render_map(data).get_root().render())
    assert found == [describe(data, "gains")]
    assert page_data(render_map(data).get_root().render())["description"] == found[0]
    assert "smallest majority: Hendon (Labour), 15 votes (0.036%)" in found[0]


def test_the_page_is_a_document_readers_can_zoom(built):
    out, _ = built
    page = (out / "london-2019.html").read_text()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert (
        '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    )
    assert "user-scalable" not in page and "maximum-scale" not in page
    assert page.count("<main") == 1 and "<title>London, 2019 general election" in page


@pytest.mark.parametrize("year", [2017, 2024])
def test_the_table_travels_as_the_table_command_has_it(year):
    from mapping.api import TABLE_COLUMNS, table_of
    from mapping.island import TABLE_FROM_SEATS

    data = mapping.load_data(year)
    island = page_data(render_map(data).get_root().render())
    rows = table_of(data.seats).astype(object)
    rows = rows.where(rows.notna(), None)
    assert island["table"]["columns"] == TABLE_COLUMNS
    for column in TABLE_COLUMNS:
        values = island["table"]["values"].get(column)
        if column in TABLE_FROM_SEATS:
            values = [seat[column] for seat in island["seats"]]
        elif column == "election":
            values = island["election"]
        expected = rows[column].tolist()
        if not isinstance(values, list):  # one value for every seat: sent once
            values = [values] * len(expected)
        assert values == expected, column


def test_labels_on_every_fill_read_at_four_and_a_half_to_one():
    from mapping.style import NO_DATA_COLOUR, contrast_ratio, label_ink

    for year in YEARS:
        island = page_data(render_map(mapping.load_data(year)).get_root().render())
        for layer in island["layers"]:
            for _label, fill, _hatch, ink in layer["legend"]:
                assert ink == label_ink(fill)
                assert contrast_ratio(fill, ink) >= 4.5, (layer["id"], fill, ink)
        assert contrast_ratio(NO_DATA_COLOUR, island["style"]["no_data_ink"]) >= 4.5
