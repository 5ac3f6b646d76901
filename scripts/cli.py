"""jd-wechat-commentary: one command, subcommands; exit 0 success, 1 invalid/failed, 2 usage.

Exit 1: the release does not validate, or the build failed on what an input file holds (BuildError).
Exit 2: a path or argument the command cannot use (UsageError, or argparse's own errors).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import layout
from .layout import default_release
from .errors import BuildError, UsageError
from .escape import printable

EXAMPLES = {
    "build": "jd-wechat-commentary build\n  jd-wechat-commentary build --source other.txt --out /tmp/other-release",
    "validate": "jd-wechat-commentary validate dataset --json\n  jd-wechat-commentary validate --table attributions my.jsonl",
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        code = args.run(args)
        sys.stdout.flush()      # here, not at exit: a reader that went away is noticed inside the try
        return code
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `validate --json | head -1`: the reader stopped early. No traceback, and 1 (the output
        # was not all written), whether print or the final flush found the pipe closed. What is
        # still buffered goes to devnull, so that the flush at exit fails no more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _parser() -> argparse.ArgumentParser:
    from .version import DATASET_VERSION
    p = argparse.ArgumentParser(prog="jd-wechat-commentary", description=__doc__)
    # the package and the dataset share one version (scripts/version.py)
    p.add_argument("--version", action="version", version=f"jd-wechat-commentary {DATASET_VERSION} (dataset version {DATASET_VERSION})")
    sub = p.add_subparsers(metavar="COMMAND")
    _add(sub, "build", "build the release from a source article and validate it", _build_args, run_build)
    _add(sub, "validate", "validate a release folder, or a JSON Lines file against one table", _validate_args, run_validate)
    _add_optional(sub)
    return p


def _add(sub, name, help_text, add_args, run):
    example = EXAMPLES.get(name)
    sp = sub.add_parser(name, help=help_text, description=help_text,
                        epilog=f"example:\n  {example}\n" if example else None, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_args(sp)
    sp.set_defaults(run=run)
    return sp


def _add_optional(sub) -> None:
    """Commands that live in their own modules: each offers add_arguments(parser) and run(args)."""
    from . import corpus, diff, errata_check, evaluate, publish, view
    for name, module, help_text in (("diff", diff, "compare two releases table by table"),
                                    ("corpus", corpus, "build (or resume) and validate a sharded corpus release of many articles (datatrove)"),
                                    ("publish", publish, "upload the release to a Hugging Face dataset repository"),
                                    ("evaluate", evaluate, "score a release's attributions against a gold release"),
                                    ("view", view, "write one self-contained HTML page showing a release's annotations"),
                                    ("errata-check", errata_check, "compare the script errata with the OpenCC reference")):
        EXAMPLES.setdefault(name, getattr(module, "EXAMPLE", None))
        _add(sub, name, help_text, module.add_arguments, module.run)


def _build_args(p) -> None:
    # Defaults: the project folder, i.e. the current directory when it holds
    # dataset/source/article.txt; elsewhere --source and --out are required (never another folder).
    dataset = default_release()
    p.add_argument("--source", type=Path, default=None if dataset is None else dataset / layout.SOURCE_COPY,
                   help=f"the article (UTF-8, LF line ends; default: {layout.PROJECT_SOURCE.as_posix()})")
    p.add_argument("--curation", type=Path, default=None,
                   help=f"the curated file (default: {layout.CURATION_NAME} beside the source, if present)")
    p.add_argument("--no-curation", action="store_true", help="build from rules alone")
    p.add_argument("--out", type=Path, default=dataset,
                   help="release folder (default: dataset/); replaced only when it is new, empty or a release this tool built")
    p.add_argument("--strict", action="store_true", help="fail when the rules report any warning")


def run_build(args) -> int:
    from .build import build
    from .usage import no_default
    if args.source is None or args.out is None:
        raise no_default("source and release folder", "run build in the project folder, or give --source FILE --out DIR")
    curation = None if args.no_curation else (args.curation or _beside(args.source))
    warnings = build(args.source, curation, args.out, strict=args.strict)
    for w in warnings.in_line_order():
        path = args.source if w.file == "source" else curation
        where = f"{path}:{w.line}" if w.line else str(path)
        print(f"warning: {printable(where)}: {printable(w.message)} [{w.code}]", file=sys.stderr)
    print(f"built and validated {printable(str(args.out))}")  # build() validated it before swapping it in
    return 0


def _beside(source: Path) -> Path | None:
    path = Path(source).with_name(layout.CURATION_NAME)
    return path if path.is_file() else None


def _validate_args(p) -> None:
    p.add_argument("path", nargs="?", type=Path, default=default_release(), metavar="DIR",
                   help="release folder (default: dataset/), or a .jsonl file with --table")
    p.add_argument("--table", help="check DIR, given as a file, as JSON Lines records of this table (one JSON object per line)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")


def run_validate(args) -> int:
    """The first line names what was checked (the folder or the file, as an absolute path)."""
    import json

    from . import schemas, usage
    from .validate.run import validate_jsonl
    if args.path is None:
        raise usage.no_default("release folder", "give the folder to check: jd-wechat-commentary validate DIR")
    if args.table:
        if args.table not in schemas.TABLES:
            raise UsageError(f"--table {args.table}", "not a table of this dataset", f"give one of {', '.join(schemas.TABLES)}")
        path = usage.jsonl_file(args.path).resolve()
        report, heading = validate_jsonl(path, args.table), {"file": str(path), "table": args.table}
    else:
        path = usage.release_folder(args.path).resolve()
        report, heading = _validate_folder(path), {"folder": str(path)}
    if args.json:
        print(json.dumps({**heading, **json.loads(report.to_json())}, ensure_ascii=False, indent=2))
    else:
        print(printable(f"{'release folder' if 'folder' in heading else 'records file'}: {path}"
                        + (f" (table {args.table})" if args.table else "")))
        print(report.text())
    return 0 if report.valid else 1


def _validate_folder(path: Path):
    """A corpus release (its manifest says kind: corpus) is checked shard by shard (corpus_validate)."""
    import json

    from .layout import MANIFEST
    try:
        kind = json.loads((path / MANIFEST).read_text(encoding="utf-8")).get("kind")
    except (OSError, ValueError, AttributeError):
        kind = None
    if kind == "corpus":
        from .corpus.validate import validate_corpus
        return validate_corpus(path)
    from .validate.run import validate_release
    return validate_release(path)


if __name__ == "__main__":
    sys.exit(main())
