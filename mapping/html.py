"""The interactive map: one self-contained, offline HTML file of one or more elections.

The geometry of each view (map and hexes) of each boundary set is embedded
once; each election adds its seats' values and each layer only a class number
per seat, and the page restyles the same shapes when the reader picks another
layer or another election on the same boundaries. Leaflet is inlined from the
``xstatic-leaflet`` package, so the page makes no request at all. The page is
a document of its own: a language, one heading, a main landmark, a viewport
that lets readers zoom; its scripts (``static/*.js``) build the controls, the
table and the keyboard access.

The page's styles, scripts and data travel gzip-compressed, in base64, in
elements the browser never runs; one small plain script (``static/boot.js``)
has the browser decompress them and puts each in as text (``mapping.packed``),
which makes the file less than half as big. Only a map drawn into a map of the
caller's own (``m=``) carries them plain: its script runs as the page loads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import folium
import geopandas as gpd
import shapely
from branca.element import Element, Figure, MacroElement
from folium.template import Template as FoliumTemplate
from jinja2 import Template

from .dataset import ElectionData
from .island import island_data, script_json
from .packed import CODE_LEVEL, DATA_ID, DATA_LEVEL, pack

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


#: The page's own scripts, in the order they are inlined: helpers first.
SCRIPTS = (
    "text.js",
    "shapes.js",
    "words.js",
    "layout.js",
    "controls.js",
    "keys.js",
    "search.js",
    "table.js",
    "history.js",
    "url.js",
    "map.js",
)


class _OfflineMap(folium.Map):
    """A folium map that links nothing from the network and lets readers zoom.

    folium's own page header forbids pinch-zoom (``user-scalable=no``); this
    one leaves the page's viewport and sizes to the page (:class:`_Page`).
    """

    default_js: list = []
    default_css: list = []
    _template = FoliumTemplate(
        """
        {% macro header(this, kwargs) %}{% endmacro %}
        {% macro html(this, kwargs) %}
        <div class="folium-map" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {
          center: {{ this.location|tojson }},
          crs: L.CRS.{{ this.crs }},
          ...{{ this.options|tojavascript }}
        });
        {%- if this.control_scale %}
        L.control.scale().addTo({{ this.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )


class _Page(Figure):
    """The HTML document around a map: language, viewport, one main landmark.

    The title and every other data string are added as literal elements, so no
    template sees them. After the main landmark come the page's packed parts
    (:func:`_pack`), then its own script (the map's making) packed too, then
    ``boot.js``, which unpacks them and runs them in that order.
    """

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "{{ this.header.render(**kwargs) }}\n</head>\n<body>\n"
        '<main class="lm-main">\n{{ this.html.render(**kwargs) }}\n</main>\n'
        "{{ this.packed_tail(this.script.render(**kwargs)) }}\n"
        "</body>\n</html>\n"
    )

    def __init__(self) -> None:
        super().__init__()
        self.header._children.pop("meta_http", None)  # <meta charset> instead
        self.packs: list[str] = []

    def packed_tail(self, script: str) -> str:
        """Return the packed parts, the map's script packed last, and boot.js."""
        packs = [*self.packs, pack("map", script, CODE_LEVEL)]
        return "\n".join(packs) + f"\n<script>{_boot_script()}</script>"


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
    data: ElectionData | Sequence[ElectionData],
    *,
    tiles: str | None = None,
    m: folium.Map | None = None,
    initial: int | None = None,
) -> folium.Map:
    """Return the interactive map of one election or several as a folium Map.

    Parameters
    ----------
    data
        The election's seats, votes, title, hex layout and credits, from
        :func:`mapping.load_data`: the map shows what it carries, and no more.
        Several elections (of one region) make one page with an election
        switcher.
    tiles
        Optional base map ("positron" or "osm"). Off by default: a base map is
        the only thing that would make the page use the network.
    m
        A map to draw into, as ``GeoDataFrame.explore(m=...)`` does; by default
        a new offline map. A map of folium's own links its scripts from the
        network.
    initial
        The election shown first (several elections); by default the latest.
    """
    elections = [data] if isinstance(data, ElectionData) else list(data)
    payload = island_data(elections, initial)
    first = next(e for e in elections if e.election == payload["initial"])
    fmap = m if m is not None else _new_map(first.seats)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    if isinstance(root, _Page):
        root.header.add_child(_Literal(_packed_note()), name="london_maps_assets")
        island = pack("data", script_json(payload), DATA_LEVEL, data_id=DATA_ID)
        root.packs = [*_code_packs(), island]
    else:  # a map of the caller's own runs its script as the page loads: plain
        root.header.add_child(_Literal(_inline_assets()), name="london_maps_assets")
        island = (
            f'<script type="application/json" id="{DATA_ID}">'
            f"{script_json(payload)}</script>"
        )
        root.html.add_child(_Literal(island), name="london_maps_data")
    if tiles is not None:
        url, attr = TILES[tiles]
        layer = folium.TileLayer(url, attr=attr, name=tiles)
        layer._id = "tiles"
        layer.add_to(fmap)
    title = html.escape(page_title(elections))
    if isinstance(root, _Page):
        root.header.add_child(_Literal(f"<title>{title}</title>"), name="title")
    else:  # a figure of the caller's own: its template writes the title
        root.title = title
    shown = next(e for e in payload["elections"] if e["year"] == payload["initial"])
    summary = html.escape(shown["description"], quote=True)
    root.header.add_child(
        _Literal(f'<meta name="description" content="{summary}">'),
        name="london_maps_description",
    )
    fmap.add_child(_ElectionLayers(), name="seats")
    return fmap


