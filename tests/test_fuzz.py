"""Fuzzing validate over every released file: random byte flips, truncations and type changes
(a Parquet column cast to another Arrow type, a JSON value replaced by one of another type).

Derandomized: the cases come from one seeded generator, so CI runs the same ones every time
(FUZZ_CASES sets how many; FUZZ_SEED picks another sequence locally). One release is built once
and copied once; each case changes one file, runs validate in-process under an alarm, and puts
the file back. Asserted for every case: no exception, no case longer than CASE_SECONDS, a
report that is not valid (every file but the manifest is listed in it with its sha256); and for
the whole run, bounded memory (maximum RSS and Arrow's pool).
"""
from __future__ import annotations

import io
import json
import os
import random
import resource
import shutil
import signal
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jd_wechat_commentary.release.write import PARQUET_OPTIONS
from jd_wechat_commentary.validate.run import validate_release

CASES = int(os.environ.get("FUZZ_CASES", "2000"))
SEED = int(os.environ.get("FUZZ_SEED", "20261202"))
CASE_SECONDS = 10                  # a generous bound: a case takes ~0.05 s; a hang takes forever
RSS_GROWTH_BYTES = 400 << 20       # the whole run may not grow the process by more than this
ARROW_TYPES = [pa.binary(), pa.large_string(), pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_(),
               pa.date32(), pa.timestamp("ms"), pa.decimal128(20, 0), pa.null(), pa.list_(pa.int64()),
               pa.struct([("x", pa.string())]), pa.dictionary(pa.int32(), pa.string())]
JSON_VALUES = [None, 0, -1, 10 ** 30, "", "x" * 300, [], {}, [[[]]], True, 1.5, "../../etc/passwd"]


class CaseTimeout(Exception):
    pass


def _expire(*_):
    raise CaseTimeout()


def flip(data: bytes, rng: random.Random) -> bytes:
    if not data:        # an empty file (warnings.jsonl of a build without warnings): damage is a byte planted in it
        return bytes([rng.randint(0, 255)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))] if data else b"\n"


def retype_parquet(data: bytes, rng: random.Random) -> bytes:
    table = pq.read_table(io.BytesIO(data))
    i = rng.randrange(table.num_columns)
    target = rng.choice(ARROW_TYPES)
    column = _converted(table.column(i), target)
    table = table.set_column(i, pa.field(table.schema.field(i).name, column.type), column)
    table = table.replace_schema_metadata(table.schema.metadata if rng.random() < 0.8 else None)
    out = io.BytesIO()
    pq.write_table(table, out, **PARQUET_OPTIONS)
    return out.getvalue()


def _converted(column, target):
    """The column cast to target when pyarrow can, else as many nulls of that type."""
    try:
        source = column.cast(pa.int32()) if pa.types.is_date32(target) and pa.types.is_integer(column.type) else column
        return source.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return pa.nulls(len(column), target) if not pa.types.is_dictionary(target) else pa.nulls(len(column), pa.string())


def retype_json(data: bytes, rng: random.Random) -> bytes:
    value = json.loads(data)
    path = []
    node = value
    while isinstance(node, (dict, list)) and node and rng.random() < 0.8:
        key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        path.append(key)
        node = node[key]
    replacement = rng.choice(JSON_VALUES)
    if not path:
        return json.dumps(replacement).encode()
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = replacement
    return json.dumps(value, ensure_ascii=False, indent=2).encode()


def mutations(rel: str) -> list:
    kinds = [flip, truncate]
    if rel.endswith(".parquet"):
        kinds.append(retype_parquet)
    elif rel.endswith(".json"):
        kinds.append(retype_json)
    return kinds


@pytest.fixture(scope="module")
def fuzz_release(fresh_release, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "dataset"
    shutil.copytree(fresh_release, root)
    return root


def test_validate_survives_random_damage_to_every_file(fuzz_release):
    root = fuzz_release
    originals = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    assert validate_release(root).valid
    rng = random.Random(SEED)
    failures, kinds, slowest = [], {}, 0.0
    rss_before, arrow_before = _max_rss(), pa.total_allocated_bytes()
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        for case in range(CASES):
            rel = rng.choice(sorted(originals))
            mutate = rng.choice(mutations(rel))
            kinds[mutate.__name__] = kinds.get(mutate.__name__, 0) + 1
            damaged = mutate(originals[rel], rng)
            if damaged == originals[rel]:
                continue
            (root / rel).write_bytes(damaged)
            started = time.perf_counter()
            signal.alarm(CASE_SECONDS)
            try:
                report = validate_release(root)
                problem = None if rel == "MANIFEST.json" or not report.valid else "damage not detected"
                if report.codes() & {"check-failed"}:
                    problem = "a check stopped: " + next(p.message for p in report.problems if p.code == "check-failed")
            except CaseTimeout:
                problem = f"no report after {CASE_SECONDS} s"
            except BaseException as exc:  # noqa: BLE001 - the point is that nothing escapes
                problem = f"{type(exc).__name__}: {exc}"
            finally:
                signal.alarm(0)
            slowest = max(slowest, time.perf_counter() - started)
            if problem:
                failures.append((case, rel, mutate.__name__, problem[:300]))
            (root / rel).write_bytes(originals[rel])
    finally:
        signal.signal(signal.SIGALRM, previous)
    print(f"fuzz: {CASES} cases (seed {SEED}) {kinds}; slowest case {slowest:.2f} s; "
          f"max RSS grew {(_max_rss() - rss_before) >> 20} MiB")
    assert failures == []
    assert _max_rss() - rss_before < RSS_GROWTH_BYTES
    assert pa.total_allocated_bytes() - arrow_before < 64 << 20
    assert validate_release(root).valid     # every file was put back


def _max_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024     # kilobytes on Linux
