"""What `publish` does differently for a corpus release: it validates with corpus_validate, and
uploads with huggingface_hub's large-folder upload instead of one commit.

A corpus has thousands of files, more than one commit should carry: the large-folder upload
hashes and uploads them in parallel, commits them in batches and resumes where a killed run
stopped (rerunning `publish` finishes it). In huggingface_hub 2 that upload is `upload_folder`
(`upload_large_folder` was folded into it); before, it is `upload_large_folder`. The files
uploaded are chosen by patterns that select exactly the manifest's files from the folder (the
folder validated, so it holds nothing else but the work folder `.corpus/`, never uploaded);
the remote files the release no longer has are deleted in one more commit, then the last
commit is tagged, as for a single release.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..layout import MANIFEST, shard_glob

LARGE_UPLOAD = "huggingface_hub's large-folder upload (several commits, resumable: rerun publish to finish an interrupted one)"
STATE = "some files may have been committed and nothing was tagged; run the same publish again to finish the upload"


def validate(root: Path):
    from .validate import validate_corpus
    return validate_corpus(root)


def tag_message(version: str) -> str:
    from .card import PRETTY_NAME
    return f"{PRETTY_NAME} {version}"


def rebuild_fix(repo_id: str) -> str:
    return (f"rerun the same `corpus build` with --repo-id {repo_id} (only the card, catalogs and manifest are "
            "rewritten) and publish again; nothing was changed")


def upload_patterns(paths: list[str]) -> list[str]:
    """One glob per config's shards (a pattern per shard would make the upload's filter quadratic)
    and every other file by its own path."""
    out = set()
    for path in paths:
        parts = PurePosixPath(path).parts
        out.add(shard_glob(parts[1]) if len(parts) == 3 and parts[0] == "data" else path)
    return sorted(out)


def upload(plan, hub, head: str) -> str:
    """Upload the plan's files, delete the plan's deletions, and return the commit to tag."""
    root = plan.folder
    patterns = upload_patterns([u.path_in_repo for u in plan.uploads])
    large = getattr(hub, "upload_large_folder", None)
    if large is not None:        # huggingface_hub before 2: no commit message, and it returns nothing
        large(repo_id=plan.repo_id, folder_path=root, repo_type="dataset", revision=plan.revision,
              allow_patterns=patterns, print_report=False)
        oid = None
    else:
        oid = hub.upload_folder(repo_id=plan.repo_id, folder_path=root, repo_type="dataset", revision=plan.revision,
                                allow_patterns=patterns, commit_message=f"Release {plan.tag}",
                                commit_description=f"Dataset version {plan.version} (a corpus); every file and its sha256 in {MANIFEST}.",
                                parent_commit=head).oid
    if plan.deletions:
        from huggingface_hub import CommitOperationDelete
        oid = hub.create_commit(plan.repo_id, [CommitOperationDelete(path_in_repo=p) for p in plan.deletions],
                                commit_message=f"Release {plan.tag}: remove the files the release no longer has",
                                repo_type="dataset", revision=plan.revision, parent_commit=oid).oid
    return oid or _head(hub, plan)


def _head(hub, plan) -> str:
    refs = hub.list_repo_refs(plan.repo_id, repo_type="dataset")
    return next(b.target_commit for b in refs.branches if b.name == plan.revision)
