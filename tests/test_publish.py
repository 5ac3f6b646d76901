"""publish: the planned commit equals the manifest; --dry-run and every refusal happen without
the network; a run that cannot reach the Hub changes nothing; the token never leaks."""
from __future__ import annotations

import hashlib
import json
import logging
from types import SimpleNamespace

import huggingface_hub
import pytest
from huggingface_hub import CommitOperationAdd, CommitOperationDelete

from conftest import DATASET as COMMITTED, HUB_REPO
from jd_wechat_commentary import publish
from jd_wechat_commentary.cli import main
from netguard import block_network

TOKEN = "hf_TEST_token_must_never_be_printed_4f2a9c"
DATASET = MANIFEST = None   # set below: a release built for HUB_REPO, the only one publish accepts for it


@pytest.fixture(scope="module", autouse=True)
def _release_built_for_the_hub(hub_release):
    global DATASET, MANIFEST
    DATASET = hub_release
    MANIFEST = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.fixture()
def offline_guard(monkeypatch):
    """No socket may open and no Hub client may be made; returns the list of network attempts."""
    def no_hub():
        raise AssertionError("publish tried to connect to the Hub")
    monkeypatch.setattr(publish, "connect", no_hub)
    return block_network(monkeypatch)


def _dry_run_json(capsys, *extra) -> dict:
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET), "--dry-run", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_dry_run_plans_every_manifest_file_plus_the_manifest(capsys, offline_guard):
    plan = _dry_run_json(capsys)
    manifest_bytes = (DATASET / "MANIFEST.json").read_bytes()
    expected = {e["path"]: (e["bytes"], e["sha256"]) for e in MANIFEST["files"]}
    expected["MANIFEST.json"] = (len(manifest_bytes), hashlib.sha256(manifest_bytes).hexdigest())
    assert {u["path_in_repo"]: (u["bytes"], u["sha256"]) for u in plan["uploads"]} == expected
    for u in plan["uploads"]:
        assert (DATASET / u["path_in_repo"]).resolve() == publish.Path(u["local_path"])
    assert (plan["tag"], plan["version"], plan["revision"]) == (f"v{MANIFEST['dataset_version']}", MANIFEST["dataset_version"], "main")
    assert plan["deletions"] == publish.UNKNOWN_DELETIONS and plan["commit"] is None
    assert offline_guard == []


def test_dry_run_text_lists_each_operation_and_the_tag(capsys, offline_guard):
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET), "--dry-run"]) == 0
    out = capsys.readouterr().out
    for entry in MANIFEST["files"]:
        assert f"add {entry['path']} <- {(DATASET / entry['path']).resolve()} ({entry['bytes']} bytes, sha256 {entry['sha256']})" in out
    assert "add MANIFEST.json <- " in out and f"tag v{MANIFEST['dataset_version']}" in out
    assert "delete: unknown without the network" in out
    assert offline_guard == []


def test_commit_operations_add_the_plan_and_delete_only_what_the_release_dropped(offline_guard):
    plan = publish.plan_release(DATASET, HUB_REPO, "main")
    remote = [".gitattributes", "README.md", "data/old_table/train-00000-of-00001.parquet", "notes.txt"]
    plan.deletions = publish.remote_deletions(remote, plan.uploads)
    assert plan.deletions == ["data/old_table/train-00000-of-00001.parquet", "notes.txt"]
    ops = publish.commit_operations(plan)
    adds = [o for o in ops if isinstance(o, CommitOperationAdd)]
    assert [(o.path_in_repo, o.upload_info.size, o.upload_info.sha256.hex()) for o in adds] == [
        (u.path_in_repo, u.bytes, u.sha256) for u in plan.uploads]
    assert [o.path_in_repo for o in ops if isinstance(o, CommitOperationDelete)] == plan.deletions
    assert offline_guard == []


@pytest.mark.parametrize("dry_run", [True, False])
def test_invalid_release_is_refused_before_any_network_use(release_copy, capsys, offline_guard, dry_run):
    readme = release_copy / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nedited after the build\n", encoding="utf-8")
    argv = ["publish", "--repo-id", HUB_REPO, "--dir", str(release_copy)] + (["--dry-run"] if dry_run else [])
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "refusing to publish" in err and "checksum-mismatch" in err
    assert offline_guard == []


def test_missing_release_folder_is_a_usage_error(tmp_path, capsys, offline_guard):
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(tmp_path / "nothing"), "--dry-run"]) == 2
    assert "nothing: no such folder (given as --dir)" in capsys.readouterr().err
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(tmp_path), "--dry-run"]) == 2
    assert "not a release folder (given as --dir; it holds neither MANIFEST.json nor data/)" in capsys.readouterr().err


class RefsOnly:
    """Injects only the listing of refs: any other Hub call fails the test."""

    def __init__(self, tags):
        self.refs = SimpleNamespace(tags=[SimpleNamespace(name=t) for t in tags],
                                    branches=[SimpleNamespace(name="main", target_commit="0" * 40)])

    def list_repo_refs(self, repo_id, repo_type=None):
        assert repo_type == "dataset"
        return self.refs

    def __getattr__(self, name):
        raise AssertionError(f"publish called {name} after finding the tag")


def test_existing_tag_is_refused_before_any_upload(capsys, offline_guard):
    args = SimpleNamespace(dir=DATASET, repo_id=HUB_REPO, revision="main", dry_run=False, json=False)
    assert publish.run(args, hub=RefsOnly(["v0.9.0", f"v{MANIFEST['dataset_version']}"])) == 1
    err = capsys.readouterr().err
    assert f"tag v{MANIFEST['dataset_version']} already exists" in err
    assert offline_guard == []


