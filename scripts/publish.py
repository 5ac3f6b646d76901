"""jd-wechat-commentary publish: upload a release folder to a Hugging Face dataset repository in
one commit (every file of MANIFEST.json plus the manifest; deleting remote files the release no
longer has), then tag that commit v<version>.

Order: check --repo-id (OWNER/NAME, huggingface_hub's own rules) -> validate the folder (refuse
if not valid) -> refuse a release built for another repository, or for none (MANIFEST.json's
repo_id, from the curated file's document.repo_id) -> plan from the manifest -> [--dry-run: print and stop, no network] -> token ->
list refs (refuse if the tag exists) -> [--private: refuse unless the repository is private] ->
list remote files -> one commit whose parent is the head that was listed -> tag. A corpus release
is validated shard by shard and uploaded with huggingface_hub's large-folder upload in several
commits, then the deletions, then the tag (corpus/publish.py). The token is
read from HF_TOKEN or the login cache by huggingface_hub and is never printed; error messages
are scrubbed of it.

The article text in a release belongs to its author: every run reminds the publisher that a
public upload needs the rights holder's permission. publish never creates a repository, so
whether it is public is the repository's setting; --private checks it before the commit.
"""
from __future__ import annotations

import importlib
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import about
from .corpus import publish as corpus_publish
from .escape import printable
from . import layout
from .layout import MANIFEST

EXAMPLE = ("jd-wechat-commentary publish --repo-id OWNER/NAME --dry-run\n"
           "  jd-wechat-commentary publish --repo-id OWNER/NAME --private")
RIGHTS_REMINDER = ("reminder: the article text in this release belongs to its author; you, the publisher, are "
                   "responsible for having the rights holder's permission before publishing it publicly. "
                   "Without it, publish only to a private repository (--private checks that it is).")
# Created by the Hub with every repository (its Git LFS rules); never a release file, never deleted.
KEEP_REMOTE = frozenset({".gitattributes"})
UNKNOWN_DELETIONS = "unknown without the network: computed from the remote file list in a real run"


@dataclass(frozen=True)
class Upload:
    path_in_repo: str
    local_path: str
    bytes: int
    sha256: str


@dataclass
class Plan:
    repo_id: str
    revision: str
    version: str
    tag: str
    uploads: list[Upload]
    private: bool = False                 # refuse unless the repository is private
    deletions: list[str] | None = None    # None: not known (dry run)
    commit: str | None = field(default=None)
    folder: str | None = None             # a corpus: uploaded with the large-folder upload (corpus/publish.py)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["deletions"] = UNKNOWN_DELETIONS if self.deletions is None else self.deletions
        return out

    def text(self) -> str:
        how = f"upload {self.folder} with {corpus_publish.LARGE_UPLOAD}" if self.folder else "one commit"
        lines = [f"publish {self.repo_id} (dataset) at revision {self.revision}: {how}, then tag {self.tag}"]
        if self.private:
            lines.append(f"check that {self.repo_id} is private before the commit (refuse if it is public)")
        lines += [f"add {u.path_in_repo} <- {u.local_path} ({u.bytes} bytes, sha256 {u.sha256})" for u in self.uploads]
        if self.deletions is None:
            lines.append(f"delete: {UNKNOWN_DELETIONS}")
        else:
            lines += [f"delete {p}" for p in self.deletions] or ["delete: nothing"]
        lines.append(f"tag {self.tag} on that commit (dataset version {self.version})")
        return "\n".join(map(printable, lines))     # paths come from the manifest: one line each, whatever they hold


class PublishError(Exception):
    """A refusal or a failure that leaves the repository as it was (unless the message says otherwise)."""


def add_arguments(parser) -> None:
    parser.add_argument("--repo-id", required=True, help="the dataset repository, OWNER/NAME (it must exist)")
    parser.add_argument("--dir", type=Path, default=layout.default_release(),
                        help="release folder (default: dataset/ of the current project folder)")
    parser.add_argument("--private", action="store_true",
                        help="publish only if the repository is private (for a release whose text you may not redistribute)")
    parser.add_argument("--revision", default="main", help="branch to commit to (default: main)")
    parser.add_argument("--dry-run", action="store_true", help="print the operations and the tag; no network")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")


