"""The card's `dataset_info.features`, derived from a JSON Schema without importing `datasets`.

The build writes the card through `datasets` itself (features.py); validate must not import it
(it is slow), so it compares the card against this small pure function instead. A test proves
that the two agree for every table: yaml_features(schema) ==
DatasetInfo(features=Features.from_arrow_schema(arrow_schema(table)))._to_yaml_dict()["features"].
"""
from __future__ import annotations

from .schemas import types_of

DTYPES = {"string": "string", "integer": "int64", "boolean": "bool"}   # the Arrow types schemas.arrow_type uses


def yaml_features(schema: dict) -> list[dict]:
    """[{name, dtype} | {name, list} | {name, struct}, ...] for the schema's properties, in order."""
    return _fields(schema["properties"])


def _fields(props: dict) -> list[dict]:
    return [{"name": name, **_feature(prop)} for name, prop in props.items()]


def _feature(prop: dict) -> dict:
    base = next(t for t in types_of(prop) if t != "null")
    if base in DTYPES:
        return {"dtype": DTYPES[base]}
    if base == "object":
        return {"struct": _fields(prop["properties"])}
    if base == "array":
        # a list names its item by the item's own value: a dtype, a struct's fields, or a nested {"list": ...}
        item = _feature(prop["items"])
        return {"list": item["dtype"] if "dtype" in item else item["struct"] if "struct" in item else item}
    raise ValueError(f"no Hugging Face feature for JSON Schema type {base!r}")
