"""Static images: what was drawn (patch colours, legend, text), sizes and files.

No pixel-golden files: the tests look at the matplotlib objects and at the text
of the SVG, as geopandas' own plotting tests do.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from PIL import Image

import mapping
from mapping.elections import ELECTIONS
from mapping.errors import MappingError
from mapping.image import (
    ImageFormatError,
    ImageOptionError,
    alt_text,
    render_image,
    render_small_multiples,
    save_figure,
)
from mapping.layers import (
    HOLD_COLOUR,
    REQUIRED_LAYERS,
    get_layer,
    style_layer,
)
from mapping.package import attribution
from mapping.parties import get_party
from mapping.style import GAIN_OUTLINE, NO_DATA_COLOUR

from .conftest import REPO

REQUIRED_IDS = [layer.id for layer in REQUIRED_LAYERS]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def seats_2019():
    return mapping.load_election(2019)


@pytest.fixture(scope="module")
def seats_by_year():
    return {year: mapping.load_election(year) for year in ELECTIONS}


def seat_patches(ax, layer_id):
    """The seat patches of a layer, by ONS code."""
    prefix = f"seat-{layer_id}-"
    return {
        patch.get_gid().removeprefix(prefix): patch
        for patch in ax.patches
        if (patch.get_gid() or "").startswith(prefix)
    }


def code_of(frame, name):
    return frame.loc[frame["name"] == name, "code"].item()


def svg_text(path):
    """All text of an SVG, one string, whitespace collapsed."""
    root = ET.parse(path).getroot()
    texts = [
        "".join(element.itertext())
        for element in root.iter()
        if element.tag.endswith("}text")
    ]
    return re.sub(r"\s+", " ", " ".join(texts))


def render(frame, layer_id, **options):
    options.setdefault("election", 2019)
    options.setdefault("region_label", "London")
    return render_image(frame, layer_id, **options)


# --------------------------------------------------------------------------
# What is drawn


def test_putney_2019_is_labour_red_on_the_winner_layer(seats_2019):
    fig, ax = render(seats_2019, "winner")
    putney = seat_patches(ax, "winner")[code_of(seats_2019, "Putney")]
    assert to_hex(putney.get_facecolor()) == "#d50000"
    assert get_party("Lab").colour == "#d50000"
    assert not putney.get_hatch()


@pytest.mark.parametrize("view", ["geo", "hex"])
@pytest.mark.parametrize("layer_id", REQUIRED_IDS)
def test_every_seat_has_the_colour_style_layer_gives_it(seats_2019, layer_id, view):
    fig, ax = render(seats_2019, layer_id, view=view)
    styled = style_layer(seats_2019, get_layer(layer_id, seats_2019))
    patches = seat_patches(ax, layer_id)
    assert len(patches) == len(seats_2019) == 73
    for code, colour in zip(seats_2019["code"], styled.colours(), strict=True):
        assert to_hex(patches[code].get_facecolor()) == colour, code


def test_gains_are_hatched_and_outlined_holds_are_plain(seats_2019):
    fig, ax = render(seats_2019, "gains")
    patches = seat_patches(ax, "gains")
    kensington = patches[code_of(seats_2019, "Kensington")]
    assert to_hex(kensington.get_facecolor()) == get_party("Con").colour
    assert kensington.get_hatch() == "////"
    assert to_hex(kensington.get_edgecolor()) == GAIN_OUTLINE
    barking = patches[code_of(seats_2019, "Barking")]
    assert to_hex(barking.get_facecolor()) == HOLD_COLOUR
    assert not barking.get_hatch()
    assert kensington.get_linewidth() > 2 * barking.get_linewidth()
    gained = set(seats_2019.loc[seats_2019["gain"], "code"])
    hatched = {code for code, patch in patches.items() if patch.get_hatch()}
    assert hatched == gained and len(gained) == 4


@pytest.mark.parametrize("layer_id", REQUIRED_IDS)
def test_legend_lists_every_entry_of_the_layer(seats_2019, layer_id):
    fig, ax = render(seats_2019, layer_id)
    styled = style_layer(seats_2019, get_layer(layer_id, seats_2019))
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        entry.label for entry in styled.entries
    ]
    assert legend.get_title().get_text() == styled.layer.title
    for handle, entry in zip(legend.legend_handles, styled.entries, strict=True):
        assert to_hex(handle.get_facecolor()) == entry.colour
        assert bool(handle.get_hatch()) == entry.outlined


def test_legend_names_parties_in_full_and_counts_seats(seats_2019):
    fig, ax = render(seats_2019, "winner")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["Labour (49)", "Conservative (21)", "Liberal Democrat (3)"]


def test_gains_legend_shows_the_same_hatch_and_outline(seats_2019):
    fig, ax = render(seats_2019, "gains")
    handles = {h.get_label(): h for h in ax.get_legend().legend_handles}
    con = handles["Conservative gain (2)"]
    assert con.get_hatch() == "////" and to_hex(con.get_edgecolor()) == GAIN_OUTLINE
    assert not handles["No change (69)"].get_hatch()


def test_remain_scale_is_centred_on_50_per_cent(seats_2019):
    fig, ax = render(seats_2019, "remain")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts.index("50–55%") == len(texts) // 2
    assert texts.index("45–50%") == len(texts) // 2 - 1


def test_missing_values_get_a_no_data_entry(seats_2019):
    frame = seats_2019.copy()
    frame.loc[frame["name"] == "Putney", "remain_pct"] = np.nan
    fig, ax = render(frame, "remain")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "No data"
    putney = seat_patches(ax, "remain")[code_of(frame, "Putney")]
    assert to_hex(putney.get_facecolor()) == NO_DATA_COLOUR
    fig, ax = render(seats_2019, "remain")
    assert "No data" not in [t.get_text() for t in ax.get_legend().get_texts()]


def test_title_note_and_attribution(seats_2019):
    fig, ax = render(seats_2019, "majority")
    assert ax.get_title(loc="left") == "Majority — London, 2019 general election"
    texts = " ".join(t.get_text() for t in [*fig.texts, *ax.texts])
    assert "House of Commons Library's 5-point bands." in texts.replace("\n", " ")
    footer = next(t for t in fig.texts if t.get_gid() == "attribution")
    assert footer.get_text().replace("\n", " ") == attribution()
    assert not ax.axison
    assert ax.get_aspect() == 1.0


def test_labels_name_seats_in_a_contrasting_colour(seats_2019):
    fig, ax = render(seats_2019, "winner", view="hex", labels=True)
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith("label-winner-")]
    texts = {t.get_text(): t for t in labels}
    assert len(texts) == 73
    assert texts["Putney"].get_color() == "#ffffff"  # on Labour red
    assert texts["Twickenham"].get_color() == "#1a1a1a"  # on Lib Dem orange
    assert "Hackney N &\nStoke Newington" in texts
    assert all(text.count("\n") <= 1 for text in texts)
    sizes = {t.get_fontsize() for t in labels}
    assert min(sizes) >= 3.0


def test_render_into_given_axes(seats_2019):
    fig = Figure(figsize=(10, 6))
    given = fig.add_axes((0.05, 0.15, 0.6, 0.7))
    out_fig, ax = render(seats_2019, "remain", ax=given)
    assert ax is given and out_fig is fig
    assert len(seat_patches(ax, "remain")) == 73
    assert ax.get_legend() is not None
    assert any(t.get_gid() == "attribution" for t in ax.texts)


@pytest.mark.parametrize(
    ("options", "word"),
    [
        ({"layer_id": "nonsense"}, "winner"),
        ({"layer_id": "winner", "view": "globe"}, "hex"),
        ({"layer_id": "winner", "preset": "poster"}, "social"),
    ],
)
def test_unknown_options_name_the_choices(seats_2019, options, word):
    layer_id = options.pop("layer_id")
    with pytest.raises(ImageOptionError, match=word) as error:
        render(seats_2019, layer_id, **options)
    assert isinstance(error.value, MappingError)


# --------------------------------------------------------------------------
# Layout: nothing overlaps, nothing is cut off


def extents(fig):
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return renderer, fig.bbox


def inside(box, outer, tolerance=1.0):
    return (
        box.x0 >= outer.x0 - tolerance
        and box.y0 >= outer.y0 - tolerance
        and box.x1 <= outer.x1 + tolerance
        and box.y1 <= outer.y1 + tolerance
    )


@pytest.mark.parametrize("preset", ["web", "social", "print"])
@pytest.mark.parametrize("view", ["geo", "hex"])
def test_layout_keeps_everything_on_the_page_and_apart(seats_2019, preset, view):
    for layer_id in REQUIRED_IDS:
        fig, ax = render(seats_2019, layer_id, preset=preset, view=view)
        renderer, page = extents(fig)
        legend = ax.get_legend().get_window_extent(renderer)
        title = ax.title.get_window_extent(renderer)
        footer = fig.texts[-1].get_window_extent(renderer)
        for box in (legend, title, footer, ax.bbox):
            assert inside(box, page), (layer_id, box)
        assert not legend.overlaps(ax.bbox), layer_id
        assert not footer.overlaps(ax.bbox) and not footer.overlaps(legend)
        assert title.y0 >= ax.bbox.y1 and not title.overlaps(legend)


@pytest.mark.parametrize("preset", ["web", "social", "print"])
def test_small_multiples_layout_does_not_overlap(seats_2019, preset):
    fig, axes = render_small_multiples(
        seats_2019, election=2019, region_label="London", preset=preset
    )
    renderer, page = extents(fig)
    boxes = []
    for ax in axes.flat:
        legend = ax.get_legend().get_window_extent(renderer)
        assert not legend.overlaps(ax.bbox)
        boxes += [ax.bbox, legend, ax.title.get_window_extent(renderer)]
    footer = next(t for t in fig.texts if t.get_gid() == "attribution")
    boxes.append(footer.get_window_extent(renderer))
    for box in boxes:
        assert inside(box, page)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a is not b:
                assert not (a.overlaps(b) and a.intersection(a, b).width > 1), (a, b)


# --------------------------------------------------------------------------
# Small multiples


def test_small_multiples_show_the_four_required_layers(seats_2019):
    fig, axes = render_small_multiples(seats_2019, election=2019, region_label="London")
    assert axes.shape == (2, 2)
    assert len(fig.axes) == 4
    assert [ax.get_title(loc="left") for ax in axes.flat] == [
        layer.title for layer in REQUIRED_LAYERS
    ]
    for ax, layer in zip(axes.flat, REQUIRED_LAYERS, strict=True):
        assert len(seat_patches(ax, layer.id)) == 73
        assert ax.get_legend().get_title().get_text() == layer.title
    texts = [t.get_text() for t in fig.texts]
    assert "London, 2019 general election" in texts
    assert attribution() in [t.replace("\n", " ") for t in texts]
    assert fig.dpi == 300


# --------------------------------------------------------------------------
# Files


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [(".png", PNG_MAGIC), (".svg", b"<?xml"), (".pdf", b"%PDF-")],
)
def test_each_format_is_written_with_its_magic_bytes(
    seats_2019, tmp_path, suffix, magic
):
    fig, ax = render(seats_2019, "winner", preset="social")
    path = save_figure(fig, tmp_path / f"map{suffix}")
    assert path.read_bytes().startswith(magic)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"map{suffix}"]


def test_uppercase_suffix_is_accepted(seats_2019, tmp_path):
    fig, ax = render(seats_2019, "winner", preset="social")
    assert save_figure(fig, tmp_path / "MAP.PNG").read_bytes().startswith(PNG_MAGIC)


def test_svg_keeps_title_legend_and_attribution_as_text(seats_2019, tmp_path):
    fig, ax = render(seats_2019, "gains")
    path = save_figure(fig, tmp_path / "gains.svg")
    text = svg_text(path)
    assert "Gains — London, 2019 general election" in text
    assert attribution() in text
    for label in (
        "Conservative gain (2)",
        "Liberal Democrat gain (1)",
        "No change (69)",
    ):
        assert label in text
    assert "<path" in path.read_text() and 'id="seat-gains-' in path.read_text()


@pytest.mark.parametrize(
    ("preset", "size"), [("social", (1200, 675)), ("web", (1600, None))]
)
def test_png_pixel_sizes(seats_2019, tmp_path, preset, size):
    for view in ("geo", "hex"):
        fig, ax = render(seats_2019, "majority", preset=preset, view=view)
        path = save_figure(fig, tmp_path / f"{preset}-{view}.png")
        with Image.open(path) as image:
            width, height = image.size
        assert width == size[0]
        assert height == size[1] if size[1] else 800 <= height <= 1600


def test_print_is_300_dpi_and_fits_a4(seats_2019, tmp_path):
    fig, ax = render(seats_2019, "remain", preset="print")
    path = save_figure(fig, tmp_path / "print.png")
    with Image.open(path) as image:
        width, height = image.size
        dpi = image.info["dpi"]
    assert width == 2481  # 210 mm at 300 dpi
    assert height <= 3508  # 297 mm at 300 dpi
    assert [round(d) for d in dpi] == [300, 300]
    width_in, height_in = fig.get_size_inches()
    assert width_in <= 8.27 + 1e-9 and height_in <= 11.69 + 1e-9


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_same_image_twice_gives_identical_bytes(seats_2019, tmp_path, suffix):
    written = []
    for name in ("first", "second"):
        fig, ax = render(seats_2019, "gains", view="hex", preset="social", labels=True)
        written.append(save_figure(fig, tmp_path / f"{name}{suffix}").read_bytes())
    assert written[0] == written[1]


@pytest.mark.parametrize("suffix", [".jpg", ".html", ""])
def test_unknown_suffix_raises_and_writes_nothing(seats_2019, tmp_path, suffix):
    fig, ax = render(seats_2019, "winner", preset="social")
    with pytest.raises(ImageFormatError, match=r"\.png, \.svg, \.pdf") as error:
        save_figure(fig, tmp_path / f"map{suffix}")
    assert isinstance(error.value, MappingError) and isinstance(error.value, ValueError)
    assert list(tmp_path.iterdir()) == []


def test_failed_save_leaves_the_old_file_and_no_temporary(
    seats_2019, tmp_path, monkeypatch
):
    target = tmp_path / "map.png"
    target.write_bytes(b"old map")
    fig, ax = render(seats_2019, "winner", preset="social")

    def broken_savefig(handle, **kwargs):
        handle.write(b"half a PNG")
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", broken_savefig)
    with pytest.raises(RuntimeError, match="disk full"):
        save_figure(fig, target)
    assert target.read_bytes() == b"old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


# --------------------------------------------------------------------------
# Every election


@pytest.mark.parametrize("year", sorted(ELECTIONS))
def test_every_required_layer_renders_for_every_election(seats_by_year, tmp_path, year):
    frame = seats_by_year[year]
    for layer_id in REQUIRED_IDS:
        fig, ax = render_image(
            frame, layer_id, election=year, region_label="London", preset="social"
        )
        assert len(seat_patches(ax, layer_id)) == len(frame)
        path = save_figure(fig, tmp_path / f"{layer_id}-{year}.svg")
        assert f"{get_layer(layer_id, frame).title} — London, {year}" in svg_text(path)


# --------------------------------------------------------------------------
# Alt text


def test_alt_text_counts_seats_and_names_the_extreme_majorities(seats_2019):
    text = alt_text(seats_2019, "winner", election=2019, region_label="London")
    assert text.startswith("Map: Winning party — London, 2019 general election")
    assert "73 seats" in text
    assert "Labour 49, Conservative 21, Liberal Democrat 3" in text
    largest = seats_2019.loc[seats_2019["majority_pct"].idxmax()]
    smallest = seats_2019.loc[seats_2019["majority_pct"].idxmin()]
    assert smallest["name"] == "Kensington" and smallest["majority"] == 150
    for row, word in ((largest, "Largest"), (smallest, "smallest")):
        party = get_party(row["winner"]).name
        expected = (
            f"{word} majority: {row['name']} ({party}), {int(row['majority']):,} "
            f"votes ({row['majority_pct']:.1f}%)"
        )
        assert expected in text


def test_alt_text_of_gains_lists_the_seats_that_changed_hands(seats_2019):
    text = alt_text(seats_2019, "gains", election=2019, region_label="London")
    assert "4 seats changed hands" in text
    assert "Conservative gained 2 (Carshalton and Wallington, Kensington)" in text
    assert "Labour gained 1 (Putney)" in text


def test_alt_text_of_a_classed_layer_gives_its_range(seats_2019):
    text = alt_text(seats_2019, "remain", election=2019, region_label="London")
    low = seats_2019.loc[seats_2019["remain_pct"].idxmin()]
    high = seats_2019.loc[seats_2019["remain_pct"].idxmax()]
    assert (
        f"ranges from {low['remain_pct']:.1f}% in {low['name']} "
        f"to {high['remain_pct']:.1f}% in {high['name']}."
    ) in text
    assert low["remain_pct"] < 40 < 70 < high["remain_pct"]


@pytest.mark.parametrize(
    ("suffix", "absent"),
    [
        (".png", [b"Software", b"matplotlib version"]),
        (".svg", [b"<dc:date>"]),
        (".pdf", [b"/CreationDate", b"/ModDate"]),
    ],
)
def test_files_carry_no_dates_or_software_versions(
    seats_2019, tmp_path, suffix, absent
):
    fig, ax = render(seats_2019, "winner", preset="social")
    data = save_figure(fig, tmp_path / f"map{suffix}").read_bytes()
    for marker in absent:
        assert marker not in data


def test_rendering_leaves_pyplot_and_global_settings_alone(tmp_path):
    script = f"""