def run(args, hub=None) -> int:
    """`hub` stands in for the Hub in tests (list_repo_refs, list_repo_files, create_commit,
    create_tag); by default a HfApi with the user's token."""
    problem = repo_id_problem(args.repo_id)
    if problem:
        print(f"error: --repo-id {args.repo_id!r}: {problem}", file=sys.stderr)
        return 2
    from .usage import no_default, release_folder
    if args.dir is None:
        raise no_default("release folder", "give the folder to publish: --dir DIR")
    release_folder(args.dir, "--dir")
    token = None
    try:
        plan = plan_release(Path(args.dir), args.repo_id, args.revision, getattr(args, "private", False))
        print(RIGHTS_REMINDER, file=sys.stderr)
        if args.dry_run:
            _show(plan, args.json)
            return 0
        if hub is None:
            token, hub = connect()
        # Text mode shows the operations before sending them; JSON mode prints one document at the end.
        publish(plan, hub, (lambda: None) if args.json else (lambda: _show(plan, False)))
    except PublishError as exc:
        print(f"error: {_scrub(str(exc), token)}", file=sys.stderr)
        return 1
    if args.json:
        _show(plan, True)
    else:
        print(f"published {plan.repo_id}: commit {plan.commit}, tag {plan.tag}")
    return 0


def _show(plan: Plan, as_json: bool) -> None:
    print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) if as_json else plan.text())


