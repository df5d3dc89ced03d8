"""The stories of change, read in the browser as a reader would (issue figures).

Putney: Conservative 2010–2017, Labour 2019; majorities 10,180 (2015), 1,554
(2017), 4,774 (2019); the winner's lead −3.3 → +9.5 points, a change of +12.8;
a swing from Conservative to Labour of 6.4 points. Esher and Walton, on a map of
London and the seats bordering it: a Conservative hold by 2,743.
"""

from __future__ import annotations

import pytest

import mapping
from mapping.layers import get_layer, style_layer
from mapping.site import build_maps

from .page_helpers import DESKTOP, PHONE, drawn

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PUTNEY = "E14000887"
ESHER_AND_WALTON = "E14000697"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("change-page")
    build_maps(out_dir=out)
    return out


def history_of(page) -> tuple[list[str], list[list[str]]]:
    """The winner strip's cells and the history table's rows, as drawn."""
    panel = page.locator(".lm-history")  # in a popup, or a phone's bottom sheet
    cells = panel.locator(".lm-history-cell").all_text_contents()
    rows = [
        row.locator("th, td").all_text_contents()
        for row in panel.locator(".lm-history-table tr").all()[1:]
    ]
    return cells, rows


@pytest.mark.parametrize("size", [DESKTOP, PHONE])
def test_putneys_history_shows_the_conservative_years_then_labour(built, opened, size):
    page = opened(built / "london.html", f"#2019/winner/geo/{PUTNEY}", size)
    cells, rows = history_of(page)
    assert [cell.replace(" ", "") for cell in cells] == [
        "2010Con",
        "2015Con",
        "2017Con",
        "2019Lab",
    ]
    majorities = {row[0]: row[2] for row in rows}
    assert majorities["2015"] == "10,180"
    assert majorities["2017"] == "1,554"
    assert majorities["2019"] == "4,774"
    current = page.locator(".lm-history-table tr[aria-current=true] th")
    assert current.text_content() == "2019"


def test_a_2024_seat_names_the_seats_it_came_from(built, opened):
    frame = mapping.load_election(2024)
    code = frame.loc[frame["name"] == "Putney", "code"].item()
    page = opened(built / "london.html", f"#2024/winner/geo/{code}")
    text = page.locator(".leaflet-popup-content .lm-history-from").inner_text()
    assert "Putney 92.2% · Labour in 2019" in text
    assert "Battersea 7.6%" in text
    assert "Notional 2019 winner (official): Labour" in text


def test_putney_2019_reads_as_a_large_rise_in_the_winners_lead(built, opened):
    page = opened(built / "london.html", f"#2019/lead_change/geo/{PUTNEY}")
    popup = page.locator(".leaflet-popup-content").inner_text()
    lead = "lead \u22123.3 \u2192 +9.5 pts (+12.8 pts)"
    assert f"Change in the winner's lead: {lead}" in popup
    frame = mapping.load_election(2019)
    layer = get_layer("lead_change", frame)
    colours = dict(zip(frame["code"], style_layer(frame, layer).colours(), strict=True))
    band = next(
        e for e in style_layer(frame, layer).entries if e.label == "+10 to +20 pts"
    )
    assert drawn(page)[PUTNEY]["fill"] == colours[PUTNEY] == band.colour
    legend = page.locator(".lm-legend").inner_text()
    assert "Change in the winner's lead" in legend and "rise" in legend


def test_putney_2019_swung_six_point_four_from_conservative_to_labour(built, opened):
    page = opened(built / "london.html", f"#2019/swing_con_to_lab/geo/{PUTNEY}")
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Swing Conservative to Labour: +6.4 pts" in popup
    name = page.locator(f'path.lm-seat[data-code="{PUTNEY}"]').get_attribute(
        "aria-label"
    )
    assert "Swing, Conservative to Labour +6.4 pts" in name


def test_changes_across_the_2024_boundaries_say_they_cannot_be_compared(built, opened):
    page = opened(built / "london.html", "#2024/lead_change/geo")
    legend = page.locator(".lm-legend").inner_text()
    assert "Not comparable" in legend
    fills = {seat["fill"] for seat in drawn(page).values()}
    assert len(fills) == 1  # every seat no data


def test_the_ring_map_holds_esher_and_walton(tmp_path, opened):
    build_maps([2019], ring=1, out_dir=tmp_path)
    page = opened(tmp_path / "london-and-bordering-seats-2019.html")
    esher = page.locator(f'path.lm-seat[data-code="{ESHER_AND_WALTON}"]')
    label = esher.get_attribute("aria-label")
    assert label.startswith("Esher and Walton, Conservative hold, majority 2,743")
    assert (
        page.locator("h1, .lm-title")
        .first.inner_text()
        .startswith("London and bordering seats")
    )
