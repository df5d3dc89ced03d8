"""The interactive map: one self-contained, offline HTML file per election.

The geometry of each view (map and hexes) is embedded once; each layer adds only
a class number per seat, and the page restyles the same shapes when the reader
picks another layer. Leaflet is inlined from the ``xstatic-leaflet`` package, so
the page makes no request at all.
"""

from __future__ import annotations

import html
import json
import math
import re
from functools import cache
from importlib import resources
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from .dataset import ElectionData
from .describe import describe
from .hexes import hex_frame, short_label
from .layers import layers_for, style_layer
from .parties import get_party
from .style import PERCENT_PRECISION, page_style

#: Coordinates travel as integers of 1e-5 degrees (about a metre).
COORDINATE_SCALE = 100_000
#: Opt-in base maps: name → (tile URL, attribution).
TILES = {
    "positron": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
        'contributors &copy; <a href="https://carto.com/attributions">CARTO</a>',
    ),
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
        "contributors",
    ),
}


class _OfflineMap(folium.Map):
    """A folium map that links no script or style sheet from the network."""

    default_js: list = []
    default_css: list = []


#: Id of the page's data island: a JSON document that no template ever sees.
DATA_ID = "lm-data"


class _Literal(Element):
    """Text placed in the page exactly as given: never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _ElectionLayers(MacroElement):
    """The static call that draws the seats from the page's data island."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        londonMaps({{ this._parent.get_name() }},
          JSON.parse(document.getElementById("{{ this.data_id }}").textContent));
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ElectionLayers"
        self._id = "seats"
        self.data_id = DATA_ID


def render_map(
    data: ElectionData, *, tiles: str | None = None, m: folium.Map | None = None
) -> folium.Map:
    """Return the interactive map of one election as a :class:`folium.Map`.

    Parameters
    ----------
    data
        The election's seats, votes, title, hex layout and credits, from
        :func:`mapping.load_data`: the map shows what it carries, and no more.
    tiles
        Optional base map ("positron" or "osm"). Off by default: a base map is
        the only thing that would make the page use the network.
    m
        A map to draw into, as ``GeoDataFrame.explore(m=...)`` does; by default
        a new offline map. A map of folium's own links its scripts from the
        network.
    """
    frame = data.seats.reset_index(drop=True)
    geo = _web_geometry(frame)
    fmap = m if m is not None else _new_map(geo)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(_Literal(_inline_assets()), name="london_maps_assets")
    if tiles is not None:
        url, attr = TILES[tiles]
        layer = folium.TileLayer(url, attr=attr, name=tiles)
        layer._id = "tiles"
        layer.add_to(fmap)
    hexes = None  # areas of the user's own: the map view only
    if data.hex_layout is not None:
        hexes = hex_frame(frame, data.hex_layout).to_crs(4326).geometry
    payload = _payload(data, frame, geo, hexes)
    root.title = html.escape(data.title)
    summary = html.escape(describe(data, "winner"), quote=True)
    root.header.add_child(
        _Literal(f'<meta name="description" content="{summary}">'),
        name="london_maps_description",
    )
    island = (
        f'<script type="application/json" id="{DATA_ID}">'
        f"{_script_json(payload)}</script>"
    )
    root.html.add_child(_Literal(island), name="london_maps_data")
    fmap.add_child(_ElectionLayers(), name="seats")
    return fmap


def _new_map(geo: gpd.GeoSeries) -> folium.Map:
    west, south, east, north = geo.total_bounds  # the page fits the seats anyway
    fmap = _OfflineMap(
        location=[round((south + north) / 2, 5), round((west + east) / 2, 5)],
        zoom_start=10,
        tiles=None,
        prefer_canvas=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
        control_scale=True,
    )
    fmap._id = "map"
    return fmap


def save_map(fmap: folium.Map, path: Path | str) -> Path:
    """Write the map to ``path`` atomically and return the path."""
    from .output import write_atomically

    return write_atomically(Path(path), page_bytes(fmap))


def page_bytes(fmap: folium.Map) -> bytes:
    """Return the whole HTML page of a map."""
    return fmap.get_root().render().encode("utf-8")