def test_offline_mode_fails_clearly_and_changes_nothing(monkeypatch, capsys):
    attempts = block_network(monkeypatch)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET)]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the Hugging Face Hub" in err and "nothing was changed" in err
    assert attempts == []


def test_unreachable_hub_fails_clearly_and_changes_nothing(monkeypatch, capsys):
    """Offline mode off, no network: the first request fails; no commit or tag is attempted."""
    attempts = block_network(monkeypatch)
    writes = []
    for name in ("create_commit", "create_tag", "delete_file", "upload_file"):
        monkeypatch.setattr(huggingface_hub.HfApi, name, lambda *a, _n=name, **k: writes.append(_n))
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET)]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the Hugging Face Hub" in err and "nothing was changed" in err
    assert attempts and writes == []


def test_no_token_is_a_clear_error(monkeypatch, capsys):
    attempts = block_network(monkeypatch)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET)]) == 1
    assert "no Hugging Face token" in capsys.readouterr().err
    assert attempts == []


@pytest.mark.parametrize("case", ["dry-run", "offline", "unreachable", "tag-exists"])
def test_token_never_appears_in_output_or_logs(monkeypatch, capsys, caplog, case):
    block_network(monkeypatch)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", case == "offline")
    caplog.set_level(logging.DEBUG)
    argv = ["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET)] + (["--dry-run"] if case == "dry-run" else [])
    if case == "tag-exists":
        monkeypatch.setattr(publish, "connect", lambda: (TOKEN, RefsOnly([f"v{MANIFEST['dataset_version']}"])))
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == (0 if case == "dry-run" else 1)
    assert TOKEN not in out + err + caplog.text
    assert TOKEN[:12] not in out + err + caplog.text


def test_hub_error_messages_are_scrubbed_of_the_token():
    assert publish._scrub(f"401 for token {TOKEN}", TOKEN) == "401 for token ***"


@pytest.mark.parametrize("repo_id", ["not-a-repo-id", "owner/name/extra", "owner//name", "owner/bad name",
                                     "owner/name.git", "-owner/name", "owner/na--me", ""])
def test_malformed_repo_id_is_a_usage_error(repo_id, capsys, offline_guard):
    """OWNER/NAME, by huggingface_hub's own validator plus the required owner: exit 2 before
    the folder is read or anything is printed on stdout."""
    assert main(["publish", f"--repo-id={repo_id}", "--dir", str(DATASET), "--dry-run"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: --repo-id {repo_id!r}: ")
    assert offline_guard == []


def test_repo_id_problem_names_the_rule():
    assert publish.repo_id_problem(HUB_REPO) is None
    assert publish.repo_id_problem("not-a-repo-id") == "expected OWNER/NAME (one slash), e.g. my-org/jd-wechat-commentary"
    assert "Cannot have -- or .. in repo_id" in publish.repo_id_problem("owner/na--me")


@pytest.mark.parametrize("as_json", [False, True])
def test_dry_run_reminds_the_publisher_of_the_rights(capsys, offline_guard, as_json):
    argv = ["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET), "--dry-run"] + (["--json"] if as_json else [])
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == publish.RIGHTS_REMINDER + "\n"
    assert "responsible for having the rights holder's permission before publishing it publicly" in err
    if as_json:
        assert json.loads(out)["private"] is False      # stdout stays one JSON document


def test_private_flag_is_in_the_plan(capsys, offline_guard):
    plan = _dry_run_json(capsys, "--private")
    assert plan["private"] is True
    assert main(["publish", "--repo-id", HUB_REPO, "--dir", str(DATASET), "--dry-run", "--private"]) == 0
    assert "check that someone/x is private before the commit (refuse if it is public)" in capsys.readouterr().out


class PublicRepo(RefsOnly):
    """No tag, a main branch, and a public repository: anything after repo_info fails the test."""

    def __init__(self):
        super().__init__([])
        self.asked = []

    def repo_info(self, repo_id, repo_type=None):
        self.asked.append((repo_id, repo_type))
        return SimpleNamespace(private=False)


def test_private_flag_refuses_a_public_repository_before_any_upload(capsys, offline_guard):
    hub = PublicRepo()
    args = SimpleNamespace(dir=DATASET, repo_id=HUB_REPO, revision="main", dry_run=False, json=False, private=True)
    assert publish.run(args, hub=hub) == 1
    assert hub.asked == [(HUB_REPO, "dataset")]
    err = capsys.readouterr().err
    assert "refusing to publish: --private was given but someone/x is public" in err and "nothing was changed" in err
    assert offline_guard == []


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_release_built_without_a_repository_is_refused(capsys, offline_guard, dry_run):
    """The committed release names no repository: its card says it is unpublished."""
    assert json.loads((COMMITTED / "MANIFEST.json").read_text(encoding="utf-8"))["repo_id"] is None
    argv = ["publish", "--repo-id", HUB_REPO, "--dir", str(COMMITTED)] + (["--dry-run"] if dry_run else [])
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "refusing to publish" in err and "built without a repository id" in err and f"document.repo_id: {HUB_REPO}" in err
    assert offline_guard == []


def test_a_release_built_for_another_repository_is_refused(capsys, offline_guard):
    assert main(["publish", "--repo-id", "someone-else/x", "--dir", str(DATASET), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert f"was built for {HUB_REPO}, not someone-else/x" in err and "nothing was changed" in err
    assert offline_guard == []
