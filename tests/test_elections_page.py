"""The page of every election in Chromium: switching, the address, the choosers."""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import expect

import mapping
from mapping import style
from mapping.html import render_map, save_map
from mapping.layers import layers_for, style_layer
from mapping.parties import get_party
from mapping.site import build_maps

from .conftest import page_data
from .page_helpers import drawn, pick

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEARS = [2010, 2015, 2017, 2019, 2024]
PUTNEY = "E14000887"  # Putney on the 2010–2019 boundaries


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("elections-page")
    build_maps(YEARS, out_dir=out)
    return out


@pytest.fixture(scope="module")
def frames():
    return {year: mapping.load_election(year) for year in YEARS}


def checked(page, name: str) -> str:
    return page.locator(f'input[name="{name}"]:checked').get_attribute("value")


def hexagons(page) -> int:
    """How many seats are drawn as hexagons (six corners)."""
    paths = page.locator("path.lm-seat").evaluate_all(
        "els => els.map(e => e.getAttribute('d'))"
    )
    return sum(len(re.findall(r"[ML]", d)) == 6 for d in paths)


def go(page, hash_: str) -> None:
    """Follow a link within the page, as a reader pasting an address would."""
    page.evaluate("(h) => { location.hash = h; }", hash_)
    page.wait_for_function("(h) => location.hash === h", arg=hash_)


def wait_for_hash(page, hash_: str) -> None:
    page.wait_for_function("(h) => location.hash === h", arg=hash_)


def expected_fills(frame, layer_id: str) -> dict[str, str]:
    """Each seat's fill by ``layers.style_layer``; no data if it lacks the layer."""
    layers = {layer.id: layer for layer in layers_for(frame)}
    if layer_id not in layers:
        return dict.fromkeys(frame["code"], style.NO_DATA_COLOUR)
    colours = style_layer(frame, layers[layer_id]).colours()
    return dict(zip(frame["code"], colours, strict=True))


def test_every_seat_of_every_layer_of_every_election_is_drawn_as_its_layer_says(
    built, opened, frames
):
    page = opened(built / "london.html")
    island = page_data((built / "london.html").read_text())
    seen = 0
    for election in island["elections"]:
        frame = frames[election["year"]]
        for layer in election["layers"]:
            for view in ("geo", "hex"):
                go(page, f"#{election['year']}/{layer['id']}/{view}")
                fills = {code: d["fill"] for code, d in drawn(page).items()}
                assert fills == expected_fills(frame, layer["id"]), (
                    election["year"],
                    layer["id"],
                    view,
                )
                seen += 1
    assert seen >= 5 * 10 * 2


def test_switching_election_keeps_layer_view_and_seat(built, opened, frames):
    page = opened(built / "london.html")
    assert checked(page, "lm-election") == "2024"
    pick(page, "lm-layer", "majority")
    pick(page, "lm-view", "hex")
    pick(page, "lm-election", "2019")
    page.locator(f'path.lm-seat[data-code="{PUTNEY}"]').click()
    expect(page.locator(".leaflet-popup-content h3")).to_have_text("Putney")
    pick(page, "lm-election", "2017")
    assert checked(page, "lm-layer") == "majority"
    assert checked(page, "lm-view") == "hex"
    assert hexagons(page) == 73
    fills = {code: d["fill"] for code, d in drawn(page).items()}
    assert fills == expected_fills(frames[2017], "majority")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_have_count(1)
    assert "Putney" in popup.locator("h3").inner_text()
    assert "2017 general election" in popup.inner_text()
    assert "Justine Greening" in popup.inner_text()
    assert page.locator("h1").inner_text() == "London, 2017 general election"
    # Across the boundary change, the seat of the same name stays open.
    pick(page, "lm-election", "2024")
    assert hexagons(page) == 75
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_have_count(1)
    assert "2024 general election" in popup.inner_text()
    assert popup.locator("h3").inner_text() == "Putney"
    page.wait_for_function(
        "document.querySelector('[role=status]').textContent"
        ".startsWith('Election: London, 2024 general election. Majority:')"
    )


def test_a_link_opens_exactly_that_view(built, opened):
    page = opened(built / "london.html", f"#2017/gains/hex/{PUTNEY}")
    assert checked(page, "lm-election") == "2017"
    assert checked(page, "lm-layer") == "gains"
    assert checked(page, "lm-view") == "hex"
    assert hexagons(page) == 73
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("h3").inner_text() == "Putney"
    assert "Con hold · 2017 general election" in popup.inner_text()
    assert page.locator(".lm-legend h2").inner_text() == "Gains"


