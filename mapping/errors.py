"""The project's own exceptions: each says what is wrong, where, and how to fix it."""


class MappingError(Exception):
    """Base class of every error london-maps raises on purpose."""


class UnknownElectionError(MappingError, ValueError):
    """An election year the package does not hold."""


class UnknownRegionError(MappingError, ValueError):
    """A region name that matches no region of the boundary set."""


class UnknownLayerError(MappingError, KeyError):
    """A map layer these seats do not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class DataPackageError(MappingError, OSError):
    """The committed data package is missing, corrupt or out of date."""


class OutputError(MappingError, OSError):
    """An output file cannot be written; the output folder is left as it was."""


class SourceDataError(MappingError, ValueError):
    """An official source file differs from the one the pipeline expects."""


class InputError(MappingError, ValueError):
    """A user's file cannot be used: each problem says where and how to fix it."""

    #: Problems shown in the message; :attr:`problems` holds every one.
    SHOWN = 10

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = f"{len(problems)} problems: " if len(problems) > 1 else ""
        message = count + "; ".join(problems[: self.SHOWN])
        if len(problems) > self.SHOWN:
            message += f"; and {len(problems) - self.SHOWN:,} more"
        super().__init__(message)


class InputWarning(UserWarning):
    """A user's file was usable after a repair or guess the user should know of."""


class ImageFormatError(MappingError, ValueError):
    """A file suffix that :func:`mapping.image.save_figure` cannot write."""


class ImageOptionError(MappingError, ValueError):
    """An unknown image view or preset, or a view these seats do not have."""
