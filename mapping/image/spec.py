"""A figure's options, defined once: the command line and spec files fill one spec.

:class:`FigureSpec` holds everything that makes a published image: elections,
layer, view, preset, the editorial text (title, subtitle, source line), the
seats to highlight, annotate and label, and the area to focus on. Each field
carries its :class:`Option` (flag, metavar, help), from which the ``image``
command builds its options, and :func:`read_spec` fills the same fields from a
small TOML file, so a graphic is reproducible and reviewable. Flags override the
spec file. Plain Python (stdlib and the project's errors): the command line
imports it without loading the drawing code.

Everything here is untrusted text: it is checked for type and length, never
evaluated, and drawn later through :func:`mapping.text.visible`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..elections import get_election
from ..errors import ImageOptionError, UnknownElectionError
from ..text import short_text, visible
from .presets import PRESET_NAMES

#: The longest title, subtitle, source or callout a spec may give (characters).
MAX_TEXT = 300
#: The largest spec file read (bytes): a spec is a few lines.
MAX_SPEC_BYTES = 64_000
#: Words of ``label`` that are not seat names.
LABEL_WORDS = ("gains", "all")
VIEWS = ("geo", "hex")


class FigureSpecError(ImageOptionError):
    """A figure option or spec file that cannot be used; the message names it."""


@dataclass(frozen=True)
class Option:
    """How one field of :class:`FigureSpec` is given on the command line.

    ``kind`` says how a value is read: ``"years"``, ``"text"``, ``"choice"``,
    ``"names"``, ``"label"``, ``"notes"`` (``SEAT=TEXT``), ``"flag"`` or
    ``"file"``. ``multiple`` options may be repeated.
    """

    flag: str
    kind: str
    help: str
    metavar: str = ""
    choices: tuple[str, ...] = ()
    multiple: bool = False


def _option(default: Any, option: Option) -> Any:
    return field(default=default, metadata={"option": option})


@dataclass(frozen=True)
class FigureSpec:
    """Everything one published image is made of; see the module's docstring.

    Seat names (``highlight``, ``annotate``, ``label``, ``focus``) are kept as
    given and matched against the seats when the figure is drawn. ``label`` is
    ``("gains",)``, ``("all",)`` or seat names; ``annotate`` pairs a seat name
    with its callout.
    """

    election: tuple[int, ...] = _option(
        (),
        Option(
            "--election",
            "years",
            "Election year; several (2010,2015,2017) draw one panel each.",
            "YEAR[,YEAR…]",
        ),
    )
    layer: str | None = _option(
        None,
        Option(
            "--layer",
            "text",
            "winner, gains, majority, remain, turnout, second, previous, "
            "lead_change, share_<party>, change_<party>, swing_<from>_to_<to> "
            "(swing_con_to_lab); all draws the four main layers 2×2.",
            "LAYER|all",
        ),
    )
    view: str = _option(
        "geo", Option("--view", "choice", "Real boundaries or hexes.", choices=VIEWS)
    )
    region: str = _option(
        "london",
        Option(
            "--region",
            "text",
            'Seats to include: "london" (default), "all", or a region name.',
            "london|all|NAME",
        ),
    )
    preset: str = _option(
        "web",
        Option(
            "--preset",
            "choice",
            "web: 1600 px wide; social: 1200×675; square: 1080×1080; print: "
            "A4, print-a5: A5 (300 dpi). Default: web.",
            choices=PRESET_NAMES,
        ),
    )
    title: str | None = _option(
        None, Option("--title", "text", "Headline, replacing the default.", "TEXT")
    )
    subtitle: str | None = _option(
        None,
        Option(
            "--subtitle",
            "text",
            "Line under the headline (default: the layer's definition).",
            "TEXT",
        ),
    )
    source: str | None = _option(
        None,
        Option(
            "--source",
            "text",
            "Source line, replacing the short default; the full attribution "
            "stays in small type.",
            "TEXT",
        ),
    )
    highlight: tuple[str, ...] = _option(
        (),
        Option(
            "--highlight",
            "names",
            "Seats to keep in colour; the others are muted.",
            '"SEAT,SEAT"',
            multiple=True,
        ),
    )
    annotate: tuple[tuple[str, str], ...] = _option(
        (),
        Option(
            "--annotate",
            "notes",
            "A callout with a leader line: SEAT=TEXT (repeatable).",
            '"SEAT=TEXT"',
            multiple=True,
        ),
    )
    label: tuple[str, ...] = _option(
        (),
        Option(
            "--label",
            "label",
            "Name seats on the map: gains, all, or a list of seats.",
            "gains|all|SEATS",
        ),
    )
    focus: tuple[str, ...] = _option(
        (),
        Option(
            "--focus",
            "names",
            "Crop the map to these seats, or to a region.",
            "SEATS|REGION",
        ),
    )
    alt_text: bool = _option(
        False,
        Option("--alt-text", "flag", "Also write a description, NAME.alt.txt."),
    )
    out: str | None = _option(
        None,
        Option(
            "--out",
            "file",
            "Image file: .png, .svg or .pdf (a spec's out is written beside it).",
            "FILE",
        ),
    )

    def merged(self, values: Mapping[str, Any], *, origin: str) -> FigureSpec:
        """Return this spec with the ``values`` that were given taking over.

        ``values`` maps field names to raw values (strings, lists, tables); a
        value of ``None``, ``()`` or ``False`` counts as not given. ``origin``
        names the spec file in messages ("" for command-line flags).
        """
        known = {item.name: item for item in fields(self)}
        changes = {}
        for name, value in values.items():
            if name not in known:
                shown = visible(short_text(name, 40))
                raise FigureSpecError(
                    f"{origin or 'options'}: unknown key '{shown}'; "
                    f"the keys are {', '.join(known)}"
                )
            if value is None or value == () or value is False:
                continue
            changes[name] = _read(option_of(name), value, origin)
        return replace(self, **changes)

    def checked(self) -> FigureSpec:
        """Return the spec once it names what to draw and where to write it."""
        if not self.election:
            raise FigureSpecError("give --election YEAR (or election in the spec)")
        if not self.layer:
            raise FigureSpecError("give --layer LAYER (or layer in the spec)")
        if self.out is None:
            raise FigureSpecError("give --out FILE (or out in the spec)")
        if self.layer == "all" and len(self.election) > 1:
            raise FigureSpecError(
                "--layer all draws one election; name one layer for a series"
            )
        return self


def option_of(name: str) -> Option:
    """Return the command-line :class:`Option` of the field ``name``."""
    for item in fields(FigureSpec):
        if item.name == name:
            return item.metadata["option"]
    raise KeyError(name)


def options() -> list[tuple[str, Option]]:
    """Return every field name with its :class:`Option`, in the spec's order."""
    return [(item.name, item.metadata["option"]) for item in fields(FigureSpec)]


