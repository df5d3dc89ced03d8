"""Build the maps of several elections into a folder, with an index page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import folium

from .api import load_election, load_votes
from .elections import ELECTIONS, get_election
from .html import render_map, save_map
from .output import write_atomically


def region_slug(region: str) -> str:
    """File-name form of a region: "South East" → "south-east"."""
    return re.sub(r"[^a-z0-9]+", "-", region.casefold()).strip("-")


def region_label(frame_regions, region: str) -> str:
    """Display name of the region of a set of seats."""
    names = sorted(set(frame_regions))
    if region.casefold() == "all":
        return "United Kingdom"
    return names[0] if len(names) == 1 else region


def election_map(
    year: int, *, region: str = "london", tiles: str | None = None
) -> folium.Map:
    """Return the interactive map of one election, e.g. to show in a notebook."""
    frame = load_election(year, region=region)
    return render_map(
        frame,
        load_votes(year, region=region),
        election=get_election(year).year,
        region_label=region_label(frame["region"], region),
        tiles=tiles,
    )


def build_maps(
    elections: list[int] | None = None,
    *,
    region: str = "london",
    out_dir: Path | str = "output",
    tiles: str | None = None,
) -> list[Path]:
    """Write ``<region>-<year>.html`` for each election and an ``index.html``.

    Returns the paths written, the index last.
    """
    out_dir = Path(out_dir)
    years = [get_election(y).year for y in (elections or list(ELECTIONS))]
    written = []
    for year in years:
        fmap = election_map(year, region=region, tiles=tiles)
        written.append(save_map(fmap, out_dir / f"{region_slug(region)}-{year}.html"))
    written.append(_write_index(out_dir, region))
    return written


def _write_index(out_dir: Path, region: str) -> Path:
    """Write an index of every map in the folder (of any region), newest first."""
    maps = sorted(
        (p for p in out_dir.glob("*-[0-9][0-9][0-9][0-9].html")),
        key=lambda p: (p.stem.rsplit("-", 1)[0], -int(p.stem.rsplit("-", 1)[1])),
    )
    items = "\n".join(
        f'<li><a href="{html.escape(p.name)}">{html.escape(_title(p))}</a></li>'
        for p in maps
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>General election maps</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto}}</style>
</head><body>
<h1>General election maps</h1>
<p>Winning party, gains, majority, estimated Remain vote and more.</p>
<ul>
{items}
</ul>
</body></html>
"""
    return write_atomically(out_dir / "index.html", page.encode("utf-8"))


def _title(path: Path) -> str:
    region, year = path.stem.rsplit("-", 1)
    return f"{region.replace('-', ' ').title()}: {year} general election"
