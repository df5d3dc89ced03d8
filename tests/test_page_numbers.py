"""The page writes numbers by the rules of the tables and images (mapping.style).

``static/text.js`` formats without Intl (whose first use costs the page's load
some 20 ms), so its rounding is held here to Python's on values that test it:
exact ties, which Python rounds to the even digit, values just either side of
them, negatives, tiny shares and large counts.
"""

from __future__ import annotations

import random
from importlib import resources

import pytest

from mapping.style import PERCENT_PRECISION, format_count, format_percent, page_style

pytestmark = pytest.mark.browser


def awkward_values() -> list[float]:
    """Ties at one and two decimals, their neighbours, and a seeded spread."""
    ties = [k / 4 for k in range(-41, 41)] + [k / 8 for k in range(-17, 17)]
    near = [
        t + d for t in (0.05, 0.15, 0.25, 2.45, 12.35, 99.95) for d in (-1e-9, 0, 1e-9)
    ]
    tiny = [0.0004, 0.00049, 0.0035, 0.0451, -0.0451, 0.0999, 0.0]
    rng = random.Random(14)
    spread = [round(rng.uniform(-100, 100), PERCENT_PRECISION) for _ in range(2000)]
    return ties + near + tiny + spread


def counts() -> list[float]:
    """Whole numbers of every length, and halves (rounded to even by Python)."""
    return [0, 7, 999, 1000, 12345, 999999, 1000000, 73123456, 2.5, 3.5, 1234.5, -4321]


@pytest.fixture(scope="module")
def text_page(browser):
    """A blank page that has loaded the page's text helpers."""
    page = browser.new_page()
    source = resources.files("mapping").joinpath("static", "text.js")
    page.set_content("<!DOCTYPE html><title>numbers</title>")
    page.add_script_tag(content=source.read_text(encoding="utf-8"))
    yield page
    page.close()


def test_percentages_round_as_python_does(text_page):
    # The page's data carries values already rounded as format_percent rounds.
    values = [round(v, PERCENT_PRECISION) for v in awkward_values()]
    written = text_page.evaluate(
        "([values, style]) => values.map((v) => lmText.percent(v, style))",
        [values, page_style()],
    )
    expected = [format_percent(v) for v in values]
    wrong = [
        (v, w, e) for v, w, e in zip(values, written, expected, strict=True) if w != e
    ]
    assert not wrong, wrong[:10]


def test_two_decimals_round_as_python_does(text_page):
    values = awkward_values()
    written = text_page.evaluate(
        "(values) => values.map((v) => lmText.fixed(v, 2))", values
    )
    assert written == [f"{v:.2f}" for v in values]


def test_counts_are_grouped_as_python_does(text_page):
    values = counts()
    written = text_page.evaluate("(values) => values.map(lmText.count)", values)
    assert written == [format_count(v) for v in values]