def repo_id_problem(repo_id: str) -> str | None:
    """Why repo_id is not OWNER/NAME, or None. huggingface_hub's validator checks the characters
    and length, but takes a bare NAME too (the Hub would put it under the token's user): the
    owner is required here, so the tag lands where the command line says."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    if repo_id.count("/") != 1:
        return "expected OWNER/NAME (one slash), e.g. my-org/jd-wechat-commentary"
    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        return str(exc)
    return None


def plan_release(root: Path, repo_id: str, revision: str, private: bool = False) -> Plan:
    """Refuse an invalid folder; else one upload per manifest entry plus the manifest itself. A
    corpus release (corpus/publish.py) is validated shard by shard and goes by the large-folder upload."""
    import hashlib

    from .corpus.release import is_corpus
    from .reading import MAX_TEXT_BYTES, ReleaseFolder, loads_json
    from .validate.run import validate_release

    corpus = is_corpus(root)
    report = corpus_publish.validate(root) if corpus else validate_release(root)
    if not report.valid:
        raise PublishError(f"refusing to publish: {root} does not validate\n{report.text()}")
    # read as validate read it: regular files only, links only into a Hub cache's blobs
    folder = ReleaseFolder(root)
    data = folder.read(MANIFEST, MAX_TEXT_BYTES)
    manifest = loads_json(data, MANIFEST)
    check_built_for(root, manifest.get("repo_id"), repo_id, corpus_publish.rebuild_fix(repo_id) if corpus else None)
    version = manifest["dataset_version"]
    entries = manifest["files"] + [{"path": MANIFEST, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}]
    uploads = [Upload(e["path"], str(folder.path(e["path"])), e["bytes"], e["sha256"]) for e in entries]
    return Plan(repo_id, revision, version, about.tag(version), sorted(uploads, key=lambda u: u.path_in_repo), private,
                folder=str(folder.root) if corpus else None)


def check_built_for(root: Path, built_for: str | None, repo_id: str, fix: str | None = None) -> None:
    """The card, the schema ids, the catalogs and the citation name the repository the release was
    built for (the curated file's document.repo_id; a corpus's `corpus build --repo-id`): publishing
    it anywhere else would ship a card that points at the wrong place, or, for a release built
    without one, says it is unpublished. `fix` says how to rebuild it for repo_id."""
    fix = fix or (f"set document.repo_id: {repo_id} in the curated file ({layout.PROJECT_RELEASE}/{layout.CURATION_COPY}), "
                  "rebuild, and publish again; nothing was changed")
    if built_for is None:
        raise PublishError(f"refusing to publish: {root} was built without a repository id (its card says it is "
                           f"unpublished and names no Hub address); {fix}")
    if built_for != repo_id:
        raise PublishError(f"refusing to publish: {root} was built for {built_for}, not {repo_id} (its card, schema ids "
                           f"and citation name {built_for}); {fix}")


def connect():
    """(token, HfApi). The token comes from HF_TOKEN or the login cache; it is never printed."""
    from huggingface_hub import HfApi, constants, get_token

    if constants.is_offline_mode():
        raise PublishError("cannot reach the Hugging Face Hub: offline mode is on (HF_HUB_OFFLINE); nothing was changed")
    token = get_token()
    if not token:
        raise PublishError("no Hugging Face token: set HF_TOKEN or log in with `hf auth login`; nothing was changed")
    return token, HfApi(token=token)


def publish(plan: Plan, hub, show) -> None:
    """Read the remote state, commit once with the head it read as parent (so the deletions
    match the state they were computed from), then tag."""
    with _hub_errors("nothing was changed"):
        refs = hub.list_repo_refs(plan.repo_id, repo_type="dataset")
        if plan.tag in {t.name for t in refs.tags}:
            raise PublishError(f"refusing to publish: tag {plan.tag} already exists in {plan.repo_id}; "
                               "a published version is never replaced (raise the version)")
        head = next((b.target_commit for b in refs.branches if b.name == plan.revision), None)
        if head is None:
            raise PublishError(f"branch {plan.revision!r} does not exist in {plan.repo_id}; nothing was changed")
        if plan.private and not hub.repo_info(plan.repo_id, repo_type="dataset").private:
            raise PublishError(f"refusing to publish: --private was given but {plan.repo_id} is public; "
                               "make it private in its settings first; nothing was changed")
        remote = hub.list_repo_files(plan.repo_id, repo_type="dataset", revision=plan.revision)
    plan.deletions = remote_deletions(remote, plan.uploads)
    show()
    if plan.folder:
        with _hub_errors(corpus_publish.STATE):
            plan.commit = corpus_publish.upload(plan, hub, head)
    else:
        with _hub_errors("nothing was changed"):
            plan.commit = hub.create_commit(plan.repo_id, commit_operations(plan), commit_message=f"Release {plan.tag}",
                                            commit_description=f"Dataset version {plan.version}; every file and its sha256 in {MANIFEST}.",
                                            repo_type="dataset", revision=plan.revision, parent_commit=head).oid
    message = corpus_publish.tag_message(plan.version) if plan.folder else f"{about.PRETTY_NAME} {plan.version}"
    with _hub_errors(f"commit {plan.commit} was made but not tagged; tag it {plan.tag} by hand"):
        hub.create_tag(plan.repo_id, tag=plan.tag, tag_message=message,
                       revision=plan.commit, repo_type="dataset")


def remote_deletions(remote_files, uploads: list[Upload]) -> list[str]:
    """Files the remote repository has that this release does not (except KEEP_REMOTE)."""
    return sorted(set(remote_files) - {u.path_in_repo for u in uploads} - KEEP_REMOTE)


def commit_operations(plan: Plan) -> list:
    """The operations of the one commit: an add per upload, a delete per known deletion."""
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete

    operations = [CommitOperationAdd(path_in_repo=u.path_in_repo, path_or_fileobj=u.local_path) for u in plan.uploads]
    return operations + [CommitOperationDelete(path_in_repo=p) for p in plan.deletions or []]


class _hub_errors:
    """Turn the Hub's and the network's exceptions into one PublishError saying what state is left."""

    def __init__(self, state: str):
        self.state = state

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or isinstance(exc, PublishError):
            return False
        from huggingface_hub.errors import HfHubHTTPError
        if isinstance(exc, _network_errors()):
            raise PublishError(f"cannot reach the Hugging Face Hub ({type(exc).__name__}: {exc}); {self.state}") from None
        if isinstance(exc, HfHubHTTPError):
            raise PublishError(f"the Hugging Face Hub refused ({exc}); {self.state}") from None
        return False


def _network_errors() -> tuple[type[BaseException], ...]:
    """OSError covers offline mode (OfflineModeIsEnabled is a ConnectionError) and requests;
    huggingface_hub's HTTP client (httpx, or its fork httpx2) raises TransportError."""
    found: list[type[BaseException]] = [OSError]
    for name in ("httpx2", "httpx"):
        try:
            found.append(importlib.import_module(name).TransportError)
        except (ImportError, AttributeError):
            continue
    return tuple(found)


def _scrub(message: str, token: str | None) -> str:
    return message.replace(token, "***") if token else message
