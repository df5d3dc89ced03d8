"""The pipeline: the official sources rebuild the committed package exactly."""

import json
import shutil

import pytest

from mapping.errors import SourceDataError
from mapping.pipeline import build_package
from mapping.pipeline.sources import check_sources

from .conftest import REPO

pytestmark = [pytest.mark.sources, pytest.mark.slow]


def test_rebuild_reproduces_the_committed_package(source_dir, tmp_path):
    manifest = build_package(source_dir, tmp_path / "package")
    committed = json.loads((REPO / "boundaries" / "manifest.json").read_text())
    assert manifest == committed
    for name in [*manifest["files"], "manifest.json"]:
        assert (tmp_path / "package" / name).read_bytes() == (
            REPO / "boundaries" / name
        ).read_bytes()


def test_package_stays_small():
    total = sum(p.stat().st_size for p in (REPO / "boundaries").iterdir())
    assert total < 8e6


def test_a_changed_source_is_refused_and_nothing_is_written(source_dir, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(source_dir, sources)
    target = sources / "results" / "HoC-GE2019-results-by-constituency.csv"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes().replace(b"Putney", b"Putnee"))
    out = tmp_path / "out"
    with pytest.raises(
        SourceDataError, match="HoC-GE2019-results-by-constituency.csv has sha256"
    ):
        build_package(sources, out)
    assert not out.exists()


def test_missing_source_folder_is_refused(tmp_path):
    with pytest.raises(SourceDataError, match="does not exist"):
        check_sources(tmp_path / "nowhere")