def test_the_back_button_steps_back_through_views(built, opened):
    page = opened(built / "london.html")
    pick(page, "lm-layer", "gains")
    wait_for_hash(page, "#2024/gains/geo")
    pick(page, "lm-election", "2017")
    wait_for_hash(page, "#2017/gains/geo")
    pick(page, "lm-view", "hex")
    wait_for_hash(page, "#2017/gains/hex")
    page.locator(f'path.lm-seat[data-code="{PUTNEY}"]').click()
    wait_for_hash(page, f"#2017/gains/hex/{PUTNEY}")
    page.go_back()
    wait_for_hash(page, "#2017/gains/hex")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    page.go_back()
    wait_for_hash(page, "#2017/gains/geo")
    assert checked(page, "lm-view") == "geo" and hexagons(page) == 0
    page.go_back()
    wait_for_hash(page, "#2024/gains/geo")
    assert checked(page, "lm-election") == "2024"
    assert page.locator("path.lm-seat").count() == 75
    page.go_back()
    page.wait_for_function("location.hash === ''")
    assert checked(page, "lm-layer") == "winner"
    page.go_forward()
    wait_for_hash(page, "#2024/gains/geo")
    assert checked(page, "lm-layer") == "gains"


@pytest.mark.parametrize(
    "hash_",
    [
        "#<img src=x onerror=alert(1)>/gains/geo",
        "#2017/<img src=x onerror=alert(1)>/geo",
        "#2017/gains/hex/<script>alert(1)</script>",
        "#2017/gains/javascript:alert(1)",
        "#2017/constructor/geo",
        "#2017/gains/geo/__proto__",
        "#%E0%A4%A",
        "#2017/gains/hex/E14000887/extra",
        "#" + "9" * 5000,
    ],
)
def test_bad_addresses_are_ignored(built, opened, hash_):
    page = opened(built / "london.html", hash_)
    assert checked(page, "lm-election") == "2024"
    assert checked(page, "lm-layer") == "winner"
    assert checked(page, "lm-view") == "geo"
    assert page.locator("img, .leaflet-popup").count() == 0
    assert page.evaluate("window.londonMapsState.seat") == -1


def test_a_page_of_one_election_has_no_switcher_but_keeps_its_address(built, opened):
    page = opened(built / "london-2019.html", f"#2019/remain/hex/{PUTNEY}")
    assert page.locator('input[name="lm-election"]').count() == 0
    assert checked(page, "lm-layer") == "remain"
    assert page.locator(".leaflet-popup-content h3").inner_text() == "Putney"


def test_the_result_says_what_changed_or_that_it_is_not_comparable(built, opened):
    page = opened(built / "london.html", f"#2019/winner/geo/{PUTNEY}")
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Previous winner: Conservative" in popup
    assert "Swing Conservative to Labour: +6.4 pts" in popup
    assert "Change (pts)" in popup and "+4.4" in popup  # Labour's share
    go(page, f"#2024/winner/geo/{page_code(built, 2024, 'Putney')}")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_have_count(1)  # the previous popup fades out first
    popup = popup.inner_text()
    assert "Lab hold · 2024 general election" in popup
    assert "Notional previous winner on these boundaries: Labour" in popup
    assert "Swing Conservative to Labour: not comparable (new boundaries in 2024" in (
        popup
    )
    assert "Change (pts)" not in popup
    assert "Change in each party's share: not comparable" in popup


def page_code(built, year, name):
    island = page_data((built / "london.html").read_text())
    election = next(e for e in island["elections"] if e["year"] == year)
    boundary = island["sets"][election["set"]]
    return boundary["codes"][boundary["names"].index(name)]


def test_tooltips_follow_the_election_shown(built, opened):
    page = opened(built / "london.html", "#2017/winner/hex")
    putney = page.locator(f'path.lm-seat[data-code="{PUTNEY}"]')
    putney.hover()
    expect(page.locator(".leaflet-tooltip")).to_contain_text("Conservative")
    page.mouse.move(0, 0)
    pick(page, "lm-election", "2019")
    putney.hover()
    expect(page.locator(".leaflet-tooltip")).to_contain_text("Labour · Lab gain")


# --- the swing and change choosers, with layers of those groups ---------------------


@pytest.fixture(scope="module")
def grouped_page(tmp_path_factory):
    """London 2019 alone: its swing and share-change layers, in their groups."""
    data = mapping.load_data(2019)
    path = save_map(render_map(data), tmp_path_factory.mktemp("grouped") / "p.html")
    return path, data.seats