def read_spec(path: str | Path) -> FigureSpec:
    """Read a figure spec from a TOML file.

    Keys are the field names of :class:`FigureSpec` (``election``, ``layer``,
    ``title``, ``highlight``, ``[annotate]`` as a table of seat = text, …). A
    relative ``out`` must be a bare file name: it is written beside the spec.

    Raises
    ------
    FigureSpecError
        For a file that is not TOML, an unknown key (named, one line), a value
        of the wrong type, or an ``out`` that leaves the spec's folder.
    """
    path = Path(path)
    origin = visible(path.name)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FigureSpecError(f"{origin}: {error.strerror or error}") from None
    if len(raw) > MAX_SPEC_BYTES:
        raise FigureSpecError(f"{origin}: a spec is at most {MAX_SPEC_BYTES:,} bytes")
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise FigureSpecError(f"{origin}: not a TOML file ({error})") from None
    spec = FigureSpec().merged(table, origin=origin)
    if spec.out is not None:
        name = Path(spec.out)
        if name.name != spec.out or name.name in ("", ".", ".."):
            raise FigureSpecError(
                f"{origin}: out must be a file name ('{visible(spec.out)}'); it is "
                "written beside the spec"
            )
        spec = replace(spec, out=str(path.parent / name))
    return spec


