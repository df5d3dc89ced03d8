"""london-maps: maps of UK general election results, starting with London.

>>> import mapping
>>> seats = mapping.load_election(2019, region="london")   # GeoDataFrame, EPSG:27700
>>> mapping.election_map(2019)                              # folium.Map
"""

from importlib import import_module

__version__ = "0.1.0"

_LAZY = {
    "load_election": "mapping.api",
    "load_votes": "mapping.api",
    "seat_results": "mapping.api",
    "regions": "mapping.api",
    "election_map": "mapping.site",
    "build_maps": "mapping.site",
    "render_map": "mapping.html",
    "ELECTIONS": "mapping.elections",
    "get_party": "mapping.parties",
}
__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str):
    # geopandas is imported on first use, so that `london-maps --help` is quick.
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mapping' has no attribute {name!r}")