def page_title(elections: Sequence[ElectionData]) -> str:
    """Return the title: the election's, or "London, general elections 2010–2024"."""
    if len(elections) == 1:
        return elections[0].title
    years = sorted(e.election for e in elections)
    return f"{elections[0].region_label}, general elections {years[0]}–{years[-1]}"


def _new_map(seats: gpd.GeoDataFrame) -> folium.Map:
    box = gpd.GeoSeries([shapely.box(*seats.total_bounds)], crs=seats.crs)
    west, south, east, north = box.to_crs(4326).total_bounds  # the page fits anyway
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
    _Page().add_child(fmap)
    return fmap


def save_map(fmap: folium.Map, path: Path | str) -> Path:
    """Write the map to ``path`` atomically and return the path."""
    from .output import write_atomically

    return write_atomically(Path(path), page_bytes(fmap))


def page_bytes(fmap: folium.Map) -> bytes:
    """Return the whole HTML page of a map."""
    return fmap.get_root().render().encode("utf-8")


@cache
def _code_packs() -> tuple[str, str, str]:
    """Return the packed styles, Leaflet and our scripts: alike in every page."""
    css, leaflet_js, own_js = _assets()
    return (
        pack("style", css, CODE_LEVEL),
        pack("leaflet", leaflet_js, CODE_LEVEL),
        pack("code", own_js, CODE_LEVEL),
    )


@cache
def _packed_note() -> str:
    """Return the plain comments before the packed parts.

    Leaflet's copyright line first (from its script), then what the parts hold.
    """
    leaflet_js = _assets()[1]
    found = re.match(r"/\*\s*@preserve\s*(.*?)\*/", leaflet_js, re.DOTALL)
    assert found, "Leaflet's copyright comment is missing"
    lines = [line.strip(" *") for line in found.group(1).splitlines()]
    credit = " ".join(line for line in lines if line)
    assert "--" not in credit
    return (
        f"<!-- {credit} -->\n<!-- Below the page: its styles, Leaflet, its scripts "
        "and its data, gzip-compressed in base64, which the script at the end "
        "unpacks. -->"
    )


@cache
def _boot_script() -> str:
    """Return boot.js minified: the page's one plain script, which unpacks the rest."""
    static = resources.files("mapping").joinpath("static")
    return _compact(static.joinpath("boot.js").read_text(encoding="utf-8"), "js")


@cache
def _inline_assets() -> str:
    """Leaflet's script and styles and our own, plain, for a caller's own map."""
    css, leaflet_js, own_js = _assets()
    return (
        f"<style>{css}</style>\n"
        f"<script>{leaflet_js}</script>\n<script>{own_js}</script>"
    )


@cache
def _assets() -> tuple[str, str, str]:
    """Leaflet's and our styles (one sheet), Leaflet's script and our own.

    Ours and Leaflet's styles are minified (Leaflet's script already is):
    rjsmin and rcssmin are deterministic, so the page stays byte-identical.
    """
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    leaflet_js = (base / "leaflet.js").read_text(encoding="utf-8")
    leaflet_css = (base / "leaflet.css").read_text(encoding="utf-8")
    # No source map: the page must not even hint at another file.
    leaflet_js = re.sub(r"//# sourceMappingURL=\S+", "", leaflet_js)
    static = resources.files("mapping").joinpath("static")
    own_js = "\n".join(
        _compact(static.joinpath(name).read_text(encoding="utf-8"), "js")
        for name in SCRIPTS
    )
    own_css = static.joinpath("map.css").read_text(encoding="utf-8")
    css = _compact(leaflet_css, "css") + "\n" + _compact(own_css, "css")
    return css, leaflet_js, own_js


def _compact(source: str, language: str) -> str:
    """Minify JavaScript (``"js"``) or CSS (``"css"``): comments and spaces go.

    rjsmin keeps a line end wherever JavaScript's automatic semicolons need
    one; neither touches a string.
    """
    if language == "js":
        import rjsmin

        return rjsmin.jsmin(source)
    import rcssmin

    return rcssmin.cssmin(source)
