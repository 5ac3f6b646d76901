"""One mapping from a JSON Schema column type to every format that describes a column: Arrow
(the Parquet files), Hugging Face features (the card's dataset_info), Croissant, Frictionless
Table Schema and the card's column tables.

The JSON Schemas in schema/ are the one source of the record shapes; a type every format must
name is added here once (SCALARS), and nested lists and structs follow from it.
"""
from __future__ import annotations

from typing import NamedTuple

import pyarrow as pa


class Scalar(NamedTuple):
    arrow: pa.DataType
    hf_dtype: str          # the dtype `datasets` writes for the Arrow type (Features.from_arrow_schema)
    croissant: str         # a schema.org data type (Croissant's dataType)
    table_schema: str      # a Frictionless Table Schema field type


SCALARS = {
    "string": Scalar(pa.string(), "string", "sc:Text", "string"),
    "integer": Scalar(pa.int64(), "int64", "sc:Integer", "integer"),
    "boolean": Scalar(pa.bool_(), "bool", "sc:Boolean", "boolean"),
}


def types_of(prop: dict) -> list[str]:
    t = prop["type"]
    return t if isinstance(t, list) else [t]


def nullable(prop: dict) -> bool:
    return "null" in types_of(prop)


def base_type(prop: dict) -> str:
    """The column's type without null: string, integer, boolean, array or object."""
    return next(t for t in types_of(prop) if t != "null")


def _scalar(prop: dict, purpose: str) -> Scalar:
    base = base_type(prop)
    if base not in SCALARS:
        raise ValueError(f"no {purpose} for JSON Schema type {base!r}")
    return SCALARS[base]


def arrow_type(prop: dict) -> pa.DataType:
    base = base_type(prop)
    if base == "array":
        item = prop["items"]
        return pa.list_(pa.field("item", arrow_type(item), nullable=nullable(item)))
    if base == "object":
        return pa.struct([pa.field(k, arrow_type(v), nullable=nullable(v)) for k, v in prop["properties"].items()])
    return _scalar(prop, "Arrow type").arrow


def hf_feature(prop: dict) -> dict:
    """{dtype} | {list} | {struct}: the card's feature for a column, as `datasets` writes it."""
    base = base_type(prop)
    if base == "object":
        return {"struct": hf_features(prop["properties"])}
    if base == "array":
        # a list names its item by the item's own value: a dtype, a struct's fields, or a nested {"list": ...}
        item = hf_feature(prop["items"])
        return {"list": item["dtype"] if "dtype" in item else item["struct"] if "struct" in item else item}
    return {"dtype": _scalar(prop, "Hugging Face feature").hf_dtype}


def hf_features(props: dict) -> list[dict]:
    return [{"name": name, **hf_feature(prop)} for name, prop in props.items()]


def croissant_type(prop: dict) -> str:
    return _scalar(prop, "Croissant data type").croissant


def table_schema_type(prop: dict) -> str:
    """A list is `any` in Table Schema: frictionless reads Parquet lists as NumPy arrays."""
    base = base_type(prop)
    if base in ("array", "object"):
        return {"array": "any", "object": "object"}[base]
    return _scalar(prop, "Table Schema type").table_schema


def card_type(prop: dict) -> str:
    """How the card's column table names a type: string, list of string, struct {a: integer} ... or null."""
    base = base_type(prop)
    if base == "array":
        name = f"list of {card_type(prop['items'])}"
    elif base == "object":
        name = "struct {" + ", ".join(f"{k}: {card_type(v)}" for k, v in prop["properties"].items()) + "}"
    else:
        name = base
    return name + (" or null" if nullable(prop) else "")
