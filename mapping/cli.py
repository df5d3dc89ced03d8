"""The ``london-maps`` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .collector import loading_libraries, no_collection_at_exit
from .errors import InputError, InputWarning, MappingError, UnknownElectionError
from .text import visible

if TYPE_CHECKING:
    import pandas as pd

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
PROBLEMS_KEY = "london_maps.problems"


class _Failure(click.ClickException):
    """A library error shown as one line, exit status 2."""

    exit_code = 2


class _Group(click.Group):
    """Turns the library's errors into one-line messages, and shows every warning."""

    def invoke(self, ctx: click.Context):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return super().invoke(ctx)
            except InputError as error:
                _write_problems(ctx, error.problems)
                raise _Failure(_one_line(error)) from None
            except MappingError as error:
                raise _Failure(_one_line(error)) from None
            except OSError as error:
                where = f"{error.filename}: " if error.filename else ""
                raise _Failure(_one_line(f"{where}{error.strerror or error}")) from None
            finally:
                for message in dict.fromkeys(_warning_text(w) for w in caught):
                    click.echo(f"Warning: {message}", err=True)


def _one_line(message) -> str:
    """Show a message on one line, whatever its text holds."""
    return visible(str(message))


def _warning_text(caught: warnings.WarningMessage) -> str:
    """Return a warning on one line; one not about the user's files names its kind."""
    text = _one_line(caught.message)
    if issubclass(caught.category, InputWarning):
        return text
    return f"{text} ({caught.category.__name__})"


def _write_problems(ctx: click.Context, problems: list[str]) -> None:
    """Write every problem of a refused file, one a line, where --problems asked."""
    path = ctx.meta.get(PROBLEMS_KEY)
    if path is not None:
        from .output import write_atomically

        text = "".join(visible(problem) + "\n" for problem in problems)
        write_atomically(path, text.encode("utf-8"))


class _ElectionYear(click.ParamType):
    """An election year of the package (or "all"), checked by the library."""

    name = "YEAR"

    def __init__(self, *, allow_all: bool = False) -> None:
        self.allow_all = allow_all

    def convert(self, value, param, ctx):
        from .elections import get_election

        if self.allow_all and str(value).casefold() == "all":
            return "all"
        try:
            return get_election(value).year
        except UnknownElectionError as error:
            self.fail(str(error), param, ctx)


region_option = click.option(
    "--region",
    default="london",
    show_default=True,
    metavar="london|all|NAMES",
    help='Seats to include: "london", "all", a region name such as "South East", '
    'or several separated by commas ("London,South East").',
)

ring_option = click.option(
    "--ring",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Also the seats that share a border with the region, N times over "
    "(1: the bordering seats), from the geometry of the boundaries in use.",
)


def _remember_problems_file(ctx: click.Context, param, value) -> None:
    ctx.meta[PROBLEMS_KEY] = value


