"""The data pipeline: official source files in, the package of ``boundaries/`` out."""

from .build import build_package

__all__ = ["build_package"]
