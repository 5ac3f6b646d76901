"""croissant.json and datapackage.json: generated from the schemas, and accepted (and read) by
their official tools, mlcroissant and frictionless, with the network blocked."""
from __future__ import annotations

import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import DATASET, read
from jd_wechat_commentary import catalog, schemas
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
    assert meta["citeAs"].startswith("@misc{") and meta["license"] and meta["url"] and meta["name"] and meta["description"]
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
            assert fld.get("isArray", False) == ("array" in schemas.types_of(prop))


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
    # The only remark: no datePublished, because the build writes no dates (byte-identical builds).
    assert all("datePublished" in w for w in issues.warnings), issues.report()
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


def test_datapackage_declares_fields_constraints_and_keys():
    package = _load(catalog.DATAPACKAGE)
    assert package["version"] == MANIFEST["dataset_version"]
    assert [r["name"] for r in package["resources"]] == list(schemas.TABLES)
    for resource in package["resources"]:
        schema = schemas.load_schema(resource["name"])
        entry = FILES[resource["path"]]
        assert (resource["format"], resource["bytes"], resource["hash"]) == ("parquet", entry["bytes"], f"sha256:{entry['sha256']}")
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(schema["properties"])
        for fld, prop in zip(fields, schema["properties"].values()):
            assert fld["description"] == prop["description"]
            assert fld["constraints"]["required"] is not schemas.nullable(prop)
            assert fld["constraints"].get("enum") == prop.get("enum")
            assert fld["constraints"].get("minimum") == prop.get("minimum")
            assert ("pattern" in fld["constraints"]) == ("pattern" in prop)
        assert resource["schema"]["primaryKey"] == schema["x-primary-key"]
        assert [(k["fields"], k["reference"]) for k in resource["schema"]["foreignKeys"]] == [
            ([k["fields"]], {"resource": k["reference"]["resource"], "fields": [k["reference"]["fields"]]})
            for k in schema["x-foreign-keys"]]


@pytest.fixture()
def frictionless_arrow():
    frictionless = pytest.importorskip("frictionless")
    from jd_wechat_commentary import frictionless_arrow
    frictionless_arrow.register()
    yield frictionless
    frictionless_arrow.deregister()


def test_frictionless_validates_datapackage_json(frictionless_arrow, monkeypatch):
    attempts = block_network(monkeypatch)
    report = frictionless_arrow.validate(DATASET / catalog.DATAPACKAGE)
    assert report.valid, _errors(report)
    assert {t.name: t.stats["rows"] for t in report.tasks} == {t: MANIFEST["tables"][t]["rows"] for t in schemas.TABLES}
    # bytes and sha256 were counted while reading, so the declared ones were checked
    assert all(t.stats["sha256"] == FILES[f"data/{t.name}/train-00000-of-00001.parquet"]["sha256"] for t in report.tasks)
    assert attempts == []


def _errors(report) -> list[tuple]:
    """(resource, field, error type) of every error of a frictionless report."""
    return [(task.name, getattr(e, "field_name", None), e.type) for task in report.tasks for e in task.errors]


def _rewrite(root, table: str, edit) -> None:
    path = parquet_path(root, table)
    data = pq.read_table(path)
    pq.write_table(pa.Table.from_pylist(edit(data.to_pylist()), schema=data.schema), path)


def test_frictionless_reports_broken_keys_and_constraints(frictionless_arrow, tmp_path):
    """The descriptor really carries the keys and constraints: frictionless finds each break."""
    root = tmp_path / "dataset"
    shutil.copytree(DATASET, root)
    _rewrite(root, "attributions", lambda rows: [{**rows[0], "speaker_id": "nobody"}] + rows[1:])
    _rewrite(root, "speakers", lambda rows: rows + [{**rows[-1], "speaker_type": "robot"}])
    _rewrite(root, "errata", lambda rows: rows + [rows[0]])
    report = frictionless_arrow.validate(root / catalog.DATAPACKAGE)
    found = {(r, t) for r, _, t in _errors(report)}
    assert {("attributions", "foreign-key"), ("speakers", "constraint-error"), ("speakers", "primary-key"),
            ("errata", "primary-key")} <= found
    assert {t for _, t in found} <= {"foreign-key", "constraint-error", "primary-key", "hash-count", "byte-count"}


def test_stock_frictionless_reader_fails_only_on_pandas_conversions(monkeypatch):
    """Why frictionless_arrow exists: frictionless 5.21's own Parquet reader (via pandas) reports
    type errors only on list and nullable integer cells, and cannot count bytes; nothing else."""
    frictionless = pytest.importorskip("frictionless")
    block_network(monkeypatch)
    report = frictionless.validate(DATASET / catalog.DATAPACKAGE)
    assert report.errors == []  # the descriptor itself is fine; only cells and counts are misread
    for table, fld, kind in _errors(report):
        if kind == "byte-count":
            continue
        prop = schemas.load_schema(table)["properties"][fld]
        assert kind == "type-error" and ("array" in schemas.types_of(prop) or schemas.types_of(prop) == ["integer", "null"]), (table, fld, kind)