def _web_geometry(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Boundaries for the web: simplified for large regions, then in WGS84.

    The package is simplified at 50 m, enough for London; a larger region is
    simplified further as a coverage, so neighbours still share their borders.
    """
    minx, miny, maxx, maxy = frame.total_bounds
    tolerance = math.sqrt((maxx - minx) * (maxy - miny)) / 2000
    geometry = frame.geometry.to_numpy()
    if tolerance > 50:
        geometry = shapely.coverage_simplify(geometry, tolerance)
    return gpd.GeoSeries(geometry, crs=frame.crs).to_crs(4326)


def _encode(geometry) -> list:
    """Polygons → rings → delta-encoded integer [lat, lng] pairs."""
    polygons = getattr(geometry, "geoms", [geometry])
    encoded = []
    for polygon in polygons:
        rings = []
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = np.asarray(ring.coords)[:, ::-1]  # lng, lat → lat, lng
            ints = np.round(coords * COORDINATE_SCALE).astype(np.int64)
            deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), np.int64))
            rings.append(deltas.ravel().tolist())
        encoded.append(rings)
    return encoded


def _number(value, digits: int | None = None):
    if pd.isna(value):
        return None
    return round(float(value), digits) if digits is not None else int(value)


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _payload(
    data: ElectionData,
    frame: gpd.GeoDataFrame,
    geo: gpd.GeoSeries,
    hexes: gpd.GeoSeries | None,
) -> dict:
    votes = data.votes
    by_seat = {
        code: group.sort_values("votes", ascending=False)
        for code, group in votes.groupby("code")
    }
    seats = []
    parties = set(frame["winner"].dropna())
    for row in frame.itertuples(index=False):
        seat_votes = by_seat.get(row.code, votes.iloc[:0])
        valid = row.valid_votes
        parties.update(seat_votes["party"])
        seats.append(
            {
                "code": row.code,
                "name": row.name,
                "label": short_label(str(row.name)),
                "winner": _text(row.winner),
                "winner_name": _text(row.winner_name),
                "result": _text(row.result),
                "majority": _number(row.majority),
                "majority_pct": _number(row.majority_pct, PERCENT_PRECISION),
                "turnout_pct": _number(row.turnout_pct, PERCENT_PRECISION),
                "remain_pct": _number(row.remain_pct, PERCENT_PRECISION),
                "electorate": _number(row.electorate),
                "valid_votes": _number(valid),
                "votes": [
                    [
                        v.party,
                        int(v.votes),
                        _text(v.candidate),
                        round(100 * v.votes / valid, PERCENT_PRECISION),
                    ]
                    for v in seat_votes.itertuples(index=False)
                ],
            }
        )
    layers = []
    for layer in layers_for(frame):
        styled = style_layer(frame, layer)
        layers.append(
            {
                "id": layer.id,
                "title": layer.title,
                "note": layer.note,
                "no_data": layer.no_data,
                "legend": [[e.label, e.colour, e.hatch] for e in styled.entries],
                "classes": styled.seat_entry.tolist(),
            }
        )
    payload = {
        "title": data.title,
        "election": data.election,
        "scale": COORDINATE_SCALE,
        "style": page_style(),
        "attribution": data.attribution,
        "parties": {
            code: {"name": get_party(code).name, "colour": get_party(code).colour}
            for code in sorted(parties)
        },
        "seats": seats,
        "layers": layers,
        "geo": [_encode(g) for g in geo],
        "hex": None if hexes is None else [_encode(g) for g in hexes],
    }
    return payload


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _inline_assets() -> str:
    """Leaflet's script and styles and our own, to inline in the page's head."""
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    leaflet_js = (base / "leaflet.js").read_text(encoding="utf-8")
    leaflet_css = (base / "leaflet.css").read_text(encoding="utf-8")
    # No source map: the page must not even hint at another file.
    leaflet_js = re.sub(r"//# sourceMappingURL=\S+", "", leaflet_js)
    static = resources.files("mapping").joinpath("static")
    own_js = static.joinpath("map.js").read_text(encoding="utf-8")
    own_css = static.joinpath("map.css").read_text(encoding="utf-8")
    return (
        f"<style>{leaflet_css}\n{own_css}</style>\n"
        f"<script>{leaflet_js}</script>\n<script>{own_js}</script>"
    )