def input_options(command):
    """Add the options that replace the shipped boundaries or results."""
    options = [
        click.option(
            "--boundaries",
            type=click.Path(path_type=Path),
            help="Your boundary file: shapefile (with .prj), GeoPackage, GeoJSON, "
            "TopoJSON, FlatGeobuf or a zip of one; any CRS.",
        ),
        click.option(
            "--results",
            type=click.Path(path_type=Path),
            help="Your results table: CSV or workbook, in any layout of the "
            "README's 'Files from elsewhere'.",
        ),
        click.option(
            "--notional",
            type=click.Path(path_type=Path),
            help="Your notional results of the previous election on the seats of "
            "--election 2024 (or 2010), in any layout --results takes: changes of "
            "share, majority and swing are measured against them.",
        ),
        click.option(
            "--boundary-layer",
            metavar="NAME",
            help="Layer of --boundaries to read, when the file holds several.",
        ),
        click.option(
            "--hexes",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Your HexJSON hex layout for the hex view, in place of the "
            "shipped one.",
        ),
        click.option("--code-column", help="Column of ONS codes in --boundaries."),
        click.option("--name-column", help="Column of seat names in --boundaries."),
        click.option(
            "--allow-missing",
            is_flag=True,
            help="Leave seats without a result grey instead of refusing the files.",
        ),
        click.option(
            "--attribution",
            metavar="TEXT",
            help="Credit for your files on the maps (default: their file names).",
        ),
        click.option(
            "--problems",
            type=click.Path(dir_okay=False, path_type=Path),
            expose_value=False,
            callback=_remember_problems_file,
            help="When a file is refused, write every problem to this file "
            "(the error line shows the first 10).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="london-maps")
def main() -> None:
    """Map UK general election results, starting with London."""
    no_collection_at_exit()


@main.command()
@click.option("--election", type=_ElectionYear(), required=True, help="Election year.")
@region_option
@ring_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@input_options
def table(election: int, region: str, fmt: str, **inputs) -> None:
    """Print one row per seat: winner, gain, majority, turnout and Remain."""
    with loading_libraries():
        from .api import table_of
        from .custom import load_data

    rows = table_of(load_data(election, region=region, geometry=False, **inputs).seats)
    on_terminal = sys.stdout.isatty()
    # color=True: click would otherwise strip escape sequences from the data.
    click.echo(_format_table(rows, fmt, on_terminal=on_terminal), nl=False, color=True)


def _format_table(rows: pd.DataFrame, fmt: str, *, on_terminal: bool = False) -> str:
    """CSV or JSON of the table; on a terminal, control characters are escaped.

    In CSV, the columns of :data:`mapping.api.PERCENT_COLUMNS` have two decimals.
    """
    from .api import PERCENT_COLUMNS

    rows = rows.astype(object).where(rows.notna(), None)
    rows["gain"] = rows["gain"].map(bool)
    if on_terminal:
        rows = rows.map(
            lambda value: visible(value) if isinstance(value, str) else value
        )
    if fmt == "json":
        records = rows.to_dict("records")
        return json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    rows["gain"] = rows["gain"].map({True: "true", False: "false"})
    for column in PERCENT_COLUMNS:
        rows[column] = rows[column].map(lambda v: "" if v is None else f"{v:.2f}")
    return rows.to_csv(index=False, lineterminator="\n")


@main.command()
@click.option(
    "--election",
    type=_ElectionYear(allow_all=True),
    default="all",
    show_default=True,
    help="Election year, or all.",
)
@region_option
@ring_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the maps.",
)
@click.option(
    "--tiles",
    type=click.Choice(["positron", "osm"]),
    default=None,
    help="Add a base map under the seats (it loads tiles from the network).",
)
@click.option("--images", is_flag=True, help="Also write a PNG of every layer.")
@input_options
def build(
    election, region: str, out: Path, tiles: str | None, images: bool, **inputs
) -> None:
    """Write an interactive HTML map per election and an index.html."""
    with loading_libraries():
        from .site import build_maps

    years = None if election == "all" else [election]
    paths = build_maps(
        years, region=region, out_dir=out, tiles=tiles, images=images, **inputs
    )
    for path in paths:
        _report_written(path)


def figure_options(command):
    """Add the options of a figure, one per field of ``FigureSpec``.

    The spec's own definition (flag, metavar, help, choices) makes the option,
    so the command line and spec files cannot drift apart. Every default is
    "not given", so that a flag overrides the spec file only when used.
    """
    from .image.spec import options

    for name, option in reversed(options()):
        keywords: dict = {"default": None, "help": option.help}
        if option.kind == "flag":
            keywords.update(is_flag=True, default=False)
        elif option.choices:
            keywords["type"] = click.Choice(option.choices)
        else:
            keywords["metavar"] = option.metavar
        if option.multiple:
            keywords.update(multiple=True, default=())
        command = click.option(option.flag, name, **keywords)(command)
    return command


@main.command()
@figure_options
@click.option(
    "--spec",
    "spec_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A figure spec (TOML) holding any of these options; flags override it.",
)
@click.option("--labels", is_flag=True, hidden=True, help="Same as --label all.")
@ring_option
@input_options
def image(spec_file: Path | None, labels: bool, **options) -> None:
    """Render a publishable PNG, SVG or PDF: one layer, a series, or all four."""
    from .image.publish import write_figure
    from .image.spec import FigureSpec, read_spec

    figure = {k: options.pop(k) for k in list(options) if _is_figure_option(k)}
    if labels and not figure.get("label"):
        figure["label"] = "all"
    spec = read_spec(spec_file) if spec_file is not None else FigureSpec()
    spec = spec.merged(figure, origin="")
    for path in write_figure(spec, **options):
        _report_written(path)


def _is_figure_option(name: str) -> bool:
    from .image.spec import options

    return name in {field for field, _ in options()}


def _report_written(path: Path) -> None:
    click.echo(f"wrote {visible(str(path))} ({path.stat().st_size:,} bytes)")


@main.command("open")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
def open_map(file: Path | None) -> None:
    """Open a map (default: output/index.html) in the default browser."""
    import webbrowser

    path = file or Path("output") / "index.html"
    if not path.is_file():
        raise _Failure(
            f"no map at {path}; build the maps first with 'london-maps build'"
        )
    webbrowser.open(path.resolve().as_uri())


@main.command()
def elections() -> None:
    """List the elections in the data package and their boundary sets."""
    from .elections import ELECTIONS

    click.echo(
        f"{'election':<9} {'date':<11} {'boundaries':<10} {'':<30} seats  london"
    )
    for year, item in ELECTIONS.items():
        bounds = item.boundary_set
        click.echo(
            f"{year:<9} {item.date:<11} {bounds.id:<10} {bounds.label:<30} "
            f"{bounds.seats:>5}  {bounds.london_seats:>6}"
        )


@main.group(cls=_Group)
def data() -> None:
    """Build the data package from the official source files."""


@data.command("build")
@click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder of the official files, laid out as in shared/data.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("boundaries"),
    show_default=True,
    help="Folder to write the package into.",
)
def data_build(source: Path, out: Path) -> None:
    """Check the sources against their sha256 and derive the package."""
    from .pipeline import build_package

    manifest = build_package(source, out)
    total = sum((out / name).stat().st_size for name in manifest["files"])
    click.echo(
        f"wrote {len(manifest['files'])} files ({total / 1e6:.1f} MB) "
        f"and manifest.json to {out}"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
