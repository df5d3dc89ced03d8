"""Accessibility of the built pages: axe-core, the keyboard, names, contrast, focus.

axe-core comes from the ``axe-playwright-python`` package (its bundled
``axe.min.js``, injected into the page: no request), run in Debian's chromium.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import mapping
from mapping.site import build_maps
from mapping.style import contrast_ratio

from .page_helpers import PAGE_RULES, SIZES, WCAG_TAGS, open_sized, pick, rgb

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEARS = [2010, 2015, 2017, 2019, 2024]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("a11y-maps")
    build_maps(YEARS, out_dir=out)
    return out


@pytest.fixture
def opened(browser):
    pages = []

    def _open(path, size="desktop"):
        pages.append(open_sized(browser, path, SIZES[size]))
        return pages[-1]

    yield _open
    for page in pages:
        page.page.close()
        page.assert_quiet()


def axe_violations(page, rules=None) -> list[str]:
    """axe-core's violations on the page as it is: WCAG A/AA, or the rules named."""
    from axe_playwright_python.sync_playwright import Axe

    run_only = (
        {"type": "rule", "values": rules}
        if rules
        else {"type": "tag", "values": WCAG_TAGS}
    )
    results = Axe().run(page, options={"runOnly": run_only}).response
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
    ]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("year", YEARS)
def test_axe_finds_no_violation_in_either_view(built, opened, year, size):
    watched = opened(built / f"london-{year}.html", size)
    page = watched.page
    assert axe_violations(page) == []
    assert axe_violations(page, PAGE_RULES) == []
    pick(page, "lm-view", "hex")  # on a phone this opens the panel too
    assert axe_violations(page) == []
    assert axe_violations(page, PAGE_RULES) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_no_violation_on_the_page_of_every_election(built, opened, size):
    page = opened(built / "london.html", size).page
    assert axe_violations(page) == []
    pick(page, "lm-election", "2017")  # on a phone this opens the panel too
    pick(page, "lm-view", "hex")
    page.locator(".lm-search input").fill("Putney")
    page.locator(".lm-search input").press("Enter")
    expect(page.get_by_role("dialog", name="Putney")).to_be_visible()
    page.wait_for_function(  # the popup has faded in: its text at full contrast
        "[...document.querySelectorAll('.leaflet-popup, .lm-sheet')]"
        ".every((e) => e.hidden || getComputedStyle(e).opacity === '1')"
    )
    assert axe_violations(page) == []
    assert axe_violations(page, PAGE_RULES) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_no_violation_on_the_index(built, browser, size):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto((built / "index.html").as_uri())
    # an embed code each, the page of every election first
    assert page.locator("textarea").count() == len(YEARS) + 1
    assert axe_violations(page) == []
    assert axe_violations(page, PAGE_RULES) == []
    page.close()


