"""The page's layout in Chromium: phones, embeds and print, measured as drawn."""

from __future__ import annotations

import re

import pytest

from mapping.site import build_maps, embed_snippet

from .page_helpers import (
    PHONE,
    SIZES,
    SMALL_PHONE,
    boxes,
    inside,
    open_sized,
    overlaps,
    pick,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("layout-maps")
    build_maps([2019, 2024], out_dir=out)
    return out


@pytest.fixture
def opened(browser):
    pages = []

    def _open(path, size):
        pages.append(open_sized(browser, path, size))
        return pages[-1].page

    yield _open
    for watched in pages:
        watched.page.close()
        watched.assert_quiet()


def assert_clear(page) -> dict:
    """Every seat on screen, and no control over another or over the seats."""
    found = boxes(page)
    assert inside(found["seats"], found["viewport"]), found
    assert overlaps(found) == [], found
    return found


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("year", [2019, 2024])
def test_the_first_view_shows_every_seat_clear_of_the_controls(
    built, opened, year, size
):
    page = opened(built / f"london-{year}.html", SIZES[size])
    found = assert_clear(page)
    # the seats use the room there is: at least half the width of the screen
    assert found["seats"]["right"] - found["seats"]["left"] > SIZES[size][0] / 2
    toggle = page.locator(".lm-panel-toggle")
    if size != "desktop":
        toggle.click()  # open the panel, choose the hexes, fold it again
    page.check('input[name="lm-view"][value="hex"]')
    if size != "desktop":
        assert_clear(page)  # the seats make room for the open panel
        toggle.click()
    assert_clear(page)


@pytest.mark.parametrize("size", [PHONE, SMALL_PHONE])
def test_on_a_phone_the_panel_folds_and_results_are_a_bottom_sheet(built, opened, size):
    page = opened(built / "london-2019.html", size)
    toggle = page.get_by_role("button", name="Layers")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#lm-panel-body").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator('input[name="lm-layer"]').first.is_visible()
    toggle.click()
    box = page.locator(".lm-search input")
    box.fill("Putney")
    box.press("Enter")
    sheet = page.get_by_role("dialog", name="Putney")
    assert sheet.is_visible()
    width, height = size
    rect = sheet.bounding_box()
    assert rect["x"] == 0 and rect["width"] == width
    assert abs(rect["y"] + rect["height"] - height) < 1
    assert rect["height"] <= height * 0.6
    assert page.locator(".leaflet-popup").count() == 0
    page.keyboard.press("Escape")
    assert not sheet.is_visible()
    assert page.evaluate("document.activeElement.id") == "lm-find"


def test_readers_may_zoom_the_page(built, opened):
    page = opened(built / "london-2019.html", PHONE)
    viewport = page.locator('meta[name="viewport"]').get_attribute("content")
    assert "user-scalable" not in viewport and "maximum-scale" not in viewport


ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Article</title></head><body><main style="width:{width}px;margin:0">
<h1>An article</h1>{snippet}</main></body></html>"""


@pytest.mark.parametrize("width", [300, 500, 700])
def test_the_embed_snippet_works_in_an_article_column(built, browser, width):
    snippet = embed_snippet(built / "london-2019.html")
    assert re.fullmatch(
        r'<iframe src="london-2019\.html" title="[^"]+" [^<]+</iframe>', snippet
    )
    article = built / f"article-{width}.html"
    article.write_text(ARTICLE.format(width=width, snippet=snippet), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(article.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("path.lm-seat").first.wait_for()
    size = page.locator("iframe").bounding_box()
    assert size["width"] == width and 400 <= size["height"] <= 900
    inner = page.frames[1]
    inner.wait_for_function("window.londonMapsState !== undefined")
    found = assert_clear(inner)
    assert found["seats"]["right"] - found["seats"]["left"] > width / 2
    assert errors == []
    page.close()


def test_print_keeps_map_title_legend_and_attribution_on_one_page(built, opened):
    page = opened(built / "london-2019.html", (1280, 800))
    pick(page, "lm-layer", "gains")
    page.emulate_media(media="print")
    page.wait_for_function(
        "document.querySelector('.leaflet-container').classList.contains('lm-paper')"
    )
    found = boxes(page)
    title = page.locator("h1").bounding_box()
    assert page.locator(".lm-search").is_hidden()
    assert page.locator("#lm-panel-body").is_hidden()
    # A4 landscape within 10 mm margins: 277 × 190 mm at 96 px to the inch
    paper = {"left": 0, "top": 0, "right": 277 / 25.4 * 96, "bottom": 190 / 25.4 * 96}
    for name in ("seats", "legend", "attribution"):
        assert inside(found[name], paper), (name, found[name])
    assert title["y"] >= 0 and title["y"] + title["height"] <= found["seats"]["top"]
    assert [pair for pair in overlaps(found) if "zoom" not in pair] == []
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.emulate_media(media="screen")