# --------------------------------------------------------------------------
# Reading one value, from a flag (strings) or a TOML file (strings, lists, tables)


def _read(option: Option, value: Any, origin: str) -> Any:
    """Read one value; ``origin`` is the spec file's name, or "" for a flag."""
    key = option.flag.removeprefix("--").replace("-", "_")
    where = f"{origin}: {key}" if origin else option.flag
    reader = _READERS[option.kind]
    return reader(option, value, where)


def _fail(where: str, what: str) -> FigureSpecError:
    return FigureSpecError(f"{where}: {what}")


def _text(option: Option, value: Any, where: str) -> str:
    if isinstance(value, tuple | list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        raise _fail(where, f"expected text, not {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise _fail(where, f"longer than {MAX_TEXT} characters")
    return value


def _choice(option: Option, value: Any, where: str) -> str:
    text = _text(option, value, where)
    if text not in option.choices:
        allowed = ", ".join(repr(choice) for choice in option.choices)
        raise _fail(where, f"'{visible(short_text(text, 40))}' is not one of {allowed}")
    return text


def _items(option: Option, value: Any, where: str) -> list[Any]:
    """Return a list of values: one string, a repeated flag or a TOML array."""
    items = list(value) if isinstance(value, tuple | list) else [value]
    if not items:
        raise _fail(where, "give at least one")
    return items


def _years(option: Option, value: Any, where: str) -> tuple[int, ...]:
    years = []
    for item in _items(option, value, where):
        for part in str(item).split(",") if isinstance(item, str) else [item]:
            try:
                if isinstance(part, bool) or not isinstance(part, int | str):
                    raise UnknownElectionError(f"{part!r} is not a year")
                years.append(get_election(part).year)
            except UnknownElectionError as error:
                raise _fail(where, str(error)) from None
    if len(set(years)) != len(years):
        raise _fail(where, "an election is named twice")
    return tuple(years)


def _names(option: Option, value: Any, where: str) -> tuple[str, ...]:
    names = tuple(_text(option, item, where) for item in _items(option, value, where))
    if not any(name.strip(" ,") for name in names):
        raise _fail(where, "give at least one seat")
    return names


def _label(option: Option, value: Any, where: str) -> tuple[str, ...]:
    names = _names(option, value, where)
    if len(names) == 1 and names[0].strip().casefold() in LABEL_WORDS:
        return (names[0].strip().casefold(),)
    return names


def _notes(option: Option, value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        pairs = [(seat, text) for seat, text in value.items()]
    else:
        pairs = []
        for item in _items(option, value, where):
            item = _text(option, item, where)
            seat, equals, text = item.partition("=")
            if not equals:
                shown = visible(short_text(item, 40))
                raise _fail(where, f"'{shown}' is not SEAT=TEXT")
            pairs.append((seat, text))
    notes = []
    for seat, text in pairs:
        seat = _text(option, seat, where).strip()
        text = _text(option, text, where).strip()
        if not seat or not text:
            raise _fail(where, "each callout needs a seat and a text: SEAT=TEXT")
        notes.append((seat, text))
    return tuple(notes)


def _file(option: Option, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise _fail(where, "expected a file name")
    return value  # its length and folder are the writer's to judge


def _flag(option: Option, value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, "expected true or false")
    return value


_READERS = {
    "years": _years,
    "text": _text,
    "choice": _choice,
    "names": _names,
    "label": _label,
    "notes": _notes,
    "flag": _flag,
    "file": _file,
}
