"""Shared fixtures: the official source files and the data package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


def require(condition: bool, reason: str) -> None:
    """Skip locally when a prerequisite is missing; fail in CI, where it must exist."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def source_dir() -> Path:
    """The official source files, laid out as the pipeline expects."""
    require(SHARED_DATA.is_dir(), f"official sources not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def package_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of the data package that a test may damage."""
    import shutil

    from mapping import package

    copy = tmp_path / "package"
    shutil.copytree(REPO / "boundaries", copy)
    monkeypatch.setenv(package.PACKAGE_ENV, str(copy))
    return copy
