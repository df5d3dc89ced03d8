"""Build the maps of several elections into a folder, with an index page."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

import folium

from .custom import load_data
from .dataset import ElectionData
from .describe import describe
from .elections import ELECTIONS, get_election
from .errors import InputError
from .html import page_bytes, render_map
from .layers import REQUIRED_LAYERS, layers_for
from .output import write_files
from .regions import region_slug

if TYPE_CHECKING:  # images import matplotlib: only when one is drawn
    from .image import PresetName, View

#: The file name of a map: ``<region>-<year>.html``.
MAP_FILE = re.compile(r".+-\d{4}\.html")


def election_map(
    year: int, *, region: str = "london", tiles: str | None = None, **inputs
) -> folium.Map:
    """Return the interactive map of one election, e.g. to show in a notebook.

    ``inputs`` are the user's files and their options (``boundaries``,
    ``results``, ``code_column``, ``name_column``, ``allow_missing``, …), as
    :func:`mapping.load_data` takes them.
    """
    return render_map(load_data(year, region=region, **inputs), tiles=tiles)


def build_maps(
    elections: list[int] | None = None,
    *,
    region: str = "london",
    out_dir: Path | str = "output",
    tiles: str | None = None,
    images: bool = False,
    **inputs,
) -> list[Path]:
    """Write ``<region>.html`` (every election) and ``<region>-<year>.html`` each.

    The page of every election, with its election switcher, is written when
    there are several; ``index.html`` lists it first. ``<region>`` names the
    selection: ``london``, ``london-south-east``, ``london-and-bordering-seats``
    (with ``ring=1``). With ``images``, also ``<region>-<year>-<layer>.png`` for
    every layer. Everything is rendered before the first file is written, so a
    failure leaves the folder as it was. Returns the paths written, the index last.
    """
    out_dir = Path(out_dir)
    years = [get_election(y).year for y in (elections or list(ELECTIONS))]
    for option in ("results", "notional"):
        if inputs.get(option) is not None and len(years) > 1:
            raise InputError(
                [f"--{option} holds one election: name it with --election YEAR"]
            )
    files, loaded = {}, []
    slug = region_slug(region, ring=inputs.get("ring", 0))
    if len(years) > 1:
        files[out_dir / f"{slug}.html"] = b""  # first, filled in below
    for year in years:
        data = load_data(year, region=region, **inputs)
        loaded.append(data)
        stem = f"{slug}-{year}"
        files[out_dir / f"{stem}.html"] = page_bytes(render_map(data, tiles=tiles))
        if images:
            files.update(_layer_images(data, out_dir / stem))
    if len(years) > 1:
        files[out_dir / f"{slug}.html"] = page_bytes(render_map(loaded, tiles=tiles))
    files[out_dir / "index.html"] = _index_page(out_dir, list(files))
    return write_files(files)


def _layer_images(data: ElectionData, stem: Path) -> dict[Path, bytes]:
    from .image import figure_bytes, render_image

    images = {}
    for layer in layers_for(data.seats):
        fig, _ = render_image(data, layer.id)
        images[stem.with_name(f"{stem.name}-{layer.id}.png")] = figure_bytes(fig, "png")
    return images


def write_image(
    year: int,
    layer: str,
    out: Path | str,
    *,
    region: str = "london",
    view: View = "geo",
    preset: PresetName = "web",
    labels: bool = False,
    alt_text: bool = False,
    **inputs,
) -> list[Path]:
    """Render one layer (or ``"all"``: the four required ones, 2×2) to ``out``.

    The format follows the suffix of ``out``. With ``alt_text``, a description
    goes beside it as ``<name>.alt.txt``. Returns the paths written.
    """
    from . import image

    out = Path(out)
    image.check_suffix(out)
    data = load_data(year, region=region, **inputs)
    if layer == "all":
        fig, _ = image.render_small_multiples(data, view=view, preset=preset)
        layer_ids = [lay.id for lay in REQUIRED_LAYERS]
    else:
        fig, _ = image.render_image(
            data, layer, view=view, preset=preset, labels=labels
        )
        layer_ids = [layer]
    description = "\n\n".join(describe(data, i) for i in layer_ids)
    files = {out: image.figure_bytes(fig, image.check_suffix(out))}
    if alt_text:
        text = out.with_name(f"{out.stem}.alt.txt")
        files[text] = (description + "\n").encode("utf-8")
    return write_files(files)


def _index_page(out_dir: Path, new_files: list[Path]) -> bytes:
    """Return the index of every map in the folder, with those about to be written.

    Maps of any region: the page of every election first, then each election,
    newest first; each is followed by the PNG images of its layers, where
    there are any.
    """
    files = {*out_dir.glob("*"), *new_files} if out_dir.is_dir() else set(new_files)
    maps = sorted(
        (p for p in files if MAP_FILE.fullmatch(p.name) or _every_election(p, files)),
        key=_index_order,
    )
    items = "\n".join(_index_item(p, files) for p in maps)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>General election maps</title>
<style>{INDEX_STYLE}</style>
</head><body><main>
<h1>General election maps</h1>
<p>Winning party, gains, majority, estimated Remain vote and more. Each map works
offline; to put one in an article, copy its <code>&lt;iframe&gt;</code> and keep
the map's file beside the page.</p>
<ul>
{items}
</ul>
</main>
<script>{COPY_SCRIPT}</script>
</body></html>
"""
    return page.encode("utf-8")


