"""schema/curation.schema.json is the curated file's shape (issue 10): the build reads its keys,
types, enums and patterns from it, and any JSON Schema validator can check a curated file."""
from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from conftest import ROOT

from jd_wechat_commentary import source
from jd_wechat_commentary.errors import BuildError

SCHEMA = json.loads((ROOT / "schema" / "curation.schema.json").read_text(encoding="utf-8"))
PROJECT_CURATION = ROOT / "dataset" / "source" / "curation.yaml"


def _table_enum(table: str, column: str) -> list[str]:
    return json.loads((ROOT / "schema" / f"{table}.schema.json").read_text(encoding="utf-8"))["properties"][column]["enum"]


def test_the_projects_curated_file_is_valid_for_a_third_party_validator():
    data = yaml.safe_load(PROJECT_CURATION.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)) == []
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(ROOT / "schema" / "curation.schema.json"),
                           str(PROJECT_CURATION)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_curated_enums_are_the_tables_enums():
    assert sorted(source.ERRATUM_KINDS) == sorted(_table_enum("errata", "kind"))
    assert sorted(source.SPEAKER_TYPES) == sorted(_table_enum("speakers", "speaker_type"))


BAD = {  # a curated file that the schema and the build both refuse, with the build's code
    "unknown top key": ("extra: 1\n", "unknown-curation-key"),
    "speaker without name": ("speakers:\n- speaker_id: x\n", "missing-curation-key"),
    "unknown speaker type": ("speakers:\n- name: 王小明\n  speaker_type: robot\n", "bad-speaker-id-or-type"),
    "speaker id not a slug": ("speakers:\n- name: 王小明\n  speaker_id: Wang Xiaoming\n", "bad-speaker-id-or-type"),
    "unknown erratum kind": ("errata:\n- {context: 甲乙丙, printed: 乙, suggested: 丁, kind: grammar, note: n}\n", "unknown-erratum-kind"),
    "erratum without note": ("errata:\n- {context: 甲乙丙, printed: 乙, suggested: 丁, kind: typo}\n", "missing-curation-key"),
    "repo id not OWNER/NAME": ("document: {repo_id: just-a-name}\n", "bad-repo-id"),
    "document id not a slug": ("document: {document_id: Not A Slug}\n", "bad-document-id"),
    "empty title": ("document: {title: ''}\n", "bad-curation-value"),
    "speaker not a mapping": ("speakers:\n- 王小明\n", "curation-entry-not-a-mapping"),
    "affiliations not a list": ("speakers:\n- name: 王小明\n  affiliations: 院長\n", "bad-curation-value"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_curated_file_the_schema_refuses_the_build_refuses_with_a_code(case, tmp_path):
    text, code = BAD[case]
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(yaml.safe_load(text))), case
    with pytest.raises(BuildError) as caught:
        source.curation_from_bytes(tmp_path / "curation.yaml", text.encode("utf-8"))
    assert caught.value.code == code


def test_yaml_nested_deeper_than_any_curated_file_is_invalid_yaml(tmp_path):
    deep = "speakers:\n- name: " + "[" * 200 + "]" * 200 + "\n"
    with pytest.raises(BuildError) as caught:
        source.curation_from_bytes(tmp_path / "curation.yaml", deep.encode("utf-8"))
    assert caught.value.code == "invalid-yaml" and "nested deeper than" in str(caught.value)
