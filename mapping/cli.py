"""The ``london-maps`` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

from . import __version__
from .errors import MappingError, UnknownElectionError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Failure(click.ClickException):
    """A library error shown as one line, exit status 2."""

    exit_code = 2


class _Group(click.Group):
    """Turns the library's own errors into one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MappingError as error:
            raise _Failure(str(error)) from None


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
    metavar="london|all|NAME",
    help='Seats to include: "london", "all", or a region name such as "South East".',
)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="london-maps")
def main() -> None:
    """Map UK general election results, starting with London."""


@main.command()
@click.option("--election", type=_ElectionYear(), required=True, help="Election year.")
@region_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
def table(election: int, region: str, fmt: str) -> None:
    """Print one row per seat: winner, gain, majority, turnout and Remain."""
    from .api import load_election, table_of

    rows = table_of(load_election(election, region=region))
    click.echo(_format_table(rows, fmt), nl=False)


def _format_table(rows: pd.DataFrame, fmt: str) -> str:
    rows = rows.astype(object).where(rows.notna(), None)
    rows["gain"] = rows["gain"].map(bool)
    if fmt == "json":
        return json.dumps(rows.to_dict("records"), ensure_ascii=False, indent=1) + "\n"
    rows["gain"] = rows["gain"].map({True: "true", False: "false"})
    for column in ("majority_pct", "turnout_pct", "remain_pct"):
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
def build(election, region: str, out: Path, tiles: str | None) -> None:
    """Write an interactive HTML map per election and an index.html."""
    from .site import build_maps

    years = None if election == "all" else [election]
    for path in build_maps(years, region=region, out_dir=out, tiles=tiles):
        click.echo(f"wrote {path} ({path.stat().st_size / 1000:.0f} kB)")


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
