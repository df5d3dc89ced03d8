"""Writing output files: every file of a build, or none of them.

Files are written into a staging folder beside their targets, flushed to disk,
then swapped in. A failure at any point, an ``OSError``, Ctrl-C or ``SIGTERM``,
puts back what was there before, so the output folder is left exactly as it
was; the old files are kept as hard links until the new ones are all in place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import OutputError

#: Signals that end a write cleanly: the folder is put back, then the process exits.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: The longest file name most file systems take, in bytes.
NAME_MAX = 255


def write_atomically(path: Path | str, content: bytes) -> Path:
    """Write one file, complete or not at all, and return its path."""
    return write_files({Path(path): content})[0]


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file of ``files`` (path → bytes), or, on any failure, none.

    Raises
    ------
    OutputError
        A target that is not a regular file, a parent that is not a folder, a
        name too long, or any ``OSError`` while writing: the message names the
        path. The folders are then as they were.
    """
    files = {Path(path): content for path, content in files.items()}
    for path in files:
        _check_target(path)
    created: list[Path] = []
    stages: dict[Path, Path] = {}
    committed = False
    with _signals_end_cleanly():
        try:
            for parent in dict.fromkeys(path.parent for path in files):
                created += _make_folder(parent)
                stages[parent] = _stage_in(parent)
            staged = _stage(files, stages)
            with _signals_held():
                _swap_in(staged)
                committed = True
        except BaseException:
            if not committed:
                for folder in reversed(created):
                    shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            for stage in stages.values():
                shutil.rmtree(stage, ignore_errors=True)
    return list(files)


def _check_target(path: Path) -> None:
    if len(os.fsencode(path.name)) > NAME_MAX:
        raise OutputError(
            f"{path}: the file name is longer than {NAME_MAX} bytes; choose a "
            "shorter name"
        )
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise OutputError(f"{path}: is {kind}; choose another output file")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(
                    f"{path}: {parent} is a file, not a folder; choose another "
                    "output folder"
                )
            break


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created.

    Outermost first, so that a failed build can remove them again.
    """
    missing = [p for p in [folder, *folder.parents] if not p.exists()][::-1]
    for path in missing:
        _os_call(path, path.mkdir)
    return missing


def _stage_in(folder: Path) -> Path:
    return Path(_os_call(folder, tempfile.mkdtemp, prefix=".lm-", dir=folder))


def _stage(files: dict[Path, bytes], stages: dict[Path, Path]) -> dict[Path, Path]:
    """Write each file into its folder's stage under a short name; flush to disk."""
    staged = {}
    for number, (path, content) in enumerate(files.items()):
        temporary = stages[path.parent] / str(number)
        _os_call(path, _write_synced, temporary, content)
        staged[path] = temporary
    return staged


def _write_synced(path: Path, content: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, 0o644)


def _swap_in(staged: dict[Path, Path]) -> None:
    """Move the staged files into place; on failure, put the old ones back.

    Called with stop signals held, so that it is never cut half-way.
    """
    done: list[tuple[Path, Path | None]] = []
    try:
        for path, temporary in staged.items():
            backup = None
            if path.exists():
                backup = temporary.with_name(temporary.name + "-old")
                _os_call(path, _keep_copy, path, backup)
            _os_call(path, os.replace, temporary, path)
            done.append((path, backup))
    except BaseException:
        for path, backup in reversed(done):
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)
        raise
    for folder in {path.parent for path in staged}:
        _sync_folder(folder)


def _keep_copy(path: Path, backup: Path) -> None:
    try:
        os.link(path, backup)
    except OSError:  # a file system without hard links
        shutil.copy2(path, backup)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform syncs folders
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _os_call(path: Path, function, *args, **kwargs):
    """Call ``function``; an ``OSError`` becomes an :class:`OutputError` on ``path``."""
    try:
        return function(*args, **kwargs)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise OutputError(f"cannot write {path}: {reason}") from None


class _Stopped(SystemExit):
    """A stop signal arrived during a write: exit once the folder is put back."""


@contextlib.contextmanager
def _signals_end_cleanly() -> Iterator[None]:
    """Turn stop signals into an exception, so that clean-up runs before exit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number, frame):
        raise _Stopped(128 + number)

    previous = {number: signal.signal(number, stop) for number in _STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold stop signals while files are swapped: the swap is never cut half-way."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
