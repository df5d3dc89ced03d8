"""london-maps: maps of UK general election results, starting with London.

>>> import mapping
>>> seats = mapping.load_election(2019, region="london")   # GeoDataFrame, EPSG:27700
>>> data = mapping.load_data(2019, results="projection.csv")  # ElectionData
>>> mapping.render_map(data)                                  # folium.Map
>>> mapping.render_image(data, "gains")                       # (Figure, Axes)
"""

from importlib import import_module

__version__ = "0.1.0"

_LAZY = {
    "load_election": "mapping.api",
    "load_votes": "mapping.api",
    "seat_results": "mapping.api",
    "regions": "mapping.api",
    "load_data": "mapping.custom",
    "ElectionData": "mapping.dataset",
    "describe": "mapping.describe",
    "render_image": "mapping.image",
    "election_map": "mapping.site",
    "build_maps": "mapping.site",
    "render_map": "mapping.html",
    "ELECTIONS": "mapping.elections",
    "get_party": "mapping.parties",
}
#: Public names that their module knows by another name.
__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str):
    # geopandas is imported on first use, so that `london-maps --help` is quick.
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mapping' has no attribute {name!r}")
