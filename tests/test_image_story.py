"""Images for publishing: the story drawn (highlight, labels, callouts, focus, inset,
series), read back from what matplotlib drew: patch colours and the renderer's
bounding boxes of every label, callout, legend, headline and footer."""

from __future__ import annotations

import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.legend import Legend
from matplotlib.text import Text

from mapping.custom import load_data
from mapping.image import PRESETS, render_image
from mapping.image.series import render_series
from mapping.image.story import UnknownSeatError
from mapping.layers import get_layer, style_layer
from mapping.style import luminance, muted

YEARS = (2010, 2015, 2017, 2019, 2024)
#: Ids of what the editorial page draws around the maps.
BLOCKS = ("figure-title", "figure-subtitle", "source", "attribution")


@pytest.fixture(scope="module")
def data_2019():
    return load_data(2019)


@pytest.fixture(scope="module")
def series_data():
    return [load_data(year) for year in YEARS]


def codes(data, *names):
    frame = data.seats.set_index("name")
    return [frame.loc[name, "code"] for name in names]


def drawn(fig):
    """Draw the figure; return its renderer."""
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def marks(fig):
    """Every seat label and callout drawn, by id."""
    found = {}
    for text in fig.findobj(Text):
        gid = text.get_gid() or ""
        if gid.startswith(("label-", "callout-")) and text.get_text():
            found[gid] = text
    return found


def assert_clear(fig, preset):
    """No label or callout overlaps another, a legend, the headline block, the
    footer or the frame: boxes measured by the renderer, as drawn."""
    renderer = drawn(fig)
    boxes = {gid: t.get_window_extent(renderer) for gid, t in marks(fig).items()}
    assert boxes, "nothing labelled"
    obstacles = [
        legend.get_window_extent(renderer) for legend in fig.findobj(Legend)
    ] + [
        t.get_window_extent(renderer)
        for t in fig.findobj(Text)
        if t.get_gid() in BLOCKS and t.get_text()
    ]
    assert len(obstacles) >= 4
    margin = PRESETS[preset].margin * fig.dpi
    frame = fig.bbox
    for gid, box in boxes.items():
        assert box.x0 >= frame.x0 + margin - 0.5 and box.x1 <= frame.x1 - margin + 0.5
        assert box.y0 >= frame.y0 + margin - 0.5 and box.y1 <= frame.y1 - margin + 0.5
        for other in obstacles:
            assert not box.overlaps(other), (gid, box, other)
    for (a, one), (b, two) in itertools.combinations(boxes.items(), 2):
        assert not one.overlaps(two), (a, b, one, two)
    return boxes


# --------------------------------------------------------------------------
# Labels and callouts collide with nothing


@pytest.mark.slow
@pytest.mark.parametrize("view", ["geo", "hex"])
def test_every_seat_label_of_london_is_placed_clear_of_everything(data_2019, view):
    fig, ax = render_image(
        data_2019,
        "winner",
        view=view,
        label=("all",),
        annotate=[("Putney", "Lab gain; 72% Remain"), ("Chingford", "Con hold")],
    )
    boxes = assert_clear(fig, "web")
    labels = [gid for gid in boxes if gid.startswith("label-")]
    assert len(labels) == 73  # every seat named; none dropped for want of room
    assert len(boxes) == 75


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["social", "square", "print-a5"])
def test_labels_stay_clear_in_the_other_frames(data_2019, preset):
    fig, ax = render_image(
        data_2019,
        "gains",
        preset=preset,
        label=("all",),
        annotate=[("Richmond Park", "LD gain")],
    )
    assert len(assert_clear(fig, preset)) == 74


@pytest.mark.slow
def test_series_labels_and_callouts_are_placed_clear(series_data):
    fig, axes = render_series(
        series_data,
        "gains",
        label=("gains",),
        annotate=[("Putney", "Lab, then LD in 2024? No: Lab hold")],
    )
    boxes = assert_clear(fig, "web")
    gains = sum(int(data.seats["gain"].sum()) for data in series_data)
    assert len([gid for gid in boxes if gid.startswith("label-")]) == gains
    # Each panel's labels stay inside its own panel.
    renderer = drawn(fig)
    for ax, data in zip(axes, series_data, strict=True):
        for gid, text in marks(fig).items():
            if gid.startswith(f"label-gains-{data.election}-"):
                box = text.get_window_extent(renderer)
                assert ax.bbox.x0 - 1 <= box.x0 and box.x1 <= ax.bbox.x1 + 1


def test_a_label_that_cannot_fit_its_seat_gets_a_leader_line(data_2019):
    fig, ax = render_image(data_2019, "winner", label=("all",))
    leaders = {line.get_gid() for line in ax.lines}
    assert leaders, "every small seat of inner London fitted its name?"
    for gid in leaders:
        assert gid.removeprefix("leader-") in marks(fig)


