"""croissant.json and datapackage.json: generated from the schemas, and accepted (and read) by
their official tools, mlcroissant and the stock frictionless command, with the network blocked."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import DATASET, read
from jd_wechat_commentary.release import catalog
from jd_wechat_commentary import column_types, schemas
from jd_wechat_commentary.layout import parquet_path
from netguard import block_network

MANIFEST = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
FILES = {e["path"]: e for e in MANIFEST["files"]}


def _load(name: str) -> dict:
    return json.loads((DATASET / name).read_text(encoding="utf-8"))


def test_catalogs_are_generated_not_hand_edited(tmp_path):
    """Regenerating from the schemas and the committed Parquet files gives the committed bytes."""
    shutil.copytree(DATASET, tmp_path / "d")
    tables = {t: read(DATASET, t) for t in schemas.TABLES}
    catalog.write_catalogs(tmp_path / "d", tables, MANIFEST["dataset_version"])
    for name in (catalog.CROISSANT, catalog.DATAPACKAGE):
        assert (tmp_path / "d" / name).read_bytes() == (DATASET / name).read_bytes(), name


def test_croissant_describes_every_parquet_file_and_column():
    meta = _load(catalog.CROISSANT)
    assert meta["conformsTo"] == catalog.CROISSANT_VERSION and meta["version"] == MANIFEST["dataset_version"]
    assert meta["citeAs"].startswith("@misc{") and meta["license"] and meta["name"] and meta["description"]
    assert "url" not in meta        # unpublished: no address rather than a placeholder (test_card checks a published one)
    for table in schemas.TABLES:
        obj = next(d for d in meta["distribution"] if d["@id"] == f"{table}-parquet")
        entry = FILES[obj["contentUrl"]]
        assert obj["contentUrl"] == f"data/{table}/train-00000-of-00001.parquet"
        assert (obj["sha256"], obj["encodingFormat"]) == (entry["sha256"], "application/x-parquet")
        record_set = next(r for r in meta["recordSet"] if r["@id"] == table)
        props = schemas.load_schema(table)["properties"]
        assert [f["name"] for f in record_set["field"]] == list(props)
        for fld, (name, prop) in zip(record_set["field"], props.items()):
            assert fld["description"].startswith(prop["description"])
            assert fld.get("isArray", False) == ("array" in column_types.types_of(prop))


def test_croissant_list_and_struct_columns_are_arrays_and_subfields():
    speakers = next(r for r in _load(catalog.CROISSANT)["recordSet"] if r["@id"] == "speakers")
    fields = {f["name"]: f for f in speakers["field"]}
    roles = fields["roles"]
    assert (roles["isArray"], roles["arrayShape"], roles["dataType"]) == (True, "-1", "sc:Text")
    affiliations = fields["affiliations"]
    assert affiliations["isArray"] and "dataType" not in affiliations
    assert [(s["name"], s["source"]["transform"]) for s in affiliations["subField"]] == [
        ("organization", [{"jsonPath": "organization"}]), ("title", [{"jsonPath": "title"}])]
    assert fields["n_attributions"]["dataType"] == "sc:Integer"


@pytest.fixture(scope="module")
def croissant_dataset():
    mlc = pytest.importorskip("mlcroissant")
    with pytest.MonkeyPatch.context() as mp:
        attempts = block_network(mp)
        dataset = mlc.Dataset(jsonld=DATASET / catalog.CROISSANT)
        yield dataset, attempts, mp


def test_mlcroissant_validates_croissant_json(croissant_dataset):
    dataset, attempts, _ = croissant_dataset
    issues = dataset.metadata.ctx.issues
    assert not issues.errors, issues.report()
    assert not issues.warnings, issues.report()
    assert attempts == []


def _decode(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        return {k.rsplit("/", 1)[1]: _decode(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("table", ["speakers", "sections", "attributions", "paragraphs"])
def test_mlcroissant_loads_records_equal_to_the_parquet_rows(croissant_dataset, table):
    """Records read through croissant.json (lists, structs, nulls) are the Parquet rows."""
    dataset, attempts, _ = croissant_dataset
    records = [_decode(r) for r in dataset.records(record_set=table)]
    assert records == read(DATASET, table)
    assert attempts == []


def test_croissant_languages_come_from_the_tables():
    """zh-Hant from the document's script; the notice's English row is boilerplate, not a language of the data."""
    assert {d["language"] for d in read(DATASET, "disclaimers")} == {"zh", "en"}
    assert _load(catalog.CROISSANT)["inLanguage"] == ["zh-Hant"]


def test_datapackage_declares_fields_constraints_and_keys():
    package = _load(catalog.DATAPACKAGE)
    assert package["version"] == MANIFEST["dataset_version"]
    assert [r["name"] for r in package["resources"]] == list(schemas.TABLES)
    for resource in package["resources"]:
        schema = schemas.load_schema(resource["name"])
        assert resource["path"] in FILES and resource["format"] == "parquet"
        # frictionless never counts a Parquet file's bytes or hash: sizes and sha256 live in MANIFEST.json
        assert "bytes" not in resource and "hash" not in resource
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(schema["properties"])
        for fld, prop in zip(fields, schema["properties"].values()):
            assert fld["description"].startswith(prop["description"])
            assert fld["constraints"]["required"] is not column_types.nullable(prop)
            assert fld["constraints"].get("enum") == prop.get("enum")
            assert fld["constraints"].get("minimum") == prop.get("minimum")
            assert ("pattern" in fld["constraints"]) == ("pattern" in prop)
        assert resource["schema"]["primaryKey"] == schema["x-primary-key"]
        assert [(k["fields"], k["reference"]) for k in resource["schema"]["foreignKeys"]] == [
            ([k["fields"]], {"resource": k["reference"]["resource"], "fields": [k["reference"]["fields"]]})
            for k in schema["x-foreign-keys"]]


def test_datapackage_types_are_what_the_stock_reader_can_check():
    """Lists are `any` (naming their Parquet type), nullable integers are integers whose NaN is
    missing, everything else keeps its JSON Schema type. Hand-checked on four columns."""
    fields = {(r["name"], f["name"]): f for r in _load(catalog.DATAPACKAGE)["resources"] for f in r["schema"]["fields"]}
    roles = fields[("speakers", "roles")]
    assert roles["type"] == "any" and "Parquet type list<item: string not null>" in roles["description"]
    assert fields[("speakers", "affiliations")]["type"] == "any"
    assert (fields[("blocks", "section_index")]["type"], fields[("blocks", "section_index")]["missingValues"]) == ("integer", ["", "nan"])
    assert (fields[("blocks", "position")]["type"], "missingValues" in fields[("blocks", "position")]) == ("integer", False)
    assert fields[("attributions", "content_text")]["type"] == "string"
    for (table, name), fld in fields.items():
        prop = schemas.load_schema(table)["properties"][name]
        base = next(t for t in column_types.types_of(prop) if t != "null")
        assert fld["type"] == ("any" if base == "array" else base), (table, name)
        assert ("missingValues" in fld) == (base == "integer" and column_types.nullable(prop)), (table, name)


def _frictionless_cli(descriptor) -> tuple[int, dict]:
    """The stock `frictionless validate --json` of this environment, run as a user runs it.
    Every HTTP(S) proxy points at a closed port, so a remote fetch would fail the validation."""
    cli = Path(sys.executable).with_name("frictionless")
    if not cli.is_file():
        pytest.skip("the frictionless command is not installed (pip install -e '.[test]')")
    env = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}
    done = subprocess.run([str(cli), "validate", "--json", str(descriptor)], capture_output=True, text=True,
                          env=env, cwd=Path(descriptor).parent, timeout=300)
    return done.returncode, json.loads(done.stdout)


def _cli_errors(report: dict) -> list[tuple]:
    """(resource, row number, field, error type) of every error of a frictionless JSON report;
    frictionless numbers the header row 1, so the first data row is 2."""
    return sorted(((task["name"], e.get("rowNumber"), e.get("fieldName") or ",".join(e.get("fieldNames", [])) or None, e["type"])
                   for task in report["tasks"] for e in task["errors"]), key=str)


def test_stock_frictionless_cli_validates_datapackage_json():
    code, report = _frictionless_cli(DATASET / catalog.DATAPACKAGE)
    assert (code, report["valid"], report["errors"], _cli_errors(report)) == (0, True, [], [])
    assert {t["name"]: t["stats"]["rows"] for t in report["tasks"]} == {t: MANIFEST["tables"][t]["rows"] for t in schemas.TABLES}


def _rewrite(root, table: str, edit) -> None:
    path = parquet_path(root, table)
    data = pq.read_table(path)
    pq.write_table(pa.Table.from_pylist(edit(data.to_pylist()), schema=data.schema), path)


def test_stock_frictionless_cli_reports_broken_keys_and_constraints(tmp_path):
    """The descriptor really carries the keys and constraints: the stock validator finds each
    break, including a bad value in a nullable integer column."""
    root = tmp_path / "dataset"
    shutil.copytree(DATASET, root)
    _rewrite(root, "attributions", lambda rows: [{**rows[0], "speaker_id": "nobody"}] + rows[1:])
    _rewrite(root, "speakers", lambda rows: rows + [{**rows[-1], "speaker_type": "robot"}])
    _rewrite(root, "errata", lambda rows: rows + [rows[0]])
    _rewrite(root, "blocks", lambda rows: [{**rows[0], "section_index": -1}] + rows[1:])
    code, report = _frictionless_cli(root / catalog.DATAPACKAGE)
    found = _cli_errors(report)
    assert code == 1 and not report["valid"]
    added_speaker, added_erratum = MANIFEST["tables"]["speakers"]["rows"] + 2, MANIFEST["tables"]["errata"]["rows"] + 2
    assert found == sorted([("attributions", 2, "speaker_id", "foreign-key"), ("blocks", 2, "section_index", "constraint-error"),
                            ("errata", added_erratum, None, "primary-key"), ("speakers", added_speaker, None, "primary-key"),
                            ("speakers", added_speaker, "speaker_type", "constraint-error")], key=str)


def test_stock_reader_gives_ints_and_none_for_nullable_integers_and_numpy_arrays_for_lists(monkeypatch):
    """What frictionless 5.21's Parquet reader (through pandas) really yields, and so why the
    descriptor declares what it does: blocks.section_index is null on the two notice lines."""
    frictionless = pytest.importorskip("frictionless")
    block_network(monkeypatch)
    package = frictionless.Package(DATASET / catalog.DATAPACKAGE)
    blocks = package.get_resource("blocks").read_rows()
    expected = [b["section_index"] for b in read(DATASET, "blocks")]
    assert [r["section_index"] for r in blocks] == expected and expected.count(None) >= 1
    assert {type(r["section_index"]) for r in blocks} == {int, type(None)}
    speakers = package.get_resource("speakers").read_rows()
    assert {type(r["roles"]).__module__ + "." + type(r["roles"]).__name__ for r in speakers} == {"numpy.ndarray"}
    assert [list(r["roles"]) for r in speakers] == [s["roles"] for s in read(DATASET, "speakers")]


def test_stock_frictionless_checks_neither_bytes_nor_hash_of_parquet(tmp_path, monkeypatch):
    """Why datapackage.json declares neither: a right size fails and a wrong hash passes. If a
    later frictionless counts them, this fails, and they can be declared again."""
    frictionless = pytest.importorskip("frictionless")
    block_network(monkeypatch)
    root = tmp_path / "dataset"
    shutil.copytree(DATASET, root)
    package = _load(catalog.DATAPACKAGE)
    (document,) = [r for r in package["resources"] if r["name"] == "document"]
    document["hash"] = "sha256:" + "0" * 64
    (root / catalog.DATAPACKAGE).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    assert frictionless.validate(root / catalog.DATAPACKAGE).valid          # the wrong hash goes unnoticed
    document.pop("hash")
    document["bytes"] = FILES[document["path"]]["bytes"]
    (root / catalog.DATAPACKAGE).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    report = frictionless.validate(root / catalog.DATAPACKAGE)
    assert [(t.name, e.type) for t in report.tasks for e in t.errors] == [("document", "byte-count")]  # the right size fails
