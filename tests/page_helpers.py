"""Helpers for the browser tests of the map page: sizes, boxes, contrast, axe."""

from __future__ import annotations

from pathlib import Path

from .conftest import WatchedPage

DESKTOP = (1280, 800)
PHONE = (375, 667)
SMALL_PHONE = (320, 568)
SIZES = {"desktop": DESKTOP, "phone": PHONE, "small-phone": SMALL_PHONE}
#: The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: axe's best-practice rules that the issue named: language, landmarks, heading.
PAGE_RULES = ["landmark-one-main", "page-has-heading-one", "region", "heading-order"]


def open_sized(
    browser, path: Path, size=DESKTOP, fragment: str = "", **options
) -> WatchedPage:
    """Open ``path`` (at ``fragment``) in a new page of ``size``, watched."""
    width, height = size
    page = object.__new__(WatchedPage)
    original = browser.new_page

    def sized_page(**_):
        return original(viewport={"width": width, "height": height}, **options)

    class _Browser:
        new_page = staticmethod(sized_page)

    WatchedPage.__init__(page, _Browser(), path, fragment)
    return page


def pick(page, name: str, value: str) -> None:
    """Choose a radio button of the panel, opening the panel first if folded."""
    toggle = page.locator(".lm-panel-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.check(f'input[name="{name}"][value="{value}"]')


BOXES_JS = """() => {
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const one = (sel) => {
    const node = document.querySelector(sel);
    if (!node) return null;
    const r = node.getBoundingClientRect();
    return r.width && r.height ? box(r) : null;
  };
  // Where Leaflet draws each seat, from its geometry: the SVG paths are clipped
  // to the view, so their boxes would hide a seat that is off screen.
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const origin = map.getContainer().getBoundingClientRect();
  const seats = [];
  map.eachLayer((layer) => {
    if (!(layer instanceof L.Polygon) || layer.options.className !== "lm-seat") return;
    const b = layer.getBounds();
    const nw = map.latLngToContainerPoint(b.getNorthWest());
    const se = map.latLngToContainerPoint(b.getSouthEast());
    seats.push({code: layer.getElement().getAttribute("data-code"),
      left: origin.left + nw.x, top: origin.top + nw.y,
      right: origin.left + se.x, bottom: origin.top + se.y});
  });
  const extent = {
    left: Math.min(...seats.map((r) => r.left)),
    top: Math.min(...seats.map((r) => r.top)),
    right: Math.max(...seats.map((r) => r.right)),
    bottom: Math.max(...seats.map((r) => r.bottom)),
  };
  return {
    seats: extent, each: seats, panel: one(".lm-controls"), legend: one(".lm-legend"),
    attribution: one(".leaflet-control-attribution"),
    zoom: one(".leaflet-control-zoom"),
    scale: one(".leaflet-control-scale"),
    viewport: {left: 0, top: 0, right: innerWidth, bottom: innerHeight},
  };
}"""


def boxes(page) -> dict:
    """Bounding boxes (CSS px) of the panel, legend, attribution, zoom, seats."""
    return page.evaluate(BOXES_JS)


def overlap(one: dict | None, other: dict | None) -> bool:
    """Whether two boxes share any area."""
    if one is None or other is None:
        return False
    return (
        min(one["right"], other["right"]) - max(one["left"], other["left"]) > 0.5
        and min(one["bottom"], other["bottom"]) - max(one["top"], other["top"]) > 0.5
    )


def inside(box: dict, frame: dict) -> bool:
    """Whether ``box`` lies within ``frame`` (to half a pixel)."""
    return (
        box["left"] >= frame["left"] - 0.5
        and box["top"] >= frame["top"] - 0.5
        and box["right"] <= frame["right"] + 0.5
        and box["bottom"] <= frame["bottom"] + 0.5
    )


def overlaps(found: dict) -> list[tuple[str, str]]:
    """Every pair of the page's parts (seats and controls) that overlap."""
    names = [n for n in found if n not in ("viewport", "each") and found[n] is not None]
    return [
        (a, b)
        for k, a in enumerate(names)
        for b in names[k + 1 :]
        if overlap(found[a], found[b])
    ]


def rgb(css: str) -> str:
    """``rgb(1, 2, 3)`` → ``#010203``."""
    import re

    values = [int(float(v)) for v in re.findall(r"[\d.]+", css)[:3]]
    return "#" + "".join(f"{v:02x}" for v in values)


DRAWN_JS = """() => {
  const hex = (c) => {
    const m = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
    return "#" + m.map((v) => v.toString(16).padStart(2, "0")).join("");
  };
  const out = {};
  document.querySelectorAll("path.lm-seat").forEach((path) => {
    const style = getComputedStyle(path);
    let fill = style.fill, hatch = null;
    const pattern = fill.match(/url\\("?#([^")]+)"?\\)/);
    if (pattern) {
      const node = document.getElementById(pattern[1]);
      fill = getComputedStyle(node.querySelector("rect")).fill;
      hatch = hex(getComputedStyle(node.querySelector("line")).stroke);
    }
    out[path.getAttribute("data-code")] = {
      fill: hex(fill), hatch: hatch, edge: hex(style.stroke),
      width: parseFloat(style.strokeWidth),
    };
  });
  return out;
}"""


def drawn(page) -> dict:
    """What the browser drew for each seat shown, by code: fill, hatch, edge, width.

    Read from the computed style; a hatched fill is followed to its pattern.
    """
    return page.evaluate(DRAWN_JS)