#: The index's look: a readable column, the snippets in a monospace box.
INDEX_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;"
    "padding:0 1em;color:#1a1a1a}li{margin-bottom:1.2em}"
    "textarea{width:100%;box-sizing:border-box;font:13px/1.4 monospace;"
    "resize:vertical}button{font:inherit}"
    ":focus-visible{outline:3px solid #000;outline-offset:2px}"
)
#: Copies a snippet: the clipboard where the browser allows it, else a selection.
COPY_SCRIPT = (
    'document.querySelectorAll("button[data-copy]").forEach(function(b){'
    'b.addEventListener("click",function(){'
    'var t=document.getElementById(b.getAttribute("data-copy"));t.select();'
    "(navigator.clipboard?navigator.clipboard.writeText(t.value):Promise.reject())"
    '.catch(function(){document.execCommand("copy")});'
    'b.textContent="Copied";});});'
)
#: How an embedded map sizes in an article column: the column's width, a
#: height that follows it (square) within limits that keep the map usable.
EMBED_STYLE = "width:100%;aspect-ratio:1;min-height:480px;max-height:85vh;border:0"


def _every_election(page: Path, files: set[Path]) -> bool:
    """Whether ``page`` is a region's page of every election (``london.html``)."""
    return page.suffix == ".html" and any(
        MAP_FILE.fullmatch(p.name) and p.stem.rsplit("-", 1)[0] == page.stem
        for p in files
    )


def _index_order(page: Path) -> tuple[str, int]:
    if MAP_FILE.fullmatch(page.name):
        region, year = page.stem.rsplit("-", 1)
        return region, -int(year)
    return page.stem, -10_000  # every election: before its region's years


def embed_snippet(page: Path) -> str:
    """Return the ``<iframe>`` that puts a map in an article column."""
    return (
        f'<iframe src="{html.escape(page.name)}" '
        f'title="Interactive map: {html.escape(_title(page))}" '
        f'style="{EMBED_STYLE}" loading="lazy"></iframe>'
    )


def _index_item(page: Path, files: set[Path]) -> str:
    ident = f"embed-{html.escape(page.stem)}"
    return (
        f'<li><a href="{html.escape(page.name)}">{html.escape(_title(page))}</a>'
        + _image_links(page, files)
        + f'<br><label for="{ident}">Embed code</label> '
        f'<button type="button" data-copy="{ident}">Copy</button>'
        f'<textarea id="{ident}" rows="3" readonly>'
        f"{html.escape(embed_snippet(page))}</textarea></li>"
    )


def _image_links(page: Path, files: set[Path]) -> str:
    images = sorted(
        p for p in files if p.suffix == ".png" and p.stem.startswith(page.stem + "-")
    )
    links = ", ".join(
        f'<a href="{html.escape(p.name)}">'
        f"{html.escape(p.stem.removeprefix(page.stem + '-'))}</a>"
        for p in images
    )
    return f"<br><small>Images: {links}</small>" if images else ""


def _title(path: Path) -> str:
    if not MAP_FILE.fullmatch(path.name):
        return f"{_region_words(path.stem)}: every general election"
    region, year = path.stem.rsplit("-", 1)
    return f"{_region_words(region)}: {year} general election"


def _region_words(slug: str) -> str:
    """Return a region read from a file name: "east-of-england", "East of England"."""
    return " ".join(w if w in _SMALL_WORDS else w.capitalize() for w in slug.split("-"))


#: Words a title read back from a file name keeps in lower case.
_SMALL_WORDS = {"and", "of", "the"}
