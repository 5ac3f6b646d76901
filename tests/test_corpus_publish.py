"""publish of a corpus release: the same command, validated shard by shard, uploaded with
huggingface_hub's large-folder upload (upload_folder in huggingface_hub 2, upload_large_folder
before), tested up to the Hub with a stand-in that records every call."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from huggingface_hub import CommitOperationDelete
from huggingface_hub.utils import filter_repo_objects

from jd_wechat_commentary import publish
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.corpus import build_corpus
from test_publish import offline_guard as offline  # noqa: F401  (a fixture: no socket, no Hub client)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*/article.txt"))
REPO = "someone/corpus"
HEAD, UPLOADED, CLEANED = "0" * 40, "1" * 40, "2" * 40


def build(work: Path, repo_id: str | None) -> Path:
    folder = work / "in"
    folder.mkdir(parents=True, exist_ok=True)
    for path in FIXTURES[:3]:
        shutil.copyfile(path, folder / f"{path.parent.name}.txt")
    _, report = build_corpus(folder, work / "corpus", max_rows=10, row_group=4, repo_id=repo_id)
    assert report.valid, report.text()
    return work / "corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("for-hub"), REPO)


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("bare"), None)


def manifest_paths(root: Path) -> list[str]:
    return sorted([e["path"] for e in json.loads((root / "MANIFEST.json").read_text(encoding="utf-8"))["files"]] + ["MANIFEST.json"])


class Hub:
    """The Hub as publish sees it: a repository with a main branch, no tag, one file the release
    no longer has. Records every call. Without an upload method: see the two below."""

    def __init__(self):
        self.calls, self.heads = [], [HEAD, UPLOADED]

    def list_repo_refs(self, repo_id, repo_type=None):
        self.calls.append(("list_repo_refs", repo_id))
        return SimpleNamespace(tags=[], branches=[SimpleNamespace(name="main", target_commit=self.heads.pop(0))])

    def list_repo_files(self, repo_id, repo_type=None, revision=None):
        return [".gitattributes", "README.md", "data/old/train-00000-of-00001.parquet"]

    def create_commit(self, repo_id, operations, **kw):
        self.calls.append(("create_commit", [(type(o).__name__, o.path_in_repo) for o in operations], kw["parent_commit"]))
        return SimpleNamespace(oid=CLEANED)

    def create_tag(self, repo_id, tag, tag_message, revision, repo_type):
        self.calls.append(("create_tag", tag, revision))


class HubOfVersion2(Hub):
    """huggingface_hub 2: upload_folder is the large-folder upload, and returns the last commit."""

    def upload_folder(self, **kw):
        self.calls.append(("upload_folder", kw))
        return SimpleNamespace(oid=UPLOADED)


class HubOfVersion1(Hub):
    """huggingface_hub 1: upload_large_folder, which returns nothing (the head is listed again)."""

    def upload_large_folder(self, **kw):
        self.calls.append(("upload_large_folder", kw))


def args(root: Path, dry_run: bool = False) -> SimpleNamespace:
    return SimpleNamespace(dir=root, repo_id=REPO, revision="main", dry_run=dry_run, json=False, private=False)


def test_dry_run_plans_the_manifest_files_and_the_large_folder_upload(corpus, capsys, offline):
    assert main(["publish", "--repo-id", REPO, "--dir", str(corpus), "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert sorted(u["path_in_repo"] for u in plan["uploads"]) == manifest_paths(corpus)
    assert plan["folder"] == str(corpus.resolve())
    assert main(["publish", "--repo-id", REPO, "--dir", str(corpus), "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"publish {REPO} (dataset) at revision main: upload {corpus.resolve()} with {publish.corpus_publish.LARGE_UPLOAD}, then tag v2.0.0")
    assert offline == []


def test_the_upload_patterns_select_exactly_the_manifest_files(corpus):
    """The work folder .corpus/ (logs, markers, staging) is in the folder and never uploaded."""
    from jd_wechat_commentary.corpus.publish import upload_patterns
    every = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    assert any(p.startswith(".corpus/") for p in every)
    patterns = upload_patterns(manifest_paths(corpus))
    assert "data/blocks/train-*.parquet" in patterns and len(patterns) < len(manifest_paths(corpus))
    assert sorted(filter_repo_objects(every, allow_patterns=patterns)) == manifest_paths(corpus)


@pytest.mark.parametrize("large", [False, True])
def test_publish_uploads_the_folder_deletes_what_is_gone_and_tags(corpus, capsys, offline, large):
    hub = HubOfVersion1() if large else HubOfVersion2()
    assert publish.run(args(corpus), hub=hub) == 0
    upload = hub.calls[1]
    assert upload[0] == ("upload_large_folder" if large else "upload_folder")
    assert (upload[1]["folder_path"], upload[1]["repo_type"], upload[1]["revision"]) == (str(corpus.resolve()), "dataset", "main")
    assert upload[1]["allow_patterns"] == publish.corpus_publish.upload_patterns(manifest_paths(corpus))
    assert upload[1].get("parent_commit", HEAD) == HEAD
    deletion = ("create_commit", [(CommitOperationDelete.__name__, "data/old/train-00000-of-00001.parquet")], None if large else UPLOADED)
    assert hub.calls[2] == deletion
    assert hub.calls[-1] == ("create_tag", "v2.0.0", CLEANED)
    assert capsys.readouterr().out.splitlines()[-1] == f"published {REPO}: commit {CLEANED}, tag v2.0.0"
    assert offline == []


def test_a_corpus_that_does_not_validate_is_refused_before_the_network(corpus, tmp_path, capsys, offline):
    broken = tmp_path / "broken"
    shutil.copytree(corpus, broken)
    sorted((broken / "data" / "blocks").glob("*.parquet"))[0].write_bytes(b"PAR1 not a shard")
    hub = HubOfVersion2()
    for dry_run in (True, False):
        assert publish.run(args(broken, dry_run=dry_run), hub=hub) == 1
        err = capsys.readouterr().err
        assert f"refusing to publish: {broken} does not validate" in err and "checksum-mismatch" in err
    assert hub.calls == [] and offline == []


def test_a_corpus_built_without_a_repository_is_refused_with_the_corpus_fix(bare, tmp_path, capsys, offline):
    assert main(["publish", "--repo-id", REPO, "--dir", str(bare), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "built without a repository id" in err and f"rerun the same `corpus build` with --repo-id {REPO}" in err
    assert main(["corpus", "build", str(bare.parent / "in"), "--out", str(tmp_path / "other"), "--repo-id", "not a repo"]) == 2
    assert "--repo-id not a repo: expected OWNER/NAME" in capsys.readouterr().err
    assert offline == []