def test_callouts_point_at_their_seat(data_2019):
    fig, ax = render_image(
        data_2019, "gains", annotate=[("Putney", "Lab gain; 72% Remain")]
    )
    (code,) = codes(data_2019, "Putney")
    callout = marks(fig)[f"callout-gains-{code}"]
    assert callout.get_text().replace("\n", " ") == "Putney: Lab gain; 72% Remain"
    (leader,) = [line for line in ax.lines if code in line.get_gid()]
    x, y = leader.get_xydata()[0]
    seat = data_2019.seats.set_index("code").geometry[code]
    import shapely

    assert seat.contains(shapely.Point(x, y))  # anchored inside the seat


# --------------------------------------------------------------------------
# Highlight: the story keeps its colour, the rest is muted


def seat_colours(ax, layer_id):
    prefix = f"seat-{layer_id}-"
    return {
        p.get_gid().removeprefix(prefix): to_hex(p.get_facecolor())
        for p in ax.patches
        if (p.get_gid() or "").startswith(prefix)
    }


def test_highlighted_seats_keep_their_colour_and_the_rest_are_muted(data_2019):
    chosen = codes(data_2019, "Putney", "Richmond Park")
    fig, ax = render_image(data_2019, "remain", highlight=["Putney,Richmond Park"])
    styled = style_layer(data_2019.seats, get_layer("remain", data_2019.seats))
    expected = dict(zip(data_2019.seats["code"], styled.colours(), strict=True))
    colours = seat_colours(ax, "remain")
    assert len(colours) == 73
    for code, colour in colours.items():
        if code in chosen:
            assert colour == expected[code]
        else:
            assert colour == muted(expected[code]) != expected[code]
            assert luminance(colour) > luminance(expected[code])
    # The legend keeps the true colours.
    legend = [to_hex(h.get_facecolor()) for h in ax.get_legend().legend_handles]
    assert legend == [entry.colour for entry in styled.entries]


def test_without_highlight_no_seat_is_muted(data_2019):
    fig, ax = render_image(data_2019, "remain")
    styled = style_layer(data_2019.seats, get_layer("remain", data_2019.seats))
    expected = dict(zip(data_2019.seats["code"], styled.colours(), strict=True))
    assert seat_colours(ax, "remain") == expected


# --------------------------------------------------------------------------
# Names: matched forgivingly, refused clearly


def test_seat_names_are_matched_without_case_or_punctuation(data_2019):
    fig, ax = render_image(
        data_2019,
        "gains",
        highlight=["enfield southgate", "Hackney North & Stoke Newington"],
    )
    kept = {
        code
        for code, colour in seat_colours(ax, "gains").items()
        if colour in ("#f0f0f0", "#d50000")
    }
    assert set(codes(data_2019, "Enfield, Southgate")) <= kept


@pytest.mark.parametrize(
    ("option", "value", "named", "suggested"),
    [
        ("highlight", ["Putny"], "'Putny'", "Putney"),
        ("label", ["Richmond Prk"], "'Richmond Prk'", "Richmond Park"),
        ("focus", ["Lundon"], "'Lundon'", "London"),
        ("annotate", [("Batersea", "x")], "'Batersea'", "Battersea"),
    ],
)
def test_an_unknown_seat_is_refused_naming_it_and_the_closest(
    data_2019, option, value, named, suggested
):
    with pytest.raises(UnknownSeatError) as error:
        render_image(data_2019, "winner", **{option: value})
    message = str(error.value)
    assert "\n" not in message and f"--{option}" in message
    assert named in message and suggested in message


# --------------------------------------------------------------------------
# Focus and the London inset


def test_focus_on_a_region_crops_the_uk_to_it():
    data = load_data(2019, region="all")
    fig, ax = render_image(data, "winner", focus=["London"], preset="social")
    london = data.seats[data.seats["region"] == "London"].total_bounds
    xmin, xmax = ax.get_xlim()
    assert xmin < london[0] and london[2] < xmax
    assert xmax - xmin < 2 * (london[2] - london[0])  # London fills the frame
    assert not [a for a in fig.axes if a.get_gid() == "inset"]


def test_focus_on_seats_crops_to_them(data_2019):
    fig, ax = render_image(data_2019, "winner", focus=["Putney,Battersea,Tooting"])
    seats = data_2019.seats[data_2019.seats["name"].isin(["Putney", "Battersea"])]
    xmin, xmax = ax.get_xlim()
    whole = data_2019.seats.total_bounds
    assert xmax - xmin < 0.4 * (whole[2] - whole[0])
    assert xmin < seats.total_bounds[0] < seats.total_bounds[2] < xmax


