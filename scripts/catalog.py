"""Catalog metadata (Croissant, Frictionless Data Package), generated from the JSON Schemas."""
from __future__ import annotations

from pathlib import Path


def write_catalogs(root: Path, tables: dict, version: str) -> None:
    """Placeholder until the catalog writers land."""
