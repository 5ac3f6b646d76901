"""Where `build --out DIR` may write, and the temporary folders it leaves beside DIR.

The build replaces DIR, and everything DIR held is deleted. So DIR must be one of:
- a path that does not exist yet (created), or an empty folder;
- a project's first release: a folder holding nothing but the build's own inputs at the paths
  the release copies them to (source/article.txt, source/curation.yaml), rewritten with the
  bytes the build read;
- a release this tool built: a real folder (not a symbolic link) holding a MANIFEST.json that is
  a JSON object with `dataset_version`, `files` (each with a `path`) and `tables`, and nothing
  else than the files that manifest lists and the folders they sit in: no other file, folder,
  symbolic link, FIFO or device. A listed file may be missing (a damaged release is replaced).
Whatever the folder holds, it is never `/`, a home directory (or a folder holding one), a
folder holding this tool's checkout, or the folder of the source file. Refusals are
`UsageError`s (exit 2) naming the folder, the cause and the fix.

A build writes into `.DIR.tmp-XXXX/release` beside DIR. The temporary folder holds a marker
file, locked while its build runs; a folder with our prefix, our marker and only our subfolders,
whose lock is free, was left by a build that was killed, and the next build removes it. Nothing
else beside DIR is ever deleted.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .. import about
from ..errors import UsageError
from ..layout import CURATION_COPY, MANIFEST, SOURCE_COPY, SOURCE_DIR

try:
    import fcntl
except ImportError:      # not POSIX: no lock, so stale temporaries are left for the user
    fcntl = None

MARKER = "jd-wechat-commentary-build.lock"
MARKER_TEXT = b"a temporary folder of jd-wechat-commentary build; removed by the next build once this one has ended\n"
TEMP_PARTS = {MARKER, "release", "old"}
MAX_MANIFEST_BYTES = 64 << 20
FIX = "give --out a new or empty folder (e.g. --out /tmp/my-release), or a release folder this tool built"


def check_out_folder(out: Path, inputs: list[Path]) -> Path:
    """The folder the build may replace, as an absolute path; UsageError when it may not."""
    given = Path(os.path.abspath(out))
    if given.is_symlink():
        raise UsageError(given, f"a symbolic link (to {os.readlink(given)}); build would replace the link's target", FIX)
    folder = given.resolve()
    if folder.exists() and not folder.is_dir():
        raise UsageError(folder, "not a folder (a file of that name exists); build would replace it", FIX)
    _check_protected(folder, inputs)
    try:
        if not folder.exists() or not any(folder.iterdir()) or _only_own_inputs(folder, inputs):
            return folder
        problem = release_problem(folder)
    except OSError as exc:
        raise UsageError(folder, f"a folder that cannot be read ({exc.strerror or exc})", FIX) from None
    if problem:
        held = [p for p in _resolved(inputs) if p.is_relative_to(folder)]
        cause = (f"holds the build's input {held[0]}; build replaces the folder and would delete it" if held else
                 f"holds files that are not a release built by this tool ({problem}); build replaces the folder and "
                 "would delete them")
        raise UsageError(folder, cause, FIX)
    return folder


def _check_protected(folder: Path, inputs: list[Path]) -> None:
    if is_home_like(folder) or folder == Path("/home"):
        raise UsageError(folder, "a home directory (or the folder of home directories); build replaces the folder it is "
                         "given and deletes what it held", FIX)
    for protected, what in _protected_folders():
        if protected.is_relative_to(folder):
            cause = what if protected == folder else f"a folder that holds {what} ({protected})"
            raise UsageError(folder, f"{cause}; build replaces the folder it is given and deletes what it held", FIX)
    for source in _resolved(inputs):
        if source.parent == folder:
            raise UsageError(folder, f"the folder of the source file {source.name}; build would delete it", FIX)


def _protected_folders() -> list[tuple[Path, str]]:
    out = [(Path("/"), "the root folder"), (about.CHECKOUT.resolve(), "the checkout of this tool")]
    try:
        out.append((Path.home().resolve(), "a home directory"))
    except RuntimeError:     # no HOME and no password entry: nothing to protect by that name
        pass
    return out


def is_home_like(folder: Path) -> bool:
    """/root and /home/NAME: a home directory by its place, whoever's it is (Path.home() is only
    the current user's)."""
    parts = folder.parts
    return parts == ("/", "root") or (len(parts) == 3 and parts[:2] == ("/", "home"))


def _resolved(paths: list[Path | None]) -> list[Path]:
    return [Path(p).resolve() for p in paths if p is not None]


