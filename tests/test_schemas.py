"""The JSON Schemas are complete declarations, and the Arrow schema derived from them is exact."""
from __future__ import annotations

import pyarrow as pa
import pytest
from jsonschema import Draft202012Validator

from jd_wechat_commentary import schemas


def _properties(schema):
    for name, prop in schema.get("properties", {}).items():
        yield name, prop
        yield from _properties(prop.get("items", {}) if prop.get("type") == "array" else prop)


@pytest.mark.parametrize("table", schemas.TABLES)
def test_schema_is_complete(table):
    schema = schemas.load_schema(table)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:jd-wechat-commentary:schema:{table}" and schema["title"] and schema["description"]
    assert schema["additionalProperties"] is False and schema["required"] == list(schema["properties"])
    assert all(prop.get("description") for _, prop in _properties(schema))
    for key in schema["x-primary-key"]:
        assert key in schema["properties"]
    for name, prop in schema["properties"].items():
        if name.endswith("_id") and prop["type"] == "string":
            assert "pattern" in prop, name


def test_arrow_types_follow_json_types():
    speakers = schemas.arrow_schema("speakers")
    assert speakers.field("speaker_id").type == pa.string() and not speakers.field("speaker_id").nullable
    assert speakers.field("n_attributions").type == pa.int64()
    assert speakers.field("roles").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    aff = speakers.field("affiliations").type.value_type
    assert aff == pa.struct([pa.field("organization", pa.string()), pa.field("title", pa.string(), nullable=False)])
    assert schemas.arrow_schema("attributions").field("content_text").nullable


def test_foreign_keys_name_real_columns():
    for table in schemas.TABLES:
        for fk in schemas.foreign_keys(table):
            assert fk["fields"] in schemas.columns(table)
            target = fk["reference"]["resource"]
            assert fk["reference"]["fields"] in schemas.primary_key(target)