def test_the_page_is_a_document_of_its_own(built, opened):
    page = opened(built / "london-2019.html").page
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").all_inner_texts() == ["London, 2019 general election"]
    assert page.get_by_role("main").count() == 1
    viewport = page.locator('meta[name="viewport"]').get_attribute("content")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
          return {tag: e.tagName.toLowerCase(), code: e.getAttribute("data-code"),
                  role: e.getAttribute("role"), cls: e.getAttribute("class") || "",
                  text: (e.getAttribute("aria-label") || e.textContent || e.value || "")
                    .slice(0, 60), name: e.getAttribute("name")}; }"""
    )


def test_keyboard_alone_reaches_every_control_and_every_seat(built, opened):
    page = opened(built / "london-2019.html").page
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stops and stop == stops[0]:
            break
        stops.append(stop)
    seat_stops = [s for s in stops if s["code"]]
    assert len(seat_stops) == 1, stops  # the 73 seats are one tab stop
    reached = {s["text"].strip() for s in stops} | {s["name"] for s in stops}
    for control in ["Layers", "lm-view", "lm-layer", "Table of seats", "Zoom in"]:
        assert control in reached, (control, stops)
    assert any(s["tag"] == "input" and s["role"] == "combobox" for s in stops)
    assert any(s["tag"] == "summary" for s in stops)  # "About this map"

    while focused(page)["code"] is None:
        page.keyboard.press("Tab")
    visited = set()
    for _ in range(73):
        visited.add(focused(page)["code"])
        page.keyboard.press("ArrowRight")
    assert len(visited) == 73
    seat = focused(page)
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    assert popup.is_visible()
    assert page.evaluate(
        "document.querySelector('.leaflet-popup').contains(document.activeElement)"
    )
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)  # after its 200 ms fade
    assert focused(page)["code"] == seat["code"]  # focus came back to the seat


def test_seats_are_named_for_the_layer_shown(built, opened):
    frame = mapping.load_election(2017)
    code = frame.loc[frame["name"] == "Battersea", "code"].item()
    page = opened(built / "london-2017.html").page
    pick(page, "lm-layer", "gains")
    seat = page.locator(f'path.lm-seat[data-code="{code}"]')
    snapshot = seat.aria_snapshot()
    assert "Battersea, Labour gain from Conservative, majority 2,416 (4.4%)" in snapshot
    assert snapshot.startswith("- option")
    pick(page, "lm-layer", "remain")
    assert "Estimated Remain vote, 2016 78.0%" in seat.aria_snapshot()


def test_changes_are_announced_politely(built, opened):
    page = opened(built / "london-2019.html").page
    status = page.locator('[role="status"][aria-live="polite"]')
    pick(page, "lm-layer", "gains")
    page.wait_for_function(
        "document.querySelector('[role=status]').textContent.startsWith('Layer: Gains')"
    )
    pick(page, "lm-view", "hex")
    page.wait_for_function(
        "document.querySelector('[role=status]').textContent.includes('View: Hexes')"
    )
    page.locator(".lm-search input").fill("Atlantis")
    page.wait_for_function(
        "document.querySelector('[role=status]').textContent"
        ".includes('No seat matches')"
    )
    assert status.count() == 1


def test_focus_shows_the_tooltip_and_a_ring_that_escape_leaves(built, opened):
    page = opened(built / "london-2019.html").page
    while focused(page)["code"] is None:
        page.keyboard.press("Tab")
    tooltip = page.locator(".leaflet-tooltip")
    assert tooltip.is_visible()
    ring = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-lmFocus-pane path')].map(
          (p) => [getComputedStyle(p).stroke,
                  parseFloat(getComputedStyle(p).strokeWidth)])"""
    )
    assert len(ring) == 2
    (halo, halo_width), (line, line_width) = ring
    assert line_width >= 2 and halo_width > line_width
    fills = page.evaluate(
        "[...document.querySelectorAll('path.lm-seat')]"
        ".map(p => getComputedStyle(p).fill)"
    )
    for fill in {rgb(f) for f in fills if f.startswith("rgb")}:
        # one of the ring's two colours stands out 3:1 against every seat's fill
        ratios = [contrast_ratio(rgb(line), fill), contrast_ratio(rgb(halo), fill)]
        assert max(ratios) >= 3
    page.keyboard.press("Escape")
    expect(tooltip).to_have_count(0)
    assert focused(page)["code"] is not None  # Escape dismissed, focus stayed
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
          return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"""
    )
    assert outline[0] == "solid" and outline[1] >= 2
    assert contrast_ratio(rgb(outline[2]), "#ffffff") >= 3


LABELS_JS = """() => {
  const fill = {};
  document.querySelectorAll('path.lm-seat').forEach((p) => {
    let f = getComputedStyle(p).fill;
    const m = f.match(/url\\("?#([^")]+)"?\\)/);
    if (m) {
      f = getComputedStyle(document.getElementById(m[1]).querySelector('rect')).fill;
    }
    fill[p.getAttribute('data-code')] = f;
  });
  return [...document.querySelectorAll('.lm-hex-label span')].map((s) => ({
    code: s.getAttribute('data-code'), ink: getComputedStyle(s).color,
    plate: getComputedStyle(s).backgroundColor, fill: fill[s.getAttribute('data-code')],
    shown: s.getBoundingClientRect().width > 0 }));
}"""


@pytest.mark.parametrize("year", [2019, 2024])
def test_hex_labels_read_at_four_and_a_half_to_one_on_every_layer(built, opened, year):
    page = opened(built / f"london-{year}.html").page
    pick(page, "lm-view", "hex")
    layers = page.locator('input[name="lm-layer"]').evaluate_all(
        "els => els.map(e => e.value)"
    )
    for layer in layers:
        pick(page, "lm-layer", layer)
        labels = page.evaluate(LABELS_JS)
        assert labels and all(label["shown"] for label in labels)
        for label in labels:
            # the plate is the seat's own fill, and the ink contrasts with it
            assert rgb(label["plate"]) == rgb(label["fill"]), (layer, label)
            ratio = contrast_ratio(rgb(label["ink"]), rgb(label["plate"]))
            assert ratio >= 4.5, (layer, label, ratio)


def test_legend_text_reads_at_four_and_a_half_to_one(built, opened):
    page = opened(built / "london-2019.html").page
    colours = page.evaluate(
        """() => {
          const box = getComputedStyle(document.querySelector('.lm-legend'));
          return [...document.querySelectorAll(
            '.lm-legend li span:last-child, .lm-legend h2, .lm-note')]
            .map((e) => [getComputedStyle(e).color, box.backgroundColor]); }"""
    )
    assert colours
    for ink, background in colours:
        assert contrast_ratio(rgb(ink), rgb(background)) >= 4.5