def test_swing_is_one_choice_with_from_and_to(grouped_page, opened):
    path, seats = grouped_page
    page = opened(path)
    radios = page.locator('input[name="lm-layer"]')
    values = radios.evaluate_all("els => els.map(e => e.value)")
    assert values.count("group:swing") == 1 and values.count("group:change") == 1
    assert not any(v.startswith(("swing_", "change_")) for v in values)
    swing = page.get_by_role("radio", name="Swing")
    swing.check()
    frm, to = page.get_by_label("From", exact=True), page.get_by_label("To", exact=True)
    assert frm.input_value() == "Con" and to.input_value() == "Lab"
    partners = [
        get_party(la.pair[1]).name
        for la in layers_for(seats)
        if la.group == "swing" and la.pair[0] == "Con"
    ]
    assert to.locator("option").all_inner_texts() == partners
    assert page.locator(".lm-legend h2").inner_text() == "Swing, Conservative to Labour"
    to.select_option("LD")
    wait_for_hash(page, "#2019/swing_con_to_ld/geo")
    assert page.locator(".lm-legend h2").inner_text() == (
        "Swing, Conservative to Liberal Democrat"
    )
    layer = next(la for la in layers_for(seats) if la.id == "swing_con_to_ld")
    fills = {code: d["fill"] for code, d in drawn(page).items()}
    colours = style_layer(seats, layer).colours()
    assert fills == dict(zip(seats["code"], colours, strict=True))
    putney = page.locator(f'path.lm-seat[data-code="{PUTNEY}"]')
    swing = seats.set_index("code").loc[PUTNEY, "swing_con_to_ld"]
    words = f"{swing:+.1f}".replace("-", "\u2212")
    assert f"Swing, Conservative to Liberal Democrat {words} pts" in (
        putney.get_attribute("aria-label")
    )
    frm.select_option("Lab")
    assert to.input_value() == "LD"  # kept: Labour to Liberal Democrat exists
    to.select_option("Con")
    assert page.locator(".lm-legend h2").inner_text() == "Swing, Labour to Conservative"
    page.wait_for_function(
        "document.querySelector('[role=status]').textContent"
        ".startsWith('Layer: Swing, Labour to Conservative')"
    )
    putney.click()
    assert "Swing Labour to Conservative: \u22126.4 pts" in (
        page.locator(".leaflet-popup-content").inner_text()
    )


def test_change_in_share_is_one_choice_with_a_party(grouped_page, opened):
    path, _ = grouped_page
    page = opened(path, "#2019/change_Lab/geo")
    assert checked(page, "lm-layer") == "group:change"
    party = page.get_by_label("Party", exact=True)
    assert party.input_value() == "change_Lab"
    assert page.get_by_label("From", exact=True).is_hidden()
    party.select_option(label="Conservative")
    assert page.locator(".lm-legend h2").inner_text() == (
        "Change in Conservative vote share"
    )


def test_the_page_takes_every_swing_from_the_changes_as_butler_does(
    built, opened, frames
):
    # No swing travels: the page halves the difference of the two parties'
    # changes as it has them (4 decimals), within 0.0001 pts of the data's swing.
    page = opened(built / "london.html")
    island = page_data((built / "london.html").read_text())
    names = "els => els.map(e => [e.dataset.code, e.getAttribute('aria-label')])"
    scale = 10**style.PERCENT_PRECISION
    checked = 0
    for year in (2015, 2017, 2019):
        frame = frames[year].set_index("code")
        election = next(e for e in island["elections"] if e["year"] == year)
        codes = island["sets"][election["set"]]["codes"]
        for layer in layers_for(frames[year]):
            if layer.group != "swing":
                continue
            go(page, f"#{year}/{layer.id}/geo")
            said = dict(page.locator("path.lm-seat").evaluate_all(names))
            sent = [election["seats"].get(f"change_{p}") for p in layer.pair]
            swings = []
            for i, code in enumerate(codes):
                before, after = (c[i] or 0 if c else 0 for c in sent)
                swings.append(math.floor((after - before) / 2 * scale + 0.5) / scale)
                assert swings[-1] == pytest.approx(
                    frame.at[code, layer.column], abs=1e-4
                )
            # Written by the page's own number rule (held to style.format_percent
            # elsewhere): this test is of the swing, not of its formatting.
            words = page.evaluate(
                "([ns, s]) => ns.map(n => lmText.points(n, s))",
                [swings, island["style"]],
            )
            for code, text in zip(codes, words, strict=True):
                assert said[code].endswith(f"{layer.title} {text}"), (year, said[code])
                checked += 1
    assert checked > 3 * 73 * 10


def test_the_table_calls_every_result_as_the_data_does(built, opened, frames):
    # Gains and calls are the page's own, by the rules of mapping.logic.
    page = opened(built / "london.html")
    for year in YEARS:
        go(page, f"#{year}/winner/geo")
        page.get_by_role("button", name="Table of seats").click()
        dialog = page.get_by_role("dialog")
        rows = dialog.locator("tbody tr").evaluate_all(
            "trs => trs.map(tr => [tr.querySelector('th').textContent,"
            " tr.querySelectorAll('td')[1].textContent])"
        )
        frame = frames[year]
        expected = dict(zip(frame["name"], frame["result"].fillna(""), strict=True))
        assert dict(rows) == expected, year
        page.keyboard.press("Escape")
