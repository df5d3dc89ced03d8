"""The interactive map's structure: offline, compact, deterministic, escaped."""

import re
from dataclasses import replace
from pathlib import Path

import folium
import pytest

import mapping
from mapping.html import render_map, save_map
from mapping.layers import layers_for
from mapping.packed import PARTS, read_payload
from mapping.site import build_maps

from .conftest import page_data, page_election

YEARS = [2010, 2015, 2017, 2019, 2024]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    return out, build_maps(out_dir=out)


def payload_of(html: str) -> dict:
    """The one election of a page's data island, with its boundary set."""
    return page_election(page_data(html))


def test_a_page_of_every_election_one_per_election_and_an_index(built):
    out, paths = built
    assert [p.name for p in paths] == (
        ["london.html"] + [f"london-{y}.html" for y in YEARS] + ["index.html"]
    )
    index = (out / "index.html").read_text()
    links = re.findall(r'<a href="([^"]+)"', index)
    assert links == ["london.html"] + [f"london-{y}.html" for y in YEARS[::-1]]
    assert "Embed code" in index and "src=&quot;london.html&quot;" in index


def test_build_of_one_election_writes_only_its_page(tmp_path):
    paths = build_maps([2019], out_dir=tmp_path)
    assert [p.name for p in paths] == ["london-2019.html", "index.html"]


def test_every_election_shares_each_boundary_set_once(built):
    out, _ = built
    island = page_data((out / "london.html").read_text())
    assert (out / "london.html").stat().st_size <= 450_000
    assert list(island["sets"]) == ["pcon2010", "pcon2024"]
    assert [e["year"] for e in island["elections"]] == YEARS
    assert island["initial"] == 2024
    assert [e["set"] for e in island["elections"]] == ["pcon2010"] * 4 + ["pcon2024"]
    ids = [[lay["id"] for lay in e["layers"]] for e in island["elections"]]
    assert all(one == ids[0] for one in ids)  # every election offers every layer
    for election in island["elections"]:
        seats = len(island["sets"][election["set"]]["codes"])
        assert len(election["votes"]) == seats
        for column, values in election["seats"].items():
            assert values is None or len(values) == seats, column
        single = payload_of((out / f"london-{election['year']}.html").read_text())
        assert election["seats"] == single["seats"]
        assert election["votes"] == single["votes"]
        own = {lay["id"]: lay for lay in single["layers"]}
        for layer in election["layers"]:
            if layer["id"] in own:
                assert layer == own[layer["id"]]
            else:  # a layer this election lacks: every seat no data, and why
                assert layer["classes"] == [-1] * seats and layer["legend"] == []
                assert str(election["year"]) in layer["no_data"]


def test_votes_are_each_seats_rows_largest_first():
    data = mapping.load_data(2019)
    election = payload_of(render_map(data).get_root().render())
    codes = election["boundaries"]["codes"]
    for code, rows in zip(codes, election["votes"], strict=True):
        seat = data.votes[data.votes["code"] == code]
        assert sorted(rows, key=lambda r: -r[1]) == rows
        assert sorted(map(tuple, rows)) == sorted(
            (p, int(v), c if isinstance(c, str) else None)
            for p, v, c in zip(
                seat["party"], seat["votes"], seat["candidate"], strict=True
            )
        )


@pytest.mark.parametrize("year", YEARS)
def test_each_map_is_self_contained_and_small(built, year):
    out, _ = built
    html = (out / f"london-{year}.html").read_text()
    assert len(html.encode()) <= 400_000
    parts = read_payload(html)
    plain = re.sub(r'(<script type="application/octet-stream"[^>]+>)[^<]+', "", html)
    for text in (plain, *(part.text for part in parts.values())):
        assert not re.search(r"<script[^>]+src=", text)
        assert not re.search(r"<link[^>]+href=", text)
        assert "cdn" not in text.lower()
        assert "sourceMappingURL" not in text
    assert "Leaflet 1.9" in parts["leaflet"].text  # Leaflet itself is inlined
    assert "L.map(" in parts["map"].text


@pytest.mark.parametrize("year", YEARS)
def test_geometry_is_embedded_once_for_all_layers(built, year):
    out, _ = built
    data = payload_of((out / f"london-{year}.html").read_text())
    seats = 75 if year == 2024 else 73
    shapes = data["boundaries"]["shapes"]
    assert len(data["boundaries"]["names"]) == len(data["votes"]) == seats
    assert len(shapes["geo"]["seats"]) == len(shapes["hex"]["q"]) == seats
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
            "group",
            "pair",
            "unit",
            "legend",
            "classes",
        }
        assert len(layer["classes"]) == seats


def test_changes_are_empty_across_new_boundaries(built):
    out, _ = built
    layers = {
        year: {
            lay["id"]: lay
            for lay in payload_of((out / f"london-{year}.html").read_text())["layers"]
        }
        for year in YEARS
    }
    assert "majority_change" not in set().union(*layers.values())
    for year in (2010, 2024):
        lead = layers[year]["lead_change"]
        assert set(lead["classes"]) == {-1}
        assert lead["no_data"].startswith(f"Not comparable: new boundaries in {year}")
    for year in (2015, 2017, 2019):
        assert -1 not in layers[year]["lead_change"]["classes"]
    assert "share_RUK" in layers[2024] and "share_Lab" in layers[2019]