def _only_own_inputs(folder: Path, inputs: list[Path]) -> bool:
    """Only source/ at the top, and in it only the inputs of this build, as real files."""
    own = {folder / SOURCE_COPY, folder / CURATION_COPY} & set(_resolved(inputs))
    source = folder / SOURCE_DIR
    if not own or os.listdir(folder) != [SOURCE_DIR] or source.is_symlink():
        return False
    return all(not (source / name).is_symlink() and source / name in own for name in os.listdir(source))


# ---------------------------------------------------------------- a release built by this tool

def release_problem(folder: Path) -> str | None:
    """None when `folder` is a release this tool built (see the module docstring); else the first
    thing that makes it something else, for the message."""
    listed = _listed_files(folder)
    if isinstance(listed, str):
        return listed
    folders = {parent for rel in listed for parent in Path(rel).parents} - {Path(".")}
    stack = [folder]
    while stack:            # iterative: a deep folder chain cannot exhaust the recursion limit
        with os.scandir(stack.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                rel = Path(entry.path).relative_to(folder)
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode) and rel in folders:
                    stack.append(Path(entry.path))
                elif stat.S_ISDIR(mode):
                    return f"{rel.as_posix()!r} is a folder with no file listed in its {MANIFEST}"
                elif not stat.S_ISREG(mode):
                    return f"{rel.as_posix()!r} is {_kind(mode)}, not a file or folder of a release"
                elif rel.as_posix() not in listed and rel.as_posix() != MANIFEST:
                    return f"{rel.as_posix()!r} is not listed in its {MANIFEST}"
    return None


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a device")


def _listed_files(folder: Path) -> set[str] | str:
    path = folder / MANIFEST
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MANIFEST_BYTES:
            return f"its {MANIFEST} is not a regular file of at most {MAX_MANIFEST_BYTES >> 20} MB"
        manifest = json.loads(path.read_bytes())
    except FileNotFoundError:
        return f"no {MANIFEST}"
    except (OSError, ValueError, RecursionError) as exc:
        return f"its {MANIFEST} cannot be read ({type(exc).__name__})"
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not (isinstance(files, list) and all(isinstance(f, dict) and isinstance(f.get("path"), str) for f in files)
            and isinstance(manifest.get("dataset_version"), str) and isinstance(manifest.get("tables"), dict)):
        return f"its {MANIFEST} is not a manifest of this tool (dataset_version, files, tables)"
    return {f["path"] for f in files}


# ---------------------------------------------------------------- temporary folders beside DIR

class Temporary:
    """`.DIR.tmp-XXXX/` beside DIR with our marker, locked while the build runs; `release` inside
    it is where the build writes. Use as a context manager: on exit the whole folder goes."""

    def __init__(self, out: Path):
        self.folder = Path(tempfile.mkdtemp(prefix=temp_prefix(out), dir=out.parent))
        self._lock = None
        try:
            marker = self.folder / MARKER
            marker.write_bytes(MARKER_TEXT)
            self._lock = _lock(marker)
            self.release = self.folder / "release"
            self.release.mkdir()
            os.chmod(self.release, 0o755)      # the release is for everyone to read, whatever the umask
        except BaseException:
            self.__exit__()
            raise

    def __enter__(self) -> "Temporary":
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)


def temp_prefix(out: Path) -> str:
    return f".{out.name}.tmp-"


def _lock(marker: Path) -> int | None:
    if fcntl is None:
        return None
    fd = os.open(marker, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def clean_stale_temporaries(out: Path) -> list[Path]:
    """Remove the temporary folders that killed builds of `out` left beside it; returns them."""
    removed = []
    if fcntl is None or not out.parent.is_dir():
        return removed
    for entry in sorted(out.parent.iterdir()):
        if entry.name.startswith(temp_prefix(out)) and _is_stale_temporary(entry):
            try:
                shutil.rmtree(entry)        # never follows a symbolic link: it refuses one
            except OSError:
                continue                    # left for a later build; this one need not fail for it
            removed.append(entry)
    return removed


def _is_stale_temporary(folder: Path) -> bool:
    """Ours (a real folder with our marker and only our subfolders) and not in use (lock free)."""
    marker = folder / MARKER
    try:
        if folder.is_symlink() or not folder.is_dir() or not set(os.listdir(folder)) <= TEMP_PARTS:
            return False
        info = marker.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(MARKER_TEXT) or marker.read_bytes() != MARKER_TEXT:
            return False
        if any((folder / part).is_symlink() for part in TEMP_PARTS - {MARKER}):
            return False
        fd = os.open(marker, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False     # a build that is running holds it
    finally:
        os.close(fd)
