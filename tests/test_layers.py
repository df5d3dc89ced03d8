"""Layer colours: the data in palettes.py is what matplotlib's colour maps give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib import colormaps
from matplotlib.colors import LinearSegmentedColormap, to_hex

import mapping
from mapping import layers, palettes
from mapping.parties import get_party
from mapping.style import luminance


@pytest.mark.parametrize("palette", sorted(palettes.SAMPLED))
def test_sampled_colours_are_those_of_the_colour_map(palette):
    name, low, high = palette
    colours = palettes.SAMPLED[palette]
    expected = [
        to_hex(colormaps[name](x)) for x in np.linspace(low, high, len(colours))
    ]
    assert list(colours) == expected


@pytest.mark.parametrize("code", layers.SHARE_PARTIES)
def test_share_ramps_run_from_pale_through_the_party_colour(code):
    party = get_party(code)
    ramp = LinearSegmentedColormap.from_list(
        code, ["#f7f7f7", party.colour, palettes.darker(party.colour)]
    )
    colours = layers.share_layer(code).colours
    expected = [to_hex(ramp(x)) for x in np.linspace(0.08, 0.9, len(colours))]
    assert list(colours) == expected


CHANGE_LAYERS = [
    layers.LEAD_CHANGE,
    layers.change_layer("Lab"),
    layers.change_layer("RUK"),
    layers.swing_layer("Con", "Lab"),
    layers.swing_layer("Lab", "LD"),
]


def test_every_classed_layer_has_one_colour_per_band():
    for layer in [layers.MAJORITY, layers.REMAIN, layers.TURNOUT, *CHANGE_LAYERS]:
        assert len(layer.colours) == len(layer.edges) + 1 == len(layer.labels)
        assert layer.palette in palettes.SAMPLED


@pytest.mark.parametrize("layer", CHANGE_LAYERS, ids=lambda layer: layer.id)
def test_change_scales_are_symmetric_about_zero_and_lightest_there(layer):
    edges = np.array(layer.edges)
    assert list(edges) == list(-edges[::-1])  # symmetric bands, 0 an edge
    middle = len(layer.colours) // 2
    assert layer.edges[middle - 1] == 0
    light = [luminance(colour) for colour in layer.colours]
    # darker with size on either side: the order reads without telling hues apart
    assert light[:middle] == sorted(light[:middle])
    assert light[middle:] == sorted(light[middle:], reverse=True)
    assert layer.labels[middle - 1].endswith(" to 0 pts")
    assert layer.labels[middle].startswith("0 to +")


def test_change_legends_sign_their_bands():
    assert layers.LEAD_CHANGE.labels == (
        "under −20 pts",
        "−20 to −10 pts",
        "−10 to −5 pts",
        "−5 to 0 pts",
        "0 to +5 pts",
        "+5 to +10 pts",
        "+10 to +20 pts",
        "+20 pts or more",
    )


def test_swing_layers_name_their_pair_and_rule():
    layer = layers.swing_layer("Con", "Lab")
    assert (layer.id, layer.column, layer.group, layer.pair) == (
        "swing_con_to_lab",
        "swing_con_to_lab",
        "swing",
        ("Con", "Lab"),
    )
    assert layer.title == "Swing, Conservative to Labour"
    assert "Positive: a swing to Labour" in layer.note
    change = layers.change_layer("Lab")
    assert (change.title, change.group) == ("Change in Labour vote share", "change")


def test_the_retired_majority_change_layer_finds_lead_change_with_a_warning():
    frame = mapping.load_election(2019)
    with pytest.warns(FutureWarning, match="'majority_change' is retired"):
        layer = layers.get_layer("majority_change", frame)
    assert layer.id == "lead_change"
    assert "majority_change" not in [lay.id for lay in layers.layers_for(frame)]


def test_london_2019_has_second_previous_and_every_change_layer():
    frame = mapping.load_election(2019)
    ids = [layer.id for layer in layers.layers_for(frame)]
    assert ids[:7] == [
        "winner",
        "gains",
        "majority",
        "remain",
        "turnout",
        "second",
        "previous",
    ]
    changes = ["change_Con", "change_Lab", "change_LD", "change_Green"]
    assert [i for i in ids if i.startswith("change_")] == changes
    swings = [i for i in ids if i.startswith("swing_")]
    assert swings[0] == "swing_con_to_lab" and "swing_lab_to_con" in swings
    assert len(swings) == 4 * 3  # every ordered pair of the four parties
    assert "lead_change" in ids


@pytest.mark.parametrize("year", [2010, 2024])
def test_across_new_boundaries_change_layers_stay_with_every_seat_not_comparable(
    year,
):
    frame = mapping.load_election(year)
    found = {layer.id: layer for layer in layers.layers_for(frame)}
    shares = [i.removeprefix("share_") for i in found if i.startswith("share_")]
    expected = ["lead_change", "swing_con_to_lab", *(f"change_{p}" for p in shares)]
    for layer_id in expected:
        layer = found[layer_id]
        assert layer.no_data == (
            f"Not comparable: new boundaries in {year}; no previous result on them"
        )
        styled = layers.style_layer(frame, layer)
        assert (styled.seat_entry == -1).all()
    assert not [i for i in found if i.startswith("swing_") and i != "swing_con_to_lab"]


def test_second_and_previous_are_coloured_by_party():
    frame = mapping.load_election(2019)
    for layer_id, column in (("second", "runner_up"), ("previous", "previous_winner")):
        layer = layers.get_layer(layer_id, frame)
        colours = layers.style_layer(frame, layer).colours()
        assert colours == [get_party(code).colour for code in frame[column]]
    putney = frame.index[frame["name"] == "Putney"][0]
    second = layers.style_layer(frame, layers.get_layer("second", frame))
    assert second.colours()[putney] == get_party("Con").colour  # Lab gain from Con
    assert second.entries[0].label == "Conservative (45)"


def test_lead_change_bands_put_putney_2019_between_10_and_20():
    frame = mapping.load_election(2019)
    styled = layers.style_layer(frame, layers.LEAD_CHANGE)
    putney = int(np.flatnonzero(frame["name"] == "Putney")[0])
    assert styled.entries[styled.seat_entry[putney]].label == "+10 to +20 pts"
    kensington = int(np.flatnonzero(frame["name"] == "Kensington")[0])
    assert styled.entries[styled.seat_entry[kensington]].label == "0 to +5 pts"


def test_a_change_of_exactly_zero_is_in_the_band_above_zero():
    frame = pd.DataFrame({"lead_change": [0.0, -0.01]})
    styled = layers.style_layer(frame, layers.LEAD_CHANGE)
    labels = [styled.entries[i].label for i in styled.seat_entry]
    assert labels == ["0 to +5 pts", "−5 to 0 pts"]