def test_building_twice_gives_identical_files(built, tmp_path):
    out, _ = built
    again = build_maps([2019, 2024], out_dir=tmp_path / "one")
    for path in again[1:-1]:
        assert path.read_bytes() == (out / path.name).read_bytes()
    twice = build_maps([2019, 2024], out_dir=tmp_path / "two")
    assert twice[0].read_bytes() == again[0].read_bytes()  # london.html


def test_the_page_runs_only_its_unpacker_and_the_rest_travels_packed(built):
    from xstatic.pkg import leaflet

    from mapping.html import SCRIPTS, _boot_script, _compact

    out, _ = built
    page = (out / "london-2024.html").read_text()
    run = re.findall(r"<script(?:\s+type=\"(?:text|application)/javascript\")?>", page)
    assert run == ["<script>"]  # one script runs as the page loads: boot.js
    assert page.count(f"<script>{_boot_script()}</script>") == 1
    assert "function londonMaps" not in page and "leaflet-pane" not in page
    parts = read_payload(page)
    assert list(parts) == list(PARTS)  # in the order boot.js runs them
    plain = (Path(leaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    assert parts["leaflet"].text == re.sub(r"//# sourceMappingURL=\S+", "", plain)
    assert plain.splitlines()[1].strip(" *") in page  # its copyright, plain
    for name in SCRIPTS:
        script = (Path(mapping.__file__).parent / "static" / name).read_text()
        assert _compact(script, "js") in parts["code"].text
    assert "function londonMaps" in parts["code"].text
    assert ".leaflet-pane" in parts["style"].text and ".lm-main" in parts["style"].text
    assert parts["data"].text.startswith('{"')
    packed = sum(part.packed for part in parts.values())
    assert packed / len(page.encode()) > 0.9  # what is left plain is small
    assert len(page.encode()) <= 230_000


def test_a_map_of_the_callers_own_gets_the_page_plain():
    fmap = folium.Map(tiles=None)
    render_map(mapping.load_data(2019), m=fmap)
    html = fmap.get_root().render()
    assert list(read_payload(html)) == ["data"]  # the island, plain
    assert len(payload_of(html)["boundaries"]["codes"]) == 73
    assert "function londonMaps" in html and "lm-packed" not in html
    assert f"londonMaps({fmap.get_name()}," in html


def test_api_returns_a_folium_map():
    fmap = mapping.election_map(2019)
    assert isinstance(fmap, folium.Map)
    assert "londonMaps(map_map," in read_payload(fmap.get_root().render())["map"].text


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
    island = read_payload(html)["data"].text  # as the page's script gets it
    for text in (html, island):
        assert "<img src=x" not in text and "</script><script>alert" not in text
        assert "<b>London" not in text
    data = payload_of(html)
    assert data["boundaries"]["names"][0] == "<img src=x onerror=alert(1)>"
    assert data["boundaries"]["names"][1] == "Queen's Park and Maida Vale"
    assert data["votes"][0][0][2] == "</script><script>alert(2)</script>"


def test_opt_in_tiles_carry_their_attribution():
    def made(fmap):  # the map's call, as the page runs it
        return read_payload(fmap.get_root().render())["map"].text

    script = made(mapping.election_map(2024, tiles="positron"))
    assert "basemaps.cartocdn.com" in script and "OpenStreetMap" in script
    assert "L.tileLayer" in script
    assert "L.tileLayer" not in made(mapping.election_map(2024))


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
        "second",
        "previous",
        "share_Con",
        "share_Lab",
        "share_LD",
        "share_Green",
        "lead_change",
        "change_Con",
        "change_Lab",
        "change_LD",
        "change_Green",
        *(
            f"swing_{a}_to_{b}"
            for a in ("con", "lab", "ld", "green")
            for b in ("con", "lab", "ld", "green")
            if a != b
        ),
    ]


def test_the_page_carries_the_geometry_shapes_py_encoded():
    from mapping.shapes import encode_views

    data = mapping.load_data(2019)
    page = payload_of(render_map(data).get_root().render())
    encoded = encode_views(data.seats.reset_index(drop=True), data.hex_layout)
    assert page["boundaries"]["shapes"] == encoded


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
    assert payload_of(render_map(data).get_root().render())["description"] == found[0]
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
    island = payload_of(render_map(data).get_root().render())
    rows = table_of(data.seats).astype(object)
    rows = rows.where(rows.notna(), None)
    assert island["table"]["columns"] == TABLE_COLUMNS
    assert set(island["derive"]) <= {"gain", "gained_from", "result"}
    for column in TABLE_COLUMNS:
        values = island["table"]["values"].get(column)
        if column in island["derive"]:  # the page's, by mapping.logic's rules
            continue
        if column in ("code", "name"):
            values = island["boundaries"][column + "s"]
        elif column in TABLE_FROM_SEATS:
            values = island["seats"][column]
        elif column == "election":
            values = island["year"]
        expected = rows[column].tolist()
        if not isinstance(values, list):  # one value for every seat: sent once
            values = [values] * len(expected)
        assert values == expected, column


def test_labels_on_every_fill_read_at_four_and_a_half_to_one():
    from mapping.style import NO_DATA_COLOUR, contrast_ratio, label_ink

    island = page_data(
        render_map([mapping.load_data(y) for y in YEARS]).get_root().render()
    )
    for election in island["elections"]:
        for layer in election["layers"]:
            for _label, fill, _hatch, ink in layer["legend"]:
                assert ink == label_ink(fill)
                assert contrast_ratio(fill, ink) >= 4.5, (layer["id"], fill, ink)
        assert contrast_ratio(NO_DATA_COLOUR, island["style"]["no_data_ink"]) >= 4.5
