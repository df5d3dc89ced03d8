"""Published files: print PDFs embed TrueType fonts, SVG keeps every text (seat
labels included) as <text>, exact pixel sizes, and the same bytes on a rebuild."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from matplotlib.text import Text
from PIL import Image
from pypdf import PdfReader

from mapping.custom import load_data
from mapping.image import render_image, save_figure
from mapping.image.series import render_series

SVG = "{http://www.w3.org/2000/svg}"
STORY = {
    "title": "Remain London, 2019",
    "highlight": ["Richmond Park", "Putney", "Battersea", "Chingford"],
    "annotate": [("Richmond Park", "LD gain, 71% Remain"), ("Chingford", "Con")],
    "label": ("all",),
}


@pytest.fixture(scope="module")
def data_2019():
    return load_data(2019)


def pdf_fonts(path):
    fonts = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


@pytest.mark.parametrize("preset", ["print", "print-a5"])
def test_print_pdfs_embed_truetype_fonts(data_2019, tmp_path, preset):
    fig, ax = render_image(data_2019, "remain", preset=preset, **STORY)
    path = save_figure(fig, tmp_path / "remain.pdf")
    fonts = pdf_fonts(path)
    assert fonts
    for name, font in fonts.items():
        assert font["/Subtype"] in ("/TrueType", "/Type0"), (name, font["/Subtype"])
        if font["/Subtype"] == "/Type0":
            (descendant,) = font["/DescendantFonts"]
            assert descendant.get_object()["/Subtype"] == "/CIDFontType2"
        descriptor = (
            font.get("/FontDescriptor")
            or (font["/DescendantFonts"][0].get_object()["/FontDescriptor"])
        )
        assert "/FontFile2" in descriptor.get_object()  # the TrueType program
    text = PdfReader(path).pages[0].extract_text()
    assert "Remain London, 2019" in text and "Richmond Park" in text  # text, not shapes


def test_print_presets_are_a4_and_a5_wide_at_300_dpi(data_2019, tmp_path):
    for preset, width in (("print", 2481), ("print-a5", 1749)):
        fig, ax = render_image(data_2019, "gains", preset=preset)
        with Image.open(save_figure(fig, tmp_path / f"{preset}.png")) as image:
            assert abs(image.width - width) <= 1
            assert round(image.info["dpi"][0]) == 300


@pytest.mark.parametrize(
    ("preset", "size"), [("social", (1200, 675)), ("square", (1080, 1080))]
)
def test_social_presets_are_exactly_their_size(data_2019, tmp_path, preset, size):
    fig, ax = render_image(data_2019, "remain", preset=preset, **STORY)
    with Image.open(save_figure(fig, tmp_path / f"{preset}.png")) as image:
        assert image.size == size


def test_svg_seat_labels_and_callouts_are_text_elements(data_2019, tmp_path):
    fig, ax = render_image(data_2019, "remain", **STORY)
    drawn = {t.get_gid(): t.get_text() for t in fig.findobj(Text) if t.get_gid()}
    path = save_figure(fig, tmp_path / "remain.svg")
    root = ET.parse(path).getroot()
    groups = {
        g.get("id"): g
        for g in root.iter(f"{SVG}g")
        if re.match(r"(label|callout)-remain-E\d+$", g.get("id") or "")
    }
    assert len(groups) == 73 + 2
    for gid, group in groups.items():
        texts = list(group.iter(f"{SVG}text"))  # one per line
        assert 1 <= len(texts) <= 4, gid
        assert not list(group.iter(f"{SVG}path")), gid  # not glyph outlines
        lines = [" ".join(t.itertext()).strip() for t in texts]
        assert " ".join(lines) == " ".join(drawn[gid].split("\n")), gid
    putney = groups["label-remain-" + code_of(data_2019, "Putney")]
    assert "".join(putney.itertext()).strip() == "Putney"
    # The halo is a shape of its own, under the text.
    halos = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").endswith("-halo")]
    assert len(halos) == len(groups)


def code_of(data, name):
    return data.seats.loc[data.seats["name"] == name, "code"].item()


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_story_and_a_series_give_the_same_bytes_twice(data_2019, tmp_path, suffix):
    series = [load_data(year) for year in (2017, 2019)]
    for kind in ("story", "series"):
        written = []
        for name in ("first", "second"):
            if kind == "story":
                fig, _ = render_image(data_2019, "remain", preset="square", **STORY)
            else:
                fig, _ = render_series(
                    series, "gains", label=("gains",), annotate=[("Putney", "x")]
                )
            written.append(save_figure(fig, tmp_path / f"{name}{suffix}").read_bytes())
        assert written[0] == written[1], kind