@pytest.mark.slow
def test_a_uk_map_gets_an_inset_of_london_and_the_hex_view_none():
    data = load_data(2019, region="all")
    fig, ax = render_image(data, "winner", preset="square")
    (inset,) = [a for a in fig.axes if a.get_gid() == "inset"]
    london = set(data.seats.loc[data.seats["region"] == "London", "code"])
    drawn_codes = {
        p.get_gid().removeprefix("seat-winner-inset-")
        for p in inset.patches
        if (p.get_gid() or "").startswith("seat-winner-inset-")
    }
    assert drawn_codes == london
    # At readable scale: London spans a good share of the inset, not a dot.
    assert inset.bbox.width > 0.3 * ax.bbox.width
    assert not inset.bbox.overlaps(ax.get_legend().get_window_extent(drawn(fig)))
    fig, ax = render_image(data, "winner", preset="square", view="hex")
    assert not [a for a in fig.axes if a.get_gid() == "inset"]


# --------------------------------------------------------------------------
# The headline is figure text: a user's set_title collides with nothing


@pytest.mark.parametrize("preset", ["web", "social", "square", "print"])
def test_a_users_axes_title_collides_with_nothing(data_2019, preset):
    fig, ax = render_image(data_2019, "majority", preset=preset)
    ax.set_title("My own title")
    renderer = drawn(fig)
    title = ax.title.get_window_extent(renderer)
    for text in fig.findobj(Text):
        if text.get_gid() in BLOCKS:
            assert not title.overlaps(text.get_window_extent(renderer)), text.get_gid()
    assert not title.overlaps(ax.get_legend().get_window_extent(renderer))
    assert fig.bbox.y1 >= title.y1


# --------------------------------------------------------------------------
# Series: one panel per election, one legend


def test_a_series_draws_one_panel_per_election_and_one_legend(series_data):
    fig, axes = render_series(series_data, "gains", preset="social")
    assert len(axes) == 5
    assert [ax.get_legend() for ax in axes] == [None] * 5
    (legend,) = fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert "Labour gain" in labels and "No change" in labels
    assert all("(" not in label for label in labels)  # counts are per panel
    for ax, data in zip(axes, series_data, strict=True):
        assert ax.get_title(loc="left") == str(data.election)
        patches = [p for p in ax.patches if p.get_gid().startswith("seat-gains-")]
        assert len(patches) == len(data.seats)
        hatched = {p.get_gid()[-9:] for p in patches if p.get_hatch()}
        assert hatched == set(data.seats.loc[data.seats["gain"], "code"])
    notes = [t.get_text() for t in fig.findobj(Text) if t.get_gid() == "layer-note"]
    assert notes[2] == "6 seats changed hands"  # 2017
    assert fig.get_size_inches()[1] == 4.5


def test_text_of_the_story_is_drawn_literally(data_2019):
    fig, ax = render_image(
        data_2019,
        "winner",
        title="$x^2$ \x1b[31m",
        subtitle="$y$",
        source="$z$",
        annotate=[("Putney", "$\\alpha$ \x07")],
    )
    texts = fig.findobj(Text)
    assert [t.get_text() for t in texts if t.get_parse_math()] == []
    shown = {t.get_gid(): t.get_text() for t in texts}
    assert shown["figure-title"] == r"$x^2$ \x1b[31m"
    assert shown["figure-subtitle"] == "$y$" and shown["source"] == "$z$"
    (code,) = codes(data_2019, "Putney")
    assert shown[f"callout-winner-{code}"].replace("\n", " ") == (
        r"Putney: $\alpha$ \x07"
    )


@pytest.mark.parametrize(
    "layer_id",
    ["winner", "majority", "remain", "turnout", "lead_change", "swing_con_to_lab"],
)
def test_labels_on_seats_read_at_four_and_a_half_to_one(data_2019, layer_id):
    from mapping.style import contrast_ratio

    fig, ax = render_image(data_2019, layer_id, view="hex", label=("all",))
    drawn(fig)
    fills = seat_colours(ax, layer_id)
    leaders = {(t.get_gid() or "") for t in fig.findobj(lambda a: a.get_gid())}
    checked = 0
    for gid, text in marks(fig).items():
        code = gid.rsplit("-", 1)[-1]
        if not gid.startswith("label-") or f"leader-{gid}" in leaders:
            continue  # a label off its seat stands on the page, not the fill
        ink = to_hex(text.get_color())
        assert contrast_ratio(fills[code], ink) >= 4.5, (code, fills[code], ink)
        checked += 1
    assert checked >= 60
