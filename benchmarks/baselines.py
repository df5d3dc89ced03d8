"""The baseline the build benchmarks measure against: geopandas' ``explore()``.

The four main layers of one election, one GeoJSON each, as a user of geopandas
would draw them (it links Leaflet and its plugins from the network).
"""

from __future__ import annotations

import folium

import mapping

#: The layers the baseline draws: those of every london-maps page.
COLUMNS = ("winner", "gain", "majority_pct", "remain_pct")


def explore_map(year: int, region: str = "london") -> folium.Map:
    """Return ``explore()``'s map of one election's four main layers."""
    frame = mapping.load_election(year, region=region)
    frame = frame[["name", *COLUMNS, "geometry"]]
    frame = frame.assign(gain=frame["gain"].astype(str))
    fmap = folium.Map(tiles=None)
    for column in COLUMNS:
        frame.explore(column=column, m=fmap, name=column, show=column == "winner")
    folium.LayerControl().add_to(fmap)
    return fmap
