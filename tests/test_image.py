"""Static images: what was drawn (patch colours, legend, text), sizes and files.

No pixel-golden files: the tests look at the matplotlib objects and at the text
of the SVG, as geopandas' own plotting tests do. The layout engine is tested on
its own, without drawing anything.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from mapping.custom import load_data
from mapping.describe import describe
from mapping.elections import ELECTIONS
from mapping.errors import MappingError, UnknownLayerError
from mapping.image import (
    PRESETS,
    ImageFormatError,
    ImageOptionError,
    render_image,
    render_small_multiples,
    save_figure,
)
from mapping.image.layout import (
    LEGEND_GAP,
    Box,
    PanelText,
    map_aspect,
    padded_bounds,
    plan_beside_map,
    plan_panel,
    text_height,
    text_width,
    wrap,
)
from mapping.image.pages import (
    ATTRIBUTION_SCALE,
    GRID_GAP,
    TITLE_SLOT,
    Editorial,
    fit_height,
    plan_grid,
    plan_page,
)
from mapping.image.swatches import GAIN_HATCH, HATCH_LINEWIDTH, hatch_colour
from mapping.layers import (
    HOLD_COLOUR,
    REQUIRED_LAYERS,
    get_layer,
    style_layer,
)
from mapping.parties import get_party
from mapping.style import (
    GAIN_OUTLINE,
    HATCH_ANGLE,
    HATCH_OPACITY,
    HATCH_SPACING_PX,
    HATCH_WIDTH_PX,
    NO_DATA_COLOUR,
    TEXT_DARK,
    TEXT_LIGHT,
    mix,
    text_colour,
)

from .conftest import REPO

REQUIRED_IDS = [layer.id for layer in REQUIRED_LAYERS]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def data_2019():
    return load_data(2019)


@pytest.fixture(scope="module")
def seats_2019(data_2019):
    return data_2019.seats


@pytest.fixture(scope="module")
def data_by_year():
    return {year: load_data(year) for year in ELECTIONS}


def with_seats(data, seats):
    """The same election with other seats (and everything else as it was)."""
    return dataclasses.replace(data, seats=seats)


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


def drawn_text(artist):
    """Every text drawn on a figure or axes, one string, line breaks as spaces."""
    return " ".join(t.get_text() for t in artist.findobj(Text)).replace("\n", " ")


def by_gid(fig, gid):
    return next(t for t in fig.findobj(Text) if t.get_gid() == gid)


def headline(fig):
    return by_gid(fig, "figure-title")


def footer_of(fig, ax=None):
    texts = [*fig.texts, *(ax.texts if ax is not None else [])]
    footer = next(t for t in texts if t.get_gid() == "attribution")
    return footer.get_text().replace("\n", " ")


def svg_text(path):
    """All text of an SVG, one string, whitespace collapsed."""
    root = ET.parse(path).getroot()
    texts = [
        "".join(element.itertext())
        for element in root.iter()
        if element.tag.endswith("}text")
    ]
    return re.sub(r"\s+", " ", " ".join(texts))


# --------------------------------------------------------------------------
# The layout engine, without drawing

NOTE = (
    "Estimated Remain share in the 2016 EU referendum (Hanretty 2017); "
    "orange leaned Leave, purple Remain, centred on 50%."
)
PANEL = PanelText(
    title="Estimated Remain vote, 2016 — London, 2019 general election",
    note=NOTE,
    legend_title="Estimated Remain vote, 2016",
    legend_labels=tuple(f"{low}–{low + 5}%" for low in range(20, 75, 5)),
)
ATTRIBUTION = "; ".join(["Contains OS data © Crown copyright and database right"] * 4)
WORDS = Editorial(PANEL.title, NOTE, "Source: House of Commons Library", ATTRIBUTION)


def test_wrap_keeps_every_word_and_each_line_within_the_width():
    wrapped = wrap(NOTE, 2.0, 10)
    assert wrapped.split() == NOTE.split()
    lines = wrapped.split("\n")
    assert len(lines) >= 3
    assert all(text_width(line, 10) <= 2.0 for line in lines)
    # Greedy: no line could have taken the next line's first word.
    for line, following in zip(lines, lines[1:], strict=False):
        assert text_width(f"{line} {following.split()[0]}", 10) > 2.0


def test_wrap_gives_a_word_wider_than_the_line_a_line_of_its_own():
    word = "Llanfairpwllgwyngyll"
    assert wrap(f"a {word} b", 0.3, 10) == f"a\n{word}\nb"
    assert wrap("", 1.0, 10) == ""


def test_text_is_measured_in_inches_by_size_and_weight():
    small, large = text_width("London", 10), text_width("London", 20)
    assert large == pytest.approx(2 * small)
    assert 0.3 < small < 0.6  # six letters at 10 pt
    assert text_width("London", 10, bold=True) > small
    assert text_height("", 10) == 0.0
    assert text_height("one\ntwo", 10, 1.2) == pytest.approx(2 * 10 * 1.2 / 72)


def test_boxes_are_measured_from_the_top_left():
    box = Box(1.0, 1.0, 3.0, 4.0)
    assert box.figure_rect(10.0, 8.0) == (0.1, 0.375, 0.3, 0.5)
    assert box.shifted(0.5, 1.0) == Box(1.5, 2.0, 3.0, 4.0)
    assert box.overlaps(Box(3.9, 4.9, 1.0, 1.0))
    # Boxes that only touch do not overlap: right, left, below and above.
    for other in [(4, 1, 1, 1), (0, 1, 1, 1), (1, 5, 3, 1), (1, 0, 3, 1)]:
        assert not box.overlaps(Box(*map(float, other))), other


def test_map_bounds_are_padded_and_keep_their_aspect():
    assert padded_bounds((0, 0, 100, 50)) == (-1.5, -1.5, 101.5, 51.5)
    assert map_aspect((0, 0, 100, 50)) == pytest.approx(53 / 103)


def right_edge(box):
    return box.left + box.width


def bottom_edge(box):
    return box.top + box.height


def test_a_legend_on_the_right_sits_beside_the_map_under_the_heading():
    plan = plan_panel(
        PANEL,
        width=7.5,
        height=None,
        aspect=0.8,
        title_size=13,
        text_size=8.5,
        legend_side="right",
    )
    assert plan.legend_columns == 1
    assert plan.legend.left == pytest.approx(right_edge(plan.map) + LEGEND_GAP)
    assert right_edge(plan.legend) <= 7.5 + 1e-9
    assert plan.map.top == plan.legend.top > text_height(plan.title, 13, 1.2)
    assert plan.map.height == pytest.approx(0.8 * plan.map.width)
    assert plan.height == pytest.approx(
        plan.map.top + max(plan.map.height, plan.legend.height)
    )
    assert plan.title.split() == PANEL.title.split()  # wrapped, nothing lost


def test_a_legend_below_sits_under_a_centred_map():
    plan = plan_panel(
        PANEL,
        width=7.27,
        height=None,
        aspect=0.8,
        title_size=16,
        text_size=10,
        legend_side="below",
    )
    assert 1 < plan.legend_columns <= 4
    assert plan.legend.top == pytest.approx(bottom_edge(plan.map) + LEGEND_GAP)
    assert plan.map.left == pytest.approx(7.27 - right_edge(plan.map))
    assert plan.height == pytest.approx(bottom_edge(plan.legend))


def test_a_short_panel_gives_its_legend_more_columns_and_shrinks_the_map():
    options = dict(
        width=7.5, aspect=0.8, title_size=13, text_size=8.5, legend_side="right"
    )
    panel = dataclasses.replace(PANEL, legend_title="Remain")  # narrower than rows
    tall = plan_panel(panel, height=None, **options)
    short = plan_panel(panel, height=2.0, **options)
    assert short.legend_columns > tall.legend_columns == 1
    assert short.legend.width > tall.legend.width
    assert bottom_edge(short.map) <= 2.0 + 1e-9
    assert bottom_edge(short.legend) <= 2.0 + 1e-9
    assert short.map.width < tall.map.width
    assert not short.map.overlaps(short.legend)


def test_a_panel_around_given_axes_keeps_them_and_puts_the_legend_right():
    plan = plan_beside_map(
        PANEL, map_width=6.0, map_height=4.2, title_size=13, text_size=8.5
    )
    assert plan.map == Box(0.0, 0.0, 6.0, 4.2)
    assert plan.legend.left == pytest.approx(6.0 + LEGEND_GAP)
    assert plan.legend.top == 0.0 and plan.legend_columns == 1
    assert plan.title == wrap(PANEL.title, 6.0, 13, bold=True)
    squat = plan_beside_map(
        PANEL, map_width=6.0, map_height=1.0, title_size=13, text_size=8.5
    )
    assert squat.legend_columns > 1 and squat.legend.height <= 1.0 + 1e-9


def test_fit_height_fixes_fits_or_caps_the_page():
    asked = []

    def plan_for(room):
        asked.append(room)
        return "plan", 6.0  # content 6 inches tall when free

    assert fit_height(plan_for, 1.0, height=4.5, max_height=None) == ("plan", 4.5)
    assert asked == [3.5]
    asked.clear()
    assert fit_height(plan_for, 1.0, height=None, max_height=None) == ("plan", 7.0)
    assert asked == [None]
    asked.clear()
    assert fit_height(plan_for, 1.0, height=None, max_height=5.0) == ("plan", 5.0)
    assert asked == [None, 4.0]


def test_a_legend_wider_than_the_page_is_refused():
    # A label as long as a party name of the user's own file can be.
    wide = replace(PANEL, legend_labels=(*PANEL.legend_labels, "Independent " * 12))
    with pytest.raises(ImageOptionError, match="too wide for this preset"):
        plan_page(wide, preset=PRESETS["square"], aspect=0.8, words=WORDS)


@pytest.mark.parametrize("name", list(PRESETS))
def test_a_page_is_whole_pixels_within_its_preset(name):
    preset = PRESETS[name]
    plan = plan_page(PANEL, preset=preset, aspect=0.8, words=WORDS)
    pixels = plan.height * plan.dpi
    assert pixels == pytest.approx(round(pixels), abs=1e-6)
    if preset.height is not None:
        assert plan.height == preset.height
    if preset.max_height is not None:
        assert plan.height <= preset.max_height
    (panel,), (origin,) = plan.panels, plan.origins
    header = text_height(plan.title, preset.title_size, 1.2) + text_height(
        plan.subtitle, preset.text_size, 1.3
    )
    sidebar = preset.legend_side == "sidebar"
    assert origin == (
        preset.margin,
        preset.margin + (0 if sidebar else header + TITLE_SLOT),
    )
    for box in (panel.map, panel.legend):
        box = box.shifted(*origin)
        assert box.left >= preset.margin - 1e-9
        assert right_edge(box) <= preset.width - preset.margin + 1e-9
    # The map leaves the axes-title slot free below the headline.
    map_box = panel.map.shifted(*origin)
    if not sidebar:
        assert map_box.top >= preset.margin + header + TITLE_SLOT - 1e-9
    else:
        assert map_box.top >= preset.margin + TITLE_SLOT - 1e-9
        assert panel.legend.top >= header - 1e-9  # the legend under the headline
    small = preset.small_size * ATTRIBUTION_SCALE
    footer_top = (
        plan.height
        - preset.margin
        - text_height(plan.footer, small, 1.25)
        - text_height(plan.source, preset.small_size, 1.25)
    )
    assert bottom_edge(map_box) <= footer_top
    assert plan.footer.split() == ATTRIBUTION.split() and "\n" in plan.footer
    assert plan.title.split() == PANEL.title.split()
    assert plan.source == "Source: House of Commons Library"


@pytest.mark.parametrize("name", list(PRESETS))
def test_grid_panels_line_up_in_rows_and_do_not_overlap(name):
    preset = PRESETS[name]
    plan = plan_grid(
        [PANEL] * 4,
        preset=preset,
        aspect=0.8,
        words=dataclasses.replace(WORDS, title="London, 2019 general election"),
    )
    assert len(plan.panels) == 4 and plan.title == "London, 2019 general election"
    tops = [top for _, top in plan.origins]
    lefts = [left for left, _ in plan.origins]
    assert tops[0] == tops[1] < tops[2] == tops[3]
    assert lefts[0] == lefts[2] == preset.margin < lefts[1] == lefts[3]
    # A gap between the rows and between the columns, not panels that touch.
    first_row = max(panel.height for panel in plan.panels[:2])
    assert tops[2] - tops[0] == pytest.approx(first_row + GRID_GAP)
    widest = max(right_edge(panel.legend) for panel in plan.panels[::2])
    assert lefts[1] - lefts[0] >= widest + GRID_GAP - 1e-9
    boxes = [
        box.shifted(*origin)
        for panel, origin in zip(plan.panels, plan.origins, strict=True)
        for box in (panel.map, panel.legend)
    ]
    for i, box in enumerate(boxes):
        assert right_edge(box) <= preset.width - preset.margin + 1e-9
        for other in boxes[i + 1 :]:
            assert not box.overlaps(other), (box, other)
    if preset.height is not None:
        assert plan.height == preset.height
    if preset.max_height is not None:
        assert plan.height <= preset.max_height
    assert plan.panels[0].text_size < preset.text_size  # smaller type in a grid


# --------------------------------------------------------------------------
# What is drawn


def test_putney_2019_is_labour_red_on_the_winner_layer(data_2019, seats_2019):
    fig, ax = render_image(data_2019, "winner")
    putney = seat_patches(ax, "winner")[code_of(seats_2019, "Putney")]
    assert to_hex(putney.get_facecolor()) == "#d50000"
    assert get_party("Lab").colour == "#d50000"
    assert not putney.get_hatch()


@pytest.mark.parametrize("view", ["geo", "hex"])
@pytest.mark.parametrize("layer_id", REQUIRED_IDS)
def test_every_seat_has_the_colour_style_layer_gives_it(
    data_2019, seats_2019, layer_id, view
):
    fig, ax = render_image(data_2019, layer_id, view=view)
    styled = style_layer(seats_2019, get_layer(layer_id, seats_2019))
    patches = seat_patches(ax, layer_id)
    assert len(patches) == len(seats_2019) == 73
    for code, colour in zip(seats_2019["code"], styled.colours(), strict=True):
        assert to_hex(patches[code].get_facecolor()) == colour, code


def test_gains_are_hatched_and_outlined_holds_are_plain(data_2019, seats_2019):
    fig, ax = render_image(data_2019, "gains")
    patches = seat_patches(ax, "gains")
    kensington = patches[code_of(seats_2019, "Kensington")]
    assert to_hex(kensington.get_facecolor()) == get_party("Con").colour
    assert kensington.get_hatch() == GAIN_HATCH
    assert to_hex(kensington.get_edgecolor()) == GAIN_OUTLINE
    barking = patches[code_of(seats_2019, "Barking")]
    assert to_hex(barking.get_facecolor()) == HOLD_COLOUR
    assert not barking.get_hatch()
    assert kensington.get_linewidth() > 2 * barking.get_linewidth()
    gained = set(seats_2019.loc[seats_2019["gain"], "code"])
    hatched = {code for code, patch in patches.items() if patch.get_hatch()}
    assert hatched == gained and len(gained) == 4


def test_gain_hatching_is_the_text_colour_of_its_fill_as_on_the_page(
    data_2019, seats_2019
):
    fig, ax = render_image(data_2019, "gains")
    hatched = [p for p in seat_patches(ax, "gains").values() if p.get_hatch()]
    colours = set()
    for patch in hatched:
        fill = to_hex(patch.get_facecolor())
        hatch = to_hex(patch.get_hatchcolor())
        # The page's rule: the fill's text colour at HATCH_OPACITY, over the fill.
        assert (
            hatch == mix(fill, text_colour(fill), HATCH_OPACITY) == hatch_colour(fill)
        )
        colours.add(text_colour(fill))
    # White on Labour red and Conservative blue, dark on Lib Dem orange.
    assert colours == {TEXT_LIGHT, TEXT_DARK}
    # The legend's swatches follow LegendEntry.hatch, the HTML legend's rule.
    styled = style_layer(seats_2019, get_layer("gains", seats_2019))
    handles = ax.get_legend().legend_handles
    for handle, entry in zip(handles, styled.entries, strict=True):
        if entry.outlined:
            expected = mix(entry.colour, entry.hatch, HATCH_OPACITY)
            assert to_hex(handle.get_hatchcolor()) == expected


def test_the_hatch_has_the_pages_angle_spacing_and_ink():
    # 45° lines HATCH_SPACING_PX CSS pixels apart (3/4 pt each), as near as
    # matplotlib's whole number of lines per inch allows, with the same share
    # of ink (line width over spacing) as the page.
    assert set(GAIN_HATCH) == {"/"} and HATCH_ANGLE == 45
    lines_per_inch = 6 * len(GAIN_HATCH)
    spacing_pt = 72 / lines_per_inch / 2**0.5  # across the lines
    page_spacing_pt = HATCH_SPACING_PX * 0.75
    assert abs(spacing_pt - page_spacing_pt) < 0.25 * page_spacing_pt
    assert HATCH_LINEWIDTH / spacing_pt == pytest.approx(
        HATCH_WIDTH_PX / HATCH_SPACING_PX, rel=0.01
    )


@pytest.mark.parametrize("layer_id", REQUIRED_IDS)
def test_legend_lists_every_entry_of_the_layer(data_2019, seats_2019, layer_id):
    fig, ax = render_image(data_2019, layer_id)
    styled = style_layer(seats_2019, get_layer(layer_id, seats_2019))
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        entry.label for entry in styled.entries
    ]
    assert legend.get_title().get_text() == styled.layer.title
    for handle, entry in zip(legend.legend_handles, styled.entries, strict=True):
        assert to_hex(handle.get_facecolor()) == entry.colour
        assert bool(handle.get_hatch()) == entry.outlined


def test_legend_names_parties_in_full_and_counts_seats(data_2019):
    fig, ax = render_image(data_2019, "winner")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["Labour (49)", "Conservative (21)", "Liberal Democrat (3)"]


def test_gains_legend_shows_the_same_hatch_and_outline(data_2019):
    fig, ax = render_image(data_2019, "gains")
    handles = {h.get_label(): h for h in ax.get_legend().legend_handles}
    con = handles["Conservative gain (2)"]
    assert con.get_hatch() == GAIN_HATCH
    assert to_hex(con.get_edgecolor()) == GAIN_OUTLINE
    assert not handles["No change (69)"].get_hatch()


def test_remain_scale_is_centred_on_50_per_cent(data_2019):
    fig, ax = render_image(data_2019, "remain")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts.index("50–55%") == len(texts) // 2
    assert texts.index("45–50%") == len(texts) // 2 - 1


def test_missing_values_get_a_no_data_entry(data_2019, seats_2019):
    frame = seats_2019.copy()
    frame.loc[frame["name"] == "Putney", "remain_pct"] = np.nan
    fig, ax = render_image(with_seats(data_2019, frame), "remain")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "No data"
    putney = seat_patches(ax, "remain")[code_of(frame, "Putney")]
    assert to_hex(putney.get_facecolor()) == NO_DATA_COLOUR
    fig, ax = render_image(data_2019, "remain")
    assert "No data" not in [t.get_text() for t in ax.get_legend().get_texts()]


def test_title_note_and_attribution(data_2019):
    fig, ax = render_image(data_2019, "majority")
    assert headline(fig).get_text() == "Majority — London, 2019 general election"
    assert ax.get_title(loc="left") == ax.get_title() == ""  # the slot is free
    texts = " ".join(t.get_text() for t in [*fig.texts, *ax.texts])
    assert "House of Commons Library's 5-point bands." in texts.replace("\n", " ")
    assert footer_of(fig) == data_2019.attribution_for("geo", ["majority"])
    assert not ax.axison
    assert ax.get_aspect() == 1.0


def test_labels_name_seats_in_a_contrasting_colour(data_2019):
    fig, ax = render_image(data_2019, "winner", view="hex", labels=True)
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith("label-winner-")]
    texts = {t.get_text(): t for t in labels}
    assert len(texts) == 73
    assert texts["Putney"].get_color() == "#ffffff"  # on Labour red
    assert texts["Twickenham"].get_color() == "#000000"  # on Lib Dem orange
    assert "Hackney N &\nStoke Newington" in texts
    assert all(text.count("\n") <= 1 for text in texts)
    sizes = {t.get_fontsize() for t in labels}
    assert min(sizes) >= 3.0


@pytest.mark.parametrize("into_axes", [False, True])
def test_data_strings_are_drawn_literally(data_2019, seats_2019, into_axes):
    frame = seats_2019.copy()
    frame.loc[frame["name"] == "Putney", "name"] = "$x^2$ \x1b[31mTown"
    data = dataclasses.replace(with_seats(data_2019, frame), region_label="$L$\tx")
    ax = Figure().add_axes((0.1, 0.2, 0.6, 0.6)) if into_axes else None
    fig, ax = render_image(data, "winner", labels=True, ax=ax)
    texts = fig.findobj(Text)
    assert [t.get_text() for t in texts if t.get_parse_math()] == []
    drawn = drawn_text(fig)
    assert r"$x^2$ \x1b[31mTown" in drawn and r"$L$\tx, 2019" in drawn
    assert "\x1b" not in drawn and "\t" not in drawn


def test_render_into_given_axes(data_2019):
    fig = Figure(figsize=(10, 6))
    given = fig.add_axes((0.05, 0.15, 0.6, 0.7))
    out_fig, ax = render_image(data_2019, "remain", ax=given)
    assert ax is given and out_fig is fig
    assert len(fig.axes) == 1 and fig.texts == []
    assert len(seat_patches(ax, "remain")) == 73
    assert footer_of(fig, ax) == data_2019.attribution_for("geo", ["remain"])
    renderer, page = extents(fig)
    legend = ax.get_legend().get_window_extent(renderer)
    footer = next(t for t in ax.texts if t.get_gid() == "attribution")
    footer = footer.get_window_extent(renderer)
    title = ax.title.get_window_extent(renderer)
    # The page's placement: legend beside the map, top-aligned; heading above.
    assert legend.x0 >= ax.bbox.x1 and legend.y1 == pytest.approx(ax.bbox.y1, abs=1)
    assert legend.x0 - ax.bbox.x1 == pytest.approx(LEGEND_GAP * fig.dpi, abs=1)
    assert footer.y1 <= ax.bbox.y0 and title.y0 >= ax.bbox.y1
    for box in (legend, footer, title):
        assert inside(box, page)


@pytest.mark.parametrize(
    ("options", "error", "word"),
    [
        ({"layer_id": "nonsense"}, UnknownLayerError, "winner"),
        ({"layer_id": "winner", "view": "globe"}, ImageOptionError, "hex"),
        ({"layer_id": "winner", "preset": "poster"}, ImageOptionError, "social"),
    ],
)
def test_unknown_options_name_the_choices(data_2019, options, error, word):
    layer_id = options.pop("layer_id")
    with pytest.raises(error, match=word) as raised:
        render_image(data_2019, layer_id, **options)
    assert isinstance(raised.value, MappingError)


def test_hex_view_of_seats_without_a_hex_layout_is_refused(data_2019):
    data = dataclasses.replace(data_2019, hex_layout=None)
    message = r"no hex layout \(areas of your own\); use --view geo"
    with pytest.raises(ImageOptionError, match=message):
        render_image(data, "winner", view="hex")
    with pytest.raises(ImageOptionError, match=message):
        render_small_multiples(data, view="hex")
    fig, ax = render_image(data, "winner", view="geo", preset="social")
    assert len(seat_patches(ax, "winner")) == 73


def test_an_image_with_missing_seats_says_how_many(inputs, tmp_path):
    table = pd.read_csv(inputs / "results.csv")
    path = tmp_path / "results.csv"
    table.iloc[3:].to_csv(path, index=False)
    data = load_data(2019, results=path, allow_missing=True)
    assert len(data.missing) == 3
    fig, ax = render_image(data, "winner", preset="social")
    assert "(3 seats without a result)" in drawn_text(fig)
    missing = set(data.seats.loc[data.seats["winner"].isna(), "code"])
    patches = seat_patches(ax, "winner")
    grey = {
        c for c, p in patches.items() if to_hex(p.get_facecolor()) == NO_DATA_COLOUR
    }
    assert grey == missing and len(missing) == 3
    fig, axes = render_small_multiples(data, preset="social")
    assert "(3 seats without a result)" in drawn_text(fig)


@pytest.mark.parametrize("how", ["page", "axes", "grid"])
def test_an_image_of_your_own_results_credits_only_your_file(inputs, how):
    data = load_data(2019, results=inputs / "results.csv")
    if how == "grid":
        fig, axes = render_small_multiples(data, preset="social")
        footer = footer_of(fig)
    else:
        ax = Figure(figsize=(10, 6)).add_axes((0.05, 0.15, 0.6, 0.7))
        fig, ax = render_image(data, "winner", ax=ax if how == "axes" else None)
        footer = footer_of(fig, ax)
    assert "results: results.csv" in footer
    # The package is credited only for what it still gives: the previous
    # winners that gains are measured from, where the file has none.
    shipped = footer.count("House of Commons Library")
    assert shipped == ("previous" in data.credits)
    layers = ["winner", "gains", "majority", "remain"] if how == "grid" else ["winner"]
    assert footer == data.attribution_for("geo", layers)


# --------------------------------------------------------------------------
# Layout as drawn: nothing overlaps, nothing is cut off


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


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["web", "social", "print"])
@pytest.mark.parametrize("view", ["geo", "hex"])
def test_layout_keeps_everything_on_the_page_and_apart(data_2019, preset, view):
    # The change layers: the longest legends and notes, beside a long headline.
    for layer_id in (*REQUIRED_IDS, "lead_change", "swing_con_to_lab"):
        fig, ax = render_image(data_2019, layer_id, preset=preset, view=view)
        renderer, page = extents(fig)
        legend = ax.get_legend().get_window_extent(renderer)
        title = headline(fig).get_window_extent(renderer)
        footer = by_gid(fig, "attribution").get_window_extent(renderer)
        for box in (legend, title, footer, ax.bbox):
            assert inside(box, page), (layer_id, box)
        assert not legend.overlaps(ax.bbox), layer_id
        assert not footer.overlaps(ax.bbox) and not footer.overlaps(legend)
        assert not title.overlaps(legend) and not title.overlaps(ax.bbox)


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["web", "square", "print"])
def test_a_legend_that_says_not_comparable_stays_apart(data_by_year, preset):
    # 2024's change layers: every class, and a long line saying why no seat
    # has a value (on the square, wider than the map above it).
    for layer_id in ("lead_change", "swing_con_to_lab"):
        fig, ax = render_image(data_by_year[2024], layer_id, preset=preset)
        renderer, page = extents(fig)
        legend = ax.get_legend().get_window_extent(renderer)
        title = headline(fig).get_window_extent(renderer)
        footer = by_gid(fig, "attribution").get_window_extent(renderer)
        source = by_gid(fig, "source").get_window_extent(renderer)
        for box in (legend, title, footer, source, ax.bbox):
            assert inside(box, page), (layer_id, box)
        assert not legend.overlaps(ax.bbox), layer_id
        for foot in (footer, source):
            assert not foot.overlaps(ax.bbox) and not foot.overlaps(legend), layer_id
        assert not title.overlaps(legend) and not title.overlaps(ax.bbox)


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["web", "social", "print"])
def test_small_multiples_layout_does_not_overlap(data_2019, preset):
    fig, axes = render_small_multiples(data_2019, preset=preset)
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


def test_small_multiples_show_the_four_required_layers(data_2019):
    fig, axes = render_small_multiples(data_2019)
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
    credit = data_2019.attribution_for("geo", [lay.id for lay in REQUIRED_LAYERS])
    assert credit in [t.replace("\n", " ") for t in texts]
    assert fig.dpi == 300


# --------------------------------------------------------------------------
# Files


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [(".png", PNG_MAGIC), (".svg", b"<?xml"), (".pdf", b"%PDF-")],
)
def test_each_format_is_written_with_its_magic_bytes(
    data_2019, tmp_path, suffix, magic
):
    fig, ax = render_image(data_2019, "winner", preset="social")
    path = save_figure(fig, tmp_path / f"map{suffix}")
    assert path.read_bytes().startswith(magic)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"map{suffix}"]


def test_uppercase_suffix_is_accepted(data_2019, tmp_path):
    fig, ax = render_image(data_2019, "winner", preset="social")
    assert save_figure(fig, tmp_path / "MAP.PNG").read_bytes().startswith(PNG_MAGIC)


def test_svg_keeps_title_legend_and_attribution_as_text(data_2019, tmp_path):
    fig, ax = render_image(data_2019, "gains")
    path = save_figure(fig, tmp_path / "gains.svg")
    text = svg_text(path)
    assert "Gains — London, 2019 general election" in text
    assert data_2019.attribution_for("geo", ["gains"]) in text
    for label in (
        "Conservative gain (2)",
        "Liberal Democrat gain (1)",
        "No change (69)",
    ):
        assert label in text
    assert "<path" in path.read_text() and 'id="seat-gains-' in path.read_text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("preset", "size"), [("social", (1200, 675)), ("web", (1600, None))]
)
def test_png_pixel_sizes(data_2019, tmp_path, preset, size):
    for view in ("geo", "hex"):
        fig, ax = render_image(data_2019, "majority", preset=preset, view=view)
        path = save_figure(fig, tmp_path / f"{preset}-{view}.png")
        with Image.open(path) as image:
            width, height = image.size
        assert width == size[0]
        assert height == size[1] if size[1] else 800 <= height <= 1600


def test_print_is_300_dpi_and_fits_a4(data_2019, tmp_path):
    fig, ax = render_image(data_2019, "remain", preset="print")
    path = save_figure(fig, tmp_path / "print.png")
    with Image.open(path) as image:
        width, height = image.size
        dpi = image.info["dpi"]
    assert width == 2481  # 210 mm at 300 dpi
    assert height <= 3508  # 297 mm at 300 dpi
    assert [round(d) for d in dpi] == [300, 300]
    width_in, height_in = fig.get_size_inches()
    assert width_in <= 8.27 + 1e-9 and height_in <= 11.69 + 1e-9


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_same_image_twice_gives_identical_bytes(data_2019, tmp_path, suffix):
    written = []
    for name in ("first", "second"):
        fig, ax = render_image(
            data_2019, "gains", view="hex", preset="social", labels=True
        )
        written.append(save_figure(fig, tmp_path / f"{name}{suffix}").read_bytes())
    assert written[0] == written[1]


@pytest.mark.parametrize("suffix", [".jpg", ".html", ""])
def test_unknown_suffix_raises_and_writes_nothing(data_2019, tmp_path, suffix):
    fig, ax = render_image(data_2019, "winner", preset="social")
    with pytest.raises(ImageFormatError, match=r"\.png, \.svg, \.pdf") as error:
        save_figure(fig, tmp_path / f"map{suffix}")
    assert isinstance(error.value, MappingError) and isinstance(error.value, ValueError)
    assert list(tmp_path.iterdir()) == []


def test_failed_save_leaves_the_old_file_and_no_temporary(
    data_2019, tmp_path, monkeypatch
):
    target = tmp_path / "map.png"
    target.write_bytes(b"old map")
    fig, ax = render_image(data_2019, "winner", preset="social")

    def broken_savefig(handle, **kwargs):
        handle.write(b"half a PNG")
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", broken_savefig)
    with pytest.raises(RuntimeError, match="disk full"):
        save_figure(fig, target)
    assert target.read_bytes() == b"old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


@pytest.mark.parametrize(
    ("suffix", "absent"),
    [
        (".png", [b"Software", b"matplotlib version"]),
        (".svg", [b"<dc:date>"]),
        (".pdf", [b"/CreationDate", b"/ModDate"]),
    ],
)
def test_files_carry_no_dates_or_software_versions(data_2019, tmp_path, suffix, absent):
    fig, ax = render_image(data_2019, "winner", preset="social")
    data = save_figure(fig, tmp_path / f"map{suffix}").read_bytes()
    for marker in absent:
        assert marker not in data


# --------------------------------------------------------------------------
# Every election


@pytest.mark.slow
@pytest.mark.parametrize("year", sorted(ELECTIONS))
def test_every_required_layer_renders_for_every_election(data_by_year, tmp_path, year):
    data = data_by_year[year]
    for layer_id in REQUIRED_IDS:
        fig, ax = render_image(data, layer_id, preset="social")
        assert len(seat_patches(ax, layer_id)) == len(data.seats)
        path = save_figure(fig, tmp_path / f"{layer_id}-{year}.svg")
        title = get_layer(layer_id, data.seats).title
        assert f"{title} — London, {year}" in svg_text(path)


# --------------------------------------------------------------------------
# Alt text


def test_alt_text_counts_seats_and_names_the_extreme_majorities(data_2019, seats_2019):
    text = describe(data_2019, "winner")
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


def test_alt_text_of_gains_lists_the_seats_that_changed_hands(data_2019):
    text = describe(data_2019, "gains")
    assert "4 seats changed hands" in text
    assert (
        "Conservative gained 2 (Carshalton and Wallington from Liberal Democrat, "
        "Kensington from Labour)"
    ) in text
    assert "Labour gained 1 (Putney from Conservative)" in text


def test_alt_text_of_a_classed_layer_gives_its_range(data_2019, seats_2019):
    text = describe(data_2019, "remain")
    low = seats_2019.loc[seats_2019["remain_pct"].idxmin()]
    high = seats_2019.loc[seats_2019["remain_pct"].idxmax()]
    assert (
        f"ranges from {low['remain_pct']:.1f}% in {low['name']} "
        f"to {high['remain_pct']:.1f}% in {high['name']}."
    ) in text
    assert low["remain_pct"] < 40 < 70 < high["remain_pct"]


def test_alt_text_keeps_a_tiny_majority_visible(data_by_year):
    data = data_by_year[2024]
    text = describe(data, "majority")
    hendon = data.seats.loc[data.seats["name"] == "Hendon", "majority_pct"].item()
    assert 0 < hendon < 0.1
    assert "smallest majority: Hendon (Labour), 15 votes (0.036%)" in text
    assert text.count("Largest majority") == 1


# --------------------------------------------------------------------------
# No side effects, clear errors


def test_rendering_leaves_pyplot_global_settings_and_html_alone(tmp_path):
    script = f"""
