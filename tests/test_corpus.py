"""corpus build: many articles through the rules of `build --source` into one sharded release,
on datatrove; rejects kept; composite keys; validation shard by shard."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jd_wechat_commentary import schemas
from jd_wechat_commentary.corpus import schema as corpus_schema
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.corpus import build_corpus
from jd_wechat_commentary.corpus.input import document_id_for
from jd_wechat_commentary.corpus.validate import validate_corpus

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*/article.txt"))


def rows(out: Path, config: str) -> list[dict]:
    shards = sorted((out / "data" / config).glob("train-*.parquet"))
    return [r for p in shards for r in pq.read_table(p).to_pylist()]


def article_folder(folder: Path, fixtures: list[Path]) -> Path:
    folder.mkdir()
    for path in fixtures:
        shutil.copyfile(path, folder / f"{path.parent.name}.txt")
    return folder


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """Three fixture articles and four that cannot be built, in shards of at most 10 rows."""
    folder = article_folder(tmp_path_factory.mktemp("in") / "articles", FIXTURES[:3])
    (folder / "latin-1.txt").write_bytes("記者說".encode("utf-8") + b"\xe9t\xe9")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "english.txt").write_text("The minister said the plan would work.\n", encoding="utf-8")
    (folder / "crlf.txt").write_bytes("張三表示，計劃可行。\r\n".encode("utf-8"))
    out = tmp_path_factory.mktemp("out") / "corpus"
    summary, report = build_corpus(folder, out, max_rows=10, row_group=4)
    assert report.valid, report.text()
    return out


def test_every_article_gives_the_rows_of_build_source(small_corpus):
    from jd_wechat_commentary.build import build_tables
    from jd_wechat_commentary.errors import Warnings

    documents = {r["document_id"]: r for r in rows(small_corpus, "document")}
    assert sorted(documents) == sorted(p.parent.name for p in FIXTURES[:3])     # fixture names are slugs already
    for path in FIXTURES[:3]:
        doc_id = path.parent.name
        single = path.parent.parent / doc_id / "article.txt"
        _, tables = build_tables(single, None, Warnings())   # what `build --source` makes of it
        for table in schemas.TABLES:
            got = [r for r in rows(small_corpus, table) if r["document_id"] == doc_id]
            if table == "document":
                want = [{**tables["document"][0], "document_id": doc_id, "input_id": doc_id, "url": None, "date": None, "outlet": None}]
            else:
                want = [{"document_id": doc_id, **{k: v for k, v in r.items()}} for r in tables[table]]
            assert got == want, table


def test_an_article_that_cannot_be_built_is_a_reject_and_the_corpus_goes_on(small_corpus):
    rejects = {r["input_id"]: r for r in rows(small_corpus, "rejects")}
    assert {k: r["error_code"] for k, r in rejects.items()} == {
        "latin-1": "not-utf8", "empty": "empty", "english": "not-chinese", "crlf": "carriage-return"}
    assert rejects["latin-1"]["message"].endswith("latin-1.txt:1: found bytes that are not UTF-8 at byte 9 (b'\\xe9t\\xe9'); expected UTF-8 text")
    summary = json.loads((small_corpus / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"]["built"] == 3 and sum(summary["rejects"].values()) == 4
    card = (small_corpus / "README.md").read_text(encoding="utf-8")
    assert "articles built: 3; rejected: 4" in card


def test_shards_are_bounded_named_and_listed(small_corpus):
    manifest = json.loads((small_corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    for config in corpus_schema.CONFIGS:
        shards = sorted((small_corpus / "data" / config).glob("*.parquet"))
        m = len(shards)
        assert [p.name for p in shards] == [f"train-{i:05d}-of-{m:05d}.parquet" for i in range(m)]
        counts = [pq.ParquetFile(p).metadata.num_rows for p in shards]
        assert max(counts) <= 10 and manifest["tables"][config] == {
            "rows": sum(counts), "shards": m, "primary_key": corpus_schema.primary_key(config)}
    listed = {e["path"] for e in manifest["files"]}
    assert "data/blocks/train-00000-of-%05d.parquet" % len(list((small_corpus / "data" / "blocks").glob("*"))) in listed
    assert not any(p.startswith(".corpus") for p in listed)


def test_datasets_loads_every_config_with_the_manifest_counts(small_corpus, hf_cache):
    from datasets import Features, load_dataset
    manifest = json.loads((small_corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    for config in corpus_schema.CONFIGS:
        data = load_dataset(str(small_corpus), config, split="train", cache_dir=str(hf_cache))
        assert data.num_rows == manifest["tables"][config]["rows"]
        assert data.column_names == corpus_schema.columns(config)
        # no huggingface key in the shards: datasets derives the features from the Arrow types alone
        assert data.features == Features.from_arrow_schema(corpus_schema.arrow_schema(config))


def test_duckdb_and_polars_read_each_config_as_one_table(small_corpus):
    import duckdb
    import polars as pl
    manifest = json.loads((small_corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    for config in ("blocks", "attributions", "rejects"):
        pattern = str(small_corpus / "data" / config / "*.parquet")
        assert duckdb.sql(f"SELECT count(*) FROM '{pattern}'").fetchall()[0][0] == manifest["tables"][config]["rows"]
        assert pl.scan_parquet(pattern).collect().height == manifest["tables"][config]["rows"]


def test_keys_are_composite_where_rows_of_two_articles_share_an_id():
    assert corpus_schema.primary_key("blocks") == ["document_id", "block_id"]
    assert corpus_schema.primary_key("document") == ["document_id"]
    assert corpus_schema.columns("attributions")[0] == "document_id"
    assert corpus_schema.corpus_schema("attributions")["x-foreign-keys"][0] == {
        "fields": ["document_id", "paragraph_id"], "reference": {"resource": "paragraphs", "fields": ["document_id", "paragraph_id"]}}
    # the single-article schemas are untouched
    assert schemas.primary_key("blocks") == ["block_id"] and "document_id" not in schemas.columns("blocks")


def test_the_same_text_under_two_ids_is_two_documents(tmp_path):
    folder = article_folder(tmp_path / "in", FIXTURES[:1])
    shutil.copyfile(FIXTURES[0], folder / "Copy Of It.txt")
    out = tmp_path / "corpus"
    _, report = build_corpus(folder, out)
    assert report.valid, report.text()
    ids = sorted(r["document_id"] for r in rows(out, "document"))
    assert ids[0].startswith("copy-of-it-") and len(ids[0]) == len("copy-of-it-") + 8 and ids[1] == FIXTURES[0].parent.name
    blocks = rows(out, "blocks")
    assert len({r["block_id"] for r in blocks}) == len(blocks) // 2     # each block id twice, once per document


def test_document_ids():
    assert document_id_for("abc-12") == "abc-12"
    assert document_id_for("ABC 12") == "abc-12-" + __import__("hashlib").sha256(b"ABC 12").hexdigest()[:8]
    assert document_id_for("新聞") .startswith("doc-")


def test_jsonl_and_parquet_inputs_carry_url_date_outlet(tmp_path):
    text = FIXTURES[1].read_text(encoding="utf-8")
    records = [{"id": "n-1", "text": text, "url": "https://example.org/1", "date": "2026-01-02", "outlet": "Example Daily"},
               {"id": "n-2"}, {"id": "n-3", "text": text}]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{not json\n", encoding="utf-8")
    with open(jsonl, "ab") as f:
        f.write(b'{"id": "n-5", "text": "\xff"}\n')     # line 5: a byte that is not UTF-8
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([records[0], {**records[2], "url": None, "date": None, "outlet": None}]), parquet)
    for source, expected_rejects in ((jsonl, {"n-2": "missing-text", "line-4": "build-error", "line-5": "not-utf8"}), (parquet, {})):
        out = tmp_path / f"out-{source.suffix[1:]}"
        _, report = build_corpus(source, out)
        assert report.valid, report.text()
        docs = {r["document_id"]: r for r in rows(out, "document")}
        assert (docs["n-1"]["url"], docs["n-1"]["date"], docs["n-1"]["outlet"]) == ("https://example.org/1", "2026-01-02", "Example Daily")
        assert docs["n-3"]["outlet"] is None
        assert {r["input_id"]: r["error_code"] for r in rows(out, "rejects")} == expected_rejects
        assert "| Example Daily | 1 |" in (out / "README.md").read_text(encoding="utf-8")


def test_two_workers_give_the_rows_of_one(tmp_path):
    folder = article_folder(tmp_path / "in", FIXTURES[:4])
    one, two = tmp_path / "one", tmp_path / "two"
    build_corpus(folder, one, workers=1, tasks=2)
    _, report = build_corpus(folder, two, workers=2, tasks=2)
    assert report.valid, report.text()
    for config in corpus_schema.CONFIGS:
        assert rows(one, config) == rows(two, config), config


@pytest.fixture()
def copy_of(small_corpus, tmp_path):
    def copy() -> Path:
        dest = tmp_path / "copy"
        shutil.copytree(small_corpus, dest, symlinks=True)
        return dest
    return copy


def test_validate_finds_a_key_twice_across_shards(copy_of):
    out = copy_of()
    shards = sorted((out / "data" / "blocks").glob("*.parquet"))
    first = pq.read_table(shards[0])
    last = pq.read_table(shards[-1])
    pq.write_table(pa.concat_tables([last, first.slice(0, 1)]), shards[-1])   # the first shard's first row again, at the end
    report = validate_corpus(out)
    dup = [p for p in report.problems if p.code == "duplicate-id"]
    row = first.slice(0, 1).to_pylist()[0]
    assert [(p.table, p.row) for p in dup] == [("blocks", f"{row['document_id']}/{row['block_id']}")]
    assert "checksum-mismatch" in report.codes() and "content-hash-mismatch" in report.codes()   # the manifest's size and row count
    assert validate_corpus(out, workers=2).flat() == report.flat()     # configs checked in parallel: the same report


def test_validate_finds_a_value_against_the_schema_and_a_wrong_schema(copy_of):
    out = copy_of()
    shard = sorted((out / "data" / "attributions").glob("*.parquet"))[0]
    table = pq.read_table(shard)
    i = table.schema.get_field_index("quote_type")
    bad = table.set_column(i, table.schema.field(i), pa.array(["shouted"] + table.column("quote_type").to_pylist()[1:]))
    pq.write_table(bad, shard)
    other = sorted((out / "data" / "speakers").glob("*.parquet"))[0]
    pq.write_table(pq.read_table(other).drop_columns(["name_romanized"]), other)
    report = validate_corpus(out, articles=False)     # the streaming checks alone
    assert ("schema-violation", "attributions", None) in report.flat()
    assert [p.field for p in report.problems if p.code == "schema-violation"] == ["quote_type"]
    assert ("table-schema-mismatch", "speakers", None) in report.flat()


def test_validate_command_exit_codes(small_corpus, copy_of, tmp_path, capsys):
    assert main(["corpus", "validate", str(small_corpus)]) == 0
    assert main(["validate", str(small_corpus)]) == 0       # validate knows a corpus by its manifest
    assert "valid: document 3, blocks" in capsys.readouterr().out
    out = copy_of()
    (out / "stray.txt").write_text("x", encoding="utf-8")
    assert main(["corpus", "validate", str(out)]) == 1
    assert "manifest-extra-file" in capsys.readouterr().out
    assert main(["corpus", "validate", str(tmp_path / "nothing")]) == 2


def test_out_folder_with_other_files_or_other_settings_is_refused(small_corpus, tmp_path, capsys):
    folder = article_folder(tmp_path / "in", FIXTURES[:1])
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["corpus", "build", str(folder), "--out", str(busy)]) == 2
    assert "a folder with other files in it" in capsys.readouterr().err
    assert (busy / "notes.txt").read_text(encoding="utf-8") == "mine" and sorted(p.name for p in busy.iterdir()) == ["notes.txt"]
    assert main(["corpus", "build", str(folder), "--out", str(small_corpus), "--tasks", "3"]) == 2
    assert "other settings (input, max_rows, row_group, tasks differ)" in capsys.readouterr().err
    assert main(["corpus", "build", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2


def test_generated_articles_vary_names_numbers_cues_sections_and_script():
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    import corpus_gen
    from jd_wechat_commentary.rules.conversion import detect_script

    n = len(corpus_gen.bases())
    k = next(i for i, (name, _, _) in enumerate(corpus_gen.bases()) if name == "hant-two-titles-particles-netease")
    base = (FIXTURES[0].parent.parent / "hant-two-titles-particles-netease" / "article.txt").read_text(encoding="utf-8")
    first, second, third = (corpus_gen.article(k + c * n)[1] for c in (0, 1, 2))
    renamed = "林" + corpus_gen.numbered_given(16)    # copy 1, first person (林嘉豪 before 蘇曉雯: same length, code point order)
    assert "林嘉豪" in base and "林嘉豪" not in second and renamed in second
    assert "2024年" in base and "3135年" in second                     # digits shifted by the copy number
    assert "林嘉豪還表示," in base and renamed + "還指出," in second     # 表示 -> 指出
    heads = [line for line in second.split("\n") if line[:3] in ("01.", "02.", "03.")]
    assert [h[:3] for h in heads] == ["02.", "03.", "01."]          # sections rotated by one
    assert detect_script(base) == detect_script(first) == "Hant" and detect_script(third) == "Hans"
    assert len({corpus_gen.article(i)[1] for i in range(3 * n)}) == 3 * n


@pytest.mark.parametrize("config", corpus_schema.CONFIGS)
def test_corpus_schemas_are_complete_declarations(config):
    from jsonschema import Draft202012Validator
    schema = corpus_schema.corpus_schema(config)
    Draft202012Validator.check_schema(schema)
    assert schema["required"] == list(schema["properties"]) and schema["additionalProperties"] is False
    assert all(prop.get("description") for prop in schema["properties"].values())
    assert set(schema["x-primary-key"]) <= set(schema["properties"])
    for fk in schema["x-foreign-keys"]:
        assert set(fk["fields"]) <= set(schema["properties"])
        assert fk["reference"]["fields"] == corpus_schema.primary_key(fk["reference"]["resource"])


def test_validate_checks_each_article_with_the_single_release_rules(copy_of):
    out = copy_of()
    shard = sorted((out / "data" / "attributions").glob("*.parquet"))[0]
    table = pq.read_table(shard)
    first = table.slice(0, 1).to_pylist()[0]
    i = table.schema.get_field_index("cue_start")
    table = table.set_column(i, table.schema.field(i), pa.array([first["cue_start"] + 1] + table.column(i).to_pylist()[1:]))
    pq.write_table(table, shard)
    report = validate_corpus(out)
    assert ("offset-mismatch", "attributions", f"{first['document_id']}/{first['attribution_id']}") in report.flat()
    assert "offset-mismatch" not in validate_corpus(out, articles=False).codes()     # --quick leaves the article rules out


def test_rows_without_their_article_are_reported(copy_of):
    out = copy_of()
    shard = sorted((out / "data" / "document").glob("*.parquet"))[0]
    table = pq.read_table(shard)
    gone = table.slice(0, 1).to_pylist()[0]["document_id"]
    pq.write_table(table.slice(1), shard)
    report = validate_corpus(out)
    assert ("unknown-document", "blocks", gone) in report.flat()


def test_an_id_given_twice_makes_the_corpus_invalid(tmp_path):
    text = FIXTURES[2].read_text(encoding="utf-8")
    jsonl = tmp_path / "twice.jsonl"
    jsonl.write_text("".join(json.dumps({"id": "same", "text": text}, ensure_ascii=False) + "\n" for _ in range(2)), encoding="utf-8")
    _, report = build_corpus(jsonl, tmp_path / "out", tasks=2)
    assert ("duplicate-id", "document", "same") in report.flat()


def test_corpus_validate_needs_neither_datatrove_nor_datasets(small_corpus):
    """Validation runs where the corpus extra is not installed, and without the slow import of
    datasets. (pandas is imported by pyarrow itself as soon as it converts a Python value.)"""
    import subprocess
    import sys
    code = ("import sys; from jd_wechat_commentary.corpus.validate import validate_corpus; "
            "assert validate_corpus(sys.argv[1]).valid; print(sorted(m for m in ('datatrove', 'datasets') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(small_corpus)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_an_empty_folder_gives_an_empty_valid_corpus(tmp_path):
    (tmp_path / "none").mkdir()
    summary, report = build_corpus(tmp_path / "none", tmp_path / "out", tasks=2)
    assert report.valid, report.text()
    assert report.checked == {c: 0 for c in corpus_schema.CONFIGS}
    for config in corpus_schema.CONFIGS:      # one shard without rows each, so that every config has its schema
        (shard,) = (tmp_path / "out" / "data" / config).iterdir()
        assert shard.name == "train-00000-of-00001.parquet"
        table = pq.read_table(shard)
        assert table.num_rows == 0 and table.schema.remove_metadata() == corpus_schema.arrow_schema(config)


def test_a_run_stopped_while_naming_the_shards_is_finished_by_a_rerun(tmp_path, monkeypatch):
    from jd_wechat_commentary.corpus import release as corpus_release
    folder = article_folder(tmp_path / "in", FIXTURES[:3])
    calls, real = [], corpus_release.os.replace

    def replace_then_die(src, dest):      # os is one module: the tasks' renames come here too
        if Path(dest).parent.parent.name == "data":
            calls.append(dest)
            if len(calls) == 3:
                raise KeyboardInterrupt("killed while moving shards")
        real(src, dest)

    monkeypatch.setattr(corpus_release.os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        build_corpus(folder, tmp_path / "out", tasks=2, max_rows=10)
    assert len(list((tmp_path / "out" / "data").rglob("*.parquet"))) == 2 and not (tmp_path / "out" / "MANIFEST.json").exists()
    monkeypatch.setattr(corpus_release.os, "replace", real)
    _, report = build_corpus(folder, tmp_path / "out", tasks=2, max_rows=10)
    assert report.valid, report.text()
    build_corpus(folder, tmp_path / "whole", tasks=2, max_rows=10)
    for config in corpus_schema.CONFIGS:
        assert rows(tmp_path / "out", config) == rows(tmp_path / "whole", config), config


def test_a_shard_that_is_not_parquet_is_reported_not_raised(copy_of):
    out = copy_of()
    shard = sorted((out / "data" / "paragraphs").glob("*.parquet"))[0]
    shard.write_bytes(b"PAR1 not a shard")
    report = validate_corpus(out)       # the per-article pass streams this shard too
    assert ("file-corrupt", "paragraphs", None) in report.flat() and "checksum-mismatch" in report.codes()
    assert [p.field for p in report.problems if p.code == "file-corrupt"] == [shard.relative_to(out).as_posix()]


def test_what_the_hub_adds_to_a_download_is_not_part_of_the_corpus(copy_of):
    """As for a single release: `hf download --local-dir` writes .cache/huggingface/, every Hub
    repository has .gitattributes; anything else unlisted is still an extra file."""
    out = copy_of()
    (out / ".gitattributes").write_text("*.parquet filter=lfs\n", encoding="utf-8")
    (out / ".cache" / "huggingface" / "download").mkdir(parents=True)
    (out / ".cache" / "huggingface" / "download" / "README.md.metadata").write_text("x", encoding="utf-8")
    assert validate_corpus(out, articles=False).valid
    (out / ".cache" / "other.txt").write_text("x", encoding="utf-8")
    assert validate_corpus(out, articles=False).flat() == [("manifest-extra-file", None, None)]
