"""Many articles -> one sharded release, on datatrove: `corpus build` and `corpus validate`.

    ArticleReader -> ArticleBuilder -> ShardWriter     (datatrove tasks, any executor)
    -> corpus_release.finish (shard names, schemas, card, manifest) -> corpus_validate

The release folder holds, beside the data, a work folder `.corpus/` with datatrove's logs (one
per task), its completion markers and the staging area. Rerunning the same command after a kill
skips the finished tasks, redoes the others from their start, and finishes the release.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import UsageError

EXAMPLE = ("jd-wechat-commentary corpus build articles/ --out /tmp/corpus --workers 2\n"
           "  jd-wechat-commentary corpus validate /tmp/corpus")
MAX_ROWS = 100_000      # rows per shard
ROW_GROUP = 1_000       # rows a task holds in memory per config before writing them


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="corpus_command", metavar="ACTION")
    b = sub.add_parser("build", help="build a corpus release from many articles, then validate it")
    b.add_argument("input", metavar="INPUT",
                   help="a folder of .txt articles, a .jsonl / .parquet file with id and text, or hf:DATASET[:SPLIT] "
                        "(a local Hugging Face dataset folder or a repository id in the local cache; read offline)")
    b.add_argument("--out", type=Path, required=True, help="the corpus folder: new, empty, or an earlier run of the same command (resumed)")
    b.add_argument("--workers", type=int, default=1, help="tasks run at the same time on this machine (default 1)")
    b.add_argument("--tasks", type=int, default=None, help="tasks the input is split into (default: --workers)")
    b.add_argument("--executor", choices=("local", "ray"), default="local", help="datatrove executor (default local)")
    b.add_argument("--max-rows", type=int, default=MAX_ROWS, help=f"rows per shard at most (default {MAX_ROWS})")
    b.add_argument("--repo-id", default=None, metavar="OWNER/NAME",
                   help="the Hugging Face dataset repository the corpus is built for (its card, catalogs and manifest "
                        "name it; `publish` requires it); a rerun with another one rewrites only those files")
    b.add_argument("--no-validate", action="store_true", help="skip the validation after the build")
    v = sub.add_parser("validate", help="validate a corpus release shard by shard")
    v.add_argument("path", type=Path, metavar="DIR")
    v.add_argument("--json", action="store_true", help="print the report as JSON")
    v.add_argument("--workers", type=int, default=1, help="checks run at the same time (default 1)")
    v.add_argument("--quick", action="store_true",
                   help="leave out the per-article rules (spans, references, derived columns): files, schemas, keys and counts only")


def run(args) -> int:
    if args.corpus_command == "build":
        return _run_build(args)
    if args.corpus_command == "validate":
        return _run_validate(args)
    raise UsageError("corpus", "no action given", "run `jd-wechat-commentary corpus build INPUT --out DIR` or `corpus validate DIR`")


def _run_build(args) -> int:
    for name in ("workers", "tasks", "max_rows"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UsageError(f"--{name.replace('_', '-')} {value}", "not a positive number", "give 1 or more")
    if args.repo_id is not None:
        from ..publish import repo_id_problem
        problem = repo_id_problem(args.repo_id)
        if problem:
            raise UsageError(f"--repo-id {args.repo_id}", problem, "give the dataset repository as OWNER/NAME")
    summary, report = build_corpus(args.input, args.out, workers=args.workers, tasks=args.tasks or args.workers,
                                   executor=args.executor, max_rows=args.max_rows, validate=not args.no_validate,
                                   repo_id=args.repo_id)
    articles, rejects = summary.get("articles", {}).get("built", 0), sum(summary.get("rejects", {}).values())
    print(f"built {args.out}: {articles} article(s), {rejects} rejected (config rejects)")
    if report is not None:
        print(report.text())
        return 0 if report.valid else 1
    return 0


def _run_validate(args) -> int:
    from .validate import validate_corpus
    if args.workers < 1:
        raise UsageError(f"--workers {args.workers}", "not a positive number", "give 1 or more")
    report = validate_corpus(_corpus_folder(args.path), workers=args.workers, articles=not args.quick)
    folder = Path(args.path).resolve()
    print(json.dumps({"folder": str(folder), **json.loads(report.to_json())}, ensure_ascii=False, indent=2) if args.json
          else f"corpus folder: {folder}\n{report.text()}")
    return 0 if report.valid else 1


def build_corpus(input_path: Path | str, out: Path, workers: int = 1, tasks: int = 1, executor: str = "local",
                 max_rows: int = MAX_ROWS, row_group: int = ROW_GROUP, validate: bool = True, repo_id: str | None = None):
    """Build (or resume) the corpus; returns the summary and the validation report (None without).
    `repo_id` is not a setting of the run (the shards do not depend on it), only of its finish."""
    from .release import finish
    from ..version import DATASET_VERSION

    from .hf import DatasetUnreadable
    from ..errors import BuildError

    pipeline, logs = prepare_pipeline(input_path, out, tasks, max_rows, row_group)
    try:
        _executor(executor, pipeline, tasks, workers, logs).run()
        summary = finish(out, DATASET_VERSION, _empty_shard, repo_id)
    except DatasetUnreadable as exc:
        raise BuildError("unreadable-input-data", *exc.args) from None
    except OSError as exc:     # a full disk, a folder taken away: the OS's words; rerun to resume
        raise BuildError("os-error", str(out), f"an OS error while building the corpus ({exc})",
                         "a writable folder with room for the corpus; the same command resumes the work") from exc
    report = None
    if validate:
        from .validate import validate_corpus
        report = validate_corpus(out, workers=workers if executor == "local" else 1, articles=True)
    return summary, report


def prepare_pipeline(input_path: Path | str, out: Path, tasks: int, max_rows: int = MAX_ROWS,
                     row_group: int = ROW_GROUP) -> tuple[list, Path]:
    """The datatrove pipeline of `corpus build` and its logging folder, with `out` claimed for it
    (new, empty, or the same run's): for an executor the command does not run itself, such as
    datatrove's SlurmPipelineExecutor with `tasks` tasks. Running `corpus build` with the same
    INPUT, --out, --tasks and --max-rows afterwards finds every task complete, then names the
    shards, writes the card and manifest and validates."""
    from .release import WORK
    from ..version import DATASET_VERSION

    try:
        import datatrove  # noqa: F401
    except ImportError:
        raise UsageError("corpus build", "datatrove is not installed", "pip install -c requirements.lock -e '.[corpus]'") from None
    from .input import input_identity
    identity = input_identity(input_path)     # a missing input is a usage error before --out is touched
    out = Path(out)
    _claim(out, {"input": identity, "tasks": tasks, "max_rows": max_rows, "row_group": row_group, "version": DATASET_VERSION})
    return _pipeline(input_path, out / WORK / "staging", max_rows, row_group, DATASET_VERSION), out / WORK / "logs"


def _pipeline(input_path, staging: Path, max_rows: int, row_group: int, version: str) -> list:
    from .input import ArticleReader
    from .steps import ArticleBuilder, ShardWriter

    return [ArticleReader(str(input_path)), ArticleBuilder(version), ShardWriter(str(staging), max_rows, row_group, version)]


def _executor(kind: str, pipeline: list, tasks: int, workers: int, logs: Path):
    if kind == "ray":
        return _ray_executor(pipeline, tasks, workers, logs)
    from datatrove.executor import LocalPipelineExecutor
    if workers > 1:
        _warm_up()
    # fork: the workers inherit the imported rules and the loaded OpenCC tables instead of
    # importing them again (spawn or forkserver cost each worker seconds before its first article)
    return LocalPipelineExecutor(pipeline, tasks=tasks, workers=workers, logging_dir=str(logs), start_method="fork")


def _ray_executor(pipeline: list, tasks: int, workers: int, logs: Path):
    """datatrove's Ray executor, on the cluster RAY_ADDRESS names (`ray start --head` there) or,
    without one, on a local Ray instance started here. One CPU and 1 GB a task: an article
    needs far less, and Ray's default of 2 GB a CPU would not schedule on a small machine."""
    try:
        import ray
        from datatrove.executor.ray import RayPipelineExecutor
    except ImportError as exc:
        raise UsageError("--executor ray", f"Ray cannot be loaded ({exc})", "pip install ray, or use --executor local") from None
    if not ray.is_initialized():
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")     # Ray would otherwise report usage to its makers
        ray.init(address=os.environ.get("RAY_ADDRESS") or None, include_dashboard=False, log_to_driver=False)
    return RayPipelineExecutor(pipeline, tasks=tasks, workers=workers, logging_dir=str(logs), mem_per_cpu_gb=1)


def _warm_up() -> None:
    from ..build import parse  # noqa: F401
    from ..rules.conversion import detect_script, to_simplified, to_traditional
    detect_script("中文"), to_simplified("中文"), to_traditional("中文")


def _empty_shard(config: str, path: Path) -> None:
    """A shard with the config's schema and no row group at all: `datasets` (5.2) takes its batch
    size from the first row group's row count and fails on a row group of 0 rows."""
    import pyarrow.parquet as pq

    from . import schema as corpus_schema
    from ..release.write import PARQUET_OPTIONS
    from ..version import DATASET_VERSION
    pq.ParquetWriter(path, corpus_schema.file_schema(config, DATASET_VERSION), **PARQUET_OPTIONS).close()


RUN_FILE = "run.json"


def _claim(out: Path, run: dict) -> None:
    """The folder must be new, empty, or the work of the same command (then it is resumed).
    Anything else is refused before a file is written: a corpus never lands in someone's folder."""
    from .release import WORK
    from ..release.outdir import is_home_like

    out = Path(out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(out, "not a folder (given as --out)", "give a new or empty folder, or an earlier corpus build's folder")
    if out.resolve() == Path("/").resolve() or is_home_like(out.resolve()):
        raise UsageError(out, "the root or a home folder (given as --out)", "give a new folder for the corpus")
    marker = out / WORK / RUN_FILE
    if marker.is_file():
        earlier = json.loads(marker.read_text(encoding="utf-8"))
        if earlier != run:
            changed = sorted(k for k in set(run) | set(earlier) if run.get(k) != earlier.get(k))
            raise UsageError(out, f"a corpus folder built with other settings ({', '.join(changed)} differ)",
                             "rerun with the same INPUT and --tasks/--max-rows to resume, or give a new folder")
        return
    if out.exists() and any(out.iterdir()):
        raise UsageError(out, "a folder with other files in it (given as --out)", "give a new or empty folder")
    (out / WORK).mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(run, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _corpus_folder(path: Path) -> Path:
    from ..layout import MANIFEST
    path = Path(path)
    if not (path / MANIFEST).is_file():
        raise UsageError(path, f"not a corpus release (no {MANIFEST})", "give the folder `corpus build --out` wrote")
    return path
