"""corpus build hf:DATASET: a Hugging Face dataset read offline (a local folder, a save_to_disk
folder, or a repository already in the local cache), with the columns of the Parquet input."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jd_wechat_commentary.corpus import schema as corpus_schema
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.corpus import build_corpus
from netguard import NetworkUsed

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*/article.txt"))


def block_network(monkeypatch) -> list[str]:
    """netguard's guard, but for the network only: datatrove's local executor talks to its own
    multiprocessing manager over a Unix socket, which must keep working."""
    import socket
    attempts: list[str] = []
    connect = socket.socket.connect

    def guarded(sock, address):
        if sock.family == socket.AF_UNIX:
            return connect(sock, address)
        attempts.append(f"connect {address}")
        raise NetworkUsed(f"network use in a test: connect {address}")

    def lookup(*args, **kwargs):
        attempts.append(f"getaddrinfo {args}")
        raise NetworkUsed(f"network use in a test: getaddrinfo {args}")
    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return attempts


def rows(out: Path, config: str) -> list[dict]:
    return [r for p in sorted((out / "data" / config).glob("train-*.parquet")) for r in pq.read_table(p).to_pylist()]


def records() -> list[dict]:
    """Three articles with url, date and outlet, and a record without text (a reject)."""
    out = [{"id": f"news-{i}", "text": p.read_text(encoding="utf-8"), "url": f"https://example.org/{i}",
            "date": f"2026-01-0{i + 1}", "outlet": "Example Daily"} for i, p in enumerate(FIXTURES[:3])]
    return out + [{"id": "news-9", "text": None, "url": None, "date": None, "outlet": None}]


def hub_layout(folder: Path) -> Path:
    """A dataset folder as the Hub serves one: data/train-*.parquet, written by `datasets`."""
    from datasets import Dataset
    (folder / "data").mkdir(parents=True)
    Dataset.from_list(records()).to_parquet(str(folder / "data" / "train-00000-of-00001.parquet"))
    return folder


@pytest.fixture(scope="module")
def from_parquet(tmp_path_factory) -> Path:
    """The same records as a plain Parquet input: what every hf: build must equal."""
    work = tmp_path_factory.mktemp("parquet")
    pq.write_table(pa.Table.from_pylist(records()), work / "in.parquet")
    _, report = build_corpus(work / "in.parquet", work / "out")
    assert report.valid, report.text()
    return work / "out"


def same_corpus(out: Path, want: Path, spec: str) -> None:
    """The same rows (in any order: the order follows --tasks); a reject's location names its input."""
    def content(root: Path, config: str) -> list[str]:
        found = rows(root, config)
        if config == "rejects":
            found = [{**r, "location": None, "message": r["message"].split(": ", 2)[-1]} for r in found]
        return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in found)
    for config in corpus_schema.CONFIGS:
        assert content(out, config) == content(want, config), config
    assert all(r["location"].startswith(f"{spec}: row ") for r in rows(out, "rejects"))


def test_a_local_dataset_folder_builds_the_corpus_of_the_same_parquet(tmp_path, from_parquet, monkeypatch):
    attempts = block_network(monkeypatch)
    folder = hub_layout(tmp_path / "news")
    spec = f"hf:{folder}"
    _, report = build_corpus(spec, tmp_path / "out", tasks=2)
    assert report.valid, report.text()
    same_corpus(tmp_path / "out", from_parquet, spec)
    docs = {r["document_id"]: r for r in rows(tmp_path / "out", "document")}
    assert (docs["news-1"]["url"], docs["news-1"]["date"], docs["news-1"]["outlet"]) == ("https://example.org/1", "2026-01-02", "Example Daily")
    assert [(r["input_id"], r["error_code"]) for r in rows(tmp_path / "out", "rejects")] == [("news-9", "missing-text")]
    assert attempts == []


def test_a_saved_dataset_dict_is_read_by_split(tmp_path, from_parquet, monkeypatch):
    from datasets import Dataset, DatasetDict
    attempts = block_network(monkeypatch)
    DatasetDict({"test": Dataset.from_list(records())}).save_to_disk(str(tmp_path / "saved"))
    spec = f"hf:{tmp_path / 'saved'}:test"
    assert main(["corpus", "build", spec, "--out", str(tmp_path / "out")]) == 0
    same_corpus(tmp_path / "out", from_parquet, spec)
    assert attempts == []


def test_a_repository_is_read_from_the_local_cache_only(tmp_path, from_parquet, monkeypatch, capsys):
    """The Hub cache's layout made by hand: refs/main names a snapshot holding the data files."""
    import huggingface_hub
    attempts = block_network(monkeypatch)
    repo = tmp_path / "hub-cache" / "datasets--someone--news"
    commit = "0123456789abcdef0123456789abcdef01234567"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit, encoding="utf-8")
    hub_layout(repo / "snapshots" / commit)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub-cache"))
    assert main(["corpus", "build", "hf:someone/news:train", "--out", str(tmp_path / "out")]) == 0
    same_corpus(tmp_path / "out", from_parquet, "hf:someone/news:train")
    assert main(["corpus", "build", "hf:someone/elsewhere", "--out", str(tmp_path / "out2")]) == 2
    assert "the dataset someone/elsewhere is not in the local Hugging Face cache and nothing is downloaded" in capsys.readouterr().err
    assert attempts == [] and not (tmp_path / "out2").exists()


def test_a_dataset_without_text_or_split_is_a_usage_error(tmp_path, capsys):
    folder = hub_layout(tmp_path / "news")
    assert main(["corpus", "build", f"hf:{folder}:validation", "--out", str(tmp_path / "out")]) == 2
    assert "cannot be read as a Hugging Face dataset" in capsys.readouterr().err
    other = tmp_path / "other" / "data"
    other.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "x"}]), other / "train-00000-of-00001.parquet")
    assert main(["corpus", "build", f"hf:{other.parent}", "--out", str(tmp_path / "out")]) == 2
    assert "the split train has no column(s) ['text'] (it has ['id', 'body'])" in capsys.readouterr().err
    assert main(["corpus", "build", "hf:", "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_a_rerun_with_another_split_is_refused(tmp_path, capsys):
    folder = hub_layout(tmp_path / "news")
    shutil.copyfile(folder / "data" / "train-00000-of-00001.parquet", folder / "data" / "test-00000-of-00001.parquet")
    assert main(["corpus", "build", f"hf:{folder}", "--out", str(tmp_path / "out")]) == 0
    assert main(["corpus", "build", f"hf:{folder}:test", "--out", str(tmp_path / "out")]) == 2
    assert "other settings (input differ)" in capsys.readouterr().err


@pytest.mark.parametrize("workers", [1, 2])
def test_a_data_file_that_cannot_be_read_midway_is_one_error_line(tmp_path, capsys, workers):
    """The first file gives the columns; the second is damaged: the tasks stop on it, the
    command says where, exit 1 (a BuildError, whichever process read it), and no release is made."""
    folder = hub_layout(tmp_path / "news")
    (folder / "data" / "train-00000-of-00001.parquet").rename(folder / "data" / "train-00000-of-00002.parquet")
    (folder / "data" / "train-00001-of-00002.parquet").write_bytes(b"not Parquet at all")
    assert main(["corpus", "build", f"hf:{folder}", "--out", str(tmp_path / "out"), "--workers", str(workers)]) == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith(f"error: hf:{folder}: found data that datasets cannot read after row ") and "ArrowInvalid" in last
    assert not (tmp_path / "out" / "MANIFEST.json").exists()
