"""The page's parts packed: gzip-compressed, in base64, in elements never run.

A built map page carries its styles, Leaflet, its scripts and its data this way;
``static/boot.js`` has the browser decompress each part and put it in as text.
:func:`read_payload` reads them back, as the tests and benchmarks do.
"""

from __future__ import annotations

import base64
import gzip
from html.parser import HTMLParser
from typing import NamedTuple

#: Id of the page's data island: a JSON document that no template ever sees.
DATA_ID = "lm-data"
#: The parts of a page, packed in this order, and what ``boot.js`` makes of
#: each: a ``<style>``, a ``<script>`` it runs, or the data island.
PARTS = {
    "style": "style",
    "leaflet": "script",
    "code": "script",
    "data": "json",
    "map": "script",
}
#: gzip levels: the code is packed once a run, the data once a page (level 9
#: would take the UK's data 26 ms instead of 16 ms, for 0.2% fewer bytes).
CODE_LEVEL, DATA_LEVEL = 9, 6


def pack(name: str, text: str, level: int, *, data_id: str = "") -> str:
    """Return a part of the page (:data:`PARTS`) in an element never run.

    It is gzip-compressed (no time stamp, so rebuilds are byte-identical), in
    base64, which holds no ``<``: nothing in it can end the element.
    """
    packed = gzip.compress(text.encode("utf-8"), compresslevel=level, mtime=0)
    target = f' data-id="{data_id}"' if data_id else ""
    return (
        f'<script type="application/octet-stream" id="lm-packed-{name}" '
        f'data-as="{PARTS[name]}"{target}>'
        f"{base64.b64encode(packed).decode('ascii')}</script>"
    )


class Part(NamedTuple):
    """One part of a built page: as the browser gets it, and its size in the file."""

    text: str
    packed: int  # characters of base64 (of the plain island: of JSON)


def read_payload(page: str) -> dict[str, Part]:
    """Return a built page's parts by name (:data:`PARTS`), unpacked as boot.js does.

    A page drawn into a map of the caller's own carries its data island plain:
    its only part is ``"data"``.
    """
    found: dict[str, tuple[bool, list[str]]] = {}  # name → (packed, text)

    class Parts(HTMLParser):
        inside: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            attr = dict(attrs)
            name, packed = attr.get("id", ""), True
            if tag == "script" and name.startswith("lm-packed-"):
                name = name.removeprefix("lm-packed-")
                assert attr.get("type") == "application/octet-stream", attr
                assert attr.get("data-as") == PARTS[name], attr
            elif tag == "script" and name == DATA_ID:
                assert attr.get("type") == "application/json", attr
                name, packed = "data", False
            else:
                return
            assert name not in found, f"two parts called {name}"
            found[name] = (packed, [])
            self.inside = found[name][1]

        def handle_endtag(self, tag):
            self.inside = None

        def handle_data(self, data):
            if self.inside is not None:
                self.inside.append(data)

    Parts().feed(page)
    parts = {}
    for name, (packed, chunks) in found.items():
        text = "".join(chunks)
        if packed:
            plain = gzip.decompress(base64.b64decode(text, validate=True))
            parts[name] = Part(plain.decode("utf-8"), len(text))
        else:
            parts[name] = Part(text, len(text))
    return parts
