"""Corpus input from a Hugging Face dataset, offline: `hf:<repo id or local folder>[:split]`.

- a local folder: a dataset the Hub would serve (data files, with or without a card's
  `configs:`), read with `datasets.load_dataset(folder, split=..., streaming=True)`, or a folder
  written by `save_to_disk`, read with `load_from_disk` (memory-mapped Arrow);
- a repository id (`owner/name`): the snapshot already in the local Hugging Face cache
  (`huggingface_hub.snapshot_download(..., local_files_only=True)`), then as a local folder.
Nothing is downloaded: a repository that is not in the cache is a usage error saying how to get it.

Rows are read a batch at a time (streaming, or memory-mapped), so memory does not grow with the
dataset. The columns are those of the Parquet input: `id` and `text`, optional url, date, outlet.
The split is `train` unless the spec names another.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

PREFIX = "hf:"
DEFAULT_SPLIT = "train"
BATCH = 256
REQUIRED = ("id", "text")
OPTIONAL = ("url", "date", "outlet")
FIX = ("give hf:FOLDER[:SPLIT] (a local dataset folder) or hf:OWNER/NAME[:SPLIT] already in the local Hugging Face "
       "cache (hf download OWNER/NAME --repo-type dataset), with columns id and text")


class DatasetUnreadable(Exception):
    """Rows that `datasets` cannot read once the build has started (a damaged data file). Its args
    are a BuildError's (where, found, expected), kept plain so that it crosses datatrove's worker
    processes as it is; corpus.build_corpus turns it into that BuildError."""


@dataclass(frozen=True)
class HfInput:
    spec: str           # as given, for messages and record locations
    folder: str         # the local folder read
    split: str
    saved: bool         # written by save_to_disk: read with load_from_disk

    @property
    def identity(self) -> str:
        """What a rerun must read again to resume: the folder (a cache snapshot names its commit) and the split."""
        return f"{PREFIX}{self.folder}:{self.split}"


def is_hf(spec) -> bool:
    return isinstance(spec, str) and spec.startswith(PREFIX)


def parse(spec: str) -> HfInput:
    """The spec as a readable dataset: the folder found, the split present, the columns there."""
    target, split = _split_spec(spec[len(PREFIX):])
    folder = _local_folder(spec, target)
    hf = HfInput(spec, str(folder), split or DEFAULT_SPLIT, _is_saved(folder))
    _check_columns(hf, column_names(hf))
    return hf


def _split_spec(body: str) -> tuple[str, str | None]:
    """`target[:split]`; a folder whose own name holds a colon is taken whole."""
    if Path(body).is_dir() or ":" not in body:
        return body, None
    target, split = body.rsplit(":", 1)
    return (target, split) if split and "/" not in split else (body, None)


def _local_folder(spec: str, target: str) -> Path:
    if not target:
        raise UsageError(spec, "no dataset named after hf:", FIX)
    path = Path(target)
    if path.is_dir():
        return path.resolve()
    if path.exists():
        raise UsageError(spec, f"{target} is not a folder", FIX)
    return _cached_snapshot(spec, target)


def _cached_snapshot(spec: str, repo_id: str) -> Path:
    from huggingface_hub import snapshot_download
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError:
        raise UsageError(spec, f"{repo_id} is neither a folder nor a Hugging Face repository id", FIX) from None
    try:
        return Path(snapshot_download(repo_id, repo_type="dataset", local_files_only=True))
    except Exception as exc:    # LocalEntryNotFoundError and its kin: not in the cache (the network is never asked)
        raise UsageError(spec, f"the dataset {repo_id} is not in the local Hugging Face cache and nothing is downloaded "
                               f"({type(exc).__name__})", FIX) from None


def _is_saved(folder: Path) -> bool:
    return (folder / "state.json").is_file() or (folder / "dataset_dict.json").is_file()


def _check_columns(hf: HfInput, names: list[str] | None) -> None:
    """None: a streamed format that names its columns only row by row (JSON); a row without
    text is then a reject, like a JSON Lines record without one."""
    missing = [c for c in REQUIRED if names is not None and c not in names]
    if missing:
        raise UsageError(hf.spec, f"the split {hf.split} has no column(s) {missing} (it has {names})", FIX)


def column_names(hf: HfInput) -> list[str] | None:
    return _open(hf).column_names


def _open(hf: HfInput):
    """The split as a datasets Dataset (memory-mapped) or IterableDataset (streamed); any error
    of `datasets` (no data files, a bad split, a damaged file) is a usage error naming the spec."""
    import datasets

    try:
        data = datasets.load_from_disk(hf.folder) if hf.saved else datasets.load_dataset(hf.folder, split=hf.split, streaming=True)
    except Exception as exc:    # datasets raises ValueError, FileNotFoundError, DatasetNotFoundError, ...
        raise UsageError(hf.spec, f"cannot be read as a Hugging Face dataset ({type(exc).__name__}: {exc})", FIX) from None
    if not isinstance(data, datasets.DatasetDict):
        return data         # streamed (the split chosen by load_dataset), or a saved Dataset: one split
    if hf.split not in data:
        raise UsageError(hf.spec, f"no split {hf.split!r} (it has {sorted(data)})", FIX)
    return data[hf.split]


def rows(hf: HfInput):
    """Every row of the split in order, as a dict of the input columns present."""
    data = _open(hf)
    names = data.column_names
    columns = [c for c in (*REQUIRED, *OPTIONAL) if names is None or c in names]
    if names is not None:
        data = data.select_columns(columns)
    n = 0
    try:
        for batch in data.iter(batch_size=BATCH):
            keys = list(batch)
            for values in zip(*(batch[k] for k in keys)):
                yield dict(zip(keys, values))
                n += 1
    except Exception as exc:    # pyarrow, fsspec and datasets each raise their own
        raise DatasetUnreadable(hf.spec, f"data that datasets cannot read after row {n} ({type(exc).__name__}: {exc})",
                                "a dataset whose files datasets reads; repair or remove the file and run the same "
                                "command again (finished tasks are kept)") from None


def count(hf: HfInput) -> int | None:
    """The split's rows when known without reading them (saved datasets, or a card's
    dataset_info); None otherwise, and the progress line shows no time left."""
    data = _open(hf)
    if hf.saved:
        return data.num_rows
    splits = data.info.splits
    return splits[hf.split].num_examples if splits and hf.split in splits and splits[hf.split].num_examples else None