import sys
import matplotlib as mpl
before = mpl.rcParams.copy()  # copy() does not resolve the backend
import mapping
from mapping.image import render_image, save_figure
fig, ax = render_image(mapping.load_data(2019), "gains")
save_figure(fig, {str(tmp_path / "map.svg")!r})
assert "matplotlib.pyplot" not in sys.modules
assert mpl.rcParams.copy() == before
assert not {{"folium", "branca", "mapping.html"}} & set(sys.modules)  # no HTML code
"""
    subprocess.run([sys.executable, "-c", script], check=True, cwd=REPO)


def test_no_seats_is_a_clear_error(data_2019, seats_2019):
    empty = with_seats(data_2019, seats_2019.iloc[:0])
    with pytest.raises(ImageOptionError, match="no seats"):
        render_image(empty, "winner")
    with pytest.raises(ImageOptionError, match="no seats"):
        render_small_multiples(empty)


@pytest.mark.parametrize("view", ["geo", "hex"])
@pytest.mark.parametrize("layer", ["winner", "remain"])
def test_each_source_is_credited_only_where_it_is_drawn(data_2019, view, layer):
    fig, ax = render_image(data_2019, layer, view=view)
    footer = footer_of(fig)
    assert ("Open Innovations" in footer) == (view == "hex")
    assert ("Office for National Statistics" in footer) == (view == "geo")
    assert ("Hanretty" in footer) == (layer == "remain")
    assert "House of Commons Library" in footer
