"""Layer colours: the data in layers.py is what matplotlib's colour maps give."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib import colormaps
from matplotlib.colors import LinearSegmentedColormap, to_hex

from mapping import layers
from mapping.parties import get_party


@pytest.mark.parametrize("palette", sorted(layers.SAMPLED))
def test_sampled_colours_are_those_of_the_colour_map(palette):
    name, low, high = palette
    colours = layers.SAMPLED[palette]
    expected = [
        to_hex(colormaps[name](x)) for x in np.linspace(low, high, len(colours))
    ]
    assert list(colours) == expected


@pytest.mark.parametrize("code", layers.SHARE_PARTIES)
def test_share_ramps_run_from_pale_through_the_party_colour(code):
    party = get_party(code)
    ramp = LinearSegmentedColormap.from_list(
        code, ["#f7f7f7", party.colour, layers._darker(party.colour)]
    )
    colours = layers.share_layer(code).colours
    expected = [to_hex(ramp(x)) for x in np.linspace(0.08, 0.9, len(colours))]
    assert list(colours) == expected


def test_every_classed_layer_has_one_colour_per_band():
    for layer in [
        layers.MAJORITY,
        layers.REMAIN,
        layers.TURNOUT,
        layers.MAJORITY_CHANGE,
    ]:
        assert len(layer.colours) == len(layer.edges) + 1 == len(layer.labels)
        assert layer.palette in layers.SAMPLED