import sys
import matplotlib as mpl
before = mpl.rcParams.copy()  # copy() does not resolve the backend
import mapping
from mapping.image import render_image, save_figure
frame = mapping.load_election(2019)
fig, ax = render_image(frame, "gains", election=2019, region_label="London")
save_figure(fig, {str(tmp_path / "map.svg")!r})
assert "matplotlib.pyplot" not in sys.modules
assert mpl.rcParams.copy() == before
"""
    subprocess.run([sys.executable, "-c", script], check=True, cwd=REPO)


def test_no_seats_is_a_clear_error(seats_2019):
    empty = seats_2019.iloc[:0]
    with pytest.raises(ImageOptionError, match="no seats"):
        render(empty, "winner")
    with pytest.raises(ImageOptionError, match="no seats"):
        render_small_multiples(empty, election=2019, region_label="London")
    with pytest.raises(ImageOptionError, match="no seats"):
        alt_text(empty, "winner", election=2019, region_label="London")


def test_alt_text_keeps_a_tiny_majority_visible():
    seats = mapping.load_election(2024)
    text = alt_text(seats, "majority", election=2024, region_label="London")
    hendon = seats.loc[seats["name"] == "Hendon", "majority_pct"].item()
    assert 0 < hendon < 0.1
    assert "smallest majority: Hendon (Labour), 15 votes (0.036%)" in text
    assert text.count("Largest majority") == 1
